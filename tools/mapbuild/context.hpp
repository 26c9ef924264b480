// Context layers: neighbouring provinces (DCW), rivers and lakes (GSHHG WDBII), mountain
// ranges (our own label paths). Inputs are the text dumps of `gmt coast -M` made by
// tools/build-maps.sh.
#pragma once
#include <memory>
#include <string>
#include <vector>

#include "geom_util.hpp"

namespace mapbuild {

// The context box, lon/lat: 108-116.5E, 33.5-41.7N.
constexpr double kBoxWest = 108.0, kBoxEast = 116.5, kBoxSouth = 33.5, kBoxNorth = 41.7;

struct GmtSegment {
    std::string header;  // text after '>'
    Polyline points;
};
// A GMT multi-segment text file (`gmt coast ... -M`).
std::vector<GmtSegment> read_gmt_segments(const std::string& path);

// All segments of a `gmt coast -E<code> -M` dump as one polygon (holes found by nesting).
std::unique_ptr<OGRMultiPolygon> dcw_polygon(const std::string& path);

struct Neighbour {
    std::string code, name, name_en;
    std::unique_ptr<OGRMultiPolygon> geom;
};
// dir holds one dump per region, named <code>.txt (CN.HE.txt ...); missing ones are skipped.
std::vector<Neighbour> build_neighbours(const std::string& dir);

struct River {
    std::string name;
    int level = 0;
    std::unique_ptr<OGRLineString> geom;
};
std::vector<River> build_rivers(const std::string& dump);

struct Lake {
    std::string name;
    double area_km2 = 0;
    std::unique_ptr<OGRPolygon> geom;
};
std::vector<Lake> build_lakes(const std::string& dump);

struct Range {
    std::string name, name_en;
    std::unique_ptr<OGRLineString> geom;
};
std::vector<Range> build_ranges();

}  // namespace mapbuild
