#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>

#include "../test_support.hpp"
#include "app/plans_model.hpp"
#include "data/paths.hpp"

using namespace pv;

namespace {
const LayoutLibrary& library() {
    static LayoutLibrary lib = load_default_layout_library();
    return lib;
}
}  // namespace

TEST_CASE("plans panel: toggles, masks and layer keys", "[app][layouts]") {
    app::LayoutToggles t;
    auto unknown = app::init_toggles(t, library(), {"004", "000/yihe-sanyi-qizhidian", "000/nope"});
    CHECK(unknown == std::vector<std::string>{"000/nope"});
    CHECK(t.at("000/yihe-sanyi-qizhidian").visible);
    CHECK(!t.at("000/yixian-yiye").visible);
    CHECK(t.at("004/liangdai-liangping").visible);
    CHECK(app::element_mask(t.at("004/liangdai-liangping")).empty());  // all on: no mask
    t.at("004/liangdai-liangping").elements[1] = false;
    CHECK(app::element_mask(t.at("004/liangdai-liangping")).size() == t.at("004/liangdai-liangping").elements.size());
    CHECK(app::layout_key_of("layout:000/yihe-sanyi-qizhidian:3") == "000/yihe-sanyi-qizhidian");
    CHECK(app::layout_key_of("counties").empty());
    CHECK(app::format_lines({{872, 886}, {900, 900}}) == "872–886, 900");
}

TEST_CASE("plans panel: provenance rows say what is the plan's and what is ours", "[app][layouts]") {
    auto picks = find_layouts(library(), "000/yihe-sanyi-qizhidian");
    const LayoutElement& core = picks[0].layout->elements[0];  // 一核, schematic
    REQUIRE(core.schematic);
    auto rows = app::provenance_rows(*picks[0].plan, *picks[0].layout, core, false);
    auto value = [&](const char* label) {
        for (const auto& [k, v] : rows)
            if (k == label) return v;
        return std::string("(none)");
    };
    CHECK(value("角色") == "一核");
    CHECK(value("行") == app::format_lines(core.lines));
    CHECK(value("示意（我方解读）") == core.interpretation);
    CHECK(value("规划文件").find(picks[0].plan->plan.plan_file) == 0);
    CHECK(value("落图方式").find("精确") == 0);
}

TEST_CASE("plans panel: cited lines only when the text's SHA-256 matches", "[app][layouts]") {
    auto picks = find_layouts(library(), "000/yihe-sanyi-qizhidian");
    const PlanEntry& plan = *picks[0].plan;
    const LayoutElement& e = picks[0].layout->elements[1];
    auto none = app::cited_text("", plan, e, true);
    CHECK(!none.ok);
    CHECK_THAT(none.message, Catch::Contains("--plans"));
    // A different text under the plan's file name: refused, with a clear message.
    auto dir = pvtest::temp_dir("plans_mismatch");
    std::string fake;
    for (int i = 0; i < 2000; ++i) fake += "line\n";
    pvtest::write_file(dir / plan.plan.plan_file, fake);
    auto wrong = app::cited_text(dir.string(), plan, e, false);
    CHECK(!wrong.ok);
    CHECK(wrong.lines.empty());
    CHECK_THAT(wrong.message, Catch::Contains("SHA-256 不符"));
    if (const char* real = std::getenv("PLANVIEW_PLANS_DIR")) {
        auto ok = app::cited_text(real, plan, e, false);
        CHECK(ok.ok);
        REQUIRE(!ok.lines.empty());
        CHECK(ok.lines.front().number == e.lines.front().first);
        CHECK_THAT(ok.lines.front().text + ok.lines.back().text, Catch::Contains("永济"));
    } else {
        WARN("PLANVIEW_PLANS_DIR is not set: the matching case is not checked");
    }
}

TEST_CASE("plans panel: clicking the map picks the element drawn there", "[app][layouts]") {
    Projector projector(ProjectionKind::Albers);
    Scene s;
    add_layouts_to_scene(s, library(), {"004/yizhu-sanfu-liushi"}, projector);
    Bounds b;
    for (const auto& l : s.layers) b.add(l.data->bounds_xy());
    Camera cam = fit_camera(b, 800, 1000, 0.1);
    const Layout& l = *find_layouts(library(), "004/yizhu-sanfu-liushi")[0].layout;
    size_t datong = l.elements.size();
    for (size_t i = 0; i < l.elements.size(); ++i)
        if (l.elements[i].name == "大同") datong = i;
    REQUIRE(datong < l.elements.size());
    Vec2 at = map_to_screen(cam, projector.forward(l.elements[datong].anchor));
    auto hit = app::pick_layout_element(s, cam, {at.x + 3, at.y - 2});
    REQUIRE(hit);
    CHECK(hit->key == "004/yizhu-sanfu-liushi");
    CHECK(hit->element == datong);
    CHECK(!app::pick_layout_element(s, cam, {2, 2}));
    for (auto& layer : s.layers) layer.visible = false;  // hidden layouts are not picked
    CHECK(!app::pick_layout_element(s, cam, {at.x, at.y}));
}
