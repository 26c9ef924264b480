#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <set>

#include "../test_support.hpp"
#include "data/error.hpp"
#include "data/paths.hpp"
#include "scene/layout_style.hpp"
#include "scene/scene_file.hpp"

using namespace pv;

namespace {

const LayoutLibrary& library() {
    static LayoutLibrary lib = load_default_layout_library();
    return lib;
}

const Layout& layout(const std::string& ref) {
    auto picks = find_layouts(library(), ref);
    REQUIRE(picks.size() == 1);
    return *picks[0].layout;
}

std::string text(const SceneLayer& l, const Feature& f, const char* field) { return l.data->text(f, field); }

}  // namespace

TEST_CASE("every layout file parses, resolves and styles", "[layouts][scene]") {
    const LayoutLibrary& lib = library();
    REQUIRE(lib.plans.size() >= 5);
    Projector projector(ProjectionKind::Albers);
    for (const auto& p : lib.plans) {
        INFO(p.path);
        CHECK(p.error.empty());
        for (const auto& l : p.plan.layouts) {
            INFO(l.id);
            std::string key = p.number + "/" + l.id;
            auto layers = style_layout(l, key, projector);
            LayoutSummary sum = l.summary();
            if (sum.elements == sum.not_placed) {
                CHECK(layers.empty());
                continue;
            }
            REQUIRE(!layers.empty());
            // One legend entry set per layout, on its top layer.
            CHECK(layers.back().title == l.title);
            CHECK(!layers.back().legend.empty());
            std::set<size_t> drawn;
            for (size_t i = 0; i < layers.size(); ++i) {
                CHECK(layers[i].id.rfind(layout_layer_prefix(key), 0) == 0);
                if (i + 1 < layers.size()) CHECK(layers[i].title.empty());
                for (const auto& f : layers[i].data->features) {
                    size_t e = std::stoul(text(layers[i], f, "element"));
                    REQUIRE(e < l.elements.size());
                    CHECK(l.elements[e].placement != Placement::NotPlaced);
                    CHECK(text(layers[i], f, "name") == l.elements[e].name);
                    drawn.insert(e);
                }
            }
            CHECK(drawn.size() == sum.elements - sum.not_placed);
        }
    }
}

TEST_CASE("centre symbols are graded by tier", "[layouts][scene]") {
    Projector projector(ProjectionKind::Albers);
    auto layers = style_layout(layout("004/yizhu-sanfu-liushi"), "004/yizhu-sanfu-liushi", projector);
    float primary = 0, secondary = 0, local = 0;
    for (const auto& l : layers) {
        if (l.kind != LayerKind::Circle) continue;
        std::string kind = text(l, l.data->features.at(0), "kind");
        float size = l.symbol_size + 2 * l.stroke_width;
        if (kind == "centre_primary") {
            primary = std::max(primary, size);
            CHECK(l.shape == Shape::Star);
        }
        if (kind == "centre_secondary") secondary = std::max(secondary, size);
        if (kind == "centre_local") local = std::max(local, size);
    }
    CHECK(primary > secondary);
    CHECK(secondary > local);
    CHECK(local > 0);
}

TEST_CASE("county-located elements are hollow on a dashed county, with their legend entry", "[layouts][scene]") {
    Projector projector(ProjectionKind::Albers);
    const Layout& l = layout("001/yidai-sanhe-sanqu-duolang");
    auto layers = style_layout(l, "001/x", projector);
    bool hollow = false, outline = false;
    std::set<std::pair<double, double>> anchors;
    for (const auto& sl : layers)
        for (const auto& f : sl.data->features) {
            if (text(sl, f, "placement") != "located_by_county") continue;
            if (sl.kind == LayerKind::Circle) {
                hollow = hollow || (sl.fill.r == 255 && sl.fill.g == 255 && sl.fill.b == 255 && sl.stroke_width > 0);
                anchors.insert({f.geo.points[0].x, f.geo.points[0].y});
            }
            if (sl.kind == LayerKind::Fill) outline = outline || (!sl.dash.empty() && sl.fill.a == 0);
        }
    CHECK(hollow);
    CHECK(outline);
    // Five elements are located on 永济市 alone: spread, none hidden under another.
    CHECK(anchors.size() == 5);
    bool entry = false;
    for (const auto& item : layers.back().legend) entry = entry || item.label == std::string("三核（") + kLocatedByCountyLabel + "）";
    CHECK(entry);
}

TEST_CASE("element visibility leaves elements out", "[layouts][scene]") {
    Projector projector(ProjectionKind::Albers);
    const Layout& l = layout("000/yihe-sanyi-qizhidian");
    std::vector<bool> only(l.elements.size(), false);
    only[1] = true;  // one of the 三翼
    auto layers = style_layout(l, "000/x", projector, only);
    std::set<std::string> elements;
    for (const auto& sl : layers)
        for (const auto& f : sl.data->features) elements.insert(text(sl, f, "element"));
    CHECK(elements == std::set<std::string>{"1"});
}

TEST_CASE("一县一业 is coloured by category", "[layouts][scene]") {
    Projector projector(ProjectionKind::Albers);
    const Layout& l = layout("000/yixian-yiye");
    std::set<std::string> categories;
    for (const auto& e : l.elements)
        if (e.placement != Placement::NotPlaced) categories.insert(e.category);
    auto layers = style_layout(l, "000/yixian-yiye", projector);
    std::set<std::string> legend;
    std::set<uint32_t> colours;
    for (const auto& item : layers.back().legend) legend.insert(item.label);
    for (const auto& sl : layers)
        if (sl.kind == LayerKind::Fill) colours.insert(uint32_t(sl.fill.r) << 16 | sl.fill.g << 8 | sl.fill.b);
    CHECK(legend == categories);
    CHECK(colours.size() == categories.size());
}

TEST_CASE("layout references: a plan, one layout, and clear errors", "[layouts][scene]") {
    CHECK(find_layouts(library(), "004").size() == library().plans.back().plan.layouts.size());
    CHECK_THROWS_WITH(find_layouts(library(), "000/nope"),
                      Catch::Contains("no layout 'nope'") && Catch::Contains("yihe-sanyi-qizhidian"));
    CHECK_THROWS_WITH(find_layouts(library(), "999"), Catch::Contains("no layout file for plan '999'"));
}

TEST_CASE("scene file: layouts key adds layers; bad references name file, line and column", "[layouts][scene]") {
    Scene s = load_scene_text("basemap = [\"counties\"]\nlayouts = [\"000/yihe-sanyi-qizhidian\", \"000\"]\n", "s.toml", ".");
    size_t n = 0;
    for (const auto& l : s.layers) n += l.id.rfind("layout:000/yihe-sanyi-qizhidian:", 0) == 0;
    CHECK(n > 0);
    CHECK(s.find("layout:000/yixian-yiye:0"));
    CHECK_THROWS_WITH(load_scene_text("title = \"t\"\nlayouts = [\"004\", \"000/nope\"]\n", "s.toml", "."),
                      Catch::Contains("s.toml:2:19") && Catch::Contains("no layout 'nope'"));
    CHECK_THROWS_WITH(load_scene_text("layouts = \"004\"\n", "s.toml", "."),
                      Catch::Contains("s.toml:1:") && Catch::Contains("array of strings"));
    CHECK_THROWS_WITH(load_scene_text("layouts = [\"777/x\"]\n", "s.toml", "."),
                      Catch::Contains("s.toml:1:12") && Catch::Contains("no layout file for plan '777'"));
}

TEST_CASE("a layout file with errors is kept with its file:line:column error, not thrown", "[layouts][scene]") {
    auto dir = pvtest::temp_dir("layout_library");
    pvtest::write_file(dir / "900_bad.toml", "plan_file = \"x.txt\"\nplan_sha256 = \"0000000000000000000000000000000000000000000000000000000000000000\"\ntitle = \"t\"\n[[layout]]\nid = \"a\"\ntitle = \"a\"\nlines = [1, 2]\n[[layout.element]]\nrole = \"r\"\nname = \"n\"\nkind = \"spaceport\"\nlines = 1\nseat = \"太原\"\n");
    LayoutLibrary lib = load_layout_library(dir.string(), maps_dir(), planview_home() + "/data/gazetteer.csv");
    REQUIRE(lib.plans.size() == 1);
    CHECK(lib.plans[0].number == "900");
    CHECK_THAT(lib.plans[0].error, Catch::Contains("900_bad.toml:11:") && Catch::Contains("spaceport"));
    CHECK_THROWS_WITH(find_layouts(lib, "900/a"), Catch::Contains("900_bad.toml:11:"));
}

TEST_CASE("scene file: hatch and arrow keys", "[scene]") {
    auto dir = pvtest::temp_dir("hatch_keys");
    Scene s = load_scene_text(
        "basemap = [\"counties\", \"rivers\"]\n[[layer]]\nid = \"counties\"\nhatch = \"#ff0000\"\nhatch_angle = -30\n"
        "[[layer]]\nid = \"rivers\"\narrow = true\n",
        "s.toml", dir.string());
    CHECK(s.find("counties")->hatch.spacing == 8);
    CHECK(s.find("counties")->hatch.angle == -30);
    CHECK(s.find("counties")->hatch.colour.r == 255);
    CHECK(s.find("rivers")->arrow);
}

TEST_CASE("the shared layout library is read once and reread when a layout file changes", "[layouts]") {
    namespace fs = std::filesystem;
    fs::path home = pvtest::temp_dir("shared-library-home");
    fs::create_directories(home / "data" / "layouts");
    fs::create_symlink(fs::path(PLANVIEW_SOURCE_DIR) / "maps", home / "maps");
    fs::copy_file(fs::path(PLANVIEW_SOURCE_DIR) / "data" / "gazetteer.csv", home / "data" / "gazetteer.csv");
    fs::path layout = home / "data" / "layouts" / "001_yongji_14th_fyp.toml";
    fs::copy_file(fs::path(PLANVIEW_SOURCE_DIR) / "data" / "layouts" / "001_yongji_14th_fyp.toml", layout);

    std::string old_home = std::getenv("PLANVIEW_HOME") ? std::getenv("PLANVIEW_HOME") : "";
    ::setenv("PLANVIEW_HOME", home.c_str(), 1);
    auto first = shared_default_layout_library();
    auto again = shared_default_layout_library();
    CHECK(first.get() == again.get());
    REQUIRE(first->plans.size() == 1);
    CHECK(first->plans[0].error.empty());

    // An edit a planner makes while the viewer runs: a broken kind.
    std::string text;
    {
        std::ifstream in(layout, std::ios::binary);
        text.assign(std::istreambuf_iterator<char>(in), {});
    }
    auto at = text.find("kind = \"belt\"");
    REQUIRE(at != std::string::npos);
    text.replace(at, 13, "kind = \"belts\"");
    pvtest::write_file(layout, text);
    auto edited = shared_default_layout_library();
    CHECK(edited.get() != first.get());
    REQUIRE(edited->plans.size() == 1);
    CHECK_THAT(edited->plans[0].error, Catch::Contains("unknown kind 'belts'"));
    CHECK(first->plans[0].error.empty());  // a holder of the old library keeps it intact

    if (old_home.empty()) ::unsetenv("PLANVIEW_HOME");
    else ::setenv("PLANVIEW_HOME", old_home.c_str(), 1);
}
