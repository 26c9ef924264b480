// Indicator layers in scene files: tables by name, joins by the table's level, honest legends
// (unit, source, year, no data, statistical zones not mapped, the combined feature), heat map
// weights and the kernel density reference.
#include <catch2/catch.hpp>

#include <cmath>
#include <numbers>

#include "app/targets_model.hpp"
#include "data/error.hpp"
#include "data/paths.hpp"
#include "scene/heatmap.hpp"
#include "scene/indicator_layer.hpp"
#include "scene/scene_file.hpp"

using namespace pv;

namespace {
bool has_note(const SceneLayer& l, const std::string& text) {
    for (const auto& n : l.legend_note)
        if (n.find(text) != std::string::npos) return true;
    return false;
}
std::string load_error(const std::string& text) {
    try {
        load_scene_text(text, "s.toml", ".");
    } catch (const Error& e) {
        return e.what();
    }
    return "";
}
}  // namespace

TEST_CASE("scene table layer: county census population, quantile, honest legend", "[scene][indicator]") {
    Scene s = load_scene_text("basemap = [\"province\"]\n[[layer]]\nid = \"pop\"\ntable = \"census_2020_county\"\n"
                              "field = \"population\"\nclasses = 5\n",
                              "s.toml", ".");
    const SceneLayer& l = *s.find("pop");
    CHECK(l.kind == LayerKind::Fill);
    CHECK(l.data->features.size() == 116);
    CHECK(l.title == "常住人口 (2020)，人");
    REQUIRE(l.legend.size() == 5);  // every feature has a value: no no-data entry
    size_t total = 0;
    for (const auto& e : l.legend) total += std::stoul(e.label.substr(e.label.rfind('(') + 1));
    CHECK(total == 116);
    CHECK(has_note(l, "来源：国家统计局"));
    CHECK(has_note(l, "2020 年"));
    // The four statistical zones: not mapped, said with their population.
    CHECK(has_note(l, "未上图：4 个统计区"));
    CHECK(has_note(l, "364,429"));
    CHECK(has_note(l, "平城区/云冈区：两区之和"));
}

TEST_CASE("scene table layer: rates of the combined feature are recomputed, not averaged", "[scene][indicator]") {
    Scene s = load_scene_text("basemap = [\"province\"]\n[[layer]]\nid = \"u\"\ntable = \"census_2020_county\"\n"
                              "field = \"urban_share_pct\"\n",
                              "s.toml", ".");
    const SceneLayer& l = *s.find("u");
    size_t pc = 0;
    for (size_t i = 0; i < l.data->features.size(); ++i)
        if (l.data->text(l.data->features[i], "code") == "140213") pc = i;
    // 100 x (1,101,942 + 595,284) / (1,101,942 + 684,753); the mean of 100.00 and 86.93 would be 93.47.
    CHECK(l.feature_value[pc] == Approx(100.0 * (1101942 + 595284) / (1101942 + 684753)));
    CHECK(has_note(l, "由两区分子分母重算"));
    // Schooling years cannot be combined from the table: the feature is no data and the legend says why.
    Scene t = load_scene_text("basemap = [\"province\"]\n[[layer]]\nid = \"e\"\ntable = \"census_2020_county\"\n"
                              "field = \"avg_years_schooling\"\nmethod = \"jenks\"\n",
                              "s.toml", ".");
    const SceneLayer& e = *t.find("e");
    CHECK(std::isnan(e.feature_value[pc]));
    CHECK(e.legend.back().label.find("无数据 no data  (1)") != std::string::npos);
    CHECK(has_note(e, "无法由两区数据重算"));
}

TEST_CASE("scene table layer: prefecture tables join to prefectures; missing stays missing", "[scene][indicator]") {
    Scene s = load_scene_text("basemap = [\"province\"]\n[[layer]]\nid = \"g\"\ntable = \"prefecture_economy\"\n"
                              "field = \"gdp_2022\"\nmethod = \"equal\"\nclasses = 3\n",
                              "s.toml", ".");
    const SceneLayer& l = *s.find("g");
    CHECK(l.data->features.size() == 11);
    CHECK(l.title.find("(2022)") != std::string::npos);  // the column's own year
    CHECK(l.legend.back().label.find("(5)") != std::string::npos);
    CHECK(has_note(l, "5 个单元表中值缺失"));
}

TEST_CASE("scene table layer: errors name the file, line and column and what is wrong", "[scene][indicator]") {
    CHECK(load_error("[[layer]]\nid = \"a\"\ntable = \"census_2021\"\nfield = \"x\"\n").find("s.toml:3:9: layer 'a': table 'census_2021' is not in data/indicators (it has: ") == 0);
    CHECK(load_error("[[layer]]\nid = \"a\"\ntable = \"census_2020_county\"\nfield = \"gdp\"\n").find("no indicator column 'gdp' (it has: population,") != std::string::npos);
    CHECK(load_error("[[layer]]\nid = \"a\"\ntable = \"census_2020_county\"\n").find("'table' needs 'field'") != std::string::npos);
    CHECK(load_error("[[layer]]\nid = \"a\"\ntable = \"census_2020_special_zones\"\nfield = \"population\"\n").find("not mapped") != std::string::npos);
    CHECK(load_error("[[layer]]\nid = \"a\"\ntable = \"census_2020_county\"\nfield = \"population\"\nclasses = 12\n").find("s.toml:5:11") == 0);
    CHECK(load_error("[[layer]]\nid = \"h\"\ntype = \"heatmap\"\nweight_table = \"census_2020_prefecture\"\nweight_field = \"population\"\n")
              .find("needs a county table") != std::string::npos);
    CHECK(load_error("[[layer]]\nid = \"h\"\ntype = \"heatmap\"\nsource = \"counties\"\n").find("a heat map needs points") != std::string::npos);
    CHECK(load_error("[[layer]]\nid = \"h\"\ntype = \"heatmap\"\nramp = \"rainbow\"\n").find("s.toml:4:8") == 0);
}

TEST_CASE("heat map layer: seat weights from the census, the combined seat gets both districts", "[scene][heatmap]") {
    Scene s = load_scene_text("basemap = false\n[[layer]]\nid = \"h\"\ntype = \"heatmap\"\nweight_table = \"census_2020_county\"\n"
                              "weight_field = \"population\"\nbandwidth_km = 30\nkernel = \"epanechnikov\"\n",
                              "s.toml", ".");
    const SceneLayer& l = *s.find("h");
    REQUIRE(l.feature_weight.size() == 116);
    double sum = 0;
    for (double w : l.feature_weight) sum += w;
    CHECK(sum == 34915616 - 364429);  // the province minus the statistical zones
    CHECK(l.epanechnikov);
    CHECK(l.bandwidth_km == 30);
    CHECK(l.heat_unit == "人/km²");
    CHECK(l.heat_max > 0);
}

TEST_CASE("kernel density reference: kernels integrate to one; the peak is found between points", "[scene][heatmap]") {
    for (bool ep : {false, true}) {
        // Integral over the plane by rings: 2 pi r K(r) dr.
        double integral = 0, h = 7, dr = 0.001;
        for (double r = dr / 2; r < 4 * h; r += dr) integral += 2 * std::numbers::pi * r * heat_kernel(r, h, ep) * dr;
        CHECK(integral == Approx(ep ? 1.0 : 1.0 - std::exp(-4.5)).epsilon(1e-4));
    }
    // Two equal points 1 bandwidth apart: the Gaussian sum peaks half-way, above either point.
    Projector projector(ProjectionKind::Albers);
    Layer pts;
    pts.kind = GeomKind::Point;
    for (double lon : {112.0, 112.0 + 10.0 / (111.32 * std::cos(37.0 * std::numbers::pi / 180))}) {
        Feature f;
        f.geo.kind = f.xy.kind = GeomKind::Point;
        f.geo.points = {{lon, 37.0}};
        f.xy.points = {projector.forward(Vec2{lon, 37.0})};
        f.geo.part_starts = f.xy.part_starts = {0};
        pts.features.push_back(f);
    }
    double at_point = heat_density_at(pts, {}, 10, false, projector, pts.features[0].geo.points[0]);
    double peak = heat_peak(pts, {}, 10, false, projector);
    CHECK(peak > at_point * 1.08);
    CHECK(peak == Approx(2 * std::exp(-0.125) / (2 * std::numbers::pi * 100)).epsilon(0.01));
}

TEST_CASE("ranks and numbers for hover and legends", "[scene][indicator]") {
    std::vector<double> v{5, 9, kNoValue, 9, 1};
    int of = 0;
    CHECK(descending_rank(v, 9, &of) == 1);
    CHECK(of == 4);
    CHECK(descending_rank(v, 5) == 3);
    CHECK(descending_rank(v, 1) == 4);
    CHECK(descending_rank(v, kNoValue) == 0);
    CHECK(format_indicator_value(1786695) == "1,786,695");
    CHECK(format_indicator_value(1338.19) == "1,338");
    CHECK(format_indicator_value(17.15) == "17.15");
    CHECK(format_indicator_value(kNoValue) == "—");
}

TEST_CASE("plan targets view: Yuncheng beside the province", "[app][indicator]") {
    app::TargetsView v = app::load_targets("000");
    CHECK(v.unit.rows.size() == 37);
    CHECK(v.paired >= 10);
    const app::TargetRow* urban = nullptr;
    for (const auto& r : v.rows)
        if (r.row->match_key == "urbanisation_rate") urban = &r;
    REQUIRE(urban);
    REQUIRE(urban->province);
    CHECK(urban->province->value_2020.text == "59.55*");
    // (68 / 59.55)^(1/6) - 1: the province's 2020 column holds a 2019 figure.
    CHECK(urban->province_growth == Approx(std::pow(68 / 59.55, 1.0 / 6) - 1));
    CHECK(app::load_targets("004").paired == 0);
    CHECK_THROWS_WITH(app::plan_table_path("003"), Catch::Contains("no plan table for plan '003'"));
}

TEST_CASE("below: a layer drawn under a named one", "[scene][indicator]") {
    Scene s = load_scene_text("basemap = [\"counties\", \"rivers\", \"province\"]\n[[layer]]\nid = \"h\"\ntype = \"heatmap\"\nbelow = \"rivers\"\n",
                              "s.toml", ".");
    REQUIRE(s.layers.size() == 4);
    CHECK(s.layers[1].id == "h");
    CHECK(s.layers[2].id == "rivers");
    CHECK(load_error("basemap = [\"counties\"]\n[[layer]]\nid = \"h\"\ntype = \"heatmap\"\nbelow = \"rivers\"\n").find("s.toml:5:9: 'below' names layer 'rivers'") == 0);
}
