// Indicator tables (our authored CSV/XLSX files in data/indicators/ or a user's own) and their
// join to map units. Every problem is reported row by row (file:line, column, value, why) before
// anything is drawn; nothing is dropped silently. Also the plan-targets model (2020 -> 2025).
#pragma once
#include <cstddef>
#include <limits>
#include <string>
#include <string_view>
#include <vector>

namespace pv {

inline constexpr double kNoValue = std::numeric_limits<double>::quiet_NaN();

// One problem found in a table: where (file, 1-based line; 0 = the whole file), which column,
// the text at fault, and why it is wrong.
struct TableIssue {
    std::string file;
    int line = 0;
    std::string column;
    std::string value;
    std::string why;
    std::string to_string() const;  // "file:line: column 'x': value 'v': why"
};
// All issues, one per line, for an error dialog or the command line.
std::string describe(const std::vector<TableIssue>& issues);

enum class KeyKind { Code, Name };  // 6-digit GB/T 2260 code, or the exact unit name

// How several table rows that reach one map feature (the combined 平城区/云冈区 feature stands
// for 140213 and 140214) become one value.
enum class Aggregation {
    Sum,           // additive counts
    Ratio,         // scale * sum(numerator) / sum(denominator), recomputed from the parts
    WeightedMean,  // sum(value * weight) / sum(weight); exact for a share of the weight column
    None,          // cannot be combined: the feature is marked not comparable
};

struct IndicatorColumn {
    std::string name;   // CSV header
    std::string label;  // for legends
    std::string unit;
    Aggregation aggregation = Aggregation::None;
    std::string numerator, denominator;  // Ratio
    double scale = 1;                    // Ratio
    std::string weight;                  // WeightedMean
    int year = 0;                        // the column's own year, when it differs from the table's
};

// What a table holds: the key column and the numeric indicator columns. Other columns (names,
// sources, notes) are kept as text only.
struct TableSpec {
    std::string key_column = "code";
    KeyKind key_kind = KeyKind::Code;
    std::vector<IndicatorColumn> columns;
    std::string title;
    std::string notes;
    int year = 0;                      // [table] year (0 = not given)
    std::string map;                   // [table] map: the base-map file the keys join to
    bool mapped = true;                // false when the sidecar says map = "" (a table not to draw)
    std::vector<std::string> sources;  // [table] sources: ids in data/indicators/sources.csv
    std::string source_note;           // [table] source_note: a short attribution for legends
};

struct IndicatorTable {
    std::string path;
    TableSpec spec;
    std::vector<std::string> keys;             // per row
    std::vector<std::string> names;            // per row: the "name" column when there is one
    std::vector<int> lines;                    // per row: line in the file (CSV) or sheet row (XLSX)
    std::vector<std::vector<double>> values;   // [row][column]; NaN = empty cell (missing)
    std::vector<TableIssue> issues;            // non-numeric / infinite cells, bad or duplicate keys

    int column_index(std::string_view name) const;  // -1 when absent
    size_t row_count() const { return keys.size(); }
};

// The column headers of a CSV/XLSX table, in file order. Throws pv::Error naming the file.
std::vector<std::string> read_table_headers(const std::string& path);

// The sidecar of "x.csv" / "x.xlsx" is "x.meta.toml" ([table] key, key_kind, title, notes;
// [columns.<name>] label, unit, aggregation, numerator, denominator, scale, weight).
std::string sidecar_path(const std::string& table_path);
// Reads a spec from a sidecar; throws pv::Error naming the file and the entry at fault.
TableSpec read_table_spec(const std::string& meta_path);

// Loads a CSV (GDAL CSV driver, AUTODETECT_TYPE=NO: every cell is read as the text it is) or an
// XLSX (GDAL XLSX driver, first row = headers, all cells as strings) table. Cell problems do not
// throw: they are collected in IndicatorTable::issues. Throws pv::Error naming the file when it
// cannot be read at all or lacks a column the spec names.
IndicatorTable load_indicator_table(const std::string& path, const TableSpec& spec);
// Same, with the spec read from the sidecar.
IndicatorTable load_indicator_table(const std::string& path);

// A feature of the map the table is joined to.
struct MapUnit {
    std::vector<std::string> codes;  // current codes the feature stands for (one, or several)
    std::string name;
};

enum class CellState { Ok, Missing, NotComparable };

struct JoinResult {
    std::vector<std::vector<double>> values;    // [unit][column]; NaN unless state is Ok
    std::vector<std::vector<CellState>> state;  // [unit][column]
    std::vector<std::vector<size_t>> rows;      // [unit]: table rows that reached it
    std::vector<size_t> units_without_rows;     // map units no row reached (shown as no data)
    // The table's own issues, then join issues: rows that match no unit, units that get only some
    // of the codes they stand for.
    std::vector<TableIssue> issues;
    bool ok() const { return issues.empty(); }
};

// Joins by code (KeyKind::Code: each of a unit's codes) or by exact name (KeyKind::Name).
JoinResult join(const IndicatorTable& table, const std::vector<MapUnit>& units);
// Throws pv::Error listing every issue when there is any: call before showing the layer.
void require_clean(const JoinResult& result);

// ---- Plan targets -------------------------------------------------------------------------

enum class Bound { Exact, About, AtLeast, Above, AtMost, Below };

// A figure as a plan prints it: "59.55*", ">8", "≥17.2", "95以上", "6.5左右", "[1300]", "〔≥1.5〕",
// "5个左右", "完成省下任务", "0/5/0/1". value is NaN when the text is not one number.
struct PlanFigure {
    std::string text;
    double value = kNoValue;
    Bound bound = Bound::Exact;
    bool cumulative = false;   // in [..] or 〔..〕: a total over 2021-2025
    int reference_year = 0;    // 2019 for "*", 2018 for "**"; 0 = the column's own year
    bool has_number() const { return value == value; }
};
// unit: the row's unit, allowed between the number and a trailing 左右/以上/以下 ("5个左右").
PlanFigure parse_plan_figure(std::string_view text, std::string_view unit = {});

struct PlanIndicator {
    int seq = 0;
    std::string indicator, unit, category, attribute, plan_file, match_key, note;
    int line = 0;      // line of the plan text where the indicator's name begins
    int csv_line = 0;  // line of our CSV
    PlanFigure value_2020, target_2025, growth;

    // Implied annual growth (t/v)^(1/years) - 1 from the 2020 value to the 2025 target, with years =
    // 2025 - reference year of the value (5, or 6 for a 2019 figure). NaN when either is not a
    // plain positive number or the target is cumulative.
    double implied_annual_growth() const;
};

struct PlanTable {
    std::string path, plan_file, plan_sha256, title, table;
    std::vector<PlanIndicator> rows;
    std::vector<TableIssue> issues;  // bad line numbers, attributes, missing cells
};

// Loads one of our plan tables (CSV + sidecar with [plan] file, sha256, title, table). Throws
// pv::Error naming the file when it cannot be read.
PlanTable load_plan_table(const std::string& csv_path);

// Indicator name folded for comparison: whitespace removed, full-width ASCII forms to ASCII,
// 【】 to (), "(GDP)" dropped and "GDP" read as 地区生产总值, 比率 as 比例, a trailing "率" of
// 增长率 dropped.
std::string normalise_indicator_name(std::string_view name);

struct IndicatorPair {
    size_t a = 0, b = 0;  // row indices in the two tables
    std::string how;      // "match_key" or "name"
};
// Pairs rows with the same meaning: first by the explicit match_key column, then (for rows left)
// by normalised name. Each row is used at most once.
std::vector<IndicatorPair> pair_indicators(const PlanTable& a, const PlanTable& b);

}  // namespace pv
