// Presentation mode: navigation and transition mix (pure), and the real viewer presenting a
// deck under Xvfb.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "../test_support.hpp"
#include "app/model.hpp"
#include "app/present_model.hpp"
#include "data/paths.hpp"
#include "output/furniture.hpp"
#include "render/glyph_atlas.hpp"
#include "scene/basemap.hpp"
#include "scene/deck.hpp"

using namespace pv;
using app::SlideKey;

TEST_CASE("slide keys move within the deck without wrapping", "[app][present]") {
    CHECK(app::slide_after(0, SlideKey::Next, 5) == 1);
    CHECK(app::slide_after(4, SlideKey::Next, 5) == 4);
    CHECK(app::slide_after(0, SlideKey::Previous, 5) == 0);
    CHECK(app::slide_after(3, SlideKey::Previous, 5) == 2);
    CHECK(app::slide_after(3, SlideKey::First, 5) == 0);
    CHECK(app::slide_after(1, SlideKey::Last, 5) == 4);
    CHECK(app::own_layer_id(app::slide_layer_id(7, "file:1:/a/b.geojson")) == "file:1:/a/b.geojson");
    CHECK(app::own_layer_id("file:1:/a/b.geojson") == "file:1:/a/b.geojson");
    CHECK(app::own_layer_id("s12/counties") == "counties");
}

TEST_CASE("a transition keeps shared layers opaque and fades the others", "[app][present]") {
    Scene a, b;
    for (const char* id : {"counties", "rivers", "old"}) a.layers.push_back({}), a.layers.back().id = app::slide_layer_id(0, id);
    for (const char* id : {"counties", "rivers", "new"}) b.layers.push_back({}), b.layers.back().id = app::slide_layer_id(1, id);
    a.layers[2].label.field = "name";
    Scene m = app::mix_slides(a, b, 0.25);
    REQUIRE(m.layers.size() == 4);
    CHECK(m.layers[0].opacity == 1.0f);    // counties: in both
    CHECK(m.layers[1].opacity == 1.0f);    // rivers: in both
    CHECK(m.layers[2].opacity == Approx(0.25));  // new: fading in
    CHECK(app::own_layer_id(m.layers[3].id) == "old");
    CHECK(m.layers[3].opacity == Approx(0.75));  // old: fading out, on top
    CHECK(m.layers[3].label.field.empty());
    CHECK(app::mix_slides(a, b, 1.0).layers[3].opacity == 0.0f);
}

TEST_CASE("a slide's camera leaves the legend's column to the legend", "[app][present]") {
    Bounds b;
    b.add(Vec2{0, 0});
    b.add(Vec2{1000, 1000});
    Camera plain = app::fit_beside_legend(b, 1600, 1000, 0);
    CHECK(map_to_screen(plain, {500, 500}).x == Approx(800));
    Camera beside = app::fit_beside_legend(b, 1600, 1000, 400);
    CHECK(map_to_screen(beside, {500, 500}).x == Approx(1000));  // the middle of 400..1600
    CHECK(map_to_screen(beside, {0, 500}).x >= 400);              // nothing of the extent under the legend
    Camera wide = app::fit_beside_legend(b, 1600, 1000, 900);     // a legend that wide may overlap
    CHECK(map_to_screen(wide, {500, 500}).x == Approx(800));
}

TEST_CASE("smoke: the viewer presents a deck full screen with title, counter and pointer", "[app][present]") {
    REQUIRE(std::system("command -v xvfb-run >/dev/null 2>&1") == 0);
    auto dir = pvtest::temp_dir("app-present");
    pvtest::write_file(dir / "d.toml",
                       "[[slide]]\ntitle = \"山西\"\n"
                       "[[slide]]\ntitle = \"运城测试\"\ncaption = \"盐湖区\"\nbasemap = [\"counties\"]\n"
                       "extent = [110.6, 34.8, 111.4, 35.3]\nlabels = false\n");
    auto png = dir / "present.png";
    std::string cmd = "xvfb-run -a -s '-screen 0 1600x1000x24' '" + std::string(PLANVIEW_BINARY) + "' --deck '" +
                      (dir / "d.toml").string() + "' --present --slide 2 --pointer 1200,500 --frames 12 --save-view --screenshot '" +
                      png.string() + "' > '" + (dir / "log.txt").string() + "' 2>&1";
    int rc = std::system(cmd.c_str());
    std::ifstream logf(dir / "log.txt");
    std::string log((std::istreambuf_iterator<char>(logf)), {});
    INFO(log);
    REQUIRE(rc == 0);
    pvtest::Image im = pvtest::load(png.string());
    REQUIRE(im.info.width == 1600);  // the screen: full screen
    REQUIRE(im.info.height == 1000);

    // The slide's own camera: 盐湖区 in its fill colour at its label point.
    Deck deck = load_deck((dir / "d.toml").string());
    Scene s = load_slide(deck, 1);
    Projector projector(ProjectionKind::Albers);
    // Fitted right of the legend, which is laid out as the export lays it out, at 1.5x.
    s.width = 1600, s.height = 1000, s.dpi = 96 * 1.5;
    GlyphAtlas atlas;
    Furniture furn = layout_furniture(s, atlas, 0, "2026-01-01");
    REQUIRE(furn.legend.w > 0);
    Camera cam = app::fit_beside_legend(scene_extent_xy(s, projector), 1600, 1000, furn.legend.x + furn.legend.w + 8 * 1.5f);
    CHECK(map_to_screen(cam, scene_extent_xy(s, projector).center()).x > 800 + furn.legend.w * 0.4);
    const SceneLayer& counties = *s.find("counties");
    bool found = false;
    for (size_t i = 0; i < counties.data->features.size(); ++i) {
        if (counties.data->text(counties.data->features[i], "name") != "盐湖区") continue;
        found = true;
        Vec2 p = map_to_screen(cam, counties.data->features[i].label_xy);
        auto px = im.at(int(p.x), int(p.y));
        Rgba want = counties.feature_fill[i];
        CHECK(std::abs(px[0] - want.r) <= 6);
        CHECK(std::abs(px[1] - want.g) <= 6);
        CHECK(std::abs(px[2] - want.b) <= 6);
    }
    CHECK(found);
    // Title (large, dark) top left; the counter "2 / 2" top right.
    auto dark = [&](int x0, int y0, int x1, int y1) {
        int n = 0;
        for (int y = y0; y < y1; ++y)
            for (int x = x0; x < x1; ++x) {
                auto p = im.at(x, y);
                n += p[0] < 80 && p[1] < 80 && p[2] < 80;
            }
        return n;
    };
    CHECK(dark(40, 30, 400, 90) > 300);
    CHECK(dark(1380, 20, 1520, 70) > 30);
    // The pointer ring (orange) around (1200, 500), 39 px out at this size.
    int ring = 0;
    for (int y = 455; y < 545; ++y)
        for (int x = 1155; x < 1245; ++x) {
            auto p = im.at(x, y);
            ring += p[0] > 200 && p[1] > 90 && p[1] < 160 && p[2] < 80;
        }
    CHECK(ring > 100);

    // --save-view (the S key) appended the view shown as slide 3, leaving slides 1-2 as written.
    std::ifstream df(dir / "d.toml");
    std::string deck_text((std::istreambuf_iterator<char>(df)), {});
    CHECK(deck_text.rfind("[[slide]]\ntitle = \"山西\"\n[[slide]]\ntitle = \"运城测试\"", 0) == 0);
    Deck after = load_deck((dir / "d.toml").string());
    REQUIRE(after.slides.size() == 3);
    Scene saved = load_slide(after, 2);
    REQUIRE(saved.extent);
    CHECK(saved.extent->min_x < 110.6);  // the window is wider than the slide's extent
    CHECK(saved.extent->max_x > 111.4);
    CHECK(saved.extent->min_y == Approx(34.8).margin(0.04));
    CHECK(saved.extent->max_y == Approx(35.3).margin(0.04));
    CHECK(saved.title == "运城测试 · 视图");
    CHECK(saved.layers.size() == 1);  // the inline slide's base layers, and its labels off
    CHECK_FALSE(saved.labels);
}
