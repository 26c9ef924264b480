#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "../test_support.hpp"
#include "data/paths.hpp"
#include "meaning/layout.hpp"
#include "scene/basemap.hpp"

using namespace pv;
namespace fs = std::filesystem;

TEST_CASE("smoke: a broken layout file is reported in the viewer, the other layouts still draw", "[app][layouts]") {
    REQUIRE(std::system("command -v xvfb-run >/dev/null 2>&1") == 0);
    // A PlanView home whose 000 layout file has an unknown kind on line 24.
    auto home = pvtest::temp_dir("plans-home");
    fs::path repo = PLANVIEW_SOURCE_DIR;
    fs::create_directory_symlink(repo / "maps", home / "maps");
    fs::create_directories(home / "data" / "layouts");
    fs::copy_file(repo / "data" / "gazetteer.csv", home / "data" / "gazetteer.csv");
    for (const auto& f : layout_files_in((repo / "data" / "layouts").string()))
        fs::copy_file(f, home / "data" / "layouts" / fs::path(f).filename());
    fs::path bad = home / "data" / "layouts" / "000_yuncheng_14th_fyp.toml";
    {
        std::ifstream in(bad);
        std::string text((std::istreambuf_iterator<char>(in)), {});
        size_t at = text.find("kind = \"centre_secondary\"");
        REQUIRE(at != std::string::npos);
        text.replace(at, 25, "kind = \"centre_tertiary\"");
        pvtest::write_file(bad, text);
    }
    auto png = home / "shot.png";
    std::string cmd = "PLANVIEW_HOME='" + home.string() + "' xvfb-run -a -s '-screen 0 1600x1000x24' '" +
                      std::string(PLANVIEW_BINARY) + "' --frames 4 --layouts 000,004/yizhu-sanfu-liushi --screenshot '" +
                      png.string() + "' > '" + (home / "log.txt").string() + "' 2>&1";
    int rc = std::system(cmd.c_str());
    std::ifstream logf(home / "log.txt");
    std::string log((std::istreambuf_iterator<char>(logf)), {});
    INFO(log);
    REQUIRE(rc == 0);
    CHECK(log.find("000_yuncheng_14th_fyp.toml:24:8: unknown kind 'centre_tertiary'") != std::string::npos);
    // 004's 三副 are drawn: the red dot of ◎ at 大同's seat.
    PngInfo info;
    auto px = read_png(png.string(), info);
    Projector projector(ProjectionKind::Albers);
    Scene scene = default_scene(maps_dir(), projector);
    Camera cam = fit_camera(scene_extent_xy(scene, projector), 1600, 1000, 0.03);
    Gazetteer g = Gazetteer::load(maps_dir(), planview_home() + "/data/gazetteer.csv");
    Vec2 s = map_to_screen(cam, projector.forward(g.seat("大同", SourcePos{"test", 0, 0})));
    const uint8_t* p = &px[(size_t(s.y) * 1600 + size_t(s.x)) * 4];
    INFO(int(p[0]) << "," << int(p[1]) << "," << int(p[2]));
    CHECK(std::abs(p[0] - 215) < 15);
    CHECK(p[1] < 50);
    CHECK(p[2] < 60);
}
