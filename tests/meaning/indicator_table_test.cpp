#include <catch2/catch.hpp>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "data/error.hpp"
#include "../test_support.hpp"
#include "meaning/indicator_table.hpp"

using namespace pv;
namespace fs = std::filesystem;

namespace {

const std::string kIndicators = std::string(PLANVIEW_SOURCE_DIR) + "/data/indicators";

std::string write_temp(const std::string& name, const std::string& text) {
    fs::path dir = pvtest::process_tmp() / "indicators";
    fs::create_directories(dir);
    fs::path p = dir / name;
    std::ofstream(p, std::ios::binary) << text;
    return p.string();
}

TableSpec census_like_spec() {
    TableSpec s;
    s.columns = {{"population", "", "persons", Aggregation::Sum, "", "", 1, ""},
                 {"urban_population", "", "persons", Aggregation::Sum, "", "", 1, ""},
                 {"urban_share_pct", "", "%", Aggregation::Ratio, "urban_population", "population", 100, ""},
                 {"share_age_65plus_pct", "", "%", Aggregation::WeightedMean, "", "", 1, "population"},
                 {"sex_ratio_f100", "", "", Aggregation::None, "", "", 1, ""}};
    return s;
}

bool any_issue(const std::vector<TableIssue>& issues, int line, const std::string& column, const std::string& why_part) {
    for (const auto& i : issues)
        if (i.line == line && i.column == column && i.why.find(why_part) != std::string::npos) return true;
    return false;
}

// One map unit per code, named by its code (for small in-memory joins).
std::vector<MapUnit> units_from_codes(const std::vector<std::string>& codes) {
    std::vector<MapUnit> u;
    for (const auto& c : codes) u.push_back({{c}, c});
    return u;
}

std::string sha256_of(const std::string& path) {
    std::string cmd = "sha256sum '" + path + "' 2>/dev/null";
    FILE* p = popen(cmd.c_str(), "r");
    if (!p) return {};
    char buf[128] = {};
    std::string out;
    if (fgets(buf, sizeof buf, p)) out = buf;
    pclose(p);
    return out.substr(0, 64);
}

std::string strip_spaces_fold(const std::string& s) {
    // Whitespace out, full-width forms folded, and the one glyph the province plan's text layer
    // maps wrongly (栿 for Ⅲ) put back, so that citations can be compared with the text.
    std::string t = normalise_indicator_name(s);
    for (size_t p = t.find("栿"); p != std::string::npos; p = t.find("栿")) t.replace(p, std::string("栿").size(), "Ⅲ");
    return t;
}

}  // namespace

TEST_CASE("Loading a CSV reports every bad cell row by row", "[indicators]") {
    std::string path = write_temp("bad.csv",
                                  "code,name,population,urban_population,urban_share_pct,share_age_65plus_pct,sex_ratio_f100\n"
                                  "140105,小店区,1139798,1051917,92.29,8.32,103.82\n"
                                  "140106,迎泽区,NA,581443,98.09,12.72,99.38\n"
                                  "140107,杏花岭区,765816,inf,93.71,11,100\n"
                                  "140105,小店区again,1,1,1,1,1\n"
                                  "14010,short,1,1,1,1,1\n"
                                  "140108,尖草坪区,530499,,94.45,1e999,100\n");
    auto t = load_indicator_table(path, census_like_spec());
    CHECK(t.row_count() == 6);
    CHECK(any_issue(t.issues, 3, "population", "not a number"));
    CHECK(any_issue(t.issues, 4, "urban_population", "not a finite number"));
    CHECK(any_issue(t.issues, 5, "code", "duplicate key (first on line 2)"));
    CHECK(any_issue(t.issues, 6, "code", "not a 6-digit code"));
    CHECK(any_issue(t.issues, 7, "share_age_65plus_pct", "out of range"));
    CHECK(t.issues.size() == 5);  // the empty cell on line 7 is missing data, not an error
    CHECK(std::isnan(t.values[5][1]));
    // Messages name file:line, column and value.
    CHECK_THAT(t.issues[0].to_string(), Catch::Contains("bad.csv:3: column 'population': value 'NA'"));
    // Keys stay strings: a leading zero or trailing ".0" would not be silently changed.
    CHECK(t.keys[0] == "140105");

    auto units = units_from_codes({"140105", "140106", "140107"});
    auto j = join(t, units);
    CHECK_FALSE(j.ok());
    CHECK(any_issue(j.issues, 7, "code", "matches no map unit (尖草坪区)"));
    CHECK_THROWS_WITH(require_clean(j), Catch::Contains("bad.csv:3"));
}

TEST_CASE("Missing columns and unreadable files throw naming the file", "[indicators]") {
    std::string path = write_temp("nocol.csv", "code,name\n140105,x\n");
    CHECK_THROWS_WITH(load_indicator_table(path, census_like_spec()), Catch::Contains("nocol.csv") && Catch::Contains("population"));
    CHECK_THROWS_WITH(load_indicator_table(kIndicators + "/does_not_exist.csv", census_like_spec()),
                      Catch::Contains("does_not_exist.csv"));
}

TEST_CASE("平城区/云冈区: both rows reach the combined feature; counts summed, rates recomputed", "[indicators]") {
    std::string path = write_temp("datong.csv",
                                  "code,name,population,urban_population,urban_share_pct,share_age_65plus_pct,sex_ratio_f100\n"
                                  "140212,新荣区,88664,35636,40.19,16.73,113.81\n"
                                  "140213,平城区,1101942,1101942,100.00,10.78,99.4\n"
                                  "140214,云冈区,684753,595284,86.93,14.87,99.3\n");
    auto t = load_indicator_table(path, census_like_spec());
    REQUIRE(t.issues.empty());
    std::vector<MapUnit> units{{{"140212"}, "新荣区"}, {{"140213", "140214"}, "平城区/云冈区"}};
    auto j = join(t, units);
    REQUIRE(j.ok());
    CHECK(j.rows[1].size() == 2);
    CHECK(j.values[1][0] == 1101942 + 684753);
    CHECK(j.values[1][1] == 1101942 + 595284);
    CHECK(j.values[1][2] == Approx(100.0 * (1101942 + 595284) / (1101942 + 684753)));  // 95.00 %, not a mean of rates
    CHECK(j.values[1][2] != Approx((100.0 + 86.93) / 2));
    CHECK(j.values[1][3] == Approx((10.78 * 1101942 + 14.87 * 684753) / (1101942 + 684753)));
    CHECK(j.state[1][4] == CellState::NotComparable);
    CHECK(std::isnan(j.values[1][4]));
    // A single-row feature keeps the published figure.
    CHECK(j.values[0][2] == 40.19);
    CHECK(j.state[0][4] == CellState::Ok);

    SECTION("a rate whose parts are missing is not comparable") {
        std::string p2 = write_temp("datong2.csv",
                                    "code,name,population,urban_population,urban_share_pct,share_age_65plus_pct,sex_ratio_f100\n"
                                    "140213,平城区,1101942,,100.00,10.78,99.4\n"
                                    "140214,云冈区,684753,595284,86.93,14.87,99.3\n");
        auto j2 = join(load_indicator_table(p2, census_like_spec()), units);
        CHECK(j2.state[1][1] == CellState::Missing);
        CHECK(j2.state[1][2] == CellState::NotComparable);
        CHECK(j2.state[1][0] == CellState::Ok);
    }
    SECTION("only one of the two parts: nothing shown, reported") {
        std::string p3 = write_temp("datong3.csv",
                                    "code,name,population,urban_population,urban_share_pct,share_age_65plus_pct,sex_ratio_f100\n"
                                    "140213,平城区,1101942,1101942,100.00,10.78,99.4\n");
        auto j3 = join(load_indicator_table(p3, census_like_spec()), units);
        CHECK_FALSE(j3.ok());
        CHECK_THAT(describe(j3.issues), Catch::Contains("140213;140214") && Catch::Contains("1 of them"));
        CHECK(j3.state[1][0] == CellState::Missing);
        CHECK(j3.units_without_rows == std::vector<size_t>{0});
    }
}

TEST_CASE("Join by exact name", "[indicators]") {
    std::string path = write_temp("byname.csv", "name,value\n永济市,1\n城区,2\n永济,3\n");
    TableSpec s;
    s.key_column = "name";
    s.key_kind = KeyKind::Name;
    s.columns = {{"value", "", "", Aggregation::Sum, "", "", 1, ""}};
    auto j = join(load_indicator_table(path, s), {{{"140881"}, "永济市"}, {{"140502"}, "城区"}});
    CHECK(j.values[0][0] == 1);
    CHECK(j.values[1][0] == 2);
    CHECK(any_issue(j.issues, 4, "name", "matches no map unit"));
}

TEST_CASE("XLSX tables are read through GDAL with the sheet row as line", "[indicators]") {
    std::string csv = write_temp("x.csv", "code,name,value\n140105,a,1.5\n140106,b,oops\n");
    std::string xlsx = (pvtest::process_tmp() / "indicators" / "x.xlsx").string();
    fs::remove(xlsx);
    std::string cmd = "ogr2ogr -f XLSX '" + xlsx + "' '" + csv + "' -oo AUTODETECT_TYPE=NO >/dev/null 2>&1";
    if (std::system(cmd.c_str()) != 0 || !fs::exists(xlsx)) {
        WARN("ogr2ogr could not write XLSX here; XLSX reading not checked");
        return;
    }
    TableSpec s;
    s.columns = {{"value", "", "", Aggregation::Sum, "", "", 1, ""}};
    auto t = load_indicator_table(xlsx, s);
    REQUIRE(t.row_count() == 2);
    CHECK(t.values[0][0] == 1.5);
    CHECK(any_issue(t.issues, 3, "value", "not a number"));
}

TEST_CASE("Shipped census tables load cleanly and cover all 117 counties", "[indicators]") {
    auto county = load_indicator_table(kIndicators + "/census_2020_county.csv");
    INFO(describe(county.issues));
    CHECK(county.issues.empty());
    CHECK(county.row_count() == 117);
    std::set<std::string> codes(county.keys.begin(), county.keys.end());
    CHECK(codes.size() == 117);
    CHECK(codes.count("140213") == 1);
    CHECK(codes.count("140214") == 1);
    for (size_t r = 0; r < county.row_count(); ++r)
        for (size_t c = 0; c < county.spec.columns.size(); ++c) {
            INFO(county.keys[r] << " " << county.spec.columns[c].name);
            CHECK_FALSE(std::isnan(county.values[r][c]));
        }

    // Join against the base map's shape: 116 features, 平城区/云冈区 combined.
    std::vector<MapUnit> units;
    for (const auto& k : county.keys)
        if (k != "140214") units.push_back({k == "140213" ? std::vector<std::string>{"140213", "140214"} : std::vector<std::string>{k}, k});
    auto j = join(county, units);
    CHECK(j.ok());
    CHECK(j.units_without_rows.empty());
    int pop = county.column_index("population");
    double total = 0;
    for (size_t u = 0; u < units.size(); ++u) total += j.values[u][size_t(pop)];

    // Counties + the four statistical zones = the province (34,915,616).
    auto zones = load_indicator_table(kIndicators + "/census_2020_special_zones.csv");
    CHECK(zones.issues.empty());
    CHECK(zones.row_count() == 4);
    for (size_t r = 0; r < zones.row_count(); ++r) total += zones.values[r][size_t(zones.column_index("population"))];
    CHECK(total == 34915616);

    auto pref = load_indicator_table(kIndicators + "/census_2020_prefecture.csv");
    CHECK(pref.issues.empty());
    CHECK(pref.row_count() == 11);
    double pref_total = 0;
    for (size_t r = 0; r < pref.row_count(); ++r) pref_total += pref.values[r][size_t(pref.column_index("population"))];
    CHECK(pref_total == 34915616);

    // GDP is incomplete: missing stays missing (NaN), never 0.
    auto eco = load_indicator_table(kIndicators + "/prefecture_economy.csv");
    CHECK(eco.issues.empty());
    CHECK(eco.row_count() == 11);
    int gdp = eco.column_index("gdp_2020");
    size_t missing = 0;
    for (size_t r = 0; r < eco.row_count(); ++r) {
        CHECK(eco.values[r][size_t(gdp)] != 0);
        if (std::isnan(eco.values[r][size_t(gdp)])) ++missing;
    }
    CHECK(missing == 3);
}

TEST_CASE("Plan figures are parsed as printed", "[indicators]") {
    auto f = parse_plan_figure("59.55*");
    CHECK(f.value == 59.55);
    CHECK(f.reference_year == 2019);
    CHECK(parse_plan_figure("77.3**").reference_year == 2018);
    CHECK(parse_plan_figure(">8").bound == Bound::Above);
    CHECK(parse_plan_figure("≥17.2").value == 17.2);
    CHECK(parse_plan_figure("≥17.2").bound == Bound::AtLeast);
    CHECK(parse_plan_figure("≤3.8").bound == Bound::AtMost);
    CHECK(parse_plan_figure("95以上").bound == Bound::AtLeast);
    CHECK(parse_plan_figure("6.5左右").bound == Bound::About);
    auto about = parse_plan_figure("5个左右", "个");
    CHECK(about.value == 5);
    CHECK(about.bound == Bound::About);
    auto cum = parse_plan_figure("[1300]");
    CHECK(cum.cumulative);
    CHECK(cum.value == 1300);
    CHECK(parse_plan_figure("〔≥1.5〕").cumulative);
    CHECK(parse_plan_figure("〔≥1.5〕").value == 1.5);
    CHECK_FALSE(parse_plan_figure("0/5/0/1").has_number());
    CHECK_FALSE(parse_plan_figure("完成省下任务").has_number());
    CHECK_FALSE(parse_plan_figure("").has_number());
    CHECK_FALSE(parse_plan_figure("年均增长1.74个百分点").has_number());
}

TEST_CASE("Shipped plan tables: implied growth, pairing, citations", "[indicators]") {
    const std::map<std::string, size_t> expected_rows{{"plan_004_shanxi_province.csv", 38},
                                                      {"plan_000_yuncheng.csv", 37},
                                                      {"plan_001_yongji.csv", 36},
                                                      {"plan_002_jincheng_chengqu.csv", 29}};
    std::map<std::string, PlanTable> tables;
    for (const auto& [file, rows] : expected_rows) {
        auto t = load_plan_table(kIndicators + "/" + file);
        INFO(file << "\n" << describe(t.issues));
        CHECK(t.issues.empty());
        CHECK(t.rows.size() == rows);
        for (size_t i = 0; i < t.rows.size(); ++i) CHECK(t.rows[i].seq == int(i + 1));
        tables[file] = std::move(t);
    }
    const auto& prov = tables["plan_004_shanxi_province.csv"];
    const auto& yc = tables["plan_000_yuncheng.csv"];

    // Province 常住人口城镇化率: 59.55 (2019) -> 68: six years of growth.
    const auto& urban = prov.rows[1];
    CHECK(urban.match_key == "urbanisation_rate");
    CHECK(urban.implied_annual_growth() == Approx(std::pow(68 / 59.55, 1.0 / 6) - 1));
    // Province 人均预期寿命: 77.3 (2018) -> 78.1.
    CHECK(prov.rows[34].implied_annual_growth() == Approx(std::pow(78.1 / 77.3, 1.0 / 7) - 1));
    // Yuncheng 5G: 12 -> 76 over 5 years.
    CHECK(yc.rows[12].implied_annual_growth() == Approx(std::pow(76.0 / 12, 0.2) - 1));
    // Cumulative targets have no annual rate.
    CHECK(std::isnan(yc.rows[4].implied_annual_growth()));

    auto pairs = pair_indicators(prov, yc);
    std::map<std::string, std::string> paired;
    for (const auto& p : pairs) paired[prov.rows[p.a].indicator] = yc.rows[p.b].indicator;
    CHECK(paired["地区生产总值增长"] == "地区生产总值（GDP）增长率");
    CHECK(paired["森林覆盖率"] == "森林覆盖率");
    CHECK(paired["地表水达到或好于Ⅲ类水体比例"] == "地表水达到或好于Ⅲ类水体比例");
    // Surveyed vs registered unemployment are different measures: not paired.
    CHECK(paired.count("城镇调查失业率") == 0);
    CHECK(pairs.size() >= 25);
    CHECK(normalise_indicator_name("每千人口拥有执业（助理）医师数") == normalise_indicator_name("每千人口拥有执业(助理)医师数"));
    CHECK(normalise_indicator_name("单位 GDP 能源消耗降低") == "单位地区生产总值能源消耗降低");

    const char* plans_env = std::getenv("PLANVIEW_PLANS_DIR");
    if (!plans_env || !*plans_env) {
        WARN("PLANVIEW_PLANS_DIR is not set: plan citations and SHA-256 not checked");
        return;
    }
    for (const auto& [file, t] : tables) {
        std::string plan = std::string(plans_env) + "/" + t.plan_file;
        INFO(file << " -> " << plan);
        REQUIRE(fs::exists(plan));
        CHECK(sha256_of(plan) == t.plan_sha256);
        std::vector<std::string> lines;
        std::ifstream in(plan);
        for (std::string l; std::getline(in, l);) lines.push_back(l);
        for (const auto& row : t.rows) {
            INFO("row " << row.seq << " " << row.indicator << " cites line " << row.line);
            REQUIRE(row.line >= 1);
            REQUIRE(size_t(row.line) <= lines.size());
            // The name begins on the cited line and may wrap over the next few.
            std::string first = strip_spaces_fold(lines[size_t(row.line - 1)]);
            std::string window;
            for (size_t k = size_t(row.line - 1); k < std::min(lines.size(), size_t(row.line + 9)); ++k)
                window += lines[k];
            window = strip_spaces_fold(window);
            std::string name = strip_spaces_fold(row.indicator);
            CHECK(first.find(name.substr(0, std::min<size_t>(name.size(), 12))) != std::string::npos);
            CHECK(window.find(name) != std::string::npos);
            for (const auto* fig : {&row.value_2020, &row.target_2025, &row.growth})
                if (!fig->text.empty()) CHECK(window.find(strip_spaces_fold(fig->text)) != std::string::npos);
            if (!row.attribute.empty()) CHECK(window.find(row.attribute) != std::string::npos);
        }
    }
}
