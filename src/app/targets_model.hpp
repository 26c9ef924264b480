// The plan-targets view as plain data: for a unit's plan table, each indicator with its 2020
// value, 2025 target, implied annual growth, attribute and line citation, and the province's
// row for the same indicator where there is one. Header-only so the tests use it without the UI.
#pragma once
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "data/error.hpp"
#include "data/paths.hpp"
#include "meaning/indicator_table.hpp"

namespace pv::app {

// data/indicators/plan_<number>_*.csv; throws pv::Error naming the plan number when there is none.
inline std::string plan_table_path(const std::string& number) {
    namespace fs = std::filesystem;
    fs::path dir = fs::path(planview_home()) / "data" / "indicators";
    std::string have;
    std::error_code ec;
    for (const auto& e : fs::directory_iterator(dir, ec)) {
        std::string n = e.path().filename().string();
        if (n.rfind("plan_", 0) != 0 || e.path().extension() != ".csv") continue;
        if (n.rfind("plan_" + number + "_", 0) == 0) return e.path().string();
        have += (have.empty() ? "" : ", ") + n.substr(5, 3);
    }
    throw Error("no plan table for plan '" + number + "' in data/indicators (there are: " + have + ")");
}

struct TargetRow {
    const PlanIndicator* row = nullptr;
    const PlanIndicator* province = nullptr;  // the same indicator in the province's plan
    std::string paired_by;                    // "match_key" or "name"
    double implied_growth = kNoValue;         // per year, fraction
    double province_growth = kNoValue;
};

struct TargetsView {
    PlanTable unit, province;
    std::vector<TargetRow> rows;
    size_t paired = 0;
};

// Loads plan `number` and, unless it is the province's own (004), the province's table beside it.
inline TargetsView load_targets(const std::string& number) {
    TargetsView v;
    v.unit = load_plan_table(plan_table_path(number));
    bool is_province = number == "004";
    if (!is_province) v.province = load_plan_table(plan_table_path("004"));
    std::vector<IndicatorPair> pairs = is_province ? std::vector<IndicatorPair>{} : pair_indicators(v.unit, v.province);
    for (const auto& r : v.unit.rows) v.rows.push_back({&r, nullptr, "", r.implied_annual_growth(), kNoValue});
    for (const auto& p : pairs) {
        TargetRow& t = v.rows[p.a];
        t.province = &v.province.rows[p.b];
        t.paired_by = p.how;
        t.province_growth = t.province->implied_annual_growth();
        ++v.paired;
    }
    return v;
}

}  // namespace pv::app
