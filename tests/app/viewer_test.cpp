// The viewer's pure parts (search, hit testing, areas, camera animation) and a smoke test of
// the real app under Xvfb.
#include <catch2/catch.hpp>

#include <array>

#include <cstdlib>
#include <filesystem>

#include "app/model.hpp"
#include "app/strings.hpp"
#include "data/paths.hpp"
#include "data/vector_source.hpp"
#include "output/furniture.hpp"
#include "scene/basemap.hpp"
#include "../test_support.hpp"

using namespace pv;

namespace {

struct Base {
    Projector projector{ProjectionKind::Albers};
    Layer counties, prefectures;
    Base() {
        counties = read_vector_layer(std::string(PLANVIEW_SOURCE_DIR) + "/maps/counties.geojson", "", projector);
        prefectures = read_vector_layer(std::string(PLANVIEW_SOURCE_DIR) + "/maps/prefectures.geojson", "", projector);
    }
};

const Base& base() {
    static Base b;
    return b;
}

std::vector<app::SearchEntry> entries() {
    std::vector<app::SearchEntry> e;
    app::add_search_entries(e, base().counties, 0);
    app::add_search_entries(e, base().prefectures, 1);
    return e;
}

std::string first_hit(const std::string& q) {
    auto e = entries();
    auto hits = app::search_units(e, q);
    return hits.empty() ? std::string() : e[hits[0].entry].name;
}

int find_county(const std::string& name) {
    const Layer& l = base().counties;
    for (size_t i = 0; i < l.features.size(); ++i)
        if (l.text(l.features[i], "name") == name) return int(i);
    return -1;
}


// Runs the real viewer under Xvfb at 1600x1000 for a few frames with `args`, keeping a screenshot.
struct ViewerRun {
    int status = -1;
    std::string log;
    std::vector<uint8_t> px;  // RGBA of the screenshot
};
ViewerRun run_viewer(const std::filesystem::path& dir, const std::string& args) {
    auto png = dir / "viewer.png";
    std::string cmd = "xvfb-run -a -s '-screen 0 1600x1000x24' '" + std::string(PLANVIEW_BINARY) + "' --frames 4 --screenshot '" +
                      png.string() + "' " + args + " > '" + (dir / "log.txt").string() + "' 2>&1";
    ViewerRun run;
    run.status = std::system(cmd.c_str());
    std::ifstream logf(dir / "log.txt");
    run.log.assign(std::istreambuf_iterator<char>(logf), {});
    PngInfo info;
    if (std::filesystem::exists(png)) run.px = read_png(png.string(), info);
    return run;
}

// The screenshot pixel at a lon/lat, with the viewer's opening camera (the default map fitted).
std::array<int, 3> viewer_pixel(const ViewerRun& run, double lon, double lat) {
    const Projector& projector = base().projector;
    Scene scene = default_scene(maps_dir(), projector);
    Camera cam = fit_camera(scene_extent_xy(scene, projector), 1600, 1000, 0.03);
    Vec2 s = map_to_screen(cam, projector.forward({lon, lat}));
    const uint8_t* p = &run.px.at((size_t(s.y) * 1600 + size_t(s.x)) * 4);
    return {p[0], p[1], p[2]};
}

// A square over northern Shanxi (away from the panels), as a GeoJSON polygon layer.
const char* kZoneGeojson =
    R"({"type":"FeatureCollection","features":[{"type":"Feature","properties":{"name":"测试区"},)"
    R"("geometry":{"type":"Polygon","coordinates":[[[112.2,38.9],[113.2,38.9],[113.2,39.6],[112.2,39.6],[112.2,38.9]]]}}]})";

}  // namespace

TEST_CASE("search: substring on names, prefix on codes, counties and prefectures", "[app]") {
    CHECK(first_hit("永济") == "永济市");
    CHECK(first_hit("永济市") == "永济市");
    CHECK(first_hit(" 140881 ") == "永济市");
    CHECK(first_hit("盐湖") == "盐湖区");
    CHECK(first_hit("云冈") == "平城区/云冈区");   // the combined unit, by name
    CHECK(first_hit("140214") == "平城区/云冈区");  // and by its second code
    CHECK(first_hit("运城市") == "运城市");         // a prefecture
    CHECK(first_hit("太原") == "太原市");
    CHECK(first_hit("").empty());
    CHECK(first_hit("不存在的地方").empty());
    // A code prefix finds every county of a prefecture.
    auto e = entries();
    auto hits = app::search_units(e, "1408", 100);
    CHECK(hits.size() >= 13);
    for (const auto& h : hits) CHECK(e[h.entry].codes[0].rfind("1408", 0) == 0);
}

TEST_CASE("hit testing: a screen point to the county under it", "[app]") {
    const Layer& l = base().counties;
    auto boxes = app::feature_boxes(l);
    Camera cam = fit_camera(l.bounds_xy(), 1600, 1000, 0.03);
    for (const char* name : {"永济市", "盐湖区", "清徐县", "天镇县"}) {
        int i = find_county(name);
        REQUIRE(i >= 0);
        const Feature& f = l.features[size_t(i)];
        Vec2 seat{value_to_double(l.attr(f, l.field_index("seat_lon"))), value_to_double(l.attr(f, l.field_index("seat_lat")))};
        Vec2 px = map_to_screen(cam, base().projector.forward(seat));
        INFO(name);
        CHECK(app::hit_test(l, boxes, cam, px) == i);
    }
    CHECK(app::hit_test(l, boxes, cam, {2, 2}) == -1);  // the corner is outside Shanxi
    // Zoomed in on 永济市 the same point still hits it.
    int yj = find_county("永济市");
    Camera near = fit_camera(boxes[size_t(yj)], 800, 600, 0.1);
    CHECK(app::hit_test(l, boxes, near, {400, 300}) == yj);
}

TEST_CASE("even-odd area: holes subtract, county areas are plausible", "[app]") {
    Geometry g;
    g.kind = GeomKind::Polygon;
    g.points = {{0, 0}, {10, 0}, {10, 10}, {0, 10}, {2, 2}, {2, 4}, {4, 4}, {4, 2}, {20, 0}, {21, 0}, {21, 1}, {20, 1}};
    g.part_starts = {0, 4, 8};
    CHECK(app::even_odd_area(g) == Approx(100 - 4 + 1));
    CHECK(point_in_polygon(g, {1, 1}));
    CHECK_FALSE(point_in_polygon(g, {3, 3}));  // in the hole
    CHECK(point_in_polygon(g, {20.5, 0.5}));
    // 永济市 is about 1,220 km²; the whole province about 156,700 km².
    const Layer& l = base().counties;
    CHECK(app::even_odd_area(l.features[size_t(find_county("永济市"))].xy) / 1e6 == Approx(1200).margin(150));
    double total = 0;
    for (const auto& f : l.features) total += app::even_odd_area(f.xy) / 1e6;
    CHECK(total == Approx(156700).epsilon(0.03));
}

TEST_CASE("camera animation: eased, ends exactly, keeps the zoom anchor fixed", "[app]") {
    Camera a;
    a.center = {1000, 2000};
    a.scale = 500;
    a.width = 1600, a.height = 1000;
    Vec2 anchor{1200, 300};
    Camera b = zoom_about(a, anchor, 4.0, 1, 1e6);
    Vec2 m = screen_to_map(a, anchor);
    for (double e : {0.0, 0.1, 0.5, 0.9, 1.0}) {
        Camera c = app::interpolate_camera(a, b, e);
        Vec2 s = map_to_screen(c, m);
        CHECK(s.x == Approx(anchor.x).margin(1e-6));
        CHECK(s.y == Approx(anchor.y).margin(1e-6));
        CHECK(c.scale <= a.scale + 1e-9);
        CHECK(c.scale >= b.scale - 1e-9);
    }
    CHECK(app::interpolate_camera(a, b, 0.5).scale == Approx(std::sqrt(a.scale * b.scale)));  // geometric
    // Pure pan: linear in the eased fraction.
    Camera p = pan_by_pixels(a, {100, -50});
    Camera h = app::interpolate_camera(a, p, 0.5);
    CHECK(h.center.x == Approx((a.center.x + p.center.x) / 2));
    // Easing: 0 -> 0, 1 -> 1, monotonic, fast start.
    CHECK(app::ease_out_cubic(0) == 0);
    CHECK(app::ease_out_cubic(1) == 1);
    CHECK(app::ease_out_cubic(0.5) > 0.5);
    for (double t = 0; t < 1; t += 0.05) CHECK(app::ease_out_cubic(t + 0.05) >= app::ease_out_cubic(t));
    app::CameraAnim an;
    app::animate_to(an, a, b, 10.0, 0.2);
    CHECK(app::animate(an, 10.0).scale == Approx(a.scale));
    CHECK(an.active);
    Camera end = app::animate(an, 10.25);
    CHECK(end.scale == b.scale);
    CHECK(end.center == b.center);
    CHECK_FALSE(an.active);
    CHECK(nice_length_km(140) == 100);
    CHECK(nice_length_km(3.1) == 2);
    CHECK(nice_length_km(0.007) == Approx(0.005));
}

TEST_CASE("UI strings: every entry has both languages", "[app]") {
    for (const auto& s : app::kStrings) {
        CHECK(std::string(s.zh).size() > 0);
        CHECK(std::string(s.en).size() > 0);
    }
    CHECK(std::string(app::tr(app::Str::Layers, false)) == "图层");
    CHECK(std::string(app::tr(app::Str::Layers, true)) == "Layers");
}

TEST_CASE("smoke: the real viewer under Xvfb draws counties in their fill colours", "[app]") {
    // xvfb-run comes with the project's install script: missing it is a failure, not a skip.
    REQUIRE(std::system("command -v xvfb-run >/dev/null 2>&1") == 0);
    auto dir = pvtest::temp_dir("app-smoke");
    auto png = dir / "viewer.png";
    std::string cmd = "xvfb-run -a -s '-screen 0 1600x1000x24' '" + std::string(PLANVIEW_BINARY) +
                      "' --frames 5 --screenshot '" + png.string() + "' /nonexistent/planview-missing.geojson > '" +
                      (dir / "log.txt").string() + "' 2>&1";
    int rc = std::system(cmd.c_str());
    std::ifstream logf(dir / "log.txt");
    std::string log((std::istreambuf_iterator<char>(logf)), {});
    INFO(log);
    REQUIRE(rc == 0);  // a file that cannot be opened is reported, and the app keeps running
    CHECK(log.find("planview-missing.geojson") != std::string::npos);
    REQUIRE(std::filesystem::exists(png));

    PngInfo info;
    std::vector<uint8_t> px = read_png(png.string(), info);
    REQUIRE(info.width == 1600);
    REQUIRE(info.height == 1000);
    const Projector& projector = base().projector;
    Scene scene = default_scene(maps_dir(), projector);
    Camera cam = fit_camera(scene_extent_xy(scene, projector), 1600, 1000, 0.03);
    const SceneLayer* counties = scene.find("counties");
    REQUIRE(counties);
    for (const char* name : {"永济市", "盐湖区", "天镇县"}) {
        INFO(name);
        size_t i = 0;
        while (i < counties->data->features.size() && counties->data->text(counties->data->features[i], "name") != name) ++i;
        REQUIRE(i < counties->data->features.size());
        const Geometry& g = counties->data->features[i].xy;
        Rgba want = counties->feature_fill[i];
        Bounds b = g.bounds();
        Vec2 s0 = map_to_screen(cam, {b.min_x, b.max_y}), s1 = map_to_screen(cam, {b.max_x, b.min_y});
        int inside = 0, match = 0;
        for (int y = int(s0.y); y <= int(s1.y); y += 2)
            for (int x = int(s0.x); x <= int(s1.x); x += 2) {
                if (!point_in_polygon(g, screen_to_map(cam, {x + 0.5, y + 0.5}))) continue;
                ++inside;
                const uint8_t* p = &px[(size_t(y) * 1600 + size_t(x)) * 4];
                if (std::abs(p[0] - want.r) <= 6 && std::abs(p[1] - want.g) <= 6 && std::abs(p[2] - want.b) <= 6) ++match;
            }
        REQUIRE(inside > 20);
        CHECK(match > inside / 2);  // most of it: outlines, labels and the seat marker cover the rest
    }
}

TEST_CASE("smoke: files on the command line open as layers, drawn in the viewer", "[app]") {
    REQUIRE(std::system("command -v xvfb-run >/dev/null 2>&1") == 0);
    auto dir = pvtest::temp_dir("app-open");
    pvtest::write_file(dir / "zone.geojson", kZoneGeojson);
    pvtest::write_file(dir / "broken.geojson", "{ not json");
    ViewerRun run = run_viewer(dir, "--drop '" + (dir / "zone.geojson").string() + "' '" + (dir / "broken.geojson").string() + "'");
    INFO(run.log);
    REQUIRE(run.status == 0);
    CHECK(run.log.find("opened: " + (dir / "zone.geojson").string() + " (1 features)") != std::string::npos);
    CHECK(run.log.find("cannot open " + (dir / "broken.geojson").string()) != std::string::npos);
    // The middle of the square is tinted red (the first opened layer's colour at 35 %).
    auto p = viewer_pixel(run, 112.45, 39.05);
    INFO(p[0] << "," << p[1] << "," << p[2]);
    CHECK(p[0] > p[1] + 30);
    CHECK(p[0] > p[2] + 30);
}

TEST_CASE("wheel zoom: steps during an animation add up, about the cursor, within limits", "[app]") {
    Camera home;
    home.center = {0, 0};
    home.scale = 1000;
    home.width = 1600, home.height = 1000;
    Vec2 cursor{400, 700};
    Vec2 under = screen_to_map(home, cursor);
    app::CameraAnim an;
    an.to = home;
    Camera shown = home;
    app::animate_to(an, shown, app::zoom_target(shown, an.to, cursor, 2.0, 10, 4000), 0.0, 0.2);
    shown = app::animate(an, 0.05);  // a second wheel step arrives mid-animation
    app::animate_to(an, shown, app::zoom_target(shown, an.to, cursor, 2.0, 10, 4000), 0.05, 0.2);
    CHECK(an.to.scale == Approx(250));  // 1000 / 2 / 2
    for (double t : {0.1, 0.15, 0.3}) {
        Camera c = app::animate(an, t);
        Vec2 s = map_to_screen(c, under);
        CHECK(s.x == Approx(cursor.x).margin(1e-6));
        CHECK(s.y == Approx(cursor.y).margin(1e-6));
    }
    // Limits: zooming far in stops at the minimum scale.
    Camera deep = app::zoom_target(home, home, cursor, 1e6, 10, 4000);
    CHECK(deep.scale == Approx(10));
    Camera out = app::zoom_target(home, home, cursor, 1e-6, 10, 4000);
    CHECK(out.scale == Approx(4000));
}

TEST_CASE("smoke: a scene file opened in the viewer adds its layers in their place; a broken one is reported", "[app]") {
    REQUIRE(std::system("command -v xvfb-run >/dev/null 2>&1") == 0);
    auto dir = pvtest::temp_dir("app-open-scene");
    pvtest::write_file(dir / "zone.geojson", kZoneGeojson);
    // Under the prefecture borders, as an indicator map is: the borders must stay on top.
    pvtest::write_file(dir / "zone.toml",
                       "title = \"测试场景\"\n[[layer]]\nid = \"zone\"\nsource = \"zone.geojson\"\ntype = \"fill\"\n"
                       "fill = \"#1f3fd0\"\nbelow = \"prefectures\"\n");
    pvtest::write_file(dir / "broken.toml", "title = \"x\"\n[[layer]]\nid = \"a\"\ntype = \"nonsense\"\n");
    ViewerRun run = run_viewer(dir, "'" + (dir / "zone.toml").string() + "' '" + (dir / "broken.toml").string() + "'");
    INFO(run.log);
    REQUIRE(run.status == 0);
    CHECK(run.log.find("opened scene: " + (dir / "zone.toml").string() + " (1 layers)") != std::string::npos);
    CHECK(run.log.find("broken.toml:2:1: layer 'a' has no source") != std::string::npos);  // file:line:column
    auto p = viewer_pixel(run, 112.45, 39.05);
    INFO(p[0] << "," << p[1] << "," << p[2]);
    CHECK(p[2] > p[0] + 80);  // the scene's blue fill
}
