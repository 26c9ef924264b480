// Pure functions behind the Plans panel: which layouts and elements are shown, picking an element
// on the map, and an element's provenance (with the cited plan lines when the texts are at hand).
// Header-only so the tests, which link the stage libraries but not the app, can use them.
#pragma once
#include <cmath>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "app/model.hpp"
#include "data/error.hpp"
#include "meaning/layout.hpp"
#include "scene/camera.hpp"
#include "scene/layout_style.hpp"
#include "scene/scene.hpp"

namespace pv::app {

// The panel's own strings (zh, en); the font's glyph ranges include them.
struct PlanStr {
    const char* zh;
    const char* en;
};
inline constexpr PlanStr kPlanStrings[] = {
    {"规划", "Plans"},                                     // 0
    {"规划文件", "Plan file"},                             // 1
    {"行", "Lines"},                                       // 2
    {"角色", "Role"},                                      // 3
    {"名称", "Name"},                                      // 4
    {"类型", "Kind"},                                      // 5
    {"成员", "Members"},                                   // 6
    {"示意（我方解读）", "Schematic (our reading)"},       // 7
    {"备注（我方）", "Note (ours)"},                       // 8
    {"落图方式", "Placement"},                             // 9
    {"精确", "exact"},                                     // 10
    {"按县定位", "located by county"},                     // 11
    {"未落图", "not placed"},                              // 12
    {"规划原文", "Plan text"},                             // 13
    {"未提供规划文本目录（--plans DIR 或 PLANVIEW_PLANS_DIR）", "No plan texts folder (--plans DIR or PLANVIEW_PLANS_DIR)"},  // 14
    {"出处", "Provenance"},                                // 15
    {"布局文件有误", "Layout file has errors"},            // 16
    {"列举", "enumerated"},                                // 17
    {"未尽列举（等）", "open list (等)"},                  // 18
    {"规划文本与布局文件的 SHA-256 不符，不显示引文", "The plan text's SHA-256 differs from the layout file's: lines not shown"},  // 19
    {"全部", "All"},                                       // 20
    {"布局", "Layout"},                                    // 21
};
inline const char* plan_tr(int i, bool english) { return english ? kPlanStrings[i].en : kPlanStrings[i].zh; }

// "872–886, 900"
inline std::string format_lines(const std::vector<LineRange>& ranges) {
    std::string out;
    for (const auto& r : ranges) {
        if (!out.empty()) out += ", ";
        out += std::to_string(r.first);
        if (r.last != r.first) out += "–" + std::to_string(r.last);
    }
    return out;
}

inline const char* placement_label(Placement p, bool english) {
    return plan_tr(p == Placement::Exact ? 10 : p == Placement::LocatedByCounty ? 11 : 12, english);
}

// The provenance of an element as (label, value) rows, in the order the panel shows them. The
// plan's words (role, name, members) and ours (interpretation, note) are labelled as such.
inline std::vector<std::pair<std::string, std::string>> provenance_rows(const PlanEntry& plan, const Layout& layout,
                                                                        const LayoutElement& e, bool english) {
    std::vector<std::pair<std::string, std::string>> rows;
    rows.push_back({plan_tr(1, english), plan.plan.plan_file + "  (" + plan.plan.title + ")"});
    rows.push_back({plan_tr(21, english), layout.title + "  [" + format_lines(layout.lines) + "]"});
    rows.push_back({plan_tr(2, english), format_lines(e.lines)});
    rows.push_back({plan_tr(3, english), e.role});
    rows.push_back({plan_tr(4, english), e.name});
    rows.push_back({plan_tr(5, english), e.kind + (e.category.empty() ? "" : " · " + e.category)});
    if (!e.members.empty() || e.enumerated || e.open_list) {
        std::string m;
        for (const auto& s : e.members) m += (m.empty() ? "" : "、") + s;
        if (e.enumerated) m += std::string(m.empty() ? "" : "  ") + "(" + plan_tr(17, english) + ")";
        if (e.open_list) m += std::string(m.empty() ? "" : "  ") + "(" + plan_tr(18, english) + ")";
        rows.push_back({plan_tr(6, english), m});
    }
    std::string placement = placement_label(e.placement, english);
    if (!e.county_codes.empty() && e.placement != Placement::NotPlaced) {
        placement += ":";
        for (const auto& c : e.county_codes) placement += " " + c;
    }
    rows.push_back({plan_tr(9, english), placement});
    if (e.schematic) rows.push_back({plan_tr(7, english), e.interpretation});
    if (!e.note.empty()) rows.push_back({plan_tr(8, english), e.note});
    return rows;
}

// The cited lines, or why they cannot be shown (no folder, missing file, SHA-256 mismatch).
struct CitedText {
    bool ok = false;
    std::string message;
    std::vector<CitedLine> lines;
};
inline CitedText cited_text(const std::string& plans_dir, const PlanEntry& plan, const LayoutElement& e, bool english) {
    CitedText t;
    if (plans_dir.empty()) {
        t.message = plan_tr(14, english);
        return t;
    }
    try {
        t.lines = read_cited_lines(plans_dir, plan.plan.plan_file, plan.plan.plan_sha256, e.lines);
        t.ok = true;
    } catch (const std::exception& ex) {
        std::string why = ex.what();
        t.message = why.find("SHA-256") != std::string::npos || why.find("sha256") != std::string::npos
                        ? std::string(plan_tr(19, english)) + "\n" + why
                        : why;
    }
    return t;
}

// ---- Picking -----------------------------------------------------------------------------------

struct ElementHit {
    std::string key;  // "000/yihe-sanyi-qizhidian"
    size_t element = 0;
};

// The layout key of a layout scene layer id ("layout:<key>:<n>"), or "".
inline std::string layout_key_of(const std::string& layer_id) {
    const std::string prefix = "layout:";
    if (layer_id.rfind(prefix, 0) != 0) return "";
    size_t colon = layer_id.rfind(':');
    if (colon <= prefix.size()) return "";
    return layer_id.substr(prefix.size(), colon - prefix.size());
}

inline double segment_distance(Vec2 p, Vec2 a, Vec2 b) {
    double dx = b.x - a.x, dy = b.y - a.y, len2 = dx * dx + dy * dy;
    double t = len2 > 0 ? std::clamp(((p.x - a.x) * dx + (p.y - a.y) * dy) / len2, 0.0, 1.0) : 0.0;
    return std::hypot(p.x - (a.x + t * dx), p.y - (a.y + t * dy));
}

// The element drawn under a screen point: symbols first, then lines, then areas, each from the
// top layer down; within `slop_px` of a symbol's edge or a line.
inline std::optional<ElementHit> pick_layout_element(const Scene& scene, const Camera& cam, Vec2 screen,
                                                     float ratio = 1, double slop_px = 4) {
    Vec2 m = screen_to_map(cam, screen);
    for (LayerKind pass : {LayerKind::Circle, LayerKind::Line, LayerKind::Fill}) {
        for (auto it = scene.layers.rbegin(); it != scene.layers.rend(); ++it) {
            const SceneLayer& l = *it;
            if (!l.visible || l.opacity <= 0 || !l.data || l.kind != pass) continue;
            std::string key = layout_key_of(l.id);
            if (key.empty()) continue;
            int fe = l.data->field_index("element");
            if (fe < 0) continue;
            for (auto f = l.data->features.rbegin(); f != l.data->features.rend(); ++f) {
                const Geometry& g = f->xy;
                bool hit = false;
                if (pass == LayerKind::Circle) {
                    double r = (l.symbol_size * 0.5 + l.stroke_width) * ratio + slop_px;
                    for (const auto& p : g.points) hit = hit || std::hypot((p.x - m.x) / cam.scale, (p.y - m.y) / cam.scale) <= r;
                } else if (pass == LayerKind::Line) {
                    double r = (l.stroke_width * 0.5) * ratio + slop_px;
                    for (size_t k = 0; k < g.part_count() && !hit; ++k)
                        for (size_t i = g.part_begin(k); i + 1 < g.part_end(k) && !hit; ++i)
                            hit = segment_distance(m, g.points[i], g.points[i + 1]) / cam.scale <= r;
                } else {
                    hit = g.kind == GeomKind::Polygon && point_in_polygon(g, m);
                }
                if (hit) return ElementHit{key, size_t(std::stoul(l.data->text(*f, "element")))};
            }
        }
    }
    return std::nullopt;
}

// ---- Shown layouts -----------------------------------------------------------------------------

// What the panel shows: per layout key, whether it is on and which of its elements are.
struct LayoutToggle {
    bool visible = false;
    std::vector<bool> elements;  // parallel to the layout's elements
};
using LayoutToggles = std::map<std::string, LayoutToggle>;

// Every layout of the library, off, all elements on; `shown` references ("000", "000/x") on.
// Unknown references are returned (for a message), not thrown.
inline std::vector<std::string> init_toggles(LayoutToggles& t, const LayoutLibrary& lib, const std::vector<std::string>& shown) {
    for (const auto& p : lib.plans)
        for (const auto& l : p.plan.layouts) t[p.number + "/" + l.id] = {false, std::vector<bool>(l.elements.size(), true)};
    std::vector<std::string> unknown;
    for (const auto& ref : shown) {
        bool any = false;
        for (auto& [key, tog] : t)
            if (key == ref || key.rfind(ref + "/", 0) == 0) tog.visible = any = true;
        if (!any) unknown.push_back(ref);
    }
    return unknown;
}

// The element visibility the style takes: empty when all are on.
inline std::vector<bool> element_mask(const LayoutToggle& t) {
    for (bool b : t.elements)
        if (!b) return t.elements;
    return {};
}

}  // namespace pv::app
