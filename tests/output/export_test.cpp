#include <catch2/catch.hpp>

#include <cmath>

#include "../test_support.hpp"
#include "data/paths.hpp"
#include "data/vector_source.hpp"
#include "output/export.hpp"
#include "scene/basemap.hpp"
#include "scene/scene_file.hpp"

using namespace pv;
using pvtest::Image;

namespace {

// The default map without labels and seat symbols, so interior pixels show the fill alone.
Scene plain_default_scene(const Projector& projector) {
    Scene s = default_scene(maps_dir(), projector);
    s.labels = false;
    s.furniture = false;
    s.find("seats")->visible = false;
    s.width = 1000, s.height = 1200;
    return s;
}

const Feature& county(const Scene& s, const std::string& name) {
    const Layer& l = *s.find("counties")->data;
    for (const auto& f : l.features)
        if (l.text(f, "name") == name) return f;
    FAIL("no county " << name);
    throw;
}

std::array<int, 4> pixel_at_map(const Image& im, const Camera& cam, Vec2 xy) {
    Vec2 s = map_to_screen(cam, xy);
    return im.at(int(s.x), int(s.y));
}

bool near(std::array<int, 4> px, Rgba c, int tol = 3) {
    return std::abs(px[0] - c.r) <= tol && std::abs(px[1] - c.g) <= tol && std::abs(px[2] - c.b) <= tol;
}

}  // namespace

TEST_CASE("default map: named counties have their fill, outside has the background", "[render]") {
    Projector projector(ProjectionKind::Albers);
    Scene s = plain_default_scene(projector);
    Bounds wide;
    wide.add(Vec2{107, 33});
    wide.add(Vec2{118, 42});
    s.extent = wide;
    auto dir = pvtest::temp_dir("export-default");
    std::string out = (dir / "map.png").string();
    ExportReport rep = export_png(s, out);
    Image im = pvtest::load(out);
    REQUIRE(im.info.width == 1000);
    REQUIRE(im.info.height == 1200);
    const SceneLayer& counties = *s.find("counties");
    for (const char* name : {"永济市", "平遥县", "小店区", "天镇县"}) {
        const Feature& f = county(s, name);
        size_t i = size_t(&f - counties.data->features.data());
        INFO(name);
        CHECK(near(pixel_at_map(im, rep.camera, f.label_xy), counties.feature_fill[i]));
    }
    // 永济 (运城) and 平遥 (晋中) are in different cities, so their tints differ.
    CHECK_FALSE(counties.feature_fill[size_t(&county(s, "永济市") - counties.data->features.data())] ==
                counties.feature_fill[size_t(&county(s, "平遥县") - counties.data->features.data())]);
    // Shaanxi, west of the Yellow River: the neighbours' fill, not any county tint.
    CHECK(near(pixel_at_map(im, rep.camera, projector.forward(Vec2{109.6, 36.6})), s.find("neighbours")->fill));
    // West of the old context box (108E) the neighbours go on: no clip edge there any more.
    CHECK(near(pixel_at_map(im, rep.camera, projector.forward(Vec2{107.9, 37.5})), s.find("neighbours")->fill));
    // Where there is no land (渤海, off 天津) there is no data at all: background.
    CHECK(near(pixel_at_map(im, rep.camera, projector.forward(Vec2{117.9, 38.8})), s.background, 0));
}

TEST_CASE("default map: the province border is drawn bold and dark", "[render]") {
    Projector projector(ProjectionKind::Albers);
    Scene s = plain_default_scene(projector);
    auto dir = pvtest::temp_dir("export-border");
    std::string out = (dir / "map.png").string();
    ExportReport rep = export_png(s, out);
    Image im = pvtest::load(out);
    const Feature& prov = s.find("province")->data->features.at(0);
    int dark = 0, checked = 0;
    for (size_t i = 0; i < prov.xy.points.size(); i += 97) {
        Vec2 p = map_to_screen(rep.camera, prov.xy.points[i]);
        auto px = im.at(int(std::lround(p.x)), int(std::lround(p.y)));
        ++checked;
        if (px[0] < 110 && px[1] < 110 && px[2] < 110) ++dark;
    }
    REQUIRE(checked > 40);
    CHECK(dark >= checked * 9 / 10);
}

TEST_CASE("default map: labels are drawn, and prefecture names win", "[render]") {
    Projector projector(ProjectionKind::Albers);
    Scene s = plain_default_scene(projector);
    s.labels = true;
    auto dir = pvtest::temp_dir("export-labels");
    ExportReport with = export_png(s, (dir / "on.png").string());
    s.labels = false;
    export_png(s, (dir / "off.png").string());
    Image on = pvtest::load((dir / "on.png").string()), off = pvtest::load((dir / "off.png").string());
    CHECK(with.labels.placed > 60);
    CHECK(with.labels.placed < with.labels.candidates);
    // Around 太原市's label point, text pixels appear only with labels on.
    const Layer& pref = *s.find("prefectures")->data;
    for (const auto& f : pref.features) {
        if (pref.text(f, "name") != "太原市") continue;
        Vec2 c = map_to_screen(with.camera, f.label_xy);
        int differing = 0, dark = 0;
        for (int dy = -10; dy <= 10; ++dy)
            for (int dx = -25; dx <= 25; ++dx) {
                auto a = on.at(int(c.x) + dx, int(c.y) + dy), b = off.at(int(c.x) + dx, int(c.y) + dy);
                if (a != b) ++differing;
                if (a[0] < 60 && a[1] < 60 && a[2] < 60) ++dark;
            }
        CHECK(differing > 100);
        CHECK(dark > 30);
    }
}

TEST_CASE("polygons with holes, multi-parts and self-intersections fill even-odd", "[render]") {
    auto dir = pvtest::temp_dir("export-evenodd");
    // A square with a hole, a second square (multi-part), and a bow-tie (self-intersecting).
    pvtest::write_file(dir / "shapes.geojson", R"({"type":"FeatureCollection","features":[
 {"type":"Feature","properties":{"name":"holed"},"geometry":{"type":"MultiPolygon","coordinates":[
   [[[111,36],[113,36],[113,38],[111,38],[111,36]],[[111.5,36.5],[112.5,36.5],[112.5,37.5],[111.5,37.5],[111.5,36.5]]],
   [[[113.5,36],[114,36],[114,36.5],[113.5,36.5],[113.5,36]]]]}},
 {"type":"Feature","properties":{"name":"bowtie"},"geometry":{"type":"Polygon","coordinates":[
   [[111,38.5],[113,39.5],[113,38.5],[111,39.5],[111,38.5]]]}}]})");
    pvtest::write_file(dir / "scene.toml", R"(
basemap = false
furniture = false
size = [600, 600]
extent = [110.8, 35.8, 114.2, 39.7]
[[layer]]
id = "shapes"
source = "shapes.geojson"
fill = "#ff0000"
stroke_width = 0
)");
    Scene s = load_scene_file((dir / "scene.toml").string());
    ExportReport rep = export_png(s, (dir / "out.png").string());
    Image im = pvtest::load((dir / "out.png").string());
    Projector projector(ProjectionKind::Albers);
    auto px = [&](double lon, double lat) { return pixel_at_map(im, rep.camera, projector.forward(Vec2{lon, lat})); };
    Rgba red{255, 0, 0, 255}, white{255, 255, 255, 255};
    CHECK(near(px(111.2, 36.2), red));    // ring
    CHECK(near(px(112.0, 37.0), white));  // hole
    CHECK(near(px(113.75, 36.25), red));  // second part
    CHECK(near(px(111.3, 39.0), red));    // left lobe of the bow-tie
    CHECK(near(px(112.7, 39.0), red));    // right lobe
    CHECK(near(px(112.0, 39.45), white)); // between the lobes, above the crossing
}

TEST_CASE("tiled export matches a single pass", "[render][tiles]") {
    Projector projector(ProjectionKind::Albers);
    Scene s = default_scene(maps_dir(), projector);
    s.width = 900, s.height = 700;
    auto dir = pvtest::temp_dir("export-tiles");
    ExportOptions one, tiled;
    one.date = tiled.date = "2026-01-01";
    tiled.max_tile = 256;
    ExportReport a = export_png(s, (dir / "one.png").string(), one);
    ExportReport b = export_png(s, (dir / "tiled.png").string(), tiled);
    CHECK(a.tiles == 1);
    CHECK(b.tiles == 4 * 3);
    Image ia = pvtest::load((dir / "one.png").string()), ib = pvtest::load((dir / "tiled.png").string());
    REQUIRE(ia.px.size() == ib.px.size());
    // Anti-aliased edges may differ by rounding where a tile's centre shifts sub-pixel sample
    // positions; nothing else may.
    size_t differ = 0;
    for (size_t i = 0; i < ia.px.size(); ++i)
        if (std::abs(int(ia.px[i]) - int(ib.px[i])) > 24) ++differ;
    CHECK(differ < ia.px.size() / 1000);
}

TEST_CASE("PNG carries the page size and DPI", "[output]") {
    Projector projector(ProjectionKind::Albers);
    Scene s = plain_default_scene(projector);
    s.width = 620, s.height = 877, s.dpi = 300;
    auto dir = pvtest::temp_dir("export-dpi");
    export_png(s, (dir / "a4.png").string());
    Image im = pvtest::load((dir / "a4.png").string());
    CHECK(im.info.width == 620);
    CHECK(im.info.height == 877);
    CHECK(im.info.dpi == Approx(300).margin(0.1));
    // Nothing but the output is left in the folder (no temp files).
    size_t files = 0;
    for (auto& e : std::filesystem::directory_iterator(dir)) (void)e, ++files;
    CHECK(files == 1);
}

TEST_CASE("Web Mercator export works as well", "[render]") {
    Projector merc(ProjectionKind::WebMercator);
    Scene s = plain_default_scene(merc);
    s.projection = ProjectionKind::WebMercator;
    auto dir = pvtest::temp_dir("export-merc");
    ExportReport rep = export_png(s, (dir / "m.png").string());
    Image im = pvtest::load((dir / "m.png").string());
    const SceneLayer& counties = *s.find("counties");
    const Feature& f = county(s, "永济市");
    CHECK(near(pixel_at_map(im, rep.camera, f.label_xy), counties.feature_fill[size_t(&f - counties.data->features.data())]));
}

TEST_CASE("map furniture is drawn where it is laid out", "[render][furniture]") {
    Projector projector(ProjectionKind::Albers);
    Scene s = default_scene(maps_dir(), projector);
    s.width = 1200, s.height = 1000;
    auto dir = pvtest::temp_dir("export-furniture");
    ExportReport rep = export_png(s, (dir / "f.png").string());
    Image im = pvtest::load((dir / "f.png").string());
    const Furniture& f = rep.furniture;
    auto dark_pixels = [&](const Rect& r) { return pvtest::dark_pixels(im, r.x, r.y, r.w, r.h); };
    for (const Rect* r : {&f.title, &f.legend, &f.scale_bar, &f.north_arrow, &f.source}) {
        REQUIRE(r->w > 0);
        CHECK(r->x >= 0);
        CHECK(r->y >= 0);
        CHECK(r->x + r->w <= s.width);
        CHECK(r->y + r->h <= s.height);
        CHECK(dark_pixels(*r) > 20);  // text or bars, not an empty box
    }
    // The scale bar stands for a round number of kilometres.
    CHECK((f.scale_bar_km == 50 || f.scale_bar_km == 100 || f.scale_bar_km == 200));
    CHECK(nice_length_km(123) == 100);
    CHECK(nice_length_km(0.37) == Approx(0.2));
    CHECK(nice_length_km(7) == 5);
}

TEST_CASE("multisampling is chosen only for translucent fills", "[output]") {
    Projector projector(ProjectionKind::Albers);
    Scene s = plain_default_scene(projector);
    CHECK(automatic_samples(s) == 1);
    s.find("counties")->opacity = 0.6f;
    CHECK(automatic_samples(s) == 4);
    s.find("counties")->visible = false;
    CHECK(automatic_samples(s) == 1);
    s.find("lakes")->fill.a = 128;
    CHECK(automatic_samples(s) == 4);
}
