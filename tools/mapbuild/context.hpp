// Context layers: neighbouring provinces (DCW), rivers and lakes (GSHHG WDBII), mountain
// ranges (our own label paths). Inputs are the text dumps of `gmt coast -M` made by
// tools/build-maps.sh.
#pragma once
#include <memory>
#include <string>
#include <vector>

#include "geom_util.hpp"

namespace mapbuild {

// The context box, lon/lat: 103.5-121.5E, 31.5-43.5N. Wide enough that no page of the whole
// province, portrait A4 to 16:9 (legend over the map), shows the box's straight edges: on the
// Albers plane fitted to Shanxi the page presets span at most 104.2-119.8E and 34.1-41.2N
// (measured from the exports' world files; tests/output/context_box_test.cpp checks it with
// half a degree to spare). The latitude margin is wider for viewer windows taller than the
// province; DCW's CN.QH (to 103.06E) and CN.JL (from 121.63E) stop just short of the box.
constexpr double kBoxWest = 103.5, kBoxEast = 121.5, kBoxSouth = 31.5, kBoxNorth = 43.5;
// Within the detail box (the old, narrower context box round Shanxi, which city-level pages
// zoom into) neighbours and rivers keep every source vertex; beyond it, where only
// province-wide pages show them, runs of vertices are simplified to kFarToleranceDeg (about
// 150 m: a fifth of a pixel on a 4k page of the province) to keep the files small.
constexpr double kDetailWest = 108.0, kDetailEast = 116.5, kDetailSouth = 33.5, kDetailNorth = 41.7;
constexpr double kFarToleranceDeg = 0.0015;

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
