#include "scene/indicator_layer.hpp"

#include <algorithm>
#include <climits>
#include <cmath>
#include <cstdint>
#include <filesystem>
#include <map>
#include <sstream>

#include "data/error.hpp"
#include "data/paths.hpp"
#include "scene/palette.hpp"

namespace pv {

namespace fs = std::filesystem;

std::string resolve_table_path(const std::string& table, const std::string& base_dir) {
    if (table.empty()) throw Error("no table given");
    bool bare = table.find('/') == std::string::npos && fs::path(table).extension().empty();
    if (bare) {
        fs::path p = fs::path(planview_home()) / "data" / "indicators" / (table + ".csv");
        if (fs::exists(p)) return p.string();
        std::string have;
        std::error_code ec;
        for (const auto& e : fs::directory_iterator(fs::path(planview_home()) / "data" / "indicators", ec))
            if (e.path().extension() == ".csv" && e.path().stem() != "sources")
                have += (have.empty() ? "" : ", ") + e.path().stem().string();
        throw Error("table '" + table + "' is not in data/indicators (it has: " + have + ")");
    }
    fs::path p = table;
    if (p.is_relative() && !base_dir.empty()) p = fs::path(base_dir) / p;
    if (!fs::exists(p)) throw Error(p.string() + ": no such table file");
    return p.string();
}

IndicatorTable load_table_for_field(const std::string& path, const std::string& field, const std::string& key) {
    if (fs::exists(sidecar_path(path))) {
        TableSpec spec = read_table_spec(sidecar_path(path));
        bool has = std::any_of(spec.columns.begin(), spec.columns.end(), [&](const auto& c) { return c.name == field; });
        if (!has) {
            std::string have;
            for (const auto& c : spec.columns) have += (have.empty() ? "" : ", ") + c.name;
            throw Error(path + ": no indicator column '" + field + "' (it has: " + have + ")");
        }
        return load_indicator_table(path, spec);
    }
    // A user's own table: the header row says what there is; only the field is numeric.
    std::vector<std::string> headers = read_table_headers(path);
    auto has = [&](const std::string& h) { return std::find(headers.begin(), headers.end(), h) != headers.end(); };
    TableSpec spec;
    spec.key_column = key.empty() ? (has("code") ? "code" : "name") : key;
    spec.key_kind = spec.key_column == "name" ? KeyKind::Name : KeyKind::Code;
    if (!key.empty() && key != "code" && key != "name")
        throw Error("key '" + key + "' must be code (6-digit codes in a 'code' column) or name (exact names in a 'name' column)");
    spec.title = fs::path(path).filename().string();
    IndicatorColumn c;
    c.name = field;
    c.label = field;
    c.aggregation = Aggregation::None;  // unknown meaning: never add up two rows of a user table
    spec.columns.push_back(c);
    return load_indicator_table(path, spec);
}

std::vector<MapUnit> map_units(const Layer& layer) {
    std::vector<MapUnit> out;
    int codes = layer.field_index("codes"), code = layer.field_index("code"), name = layer.field_index("name");
    for (const auto& f : layer.features) {
        MapUnit u;
        std::string text = codes >= 0 ? layer.text(f, "codes") : code >= 0 ? layer.text(f, "code") : "";
        std::stringstream ss(text);
        for (std::string c; std::getline(ss, c, ';');)
            if (!c.empty()) u.codes.push_back(c);
        if (name >= 0) u.name = layer.text(f, "name");
        out.push_back(std::move(u));
    }
    return out;
}

namespace {

size_t matched_rows(const JoinResult& j) {
    size_t n = 0;
    for (const auto& r : j.rows) n += r.size();
    return n;
}

std::string level_of_map(const std::string& map) {
    if (map.find("counties") != std::string::npos) return "county";
    if (map.find("prefectures") != std::string::npos) return "prefecture";
    return "";
}

}  // namespace

IndicatorJoin join_indicator(const IndicatorSpec& spec, const std::string& base_dir, const Layer& counties,
                             const Layer& prefectures) {
    IndicatorJoin out;
    std::string path = resolve_table_path(spec.table, base_dir);
    out.table = load_table_for_field(path, spec.field, spec.key);
    out.column = out.table.column_index(spec.field);
    std::string level = spec.level.empty() ? level_of_map(out.table.spec.map) : spec.level;
    if (!level.empty() && level != "county" && level != "prefecture")
        throw Error("level '" + level + "' must be county or prefecture");
    if (!out.table.spec.mapped || (!out.table.spec.map.empty() && level_of_map(out.table.spec.map).empty()))
        throw Error(path + ": this table is not mapped (its sidecar's map is '" + out.table.spec.map + "'; see its notes)");
    std::vector<MapUnit> cu = map_units(counties), pu = map_units(prefectures);
    if (level.empty()) {
        // A user table: the level its keys match best (prefecture codes end in 00 and never
        // match a county).
        JoinResult a = join(out.table, cu), b = join(out.table, pu);
        level = matched_rows(b) > matched_rows(a) ? "prefecture" : "county";
    }
    out.level = level;
    const std::vector<MapUnit>& units = level == "county" ? cu : pu;
    out.join = join(out.table, units);
    out.report = out.join.issues;
    // Row by row as in the file; problems of a whole map unit (line 0) last.
    std::stable_sort(out.report.begin(), out.report.end(), [](const TableIssue& a, const TableIssue& b) {
        return (a.line == 0 ? INT32_MAX : a.line) < (b.line == 0 ? INT32_MAX : b.line);
    });
    size_t c = size_t(out.column);
    for (size_t u = 0; u < units.size(); ++u) {
        CellState st = out.join.state[u][c];
        out.values.push_back(st == CellState::Ok ? out.join.values[u][c] : kNoValue);
        if (out.join.rows[u].empty()) st = CellState::Missing, ++out.without_row;
        else if (st == CellState::Missing) ++out.missing;
        else if (st == CellState::NotComparable) ++out.not_comparable;
        out.state.push_back(st);
    }
    return out;
}

std::string describe_report(const IndicatorJoin& j) {
    if (j.report.empty()) return {};
    return describe(j.report) + "\n" + std::to_string(j.report.size()) + (j.report.size() == 1 ? " problem" : " problems") +
           " in " + j.table.path + ": nothing drawn (fix the table, or the key: --key code|name)";
}

int descending_rank(const std::vector<double>& values, double v, int* of) {
    int n = 0, above = 0;
    for (double x : values)
        if (std::isfinite(x)) ++n, above += x > v;
    if (of) *of = n;
    return std::isfinite(v) ? above + 1 : 0;
}

std::string format_indicator_value(double v) {
    if (!std::isfinite(v)) return "—";
    std::ostringstream s;
    if (std::abs(v) >= 1000 && std::abs(v - std::round(v)) < 1e-9) {
        std::string digits = std::to_string(int64_t(std::llround(std::abs(v))));
        std::string grouped;
        for (size_t i = 0; i < digits.size(); ++i) {
            if (i && (digits.size() - i) % 3 == 0) grouped += ',';
            grouped += digits[i];
        }
        return (v < 0 ? "-" : "") + grouped;
    }
    if (std::abs(v) >= 1000) return format_indicator_value(std::round(v));
    s.precision(std::abs(v) >= 1 ? 4 : 3);
    s << v;
    return s.str();
}

namespace {

// Legend form of a unit: the Chinese unit the sidecars give in brackets, else the text.
std::string short_unit(const std::string& unit) {
    if (unit == "persons") return "人";
    if (auto open = unit.find("(亿元)"); open != std::string::npos) return "亿元";
    return unit;
}

// The four statistical zones: a line naming them and their population.
std::string special_zones_note() {
    fs::path p = fs::path(planview_home()) / "data" / "indicators" / "census_2020_special_zones.csv";
    if (!fs::exists(p)) return {};
    try {
        IndicatorTable t = load_indicator_table(p.string());
        int c = t.column_index("population");
        double sum = 0;
        std::string names;
        for (size_t r = 0; r < t.row_count(); ++r) {
            sum += t.values[r][size_t(c)];
            names += (names.empty() ? "" : "、") + t.names[r];
        }
        return "未上图：" + std::to_string(t.row_count()) + " 个统计区不属任何县，常住人口 " + format_indicator_value(sum) +
               " 人（计入所在市合计）：\n" + names;
    } catch (const Error&) {
        return {};
    }
}

}  // namespace

SceneLayer choropleth_layer(const IndicatorSpec& spec, const IndicatorJoin& j, std::shared_ptr<Layer> base,
                            const std::string& id) {
    if (!j.ok()) throw Error(describe_report(j));
    const IndicatorColumn& col = j.table.spec.columns[size_t(j.column)];
    if (!has_palette(spec.palette)) throw Error("unknown palette '" + spec.palette + "'");
    Classification c = classify(j.values, spec.method, spec.classes, spec.breaks);
    if (c.class_count() == 0) throw Error(j.table.path + ": column '" + spec.field + "' has no value to classify");
    SceneLayer l;
    l.id = id;
    l.kind = LayerKind::Fill;
    l.data = std::move(base);
    l.title = col.label.empty() ? col.name : col.label;
    l.value_label = l.title;
    l.value_unit = short_unit(col.unit);
    int year = col.year ? col.year : j.table.spec.year;
    if (year) l.title += " (" + std::to_string(year) + ")";
    if (!l.value_unit.empty()) l.title += "，" + l.value_unit;
    l.stroke = {255, 255, 255, 255};
    l.stroke_width = 0.4f;
    l.feature_value = j.values;
    l.feature_class = c.class_of;
    // Light grey, lighter than any class colour of the palettes and without hue: reads as "empty".
    const Rgba no_data{214, 214, 214, 255};
    std::vector<Rgba> colours = palette(spec.palette, std::max(3, c.class_count()));
    for (int k : c.class_of) l.feature_fill.push_back(k >= 0 ? colours[size_t(k)] : no_data);
    double lo = c.lower;
    for (int k = 0; k < c.class_count(); ++k) {
        double hi = c.upper_bounds[size_t(k)];
        l.legend.push_back({format_indicator_value(lo) + " – " + format_indicator_value(hi) + "  (" +
                                std::to_string(c.counts[size_t(k)]) + ")",
                            colours[size_t(k)], {150, 150, 150, 255}, LayerKind::Fill, {}});
        lo = hi;
    }
    size_t nd = c.no_data + c.out_of_range;
    if (nd > 0) l.legend.push_back({"无数据 no data  (" + std::to_string(nd) + ")", no_data, {150, 150, 150, 255}, LayerKind::Fill, {}});

    std::string how = spec.method == ClassMethod::Quantile ? "分位数" : spec.method == ClassMethod::EqualInterval ? "等间距" :
                      spec.method == ClassMethod::NaturalBreaks ? "自然断点 (Jenks)" : "手动";
    l.legend_note.push_back("分级：" + how + "，" + std::to_string(c.class_count()) + " 级" +
                            (c.classes_reduced ? "（取值不足，已合并）" : "") + "；单位：" +
                            (l.value_unit.empty() ? "—" : l.value_unit));
    std::string src = j.table.spec.source_note.empty() ? fs::path(j.table.path).filename().string() : j.table.spec.source_note;
    l.legend_note.push_back("来源：" + src + (year ? "，" + std::to_string(year) + " 年" : ""));
    if (j.without_row) l.legend_note.push_back(std::to_string(j.without_row) + " 个单元表中无行");
    if (j.missing) l.legend_note.push_back(std::to_string(j.missing) + " 个单元表中值缺失（空格，不作 0）");
    if (j.not_comparable)
        l.legend_note.push_back(std::to_string(j.not_comparable) + " 个合并单元（平城区/云冈区）无法由两区数据重算");
    if (c.out_of_range) l.legend_note.push_back(std::to_string(c.out_of_range) + " 个值在手动分级范围之外");
    if (j.level == "county" && j.table.spec.map.find("counties") != std::string::npos &&
        j.table.path.find("census_2020") != std::string::npos) {
        std::string z = special_zones_note();
        if (!z.empty()) {
            auto nl = z.find('\n');
            l.legend_note.push_back(z.substr(0, nl));
            // The names on two lines: a legend is read beside the map, not across it.
            std::string names = z.substr(nl + 1);
            size_t cut = names.find("、", names.size() / 2 - 6);
            if (cut == std::string::npos) cut = names.size();
            l.legend_note.push_back("  " + names.substr(0, cut + (cut < names.size() ? 3 : 0)));
            if (cut < names.size()) l.legend_note.push_back("  " + names.substr(cut + 3));
        }
    }
    if (j.level == "county") {
        // Tell the reader how the combined feature got its value.
        for (size_t u = 0; u < l.data->features.size(); ++u)
            if (j.join.rows[u].size() > 1 && j.state[u] == CellState::Ok) {
                const char* agg = col.aggregation == Aggregation::Sum ? "两区之和" :
                                  col.aggregation == Aggregation::Ratio ? "由两区分子分母重算" : "按人口加权";
                l.legend_note.push_back(l.data->text(l.data->features[u], "name") + "：" + agg);
            }
    }
    return l;
}

std::vector<double> seat_weights_from_table(const IndicatorSpec& spec, const std::string& base_dir, const Layer& seats,
                                            const Layer& counties) {
    std::string path = resolve_table_path(spec.table, base_dir);
    IndicatorTable t = load_table_for_field(path, spec.field, spec.key);
    if (!t.spec.map.empty() && level_of_map(t.spec.map) != "county")
        throw Error(path + ": a heat map of the county seats needs a county table (this one joins to " + t.spec.map + ")");
    // Seats carry one code; the county layer says which codes each stands for.
    std::map<std::string, std::vector<std::string>> codes_of;
    for (const auto& u : map_units(counties))
        if (!u.codes.empty()) codes_of[u.codes.front()] = u.codes;
    std::vector<MapUnit> units = map_units(seats);
    for (auto& u : units)
        if (!u.codes.empty())
            if (auto it = codes_of.find(u.codes.front()); it != codes_of.end()) u.codes = it->second;
    JoinResult j = join(t, units);
    std::vector<TableIssue> issues = j.issues;
    size_t c = size_t(t.column_index(spec.field));
    std::vector<double> w;
    for (size_t u = 0; u < units.size(); ++u) {
        double v = j.state[u][c] == CellState::Ok ? j.values[u][c] : kNoValue;
        if (!std::isfinite(v) || v < 0)
            issues.push_back({path, 0, spec.field, std::isfinite(v) ? format_indicator_value(v) : "",
                              "seat '" + units[u].name + "' gets no usable weight (a heat map needs one for every point)"});
        w.push_back(v);
    }
    if (!issues.empty()) throw Error(describe(issues));
    return w;
}

}  // namespace pv
