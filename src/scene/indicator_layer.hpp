// Indicator maps as scene layers: a table (one of data/indicators/ or a user's CSV/XLSX) joined
// to the counties or prefectures of the base map and classed into a choropleth with an honest
// legend (class ranges and counts, unit, source and year, no data, what is not mapped); and the
// weights of a kernel density (heat map) layer from a table joined to the county seats.
#pragma once
#include <string>
#include <vector>

#include "meaning/classify.hpp"
#include "meaning/indicator_table.hpp"
#include "scene/scene.hpp"

namespace pv {

struct IndicatorSpec {
    std::string table;   // a name in data/indicators/ ("census_2020_county") or a path to a CSV/XLSX
    std::string field;   // the column to map
    std::string key;     // user tables: "code" or "name" (the key column's header); "" = code if present
    std::string level;   // "county" | "prefecture"; "" = from the sidecar's map, else the better join
    ClassMethod method = ClassMethod::Quantile;
    int classes = 5;
    std::vector<double> breaks;           // ClassMethod::Manual
    std::string palette = "viridis";
};

// data/indicators/<name>.csv when `table` has no '/' nor extension and that file exists, else the
// path (relative to base_dir). Throws pv::Error naming the table when neither exists.
std::string resolve_table_path(const std::string& table, const std::string& base_dir);

// A table prepared for one field: with its sidecar when it has one, else a spec built from the
// user's header row (key column + the field). Throws pv::Error naming the file and the missing
// column (and the columns it has).
IndicatorTable load_table_for_field(const std::string& path, const std::string& field, const std::string& key);

// Map units of a base layer (counties: "codes" split on ';'; prefectures and seats: "code").
std::vector<MapUnit> map_units(const Layer& layer);

// The table joined to a base layer, for one field; nothing is thrown for data problems, they are
// all in `report` (table issues first, then join issues), in file order.
struct IndicatorJoin {
    IndicatorTable table;
    JoinResult join;
    std::string level;             // "county" or "prefecture"
    int column = -1;               // of the field in table.spec.columns
    std::vector<double> values;    // per feature of the base layer; NaN = no value
    std::vector<CellState> state;  // per feature
    size_t missing = 0, not_comparable = 0, without_row = 0;
    std::vector<TableIssue> report;
    bool ok() const { return report.empty(); }
};
// `counties` and `prefectures`: the base layers (already read). Throws pv::Error only when the
// table cannot be read or has no such field.
IndicatorJoin join_indicator(const IndicatorSpec& spec, const std::string& base_dir, const Layer& counties,
                             const Layer& prefectures);

// A short text of the join's problems, one per line, ending with a count ("3 problems in x.csv").
std::string describe_report(const IndicatorJoin& j);

// The choropleth layer: the base layer's geometry, each feature coloured by the class of its
// value, no data in grey; legend entries for every class "lo – hi (n)" and for no data
// "无数据 (n)", and legend notes (unit, source and year, why some features have no value,
// statistical zones not mapped). Throws pv::Error (with the whole report) when the join has
// problems, or when the classification cannot be made (message names the cause).
SceneLayer choropleth_layer(const IndicatorSpec& spec, const IndicatorJoin& j, std::shared_ptr<Layer> base,
                            const std::string& id);

// "第 12 / 116": 1 = the largest value; 0 when the value is not finite.
int descending_rank(const std::vector<double>& values, double v, int* of = nullptr);

// A number for a legend or a tooltip: thousands separated for large counts, 3 significant digits
// for small ones.
std::string format_indicator_value(double v);

// Weights for a heat map of the county seats from a table (the seats' codes, the combined
// 平城区/云冈区 seat getting the aggregated value). Throws pv::Error listing every problem.
std::vector<double> seat_weights_from_table(const IndicatorSpec& spec, const std::string& base_dir,
                                            const Layer& seats, const Layer& counties);

}  // namespace pv
