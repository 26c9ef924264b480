// The context layers (neighbours, rivers, lakes) stop at a lon/lat box. Its straight edges must
// never show on a page of the whole province: every page preset (portrait A4 to 16:9), fitted
// to Shanxi the way export fits it, lies inside the neighbours' outer edge.
#include <catch2/catch.hpp>

#include <gdal.h>
#include <ogrsf_frmts.h>

#include <memory>
#include <string>
#include <vector>

#include "data/paths.hpp"
#include "output/export.hpp"
#include "scene/basemap.hpp"
#include "scene/camera.hpp"

using namespace pv;

namespace {

// The outer edge of neighbours.geojson, lon/lat.
OGREnvelope neighbours_envelope() {
    GDALAllRegister();
    std::unique_ptr<GDALDataset> ds(GDALDataset::Open((maps_dir() + "/neighbours.geojson").c_str(), GDAL_OF_VECTOR));
    REQUIRE(ds);
    OGREnvelope e;
    REQUIRE(ds->GetLayer(0)->GetExtent(&e, true) == OGRERR_NONE);
    return e;
}

}  // namespace

TEST_CASE("context box: no page of the whole province reaches the neighbours' outer edge", "[basemap][export]") {
    const OGREnvelope box = neighbours_envelope();
    // Half a degree to spare on every side, so that a scene fitted a little off the province's
    // centre (plan layouts, a wider title band) is still covered.
    const double spare = 0.5;
    Projector projector(ProjectionKind::Albers);
    std::vector<std::pair<int, int>> pages;
    for (const auto& p : kPagePresets) pages.emplace_back(p.width, p.height);
    for (const auto& [w, h] : pages) {
        Scene s = default_scene(maps_dir(), projector);
        s.width = w, s.height = h;
        const Camera cam = page_camera(s, projector);
        std::vector<Vec2> edge;
        for (int i = 0; i <= 40; ++i) {
            const double t = i / 40.0;
            for (Vec2 px : {Vec2{t * w, 0}, Vec2{t * w, double(h)}, Vec2{0, t * h}, Vec2{double(w), t * h}})
                edge.push_back(screen_to_map(cam, px));
        }
        projector.inverse(edge);
        double west = 180, east = -180, south = 90, north = -90;
        for (auto p : edge) west = std::min(west, p.x), east = std::max(east, p.x), south = std::min(south, p.y),
                            north = std::max(north, p.y);
        INFO(w << "x" << h << " page spans " << west << "-" << east << "E " << south << "-" << north << "N");
        CHECK(west > box.MinX + spare);
        CHECK(east < box.MaxX - spare);
        CHECK(south > box.MinY + spare);
        CHECK(north < box.MaxY - spare);
    }
}
