// Print and slide export: presets, furniture layout at page sizes, tiling of translucent pages,
// georeferencing read back through GDAL.
#include <catch2/catch.hpp>

#include <gdal_priv.h>
#include <ogr_spatialref.h>

#include <cmath>

#include "../test_support.hpp"
#include "data/paths.hpp"
#include "output/export.hpp"
#include "output/world_file.hpp"
#include "render/glyph_atlas.hpp"
#include "scene/basemap.hpp"
#include "scene/scene_file.hpp"

using namespace pv;
using pvtest::Image;
namespace fs = std::filesystem;

namespace {

// Three classified layers (9 classes each) besides the base map: more legend rows than fit in
// one column on a 1080p page.
Scene busy_scene() {
    std::string counties = (fs::path(PLANVIEW_SOURCE_DIR) / "maps/counties.geojson").string();
    std::string text =
        "title = \"山西省县级单位\"\nsubtitle = \"三个分级图层\"\n"
        "caption = \"说明：这一段文字较长，用来检验标题框中的说明会在页面宽度的一半处换行，而不会压到指北针或图例。\"\n"
        "source = \"测试数据\"\n"
        "[[layer]]\nid = \"counties\"\ntitle = \"纬度\"\nfill_field = \"seat_lat\"\nclasses = 9\npalette = \"Blues\"\nopacity = 0.7\n";
    for (const char* id : {"lon", "lat2"})
        text += std::string("[[layer]]\nid = \"") + id + "\"\ntitle = \"" + id + "\"\nsource = \"" + counties +
                "\"\nfill_field = \"seat_lon\"\nclasses = 9\nopacity = 0.3\n";
    return load_scene_text(text, "busy.toml", ".");
}

bool overlap(const Rect& a, const Rect& b) {
    return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}

int dark_pixels(const Image& im, const Rect& r) { return pvtest::dark_pixels(im, r.x, r.y, r.w, r.h); }

}  // namespace

TEST_CASE("page presets set size and DPI", "[output][presets]") {
    REQUIRE(find_preset("a4"));
    CHECK(find_preset("a4")->width == 2480);
    CHECK(find_preset("a4")->height == 3508);
    CHECK(find_preset("a3-landscape")->width == 4961);
    CHECK(find_preset("a3-landscape")->dpi == 300);
    CHECK(find_preset("1080p")->width == 1920);
    CHECK(find_preset("4k")->height == 2160);
    CHECK_FALSE(find_preset("a5"));

    auto dir = pvtest::temp_dir("presets");
    for (const char* name : {"a4-landscape", "1080p"}) {
        fs::path out = dir / (std::string(name) + ".png");
        auto r = pvtest::run_planview("export --preset " + std::string(name) + " --no-labels -o '" + out.string() + "'");
        INFO(r.output);
        REQUIRE(r.status == 0);
        Image im = pvtest::load(out.string());
        const PagePreset& p = *find_preset(name);
        CHECK(im.info.width == p.width);
        CHECK(im.info.height == p.height);
        CHECK(im.info.dpi == Approx(p.dpi).margin(0.1));
    }
    auto bad = pvtest::run_planview("export --preset a5 -o '" + (dir / "x.png").string() + "'");
    CHECK(bad.status != 0);
    CHECK(bad.output.find("unknown --preset 'a5'") != std::string::npos);
}

TEST_CASE("furniture is drawn and does not overlap at 1080p and A3", "[render][furniture]") {
    auto dir = pvtest::temp_dir("furniture-pages");
    for (const char* name : {"1080p", "a3"}) {
        Scene s = busy_scene();
        const PagePreset& p = *find_preset(name);
        s.width = p.width, s.height = p.height, s.dpi = p.dpi;
        ExportOptions o;
        o.date = "2026-01-01";
        fs::path out = dir / (std::string(name) + ".png");
        ExportReport rep = export_png(s, out.string(), o);
        Image im = pvtest::load(out.string());
        const Furniture& f = rep.furniture;
        const Rect* rects[] = {&f.title, &f.legend, &f.scale_bar, &f.north_arrow, &f.source};
        INFO(name);
        for (const Rect* r : rects) {
            REQUIRE(r->w > 0);
            CHECK(r->x >= 0);
            CHECK(r->y >= 0);
            CHECK(r->x + r->w <= s.width);
            CHECK(r->y + r->h <= s.height);
            CHECK(dark_pixels(im, *r) > 20);
        }
        for (size_t i = 0; i < 5; ++i)
            for (size_t j = i + 1; j < 5; ++j) {
                INFO("furniture boxes " << i << " and " << j);
                CHECK_FALSE(overlap(*rects[i], *rects[j]));
            }
        // The caption wrapped within half the page (so it stays clear of the north arrow).
        CHECK(f.title.w <= s.width * 0.5f);
    }
}

TEST_CASE("a legend too tall for the page wraps into columns", "[render][furniture]") {
    Scene s = busy_scene();
    s.width = 1920, s.height = 1080;
    auto dir = pvtest::temp_dir("legend-columns");
    ExportReport rep = export_png(s, (dir / "l.png").string());
    const Rect& l = rep.furniture.legend;
    // 3 x (heading + 9 classes) + the base layers' rows do not fit in one column of 1080 px.
    CHECK(l.y > rep.furniture.title.y + rep.furniture.title.h);
    // On a page tall enough for one column the same legend is much narrower.
    s.width = 1920, s.height = 4000;
    ExportReport tall = export_png(s, (dir / "tall.png").string());
    CHECK(l.w > 1.6f * tall.furniture.legend.w);
    CHECK(tall.furniture.legend.h > 1.6f * l.h);
}

TEST_CASE("tiled export of translucent fills, text and furniture matches one pass", "[render][tiles]") {
    Scene s = busy_scene();
    s.width = 1000, s.height = 700;
    auto dir = pvtest::temp_dir("tiles-translucent");
    ExportOptions one, tiled;
    one.date = tiled.date = "2026-01-01";
    tiled.max_tile = 300;  // 4 x 3 tiles, the last ones partly outside the page
    ExportReport a = export_png(s, (dir / "one.png").string(), one);
    ExportReport b = export_png(s, (dir / "tiled.png").string(), tiled);
    CHECK(automatic_samples(s) == 4);
    CHECK(b.tiles == 4 * 3);
    Image ia = pvtest::load((dir / "one.png").string()), ib = pvtest::load((dir / "tiled.png").string());
    REQUIRE(ia.px.size() == ib.px.size());
    size_t differ = 0, seam = 0;
    for (int y = 0; y < s.height; ++y)
        for (int x = 0; x < s.width; ++x) {
            auto p = ia.at(x, y), q = ib.at(x, y);
            bool d = false;
            for (int c = 0; c < 3; ++c) d = d || std::abs(p[size_t(c)] - q[size_t(c)]) > 24;
            differ += d;
            seam += d && (x % 300 == 0 || x % 300 == 299 || y % 300 == 0 || y % 300 == 299);
        }
    CHECK(differ < size_t(s.width) * s.height / 1000);
    CHECK(seam < 20);  // no line along the tile edges
}

TEST_CASE("world file and .prj place the image where GDAL reads it", "[output][georef]") {
    Projector projector(ProjectionKind::Albers);
    Scene s = default_scene(maps_dir(), projector);
    s.width = 900, s.height = 700;
    auto dir = pvtest::temp_dir("world-file");
    ExportOptions o;
    o.world_file = true;
    std::string png = (dir / "m.png").string();
    ExportReport rep = export_png(s, png, o);
    REQUIRE(fs::exists(dir / "m.pgw"));
    REQUIRE(fs::exists(dir / "m.prj"));
    for (auto& e : fs::directory_iterator(dir)) CHECK(e.path().filename().string()[0] != '.');  // no temp files

    GDALAllRegister();
    GDALDataset* ds = static_cast<GDALDataset*>(GDALOpen(png.c_str(), GA_ReadOnly));
    REQUIRE(ds);
    double gt[6];
    REQUIRE(ds->GetGeoTransform(gt) == CE_None);
    const OGRSpatialReference* srs = ds->GetSpatialRef();
    REQUIRE(srs);
    OGRSpatialReference expected;
    expected.SetFromUserInput(proj_definition(ProjectionKind::Albers).c_str());
    CHECK(srs->IsSame(&expected));
    // The .prj alone (what ESRI tools read) names the same CRS.
    OGRSpatialReference from_prj;
    std::ifstream prj(dir / "m.prj");
    std::string wkt((std::istreambuf_iterator<char>(prj)), std::istreambuf_iterator<char>());
    REQUIRE(from_prj.importFromWkt(wkt.c_str()) == OGRERR_NONE);
    CHECK(from_prj.IsSame(&expected));

    // 永济市's seat, through GDAL's georeferencing, lands on the pixel the renderer drew it at.
    OGRSpatialReference wgs84;
    wgs84.SetWellKnownGeogCS("WGS84");
    wgs84.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    OGRCoordinateTransformation* ct = OGRCreateCoordinateTransformation(&wgs84, srs);
    REQUIRE(ct);
    const Layer& seats = *s.find("seats")->data;
    bool found = false;
    for (const auto& f : seats.features) {
        if (seats.text(f, "name").find("永济") == std::string::npos) continue;
        found = true;
        Vec2 ll = f.geo.points.front();
        double x = ll.x, y = ll.y;
        REQUIRE(ct->Transform(1, &x, &y));
        double col = (x - gt[0]) / gt[1], row = (y - gt[3]) / gt[5];
        Vec2 drawn = map_to_screen(rep.camera, projector.forward(ll));
        CHECK(col == Approx(drawn.x).margin(0.01));
        CHECK(row == Approx(drawn.y).margin(0.01));
        CHECK(col > 0);
        CHECK(row < s.height);
    }
    CHECK(found);
    OGRCoordinateTransformation::DestroyCT(ct);
    GDALClose(ds);
}

TEST_CASE("captions wrap between CJK characters and between Latin words", "[output][furniture]") {
    GlyphAtlas atlas;
    float w1 = atlas.measure("国", 20).width;
    auto lines = wrap_text(atlas, "一二三四五六七八九十", 20, w1 * 4.5f);
    REQUIRE(lines.size() == 3);
    CHECK(lines[0] == "一二三四");
    CHECK(lines[2] == "九十");
    auto latin = wrap_text(atlas, "alpha beta gamma delta", 20, atlas.measure("gamma delta", 20).width + 1);
    REQUIRE(latin.size() == 2);
    CHECK(latin[0] == "alpha beta");
    CHECK(latin[1] == "gamma delta");
    auto forced = wrap_text(atlas, "上\n下", 20, 1000);
    REQUIRE(forced.size() == 2);
    CHECK(forced[1] == "下");
    for (const auto& l : wrap_text(atlas, "说明：这一段文字较长，用来检验换行。Long words wrap too.", 20, 150))
        CHECK(atlas.measure(l, 20).width <= 150.5f);
}
