#include "app/indicator_panels.hpp"

#include <imgui.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <filesystem>

#include "scene/palette.hpp"

namespace pv::app {

const char* indicator_panel_text() {
    return "图例指标地图数据表或自己的路径键：代码名称字段分级级数色板显示分位数等间距自然断点问题未绘制复制无数据级第最高"
           "规划目标文本项与省同指标并列隐含年均增速刻度蓝本红按表中顺序单位属性行→±";
}

bool is_table_file(const std::string& path) {
    std::string ext = std::filesystem::path(path).extension().string();
    for (auto& c : ext) c = char(std::tolower((unsigned char)c));
    return ext == ".csv" || ext == ".xlsx";
}

namespace {
const char* kMethods[] = {"quantile", "equal_interval", "natural_breaks"};
const char* kMethodNames[] = {"分位数 quantile", "等间距 equal", "自然断点 Jenks"};

void list_tables(IndicatorPanel& p) {
    if (!p.tables.empty()) return;
    namespace fs = std::filesystem;
    std::error_code ec;
    for (const auto& e : fs::directory_iterator(fs::path(planview_home()) / "data" / "indicators", ec)) {
        std::string stem = e.path().stem().string();
        if (e.path().extension() != ".csv" || stem == "sources" || stem.rfind("plan_", 0) == 0 || stem.find("special") != std::string::npos)
            continue;
        p.tables.push_back(stem);
    }
    std::sort(p.tables.begin(), p.tables.end());
}

std::string current_table(const IndicatorPanel& p) {
    if (p.user_path[0]) return p.user_path;
    return p.table < int(p.tables.size()) ? p.tables[size_t(p.table)] : "";
}

void refresh_fields(IndicatorPanel& p) {
    std::string t = current_table(p);
    if (t == p.fields_of) return;
    p.fields_of = t;
    p.fields.clear();
    p.field = 0;
    try {
        std::string path = resolve_table_path(t, "");
        if (std::filesystem::exists(sidecar_path(path))) {
            for (const auto& c : read_table_spec(sidecar_path(path)).columns) p.fields.push_back(c.name);
        } else {
            for (const auto& h : read_table_headers(path))
                if (h != "code" && h != "name") p.fields.push_back(h);
        }
    } catch (const std::exception& e) {
        p.report = e.what();
        p.show_report = true;
    }
}
}  // namespace

std::optional<IndicatorSpec> indicator_picker(IndicatorPanel& p, bool en) {
    if (!p.open) return std::nullopt;
    list_tables(p);
    std::optional<IndicatorSpec> out;
    ImGui::SetNextWindowSize(ImVec2(ImGui::GetFontSize() * 26, 0), ImGuiCond_FirstUseEver);
    ImGui::SetNextWindowPos(ImVec2(ImGui::GetIO().DisplaySize.x - 10, ImGui::GetFontSize() * 7), ImGuiCond_FirstUseEver, ImVec2(1, 0));
    ImGui::Begin(en ? "Indicator map" : "指标地图", &p.open);
    ImGui::TextUnformatted(en ? "Table" : "数据表");
    for (int i = 0; i < int(p.tables.size()); ++i)
        if (ImGui::RadioButton(p.tables[size_t(i)].c_str(), p.table == i && !p.user_path[0])) p.table = i, p.user_path[0] = 0;
    ImGui::InputTextWithHint("##user", en ? "or your own CSV / XLSX path" : "或自己的 CSV / XLSX 路径", p.user_path, sizeof p.user_path);
    if (p.user_path[0]) {
        ImGui::RadioButton(en ? "key: code" : "键：代码", &p.key, 0);
        ImGui::SameLine();
        ImGui::RadioButton(en ? "key: name" : "键：名称", &p.key, 1);
    }
    refresh_fields(p);
    if (!p.fields.empty()) {
        std::vector<const char*> names;
        for (const auto& f : p.fields) names.push_back(f.c_str());
        ImGui::Combo(en ? "field" : "字段", &p.field, names.data(), int(names.size()));
    }
    ImGui::Combo(en ? "method" : "分级", &p.method, kMethodNames, 3);
    ImGui::SliderInt(en ? "classes" : "级数", &p.classes, 3, 9);
    std::vector<std::string> pals = palette_names();
    std::vector<const char*> pn;
    for (const auto& s : pals) pn.push_back(s.c_str());
    if (p.palette == 0) {
        auto it = std::find(pals.begin(), pals.end(), std::string(kDefaultPalette));
        if (it != pals.end()) p.palette = int(it - pals.begin());
    }
    ImGui::Combo(en ? "palette" : "色板", &p.palette, pn.data(), int(pn.size()));
    if (ImGui::Button(en ? "Show" : "显示") && !p.fields.empty()) {
        IndicatorSpec s;
        s.table = current_table(p);
        s.field = p.fields[size_t(p.field)];
        if (p.user_path[0]) s.key = p.key == 0 ? "code" : "name";
        s.method = parse_class_method(kMethods[p.method]);
        s.classes = p.classes;
        s.palette = pals[size_t(p.palette)];
        out = s;
    }
    ImGui::End();
    return out;
}

void preset_picker(IndicatorPanel& p, const IndicatorSpec& spec) {
    list_tables(p);
    auto t = std::find(p.tables.begin(), p.tables.end(), spec.table);
    if (t != p.tables.end()) p.table = int(t - p.tables.begin()), p.user_path[0] = 0;
    else std::snprintf(p.user_path, sizeof p.user_path, "%s", spec.table.c_str());
    refresh_fields(p);
    auto f = std::find(p.fields.begin(), p.fields.end(), spec.field);
    if (f != p.fields.end()) p.field = int(f - p.fields.begin());
    for (int m = 0; m < 3; ++m)
        if (to_string(spec.method) == kMethods[m]) p.method = m;
    p.classes = spec.classes;
    std::vector<std::string> pals = palette_names();
    auto pl = std::find(pals.begin(), pals.end(), spec.palette);
    if (pl != pals.end()) p.palette = int(pl - pals.begin());
}

void indicator_legend_window(const SceneLayer& l, bool en) {
    if (!l.visible || l.legend.empty()) return;
    ImGuiIO& io = ImGui::GetIO();
    ImGui::SetNextWindowPos(ImVec2(io.DisplaySize.x - 10, io.DisplaySize.y - 50), ImGuiCond_FirstUseEver, ImVec2(1, 1));
    ImGui::SetNextWindowBgAlpha(0.92f);
    ImGui::Begin(en ? "Legend" : "图例", nullptr, ImGuiWindowFlags_AlwaysAutoResize);
    ImGui::TextUnformatted(l.title.c_str());
    ImDrawList* dl = ImGui::GetWindowDrawList();
    float h = ImGui::GetTextLineHeight();
    for (const auto& e : l.legend) {
        ImVec2 p = ImGui::GetCursorScreenPos();
        dl->AddRectFilled(p, ImVec2(p.x + h * 1.8f, p.y + h), IM_COL32(e.fill.r, e.fill.g, e.fill.b, 255));
        dl->AddRect(p, ImVec2(p.x + h * 1.8f, p.y + h), IM_COL32(150, 150, 150, 255));
        ImGui::Dummy(ImVec2(h * 1.8f, h));
        ImGui::SameLine();
        ImGui::TextUnformatted(e.label.c_str());
    }
    ImGui::PushTextWrapPos(ImGui::GetFontSize() * 30);
    for (const auto& n : l.legend_note) ImGui::TextDisabled("%s", n.c_str());
    ImGui::PopTextWrapPos();
    ImGui::End();
}

void table_report_window(IndicatorPanel& p, bool en) {
    if (!p.show_report) return;
    ImGui::SetNextWindowSize(ImVec2(ImGui::GetFontSize() * 40, ImGui::GetFontSize() * 16), ImGuiCond_FirstUseEver);
    ImGui::Begin(en ? "Table problems (nothing drawn)" : "数据表问题（未绘制）", &p.show_report);
    ImGui::TextWrapped("%s", p.report.c_str());
    if (ImGui::Button(en ? "Copy" : "复制")) ImGui::SetClipboardText(p.report.c_str());
    ImGui::End();
}

void indicator_hover_lines(const SceneLayer& l, size_t i, bool en) {
    if (i >= l.feature_value.size()) return;
    double v = l.feature_value[i];
    ImGui::Separator();
    ImGui::TextUnformatted(l.value_label.c_str());
    if (!std::isfinite(v)) {
        ImGui::TextUnformatted(en ? "no data" : "无数据");
        return;
    }
    int of = 0, rank = descending_rank(l.feature_value, v, &of);
    int k = i < l.feature_class.size() ? l.feature_class[i] : -1;
    ImGui::Text("%s %s", format_indicator_value(v).c_str(), l.value_unit.c_str());
    if (k >= 0 && size_t(k) < l.legend.size()) ImGui::Text("%s %d: %s", en ? "class" : "级", k + 1, l.legend[size_t(k)].label.c_str());
    ImGui::Text(en ? "rank %d / %d (1 = highest)" : "第 %d / %d（1 = 最高）", rank, of);
}

void open_targets(TargetsPanel& p, const std::string& number) {
    p.open = true;
    p.number = number;
    p.error.clear();
    p.view.reset();
    try {
        p.view = load_targets(number);
    } catch (const std::exception& e) {
        p.error = e.what();
    }
}

namespace {
std::string pct(double g) {
    if (!std::isfinite(g)) return "—";
    char b[32];
    std::snprintf(b, sizeof b, "%+.1f%%", g * 100);
    return b;
}
std::string figure(const PlanFigure& f) { return f.text.empty() ? "—" : f.text; }
}  // namespace

void targets_window(TargetsPanel& p, bool en) {
    if (!p.open) return;
    ImGui::SetNextWindowSize(ImVec2(ImGui::GetFontSize() * 76, ImGui::GetFontSize() * 40), ImGuiCond_FirstUseEver);
    ImGui::SetNextWindowPos(ImVec2(ImGui::GetFontSize() * 2, ImGui::GetFontSize() * 3), ImGuiCond_FirstUseEver);
    ImGui::SetNextWindowBgAlpha(1.0f);  // a table to read: nothing showing through
    ImGui::Begin(en ? "Plan targets" : "规划目标", &p.open);
    if (!p.error.empty() || !p.view) {
        ImGui::TextWrapped("%s", p.error.c_str());
        ImGui::End();
        return;
    }
    const TargetsView& v = *p.view;
    ImGui::TextWrapped("%s — %s", v.unit.title.c_str(), v.unit.table.c_str());
    ImGui::TextDisabled("%s %s; %zu %s", en ? "plan text" : "规划文本", v.unit.plan_file.c_str(), v.paired,
                        en ? "indicators paired with the province's (004)" : "项与省规划 (004) 同指标并列");
    // The chart: implied annual growth 2020 -> 2025 of each indicator, the unit's bar and, beside
    // it, the province's for the same indicator.
    ImDrawList* dl = ImGui::GetWindowDrawList();
    float chart_h = ImGui::GetFontSize() * 6;
    ImVec2 o = ImGui::GetCursorScreenPos();
    float w = ImGui::GetContentRegionAvail().x;
    double top = 0.05;
    for (const auto& r : v.rows) {
        if (std::isfinite(r.implied_growth)) top = std::max(top, std::abs(r.implied_growth));
        if (std::isfinite(r.province_growth)) top = std::max(top, std::abs(r.province_growth));
    }
    top = std::min(top, 1.0);
    float base = o.y + chart_h * 0.5f, slot = w / float(std::max<size_t>(1, v.rows.size()));
    dl->AddLine(ImVec2(o.x, base), ImVec2(o.x + w, base), IM_COL32(120, 120, 120, 255));
    for (size_t i = 0; i < v.rows.size(); ++i) {
        auto bar = [&](double g, float dx, ImU32 c) {
            if (!std::isfinite(g)) return;
            float h = float(std::clamp(g / top, -1.0, 1.0)) * chart_h * 0.48f;
            float x = o.x + slot * i + dx;
            dl->AddRectFilled(ImVec2(x, std::min(base, base - h)), ImVec2(x + slot * 0.38f, std::max(base, base - h)), c);
        };
        bar(v.rows[i].implied_growth, slot * 0.1f, IM_COL32(33, 102, 172, 255));
        bar(v.rows[i].province_growth, slot * 0.5f, IM_COL32(214, 96, 77, 255));
    }
    ImGui::Dummy(ImVec2(w, chart_h));
    if (ImGui::IsItemHovered()) {
        size_t i = size_t(std::max(0.0f, (ImGui::GetIO().MousePos.x - o.x) / slot));
        if (i < v.rows.size())
            ImGui::SetTooltip("%d %s\n%s %s → %s: %s\n%s", v.rows[i].row->seq, v.rows[i].row->indicator.c_str(), en ? "this plan" : "本规划",
                              figure(v.rows[i].row->value_2020).c_str(), figure(v.rows[i].row->target_2025).c_str(),
                              pct(v.rows[i].implied_growth).c_str(),
                              v.rows[i].province ? (std::string(en ? "province " : "省 ") + figure(v.rows[i].province->value_2020) + " → " +
                                                    figure(v.rows[i].province->target_2025) + ": " + pct(v.rows[i].province_growth)).c_str()
                                                 : "");
    }
    ImGui::TextDisabled("%s ±%.0f%%  (%s)", en ? "implied annual growth, scale" : "隐含年均增速，刻度", top * 100,
                        en ? "blue: this plan, red: province; rows in table order" : "蓝：本规划，红：省；按表中顺序");
    if (ImGui::BeginTable("targets", 10, ImGuiTableFlags_Borders | ImGuiTableFlags_RowBg | ImGuiTableFlags_ScrollY |
                                            ImGuiTableFlags_Resizable)) {
        ImGui::TableSetupScrollFreeze(0, 1);
        for (const char* h : {"#", en ? "indicator" : "指标", en ? "unit" : "单位", "2020", "2025",
                              en ? "plan: growth/total" : "规划：年均增长/累计", en ? "implied/yr" : "隐含年均",
                              en ? "attribute" : "属性", en ? "line" : "行", en ? "province 2020 → 2025" : "省 2020 → 2025"})
            ImGui::TableSetupColumn(h);
        ImGui::TableHeadersRow();
        for (const auto& r : v.rows) {
            const PlanIndicator& x = *r.row;
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            ImGui::Text("%d", x.seq);
            ImGui::TableNextColumn();
            ImGui::TextWrapped("%s", x.indicator.c_str());
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(x.unit.c_str());
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(figure(x.value_2020).c_str());
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(figure(x.target_2025).c_str());
            ImGui::TableNextColumn();
            // The plan's own 年均增长/累计 column: often the only target a rate indicator has.
            ImGui::TextUnformatted(figure(x.growth).c_str());
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(pct(r.implied_growth).c_str());
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(x.attribute.c_str());
            ImGui::TableNextColumn();
            ImGui::Text("%d", x.line);
            if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s:%d", x.plan_file.c_str(), x.line);
            ImGui::TableNextColumn();
            if (r.province) {
                std::string p = figure(r.province->value_2020) + " → " + figure(r.province->target_2025);
                if (std::isfinite(r.province_growth)) p += " (" + pct(r.province_growth) + ")";
                if (!r.province->growth.text.empty()) p += (en ? "  plan: " : "  规划：") + r.province->growth.text;
                ImGui::TextWrapped("%s", p.c_str());
            }
        }
        ImGui::EndTable();
    }
    ImGui::End();
}

}  // namespace pv::app
