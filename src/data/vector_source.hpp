// Reading any GDAL vector source into Layers with WGS84 and projected coordinates.
#pragma once
#include <string>
#include <vector>

#include "data/geometry.hpp"
#include "data/projection.hpp"

namespace pv {

// Names of the layers of a GDAL vector source. Throws pv::Error naming the file.
std::vector<std::string> list_vector_layers(const std::string& path);

// Reads one layer (by name; empty = the first) of any GDAL vector source, transforms it from
// its own CRS to WGS84 (a source without a CRS is taken as WGS84 lon/lat), then to the map
// projection. Polygons may be invalid (self-intersecting rings): they are kept as they are.
// Throws pv::Error naming the file (and layer) and what is wrong.
Layer read_vector_layer(const std::string& path, const std::string& layer_name, const Projector& projector);

// A point well inside a polygon (pole of inaccessibility, to a tolerance in the same units),
// for labels; for lines the middle vertex, for points the first point.
Vec2 label_point(const Geometry& g, double tolerance);

}  // namespace pv
