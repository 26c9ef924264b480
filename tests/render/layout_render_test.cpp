// Plan layouts drawn where the plan puts them, and the renderer features they use (hatching,
// arrowheads), checked by pixel.
#include <catch2/catch.hpp>

#include <cmath>

#include "../test_support.hpp"
#include "data/paths.hpp"
#include "meaning/layout.hpp"
#include "output/export.hpp"
#include "scene/layout_style.hpp"
#include "scene/scene_file.hpp"

using namespace pv;
using pvtest::Image;

namespace {

const Gazetteer& gazetteer() {
    static Gazetteer g = Gazetteer::load(maps_dir(), planview_home() + "/data/gazetteer.csv");
    return g;
}

std::array<int, 4> pixel_at(const Image& im, const ExportReport& rep, const Projector& projector, Vec2 lonlat) {
    Vec2 s = map_to_screen(rep.camera, projector.forward(lonlat));
    return im.at(int(s.x), int(s.y));
}

bool near(std::array<int, 4> px, Rgba c, int tol = 12) {
    return std::abs(px[0] - c.r) <= tol && std::abs(px[1] - c.g) <= tol && std::abs(px[2] - c.b) <= tol;
}
bool reddish(std::array<int, 4> px) { return px[0] > px[1] + 40 && px[0] > px[2] + 40; }

// Counties in plain grey, no labels, no furniture, no seat dots: what is red is the layout.
Image export_scene(const std::string& layouts, const std::string& extent, const std::string& name, ExportReport& rep) {
    auto dir = pvtest::temp_dir("layout_render");
    std::string text = "basemap = [\"counties\"]\nlabels = false\nfurniture = false\nsize = [900, 900]\n" + extent +
                       "\nlayouts = [" + layouts + "]\n[[layer]]\nid = \"counties\"\nfill = \"#eeeeee\"\n";
    Scene s = load_scene_text(text, name + ".toml", dir.string());
    std::string out = (dir / (name + ".png")).string();
    rep = export_png(s, out);
    return pvtest::load(out);
}

}  // namespace

TEST_CASE("the 一核 of Yuncheng covers 盐湖区's seat", "[layouts][render]") {
    Projector projector(ProjectionKind::Albers);
    SourcePos here{"test", 0, 0};
    Vec2 seat = gazetteer().seat("140802", here);
    ExportReport rep;
    Image with = export_scene("\"000/yihe-sanyi-qizhidian\"", "extent = [110.15, 34.55, 112.15, 35.86]", "yihe", rep);
    // The seat may fall on the white rim of the ★ drawn over the area: most of its surroundings are red.
    Vec2 c = map_to_screen(rep.camera, projector.forward(seat));
    int red = 0;
    for (int dy = -3; dy <= 3; ++dy)
        for (int dx = -3; dx <= 3; ++dx) red += reddish(with.at(int(c.x) + dx, int(c.y) + dy));
    CHECK(red >= 30);  // of 49
    // Without the layout the same pixel is the plain county grey (the test can fail).
    Image without = export_scene("", "extent = [110.15, 34.55, 112.15, 35.86]", "none", rep);
    CHECK(near(pixel_at(without, rep, projector, seat), {238, 238, 238, 255}, 3));
}

TEST_CASE("the 三副 are drawn at 大同, 长治 and 临汾, not at 忻州", "[layouts][render]") {
    Projector projector(ProjectionKind::Albers);
    SourcePos here{"test", 0, 0};
    ExportReport rep;
    Image im = export_scene("\"004/yizhu-sanfu-liushi\"", "fit = [\"counties\"]", "sanfu", rep);
    const Rgba secondary{215, 25, 32, 255};  // the dot of ◎
    for (const char* city : {"大同", "长治", "临汾"}) {
        INFO(city);
        CHECK(near(pixel_at(im, rep, projector, gazetteer().seat(city, here)), secondary));
    }
    for (const char* city : {"忻州", "晋城"}) {  // 市域中心: a smaller orange dot, not the 副中心 style
        INFO(city);
        auto px = pixel_at(im, rep, projector, gazetteer().seat(city, here));
        CHECK(!near(px, secondary, 30));
        CHECK(near(px, {240, 120, 20, 255}));
    }
}

namespace {

// A square and a horizontal line in a blank scene, 400x400 px over 1°x1°.
Scene shapes_scene(const Projector& projector, bool hatch, bool arrow) {
    Scene s;
    s.width = s.height = 400;
    s.labels = false, s.furniture = false;
    Bounds e;
    e.add(Vec2{112.0, 37.0});
    e.add(Vec2{113.0, 38.0});
    s.extent = e;
    auto layer = [&](GeomKind kind, std::vector<Vec2> pts) {
        auto d = std::make_shared<Layer>();
        d->kind = kind;
        Feature f;
        f.geo.kind = kind;
        f.geo.points = std::move(pts);
        f.geo.part_starts = {0};
        f.label_geo = f.geo.points[0];
        d->features.push_back(f);
        project_layer(*d, projector);
        return d;
    };
    SceneLayer sq;
    sq.id = "square", sq.kind = LayerKind::Fill;
    sq.data = layer(GeomKind::Polygon, {{112.1, 37.55}, {112.9, 37.55}, {112.9, 37.9}, {112.1, 37.9}, {112.1, 37.55}});
    sq.fill = {0, 0, 0, 0};
    if (hatch) sq.hatch = {10, 2, 45, {200, 0, 150, 255}};
    SceneLayer ln;
    ln.id = "line", ln.kind = LayerKind::Line;
    ln.data = layer(GeomKind::Line, {{112.1, 37.25}, {112.5, 37.25}});
    ln.stroke = {0, 90, 200, 255}, ln.stroke_width = 6, ln.arrow = arrow;
    s.layers = {sq, ln};
    return s;
}

}  // namespace

TEST_CASE("hatching and arrowheads are drawn", "[render]") {
    Projector projector(ProjectionKind::Albers);
    auto dir = pvtest::temp_dir("hatch_arrow");
    for (bool on : {true, false}) {
        INFO("features on: " << on);
        Scene s = shapes_scene(projector, on, on);
        std::string out = (dir / (on ? "on.png" : "off.png")).string();
        ExportReport rep = export_png(s, out);
        Image im = pvtest::load(out);
        // Along a row through the square: hatch lines and gaps alternate.
        Vec2 a = map_to_screen(rep.camera, projector.forward(Vec2{112.2, 37.72}));
        Vec2 b = map_to_screen(rep.camera, projector.forward(Vec2{112.8, 37.72}));
        int hatch_px = 0, gap_px = 0;
        for (int x = int(a.x); x < int(b.x); ++x) {
            auto px = im.at(x, int(a.y));
            if (near(px, {200, 0, 150, 255}, 20)) ++hatch_px;
            if (near(px, {255, 255, 255, 255}, 3)) ++gap_px;
        }
        CHECK((hatch_px > 20) == on);
        CHECK(gap_px > 20);
        // Past the line's end (the head's tip overshoots it) and beside its end (the head is wider).
        Vec2 end = map_to_screen(rep.camera, projector.forward(Vec2{112.5, 37.25}));
        const Rgba blue{0, 90, 200, 255};
        CHECK(near(im.at(int(end.x + 7), int(end.y)), blue, 20) == on);
        CHECK(near(im.at(int(end.x - 1), int(end.y - 5)), blue, 20) == on);
        CHECK(near(im.at(int(end.x - 1), int(end.y + 5)), blue, 20) == on);
        CHECK(near(im.at(int(end.x - 30), int(end.y)), blue, 20));  // the line itself, either way
    }
}
