// Indicator maps rendered: choropleth classes on the page, the legend with its no-data entry, and
// the GPU kernel density heat map (hot where the weight is, seamless across export tiles).
#include <catch2/catch.hpp>

#include <cmath>

#include "../test_support.hpp"
#include "data/paths.hpp"
#include "output/export.hpp"
#include "scene/heatmap.hpp"
#include "scene/palette.hpp"
#include "scene/scene_file.hpp"

using namespace pv;
using pvtest::Image;

namespace {
std::array<int, 4> pixel_at_map(const Image& im, const Camera& cam, Vec2 xy) {
    Vec2 s = map_to_screen(cam, xy);
    return im.at(int(s.x), int(s.y));
}
bool near(std::array<int, 4> px, Rgba c, int tol = 3) {
    return std::abs(px[0] - c.r) <= tol && std::abs(px[1] - c.g) <= tol && std::abs(px[2] - c.b) <= tol;
}
size_t feature_named(const Layer& l, const std::string& name) {
    for (size_t i = 0; i < l.features.size(); ++i)
        if (l.text(l.features[i], "name") == name) return i;
    FAIL("no feature " << name);
    return 0;
}
}  // namespace

TEST_CASE("choropleth: a county's pixel has the colour of its class", "[render][indicator]") {
    Scene s = load_scene_text(R"(
size = [1000, 1200]
basemap = ["province"]
labels = false
furniture = false
[[layer]]
id = "pop"
table = "census_2020_county"
field = "population"
method = "quantile"
classes = 5
palette = "YlOrRd"
)", "pop.toml", ".");
    const SceneLayer& l = *s.find("pop");
    auto dir = pvtest::temp_dir("indicator-choropleth");
    ExportReport rep = export_png(s, (dir / "pop.png").string());
    Image im = pvtest::load((dir / "pop.png").string());
    std::vector<Rgba> colours = palette("YlOrRd", 5);
    // 平城区/云冈区 (the sum of both, 1,786,695) and 小店区 are in the top class; 偏关县 is not.
    size_t pc = feature_named(*l.data, "平城区/云冈区"), xd = feature_named(*l.data, "小店区");
    CHECK(l.feature_value[pc] == 1101942 + 684753);
    CHECK(l.feature_class[pc] == 4);
    CHECK(l.feature_class[xd] == 4);
    CHECK(near(pixel_at_map(im, rep.camera, l.data->features[pc].label_xy), colours[4]));
    // Every feature at its label point (a point well inside it) shows its class colour.
    size_t ok = 0;
    for (size_t i = 0; i < l.data->features.size(); ++i)
        ok += near(pixel_at_map(im, rep.camera, l.data->features[i].label_xy), colours[size_t(l.feature_class[i])]);
    CHECK(ok >= l.data->features.size() - 2);  // a sliver may hide under its outline
}

TEST_CASE("choropleth legend: drawn, with classes and the no-data entry and count", "[render][indicator][furniture]") {
    Scene s = load_scene_text(R"(
size = [1000, 1200]
basemap = ["province"]
[[layer]]
id = "gdp"
table = "prefecture_economy"
field = "gdp_2020"
method = "equal"
classes = 3
)", "gdp.toml", ".");
    const SceneLayer& l = *s.find("gdp");
    REQUIRE(l.legend.size() == 4);
    CHECK(l.legend.back().label.find("无数据") != std::string::npos);
    CHECK(l.legend.back().label.find("(3)") != std::string::npos);  // 大同, 长治, 吕梁 have no 2020 GDP
    bool unit = false, source = false;
    for (const auto& n : l.legend_note) unit |= n.find("亿元") != std::string::npos, source |= n.find("来源") != std::string::npos;
    CHECK(unit);
    CHECK(source);
    auto dir = pvtest::temp_dir("indicator-legend");
    ExportReport rep = export_png(s, (dir / "gdp.png").string());
    Image im = pvtest::load((dir / "gdp.png").string());
    const Rect& r = rep.furniture.legend;
    REQUIRE(r.w > 0);
    int grey = 0, dark = 0;
    for (int y = int(r.y); y < int(r.y + r.h); ++y)
        for (int x = int(r.x); x < int(r.x + r.w); ++x) {
            auto p = im.at(x, y);
            grey += near(p, l.legend.back().fill, 1);
            dark += p[0] < 90 && p[1] < 90 && p[2] < 90;
        }
    CHECK(grey > 100);  // the no-data swatch
    CHECK(dark > 500);  // the text
    // The no-data prefectures are drawn in that grey on the map as well.
    size_t dt = feature_named(*l.data, "大同市");
    CHECK(near(pixel_at_map(im, rep.camera, l.data->features[dt].label_xy), l.legend.back().fill));
}

namespace {
const char* kHeatScene = R"(
size = [700, 900]
basemap = false
background = "#ffffff"
furniture = false
labels = false
[[layer]]
id = "heat"
type = "heatmap"
source = "seats"
weight_table = "census_2020_county"
weight_field = "population"
bandwidth_km = 20
ramp = "viridis"
opacity = 1.0
)";
// Position on the viridis ramp, from green (rises from 0.0 to 0.9 along it).
double green_of(std::array<int, 4> p) { return p[1]; }
}  // namespace

TEST_CASE("heat map: hot near a heavy point, cold far away, scale fixed per layer", "[render][heatmap]") {
    Scene s = load_scene_text(kHeatScene, "heat.toml", ".");
    const SceneLayer& l = *s.find("heat");
    REQUIRE(l.kind == LayerKind::Heatmap);
    REQUIRE(l.feature_weight.size() == l.data->features.size());
    CHECK(l.heat_max > 0);
    Projector projector(s.projection);
    // The top of the ramp is the density peak: at 小店区's seat (Taiyuan) density is within a
    // few per cent of it, and at 偏关县 far below.
    size_t xd = feature_named(*l.data, "小店区"), pg = feature_named(*l.data, "偏关县");
    Vec2 hot = l.data->features[xd].geo.points[0], cold = l.data->features[pg].geo.points[0];
    double d_hot = heat_density_at(*l.data, l.feature_weight, l.bandwidth_km, false, projector, hot);
    double d_cold = heat_density_at(*l.data, l.feature_weight, l.bandwidth_km, false, projector, cold);
    CHECK(d_hot > 0.8 * l.heat_max);
    CHECK(d_hot <= l.heat_max * 1.0001);
    CHECK(d_cold < 0.2 * l.heat_max);

    auto dir = pvtest::temp_dir("indicator-heat");
    ExportReport rep = export_png(s, (dir / "h.png").string());
    Image im = pvtest::load((dir / "h.png").string());
    auto ph = pixel_at_map(im, rep.camera, projector.forward(hot)), pc = pixel_at_map(im, rep.camera, projector.forward(cold));
    // Each pixel is the ramp at the CPU density (the GPU adds up the same kernels), faded over
    // the white page at the low end: near the heavy point high on the ramp, far away low.
    auto expect = [&](double d) {
        double t = std::min(1.0, d / l.heat_max), a = heat_alpha(t);
        Rgba c = ramp_colour(Ramp::Viridis, t);
        auto mix = [&](uint8_t v) { return uint8_t(std::lround(v * a + 255 * (1 - a))); };
        return Rgba{mix(c.r), mix(c.g), mix(c.b), 255};
    };
    CHECK(near(ph, expect(d_hot), 8));
    CHECK(near(pc, expect(d_cold), 8));
    CHECK(green_of(ph) > 180);  // viridis above 0.8: yellow-green
    CHECK(!near(ph, Rgba{uint8_t(pc[0]), uint8_t(pc[1]), uint8_t(pc[2]), 255}, 40));

}

TEST_CASE("heat map: a tiled export equals a single pass", "[render][heatmap][tiles]") {
    Scene s = load_scene_text(kHeatScene, "heat.toml", ".");
    s.width = 900, s.height = 700;
    auto dir = pvtest::temp_dir("indicator-heat-tiles");
    ExportOptions one, tiled;
    one.date = tiled.date = "2026-01-01";
    tiled.max_tile = 256;
    export_png(s, (dir / "one.png").string(), one);
    ExportReport b = export_png(s, (dir / "tiled.png").string(), tiled);
    CHECK(b.tiles == 12);
    Image ia = pvtest::load((dir / "one.png").string()), ib = pvtest::load((dir / "tiled.png").string());
    REQUIRE(ia.px.size() == ib.px.size());
    int worst = 0;
    size_t coloured = 0;
    for (size_t i = 0; i < ia.px.size(); ++i) worst = std::max(worst, std::abs(int(ia.px[i]) - int(ib.px[i])));
    for (size_t i = 0; i < ia.px.size(); i += 4) coloured += ia.px[i] != 255 || ia.px[i + 1] != 255;
    CHECK(coloured > ia.px.size() / 4 / 4);  // the heat covers a good part of the page
    CHECK(worst <= 2);                        // float rounding of the shifted tile centres only
}
