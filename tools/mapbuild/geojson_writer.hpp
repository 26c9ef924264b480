// A GeoJSON (RFC 7946) writer with byte-for-byte reproducible output: fixed 6 decimals,
// features in the order given, properties in the order given, nothing time-dependent.
// GDAL's own driver trims trailing zeros and its layout varies between versions, so the
// shipped files are written here instead.
#pragma once
#include <ogr_geometry.h>

#include <string>
#include <vector>

namespace mapbuild {

struct Property {
    std::string key;
    std::string json;  // the value, already JSON
};

Property text_prop(const std::string& key, const std::string& value);
Property int_prop(const std::string& key, long long value);
Property real_prop(const std::string& key, double value, int decimals);

struct OutFeature {
    std::vector<Property> props;
    const OGRGeometry* geometry = nullptr;  // Point, (Multi)LineString or (Multi)Polygon
};

// Writes a FeatureCollection; one feature per line so that diffs stay readable.
// Polygon rings are written counter-clockwise (outer) / clockwise (holes), as RFC 7946 asks.
void write_geojson(const std::string& path, const std::vector<OutFeature>& features);

// Rounds every vertex to 6 decimals and drops the repeated vertices that this creates, so that
// what later stages compute with is exactly what gets written.
void round_to_grid(OGRGeometry& g);

}  // namespace mapbuild
