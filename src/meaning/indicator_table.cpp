#include "meaning/indicator_table.hpp"

#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <map>
#include <memory>
#include <set>
#include <toml++/toml.h>

#include "data/error.hpp"

namespace pv {
namespace {

std::string trim(std::string_view s) {
    auto ws = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
    while (!s.empty() && ws(s.front())) s.remove_prefix(1);
    while (!s.empty() && ws(s.back())) s.remove_suffix(1);
    return std::string(s);
}

bool ends_with_ci(const std::string& s, std::string_view suffix) {
    if (s.size() < suffix.size()) return false;
    for (size_t i = 0; i < suffix.size(); ++i)
        if (std::tolower((unsigned char)s[s.size() - suffix.size() + i]) != suffix[i]) return false;
    return true;
}

// The raw text of a table: headers and rows of cells, with each row's line (CSV) or sheet row
// (XLSX) for messages.
struct RawTable {
    std::vector<std::string> headers;
    std::vector<std::vector<std::string>> cells;
    std::vector<int> lines;
    int column(std::string_view name) const {
        for (size_t i = 0; i < headers.size(); ++i)
            if (headers[i] == name) return int(i);
        return -1;
    }
};

// Sets a GDAL config option for this thread for the lifetime of the object.
struct ScopedConfig {
    std::string key;
    std::string old;
    bool had = false;
    ScopedConfig(const char* k, const char* v) : key(k) {
        if (const char* o = CPLGetThreadLocalConfigOption(k, nullptr)) {
            old = o;
            had = true;
        }
        CPLSetThreadLocalConfigOption(k, v);
    }
    ~ScopedConfig() { CPLSetThreadLocalConfigOption(key.c_str(), had ? old.c_str() : nullptr); }
};

RawTable read_raw_table(const std::string& path) {
    GDALAllRegister();
    const bool xlsx = ends_with_ci(path, ".xlsx");
    // Strings only, so that "007", "1.20" or "NA" reach our checks exactly as written.
    const char* csv_drivers[] = {"CSV", nullptr};
    const char* csv_options[] = {"AUTODETECT_TYPE=NO", nullptr};
    const char* xlsx_drivers[] = {"XLSX", nullptr};
    // GDAL 3.6's XLSX driver takes these as config options, not open options.
    ScopedConfig headers("OGR_XLSX_HEADERS", xlsx ? "FORCE" : nullptr);
    ScopedConfig types("OGR_XLSX_FIELD_TYPES", xlsx ? "STRING" : nullptr);
    CPLErrorReset();
    std::unique_ptr<GDALDataset> ds(GDALDataset::Open(path.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY,
                                                      xlsx ? xlsx_drivers : csv_drivers,
                                                      xlsx ? nullptr : csv_options, nullptr));
    if (!ds || ds->GetLayerCount() < 1) {
        std::string why = CPLGetLastErrorMsg();
        throw Error(path + ": cannot be read as a " + (xlsx ? "XLSX" : "CSV") + " table" +
                    (why.empty() ? "" : " (" + why + ")"));
    }
    OGRLayer* layer = ds->GetLayer(0);
    RawTable t;
    OGRFeatureDefn* defn = layer->GetLayerDefn();
    for (int i = 0; i < defn->GetFieldCount(); ++i) t.headers.emplace_back(defn->GetFieldDefn(i)->GetNameRef());
    layer->ResetReading();
    while (auto f = std::unique_ptr<OGRFeature>(layer->GetNextFeature())) {
        std::vector<std::string> row;
        for (int i = 0; i < defn->GetFieldCount(); ++i)
            row.emplace_back(f->IsFieldSetAndNotNull(i) ? f->GetFieldAsString(i) : "");
        // CSV: the first data row has FID 1 and sits on line 2. XLSX: FID is the sheet row.
        // (A CSV cell with a line break inside quotes would shift later line numbers.)
        t.lines.push_back(int(xlsx ? f->GetFID() : f->GetFID() + 1));
        t.cells.push_back(std::move(row));
    }
    return t;
}

// A cell as a number: empty = missing (NaN, no issue); anything but one finite number is an issue.
double parse_cell(const std::string& raw, std::string* why) {
    std::string s = trim(raw);
    if (s.empty()) return kNoValue;
    double v = 0;
    const char* end = s.data() + s.size();
    auto [p, ec] = std::from_chars(s.data(), end, v);
    if (ec == std::errc::result_out_of_range) {
        *why = "number out of range";
        return kNoValue;
    }
    if (ec != std::errc() || p != end) {
        *why = "not a number";
        return kNoValue;
    }
    if (!std::isfinite(v)) {
        *why = "not a finite number";
        return kNoValue;
    }
    return v;
}

bool is_six_digit_code(const std::string& s) {
    return s.size() == 6 && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

Aggregation parse_aggregation(const std::string& text, const std::string& where) {
    if (text == "sum") return Aggregation::Sum;
    if (text == "ratio") return Aggregation::Ratio;
    if (text == "weighted_mean") return Aggregation::WeightedMean;
    if (text == "none") return Aggregation::None;
    throw Error(where + ": aggregation '" + text + "' is not one of sum, ratio, weighted_mean, none");
}

std::string join_codes(const std::vector<std::string>& codes) {
    std::string s;
    for (const auto& c : codes) s += (s.empty() ? "" : ";") + c;
    return s;
}

}  // namespace

std::string TableIssue::to_string() const {
    std::string s = file + (line > 0 ? ":" + std::to_string(line) : std::string()) + ":";
    if (!column.empty()) s += " column '" + column + "':";
    if (!value.empty() || !column.empty()) s += " value '" + value + "':";
    return s + " " + why;
}

std::string describe(const std::vector<TableIssue>& issues) {
    std::string s;
    for (const auto& i : issues) s += i.to_string() + "\n";
    return s;
}

int IndicatorTable::column_index(std::string_view name) const {
    for (size_t i = 0; i < spec.columns.size(); ++i)
        if (spec.columns[i].name == name) return int(i);
    return -1;
}

std::vector<std::string> read_table_headers(const std::string& path) { return read_raw_table(path).headers; }

std::string sidecar_path(const std::string& table_path) {
    auto dot = table_path.find_last_of('.');
    auto slash = table_path.find_last_of('/');
    std::string stem = (dot == std::string::npos || (slash != std::string::npos && dot < slash))
                           ? table_path
                           : table_path.substr(0, dot);
    return stem + ".meta.toml";
}

TableSpec read_table_spec(const std::string& meta_path) {
    toml::table doc;
    try {
        doc = toml::parse_file(meta_path);
    } catch (const toml::parse_error& e) {
        throw Error(meta_path + ":" + std::to_string(e.source().begin.line) + ": " + std::string(e.description()));
    }
    TableSpec spec;
    spec.key_column = doc["table"]["key"].value_or(std::string("code"));
    std::string kind = doc["table"]["key_kind"].value_or(std::string("code"));
    if (kind == "code") spec.key_kind = KeyKind::Code;
    else if (kind == "name") spec.key_kind = KeyKind::Name;
    else throw Error(meta_path + ": [table] key_kind '" + kind + "' is not code or name");
    spec.title = doc["table"]["title"].value_or(std::string());
    spec.notes = doc["table"]["notes"].value_or(std::string());
    spec.year = int(doc["table"]["year"].value_or(int64_t(0)));
    spec.map = doc["table"]["map"].value_or(std::string());
    spec.mapped = !(doc["table"]["map"] && spec.map.empty());
    spec.source_note = doc["table"]["source_note"].value_or(std::string());
    if (const toml::array* a = doc["table"]["sources"].as_array())
        for (const auto& e : *a)
            if (auto v = e.value<std::string>()) spec.sources.push_back(*v);
    const toml::table* cols = doc["columns"].as_table();
    if (!cols) throw Error(meta_path + ": no [columns.<name>] entries");
    // toml++ tables are ordered by key; keep the source order instead for legends.
    std::vector<std::pair<int64_t, IndicatorColumn>> ordered;
    for (const auto& [key, node] : *cols) {
        const toml::table* c = node.as_table();
        std::string where = meta_path + ": [columns." + std::string(key.str()) + "]";
        if (!c) throw Error(where + " is not a table");
        IndicatorColumn col;
        col.name = std::string(key.str());
        col.label = (*c)["label"].value_or(col.name);
        col.unit = (*c)["unit"].value_or(std::string());
        col.aggregation = parse_aggregation((*c)["aggregation"].value_or(std::string("none")), where);
        col.numerator = (*c)["numerator"].value_or(std::string());
        col.denominator = (*c)["denominator"].value_or(std::string());
        col.scale = (*c)["scale"].value_or(1.0);
        col.weight = (*c)["weight"].value_or(std::string());
        col.year = int((*c)["year"].value_or(int64_t(0)));
        if (col.aggregation == Aggregation::Ratio && (col.numerator.empty() || col.denominator.empty()))
            throw Error(where + ": aggregation 'ratio' needs numerator and denominator");
        if (col.aggregation == Aggregation::WeightedMean && col.weight.empty())
            throw Error(where + ": aggregation 'weighted_mean' needs weight");
        ordered.emplace_back(int64_t(node.source().begin.line), std::move(col));
    }
    std::sort(ordered.begin(), ordered.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    for (auto& [line, col] : ordered) spec.columns.push_back(std::move(col));
    for (const auto& col : spec.columns) {
        for (const auto& other : {col.numerator, col.denominator, col.weight}) {
            if (other.empty()) continue;
            bool found = std::any_of(spec.columns.begin(), spec.columns.end(),
                                     [&](const IndicatorColumn& c) { return c.name == other; });
            if (!found)
                throw Error(meta_path + ": [columns." + col.name + "] refers to '" + other +
                            "', which is not an indicator column");
        }
    }
    return spec;
}

IndicatorTable load_indicator_table(const std::string& path) {
    return load_indicator_table(path, read_table_spec(sidecar_path(path)));
}

IndicatorTable load_indicator_table(const std::string& path, const TableSpec& spec) {
    RawTable raw = read_raw_table(path);
    IndicatorTable t;
    t.path = path;
    t.spec = spec;
    int key_col = raw.column(spec.key_column);
    if (key_col < 0) {
        std::string have;
        for (const auto& h : raw.headers) have += (have.empty() ? "" : ", ") + h;
        throw Error(path + ": no key column '" + spec.key_column + "' (it has: " + have + ")");
    }
    std::vector<int> cols;
    for (const auto& c : spec.columns) {
        int i = raw.column(c.name);
        if (i < 0) {
            std::string have;
            for (const auto& h : raw.headers) have += (have.empty() ? "" : ", ") + h;
            throw Error(path + ": no column '" + c.name + "' (it has: " + have + ")");
        }
        cols.push_back(i);
    }
    int name_col = raw.column("name");
    std::map<std::string, int> first_line_of_key;
    for (size_t r = 0; r < raw.cells.size(); ++r) {
        const auto& row = raw.cells[r];
        int line = raw.lines[r];
        std::string key = trim(row[size_t(key_col)]);
        if (key.empty()) {
            t.issues.push_back({path, line, spec.key_column, key, "empty key: the row cannot be placed on the map"});
        } else if (spec.key_kind == KeyKind::Code && !is_six_digit_code(key)) {
            t.issues.push_back({path, line, spec.key_column, key, "not a 6-digit code"});
        } else if (auto [it, fresh] = first_line_of_key.emplace(key, line); !fresh) {
            t.issues.push_back({path, line, spec.key_column, key,
                                "duplicate key (first on line " + std::to_string(it->second) + ")"});
        }
        std::vector<double> values;
        for (size_t c = 0; c < cols.size(); ++c) {
            std::string why;
            const std::string& cell = row[size_t(cols[c])];
            double v = parse_cell(cell, &why);
            if (!why.empty()) t.issues.push_back({path, line, spec.columns[c].name, cell, why});
            values.push_back(v);
        }
        t.keys.push_back(key);
        t.names.push_back(name_col >= 0 ? row[size_t(name_col)] : std::string());
        t.lines.push_back(line);
        t.values.push_back(std::move(values));
    }
    return t;
}

JoinResult join(const IndicatorTable& table, const std::vector<MapUnit>& units) {
    JoinResult out;
    out.issues = table.issues;
    const size_t ncol = table.spec.columns.size();
    out.values.assign(units.size(), std::vector<double>(ncol, kNoValue));
    out.state.assign(units.size(), std::vector<CellState>(ncol, CellState::Missing));
    out.rows.assign(units.size(), {});

    std::map<std::string, size_t> unit_of;
    for (size_t u = 0; u < units.size(); ++u) {
        if (table.spec.key_kind == KeyKind::Name) {
            unit_of.emplace(units[u].name, u);
        } else {
            for (const auto& c : units[u].codes) unit_of.emplace(c, u);
        }
    }
    for (size_t r = 0; r < table.row_count(); ++r) {
        const std::string& key = table.keys[r];
        if (key.empty()) continue;  // already reported
        auto it = unit_of.find(key);
        if (it == unit_of.end()) {
            out.issues.push_back({table.path, table.lines[r], table.spec.key_column, key,
                                  "matches no map unit" +
                                      (table.names[r].empty() ? std::string() : " (" + table.names[r] + ")")});
            continue;
        }
        auto& rows = out.rows[it->second];
        // A duplicate key was reported by the loader; use the first row only.
        if (std::none_of(rows.begin(), rows.end(), [&](size_t o) { return table.keys[o] == key; }))
            rows.push_back(r);
    }

    auto col_index = [&](const std::string& name) { return size_t(table.column_index(name)); };
    for (size_t u = 0; u < units.size(); ++u) {
        const auto& rows = out.rows[u];
        if (rows.empty()) {
            out.units_without_rows.push_back(u);
            continue;
        }
        if (table.spec.key_kind == KeyKind::Code && rows.size() < units[u].codes.size()) {
            // A sum over some of the parts would be a wrong number: show nothing, say why.
            out.issues.push_back({table.path, 0, table.spec.key_column, join_codes(units[u].codes),
                                  "map unit '" + units[u].name + "' stands for " +
                                      std::to_string(units[u].codes.size()) + " codes but the table has rows for " +
                                      std::to_string(rows.size()) + " of them"});
            continue;
        }
        for (size_t c = 0; c < ncol; ++c) {
            const IndicatorColumn& col = table.spec.columns[c];
            double v = kNoValue;
            CellState st = CellState::Missing;
            auto all_present = [&](size_t ci) {
                return std::all_of(rows.begin(), rows.end(), [&](size_t r) { return !std::isnan(table.values[r][ci]); });
            };
            auto sum_of = [&](size_t ci) {
                double s = 0;
                for (size_t r : rows) s += table.values[r][ci];
                return s;
            };
            if (rows.size() == 1) {
                v = table.values[rows[0]][c];
                st = std::isnan(v) ? CellState::Missing : CellState::Ok;
            } else {
                switch (col.aggregation) {
                    case Aggregation::Sum:
                        if (all_present(c)) v = sum_of(c), st = CellState::Ok;
                        break;
                    case Aggregation::Ratio: {
                        size_t n = col_index(col.numerator), d = col_index(col.denominator);
                        double den = all_present(d) ? sum_of(d) : kNoValue;
                        if (all_present(n) && den == den && den != 0)
                            v = col.scale * sum_of(n) / den, st = CellState::Ok;
                        else
                            st = CellState::NotComparable;
                        break;
                    }
                    case Aggregation::WeightedMean: {
                        size_t w = col_index(col.weight);
                        if (all_present(c) && all_present(w) && sum_of(w) != 0) {
                            double s = 0;
                            for (size_t r : rows) s += table.values[r][c] * table.values[r][w];
                            v = s / sum_of(w), st = CellState::Ok;
                        } else {
                            st = CellState::NotComparable;
                        }
                        break;
                    }
                    case Aggregation::None: st = CellState::NotComparable; break;
                }
            }
            out.values[u][c] = st == CellState::Ok ? v : kNoValue;
            out.state[u][c] = st;
        }
    }
    return out;
}

void require_clean(const JoinResult& result) {
    if (result.ok()) return;
    throw Error(std::to_string(result.issues.size()) + " problem(s) in the indicator table:\n" +
                describe(result.issues));
}

// ---- Plan targets -------------------------------------------------------------------------

PlanFigure parse_plan_figure(std::string_view text, std::string_view unit) {
    PlanFigure f;
    f.text = trim(text);
    std::string s = f.text;
    auto starts = [&](std::string_view p) { return s.compare(0, p.size(), p) == 0; };
    auto ends = [&](std::string_view p) { return s.size() >= p.size() && s.compare(s.size() - p.size(), p.size(), p) == 0; };
    auto strip_front = [&](std::string_view p) { s.erase(0, p.size()); };
    auto strip_back = [&](std::string_view p) { s.erase(s.size() - p.size()); };
    if (s.empty()) return f;
    if ((starts("[") && ends("]"))) f.cumulative = true, strip_front("["), strip_back("]");
    else if (starts("〔") && ends("〕")) f.cumulative = true, strip_front("〔"), strip_back("〕");
    if (ends("**")) f.reference_year = 2018, strip_back("**");
    else if (ends("*")) f.reference_year = 2019, strip_back("*");
    struct Prefix { std::string_view text; Bound bound; };
    for (Prefix p : {Prefix{"≥", Bound::AtLeast}, Prefix{">=", Bound::AtLeast}, Prefix{"≤", Bound::AtMost},
                     Prefix{"<=", Bound::AtMost}, Prefix{">", Bound::Above}, Prefix{"＞", Bound::Above},
                     Prefix{"<", Bound::Below}, Prefix{"＜", Bound::Below}}) {
        if (starts(p.text)) {
            f.bound = p.bound;
            strip_front(p.text);
            break;
        }
    }
    double v = 0;
    auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (ec != std::errc() || !std::isfinite(v)) return f;
    std::string rest(p, size_t(s.data() + s.size() - p));
    if (!unit.empty() && rest.compare(0, unit.size(), unit) == 0 && rest.size() > unit.size()) rest.erase(0, unit.size());
    if (rest.empty()) {
    } else if (rest == "左右" && f.bound == Bound::Exact) {
        f.bound = Bound::About;
    } else if (rest == "以上" && f.bound == Bound::Exact) {
        f.bound = Bound::AtLeast;
    } else if (rest == "以下" && f.bound == Bound::Exact) {
        f.bound = Bound::AtMost;
    } else {
        return f;  // "0/5/0/1", "12,力争..." and other text: no single number
    }
    f.value = v;
    return f;
}

double PlanIndicator::implied_annual_growth() const {
    if (!value_2020.has_number() || !target_2025.has_number() || value_2020.cumulative || target_2025.cumulative)
        return kNoValue;
    if (!(value_2020.value > 0) || !(target_2025.value > 0)) return kNoValue;
    int years = 2025 - (value_2020.reference_year ? value_2020.reference_year : 2020);
    return std::pow(target_2025.value / value_2020.value, 1.0 / years) - 1.0;
}

PlanTable load_plan_table(const std::string& csv_path) {
    PlanTable t;
    t.path = csv_path;
    std::string meta = sidecar_path(csv_path);
    toml::table doc;
    try {
        doc = toml::parse_file(meta);
    } catch (const toml::parse_error& e) {
        throw Error(meta + ":" + std::to_string(e.source().begin.line) + ": " + std::string(e.description()));
    }
    t.plan_file = doc["plan"]["file"].value_or(std::string());
    t.plan_sha256 = doc["plan"]["sha256"].value_or(std::string());
    t.title = doc["plan"]["title"].value_or(std::string());
    t.table = doc["plan"]["table"].value_or(std::string());
    if (t.plan_file.empty() || t.plan_sha256.size() != 64)
        throw Error(meta + ": [plan] needs file and a 64-hex-digit sha256");

    RawTable raw = read_raw_table(csv_path);
    const char* required[] = {"seq", "indicator", "unit", "value_2020", "target_2025", "growth", "attribute",
                              "category", "plan_file", "line", "match_key", "note"};
    std::vector<int> at;
    for (const char* name : required) {
        int i = raw.column(name);
        if (i < 0) throw Error(csv_path + ": no column '" + std::string(name) + "'");
        at.push_back(i);
    }
    for (size_t r = 0; r < raw.cells.size(); ++r) {
        auto cell = [&](int k) { return trim(raw.cells[r][size_t(at[size_t(k)])]); };
        int line = raw.lines[r];
        PlanIndicator p;
        p.csv_line = line;
        std::string why;
        double seq = parse_cell(cell(0), &why);
        p.seq = std::isnan(seq) ? 0 : int(seq);
        p.indicator = cell(1);
        p.unit = cell(2);
        p.value_2020 = parse_plan_figure(cell(3), p.unit);
        p.target_2025 = parse_plan_figure(cell(4), p.unit);
        p.growth = parse_plan_figure(cell(5), p.unit);
        p.attribute = cell(6);
        p.category = cell(7);
        p.plan_file = cell(8);
        double ln = parse_cell(cell(9), &why);
        p.line = std::isnan(ln) ? 0 : int(ln);
        p.match_key = cell(10);
        p.note = cell(11);
        if (p.indicator.empty()) t.issues.push_back({csv_path, line, "indicator", "", "empty indicator name"});
        if (p.line <= 0 || double(p.line) != ln)
            t.issues.push_back({csv_path, line, "line", cell(9), "not a positive line number"});
        if (p.plan_file != t.plan_file)
            t.issues.push_back({csv_path, line, "plan_file", p.plan_file, "differs from the sidecar's " + t.plan_file});
        if (!p.attribute.empty() && p.attribute != "预期性" && p.attribute != "约束性")
            t.issues.push_back({csv_path, line, "attribute", p.attribute, "not 预期性 or 约束性"});
        t.rows.push_back(std::move(p));
    }
    return t;
}

std::string normalise_indicator_name(std::string_view name) {
    // Fold code point by code point (UTF-8), then apply the word-level rewrites.
    std::string s;
    for (size_t i = 0; i < name.size();) {
        unsigned char c = (unsigned char)name[i];
        size_t len = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : 4;
        len = std::min(len, name.size() - i);
        uint32_t cp = c;
        if (len == 2) cp = ((c & 0x1F) << 6) | (name[i + 1] & 0x3F);
        if (len == 3) cp = ((c & 0x0F) << 12) | ((name[i + 1] & 0x3F) << 6) | (name[i + 2] & 0x3F);
        if (len == 4) cp = ((c & 0x07) << 18) | ((name[i + 1] & 0x3F) << 12) | ((name[i + 2] & 0x3F) << 6) | (name[i + 3] & 0x3F);
        if (cp == ' ' || cp == '\t' || cp == 0x3000) {
        } else if (cp >= 0xFF01 && cp <= 0xFF5E) {
            s += char(cp - 0xFEE0);
        } else if (cp == 0x3010) {
            s += '(';
        } else if (cp == 0x3011) {
            s += ')';
        } else {
            s.append(name.substr(i, len));
        }
        i += len;
    }
    auto replace_all = [&](std::string_view from, std::string_view to) {
        for (size_t p = s.find(from); p != std::string::npos; p = s.find(from, p + to.size()))
            s.replace(p, from.size(), to);
    };
    replace_all("(GDP)", "");
    replace_all("GDP", "地区生产总值");
    replace_all("比率", "比例");
    replace_all("增长率", "增长");
    replace_all("的比重", "比重");
    return s;
}

std::vector<IndicatorPair> pair_indicators(const PlanTable& a, const PlanTable& b) {
    std::vector<IndicatorPair> out;
    std::vector<bool> used_a(a.rows.size()), used_b(b.rows.size());
    for (size_t i = 0; i < a.rows.size(); ++i) {
        if (a.rows[i].match_key.empty()) continue;
        for (size_t j = 0; j < b.rows.size(); ++j) {
            if (!used_b[j] && b.rows[j].match_key == a.rows[i].match_key) {
                out.push_back({i, j, "match_key"});
                used_a[i] = used_b[j] = true;
                break;
            }
        }
    }
    for (size_t i = 0; i < a.rows.size(); ++i) {
        if (used_a[i]) continue;
        std::string n = normalise_indicator_name(a.rows[i].indicator);
        for (size_t j = 0; j < b.rows.size(); ++j) {
            if (!used_b[j] && normalise_indicator_name(b.rows[j].indicator) == n) {
                out.push_back({i, j, "name"});
                used_a[i] = used_b[j] = true;
                break;
            }
        }
    }
    return out;
}

}  // namespace pv
