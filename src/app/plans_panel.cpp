#include "app/plans_panel.hpp"

#include <imgui.h>

#include <cstdio>

namespace pv::app {

namespace {

const PlanEntry* plan_of(const PlansPanel& p, const std::string& key) {
    std::string number = key.substr(0, key.find('/'));
    for (const auto& e : p.lib.plans)
        if (e.number == number) return &e;
    return nullptr;
}

const Layout* layout_of(const PlansPanel& p, const std::string& key) {
    const PlanEntry* e = plan_of(p, key);
    if (!e) return nullptr;
    std::string id = key.substr(key.find('/') + 1);
    for (const auto& l : e->plan.layouts)
        if (l.id == id) return &l;
    return nullptr;
}

// Drops a scene layer and its GPU buffers.
void forget_layer(Scene& scene, Renderer& r, const std::string& id) {
    auto it = r.layers.find(id);
    if (it != r.layers.end()) {
        LayerGpu& g = it->second;
        destroy(g.fill), destroy(g.fringe), destroy(g.line), destroy(g.circle), destroy(g.hatch), destroy(g.arrows);
        r.layers.erase(it);
    }
    scene.layers.erase(std::remove_if(scene.layers.begin(), scene.layers.end(), [&](const SceneLayer& l) { return l.id == id; }),
                       scene.layers.end());
}

}  // namespace

std::vector<std::string> init_plans_panel(PlansPanel& p, const std::string& plans_dir, const std::vector<std::string>& shown) {
    std::vector<std::string> messages;
    p.plans_dir = plans_dir;
    try {
        p.lib = *shared_default_layout_library();  // shared with scene files and slides
    } catch (const std::exception& e) {
        p.load_error = e.what();
        messages.push_back(p.load_error);
        return messages;
    }
    for (const auto& e : p.lib.plans)
        if (!e.error.empty()) messages.push_back(e.error);
    for (const auto& ref : init_toggles(p.toggles, p.lib, shown)) {
        const PlanEntry* plan = plan_of(p, ref);
        if (plan && !plan->error.empty()) continue;  // its file's error is reported above
        messages.push_back("--layouts: no layout '" + ref + "'");
    }
    return messages;
}

void apply_layout(PlansPanel& p, Scene& scene, Renderer& r, const std::string& key, const Projector& projector,
                  double tolerance) {
    std::string prefix = layout_layer_prefix(key);
    std::vector<std::string> old;
    for (const auto& l : scene.layers)
        if (l.id.rfind(prefix, 0) == 0) old.push_back(l.id);
    for (const auto& id : old) forget_layer(scene, r, id);
    auto it = p.toggles.find(key);
    const Layout* layout = layout_of(p, key);
    if (it == p.toggles.end() || !it->second.visible || !layout) return;
    for (auto& l : style_layout(*layout, key, projector, element_mask(it->second))) {
        upload_layer(r, l, tolerance);
        scene.layers.push_back(std::move(l));
    }
}

void apply_all_layouts(PlansPanel& p, Scene& scene, Renderer& r, const Projector& projector, double tolerance) {
    for (const auto& [key, t] : p.toggles)
        if (t.visible) apply_layout(p, scene, r, key, projector, tolerance);
}

void select_element(PlansPanel& p, const std::string& key, long element, bool english) {
    p.sel_key = key, p.sel_element = element;
    p.cited = {};
    const PlanEntry* plan = plan_of(p, key);
    const Layout* layout = layout_of(p, key);
    if (!plan || !layout || element < 0 || size_t(element) >= layout->elements.size()) {
        p.sel_key.clear(), p.sel_element = -1;
        return;
    }
    p.cited = cited_text(p.plans_dir, *plan, layout->elements[size_t(element)], english);
    p.cited_english = english;
}

std::vector<std::string> draw_plans_panel(PlansPanel& p, bool en, float top) {
    std::vector<std::string> changed;
    ImGuiIO& io = ImGui::GetIO();
    ImGui::SetNextWindowPos(ImVec2(10, top + io.DisplaySize.y * 0.42f), ImGuiCond_FirstUseEver);
    ImGui::SetNextWindowSize(ImVec2(ImGui::GetFontSize() * 22, io.DisplaySize.y * 0.45f), ImGuiCond_FirstUseEver);
    ImGui::Begin(plan_tr(0, en), nullptr);
    if (!p.load_error.empty()) ImGui::TextColored(ImVec4(0.85f, 0.1f, 0.1f, 1), "%s", p.load_error.c_str());
    for (const auto& plan : p.lib.plans) {
        ImGui::PushID(plan.path.c_str());
        std::string head = plan.number + "  " + (plan.plan.title.empty() ? plan.path : plan.plan.title);
        bool shown = !plan.error.empty();
        for (const auto& l : plan.plan.layouts) shown = shown || p.toggles[plan.number + "/" + l.id].visible;
        if (shown) ImGui::SetNextItemOpen(true, ImGuiCond_Once);  // plans on the map (or in error) start open
        if (ImGui::TreeNode(head.c_str())) {
            if (!plan.error.empty()) {
                ImGui::PushTextWrapPos(0);
                ImGui::TextColored(ImVec4(0.85f, 0.1f, 0.1f, 1), "%s: %s", plan_tr(16, en), plan.error.c_str());
                ImGui::PopTextWrapPos();
            }
            for (const auto& l : plan.plan.layouts) {
                std::string key = plan.number + "/" + l.id;
                LayoutToggle& t = p.toggles[key];
                ImGui::PushID(key.c_str());
                if (ImGui::Checkbox("##on", &t.visible)) changed.push_back(key);
                ImGui::SameLine();
                LayoutSummary s = l.summary();
                char counts[96];
                std::snprintf(counts, sizeof counts, "  (%zu; %zu/%zu/%zu)", s.elements, s.exact, s.located_by_county, s.not_placed);
                if (t.visible) ImGui::SetNextItemOpen(true, ImGuiCond_Once);
                if (ImGui::TreeNode((l.title + counts).c_str())) {
                    for (size_t i = 0; i < l.elements.size(); ++i) {
                        const LayoutElement& e = l.elements[i];
                        ImGui::PushID(int(i));
                        bool on = t.elements[i];
                        bool placed = e.placement != Placement::NotPlaced;
                        if (!placed) ImGui::BeginDisabled();
                        if (ImGui::Checkbox("##e", &on)) t.elements[i] = on, changed.push_back(key);
                        if (!placed) ImGui::EndDisabled();
                        ImGui::SameLine();
                        std::string row = e.role + " · " + e.name;
                        if (e.schematic) row += en ? "  [schematic]" : "  〔示意〕";
                        if (e.placement != Placement::Exact) row += std::string("  〔") + placement_label(e.placement, en) + "〕";
                        if (ImGui::Selectable(row.c_str(), p.sel_key == key && p.sel_element == long(i)))
                            select_element(p, key, long(i), en);
                        ImGui::PopID();
                    }
                    ImGui::TreePop();
                }
                ImGui::PopID();
            }
            ImGui::TreePop();
        }
        ImGui::PopID();
    }
    ImGui::End();

    // Provenance of the selected element.
    const Layout* layout = p.sel_key.empty() ? nullptr : layout_of(p, p.sel_key);
    const PlanEntry* plan = p.sel_key.empty() ? nullptr : plan_of(p, p.sel_key);
    if (layout && plan && p.sel_element >= 0 && size_t(p.sel_element) < layout->elements.size()) {
        if (p.cited_english != en) select_element(p, p.sel_key, p.sel_element, en);
        const LayoutElement& e = layout->elements[size_t(p.sel_element)];
        bool open = true;
        ImGui::SetNextWindowPos(ImVec2(io.DisplaySize.x - 10, top + 120), ImGuiCond_FirstUseEver, ImVec2(1, 0));
        ImGui::SetNextWindowSize(ImVec2(ImGui::GetFontSize() * 30, io.DisplaySize.y * 0.55f), ImGuiCond_FirstUseEver);
        ImGui::Begin(plan_tr(15, en), &open);
        if (ImGui::BeginTable("prov", 2, ImGuiTableFlags_Borders | ImGuiTableFlags_RowBg)) {
            ImGui::TableSetupColumn("k", ImGuiTableColumnFlags_WidthFixed, ImGui::GetFontSize() * (en ? 9.0f : 5.0f));
            ImGui::TableSetupColumn("v", ImGuiTableColumnFlags_WidthStretch);
            for (const auto& [k, v] : provenance_rows(*plan, *layout, e, en)) {
                ImGui::TableNextRow();
                ImGui::TableNextColumn();
                ImGui::TextUnformatted(k.c_str());
                ImGui::TableNextColumn();
                ImGui::TextWrapped("%s", v.c_str());
            }
            ImGui::EndTable();
        }
        ImGui::Separator();
        ImGui::PushTextWrapPos(0);
        ImGui::TextUnformatted(plan_tr(13, en));
        if (p.cited.ok) {
            for (const auto& line : p.cited.lines) {
                ImGui::TextDisabled("%5d", line.number);
                ImGui::SameLine();
                ImGui::TextWrapped("%s", line.text.c_str());
            }
        } else {
            ImGui::TextColored(ImVec4(0.75f, 0.35f, 0.0f, 1), "%s", p.cited.message.c_str());
        }
        ImGui::PopTextWrapPos();
        ImGui::End();
        if (!open) p.sel_key.clear(), p.sel_element = -1;
    }
    return changed;
}

std::string plans_panel_text(const PlansPanel& p) {
    std::string s;
    for (const auto& t : kPlanStrings) s += t.zh, s += t.en;
    s += "〔〕·–" + p.load_error;
    for (const auto& plan : p.lib.plans) {
        s += plan.plan.title + plan.error + plan.plan.plan_file;
        for (const auto& l : plan.plan.layouts) {
            s += l.title;
            for (const auto& e : l.elements) {
                s += e.role + e.name + e.kind + e.category + e.interpretation + e.note;
                for (const auto& m : e.members) s += m;
            }
        }
    }
    for (const auto& line : p.cited.lines) s += line.text;
    s += p.cited.message;
    return s;
}

}  // namespace pv::app
