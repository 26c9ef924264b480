// The viewer's indicator map, table report and plan-targets view, run for real under Xvfb.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "../test_support.hpp"
#include "data/paths.hpp"
#include "output/png_writer.hpp"
#include "scene/basemap.hpp"
#include "scene/indicator_layer.hpp"
#include "scene/palette.hpp"

using namespace pv;

namespace {
std::string run_viewer(const std::filesystem::path& dir, const std::string& args, int* rc) {
    std::string cmd = "xvfb-run -a -s '-screen 0 1600x1000x24' '" + std::string(PLANVIEW_BINARY) + "' " + args + " > '" +
                      (dir / "log.txt").string() + "' 2>&1";
    *rc = std::system(cmd.c_str());
    std::ifstream logf(dir / "log.txt");
    return std::string((std::istreambuf_iterator<char>(logf)), {});
}
}  // namespace

TEST_CASE("smoke: --indicator maps a census field in the viewer, counties in their class colours", "[app][indicator]") {
    REQUIRE(std::system("command -v xvfb-run >/dev/null 2>&1") == 0);
    auto dir = pvtest::temp_dir("app-indicator");
    auto png = dir / "i.png";
    int rc = 0;
    std::string log = run_viewer(dir, "--indicator census_2020_county:share_age_65plus_pct:jenks:5 --hide seats --frames 4 --screenshot '" +
                                          png.string() + "'", &rc);
    INFO(log);
    REQUIRE(rc == 0);
    CHECK(log.find("indicator: census_2020_county / share_age_65plus_pct (county)") != std::string::npos);
    Projector projector(ProjectionKind::Albers);
    Scene scene = default_scene(maps_dir(), projector);
    Camera cam = fit_camera(scene_extent_xy(scene, projector), 1600, 1000, 0.03);
    IndicatorSpec spec;
    spec.table = "census_2020_county", spec.field = "share_age_65plus_pct", spec.method = ClassMethod::NaturalBreaks;
    IndicatorJoin j = join_indicator(spec, "", *scene.find("counties")->data, *scene.find("prefectures")->data);
    SceneLayer l = choropleth_layer(spec, j, scene.find("counties")->data, "x");
    std::vector<Rgba> colours = palette("viridis", 5);
    PngInfo info;
    auto px = read_png(png.string(), info);
    // 五台县 has the highest share (20.08 %): top class, yellow.
    for (size_t i = 0; i < l.data->features.size(); ++i) {
        if (l.data->text(l.data->features[i], "name") != "五台县") continue;
        CHECK(l.feature_class[i] == 4);
        // Around its label point (the label itself covers the point): mostly the class colour.
        Vec2 s = map_to_screen(cam, l.data->features[i].label_xy);
        int match = 0, n = 0;
        for (int dy = -14; dy <= 14; dy += 2)
            for (int dx = -14; dx <= 14; dx += 2, ++n) {
                const uint8_t* p = &px[(size_t(s.y + dy) * 1600 + size_t(s.x + dx)) * 4];
                match += std::abs(p[0] - colours[4].r) <= 4 && std::abs(p[1] - colours[4].g) <= 4 && std::abs(p[2] - colours[4].b) <= 4;
            }
        CHECK(match > n / 3);
    }
}

TEST_CASE("smoke: a bad table is reported, the viewer keeps running; plan targets open", "[app][indicator]") {
    REQUIRE(std::system("command -v xvfb-run >/dev/null 2>&1") == 0);
    auto dir = pvtest::temp_dir("app-indicator-bad");
    pvtest::write_file(dir / "t.csv", "code,v\n140105,x\n");
    int rc = 0;
    std::string log = run_viewer(dir, "--indicator '" + (dir / "t.csv").string() + ":v' --targets 000 --frames 3", &rc);
    INFO(log);
    CHECK(rc == 0);
    CHECK(log.find("t.csv:2: column 'v': value 'x': not a number") != std::string::npos);
    CHECK(log.find("targets: 000 (37 indicators") != std::string::npos);
}
