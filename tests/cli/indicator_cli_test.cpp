// planview export --table: a user's CSV/XLSX is checked whole, row by row, before anything is
// drawn; a clean table becomes a choropleth.
#include <catch2/catch.hpp>

#include "../test_support.hpp"

using pvtest::run_planview;
namespace fs = std::filesystem;

TEST_CASE("export --table: every bad row is listed with its line, nothing is drawn", "[cli][indicator]") {
    auto dir = pvtest::temp_dir("cli-table-bad");
    pvtest::write_file(dir / "t.csv",
                       "code,name,score\n"
                       "140105,小店区,12.5\n"
                       "140106,迎泽区,abc\n"
                       "140106,迎泽区,3\n"
                       "149999,nowhere,4\n"
                       "140108,尖草坪区,inf\n"
                       "140213,平城区,5\n");
    fs::path out = dir / "m.png";
    auto r = run_planview("export --table '" + (dir / "t.csv").string() + "' --field score -o '" + out.string() + "'");
    INFO(r.output);
    CHECK(r.status == 1);
    CHECK_FALSE(fs::exists(out));
    std::string f = (dir / "t.csv").string();
    CHECK(r.output.find(f + ":3: column 'score': value 'abc': not a number") != std::string::npos);
    CHECK(r.output.find(f + ":4: column 'code': value '140106': duplicate key (first on line 3)") != std::string::npos);
    CHECK(r.output.find(f + ":5: column 'code': value '149999': matches no map unit") != std::string::npos);
    CHECK(r.output.find(f + ":6: column 'score': value 'inf': not a finite number") != std::string::npos);
    // Half of the combined feature would be a wrong number: reported, not drawn.
    CHECK(r.output.find("平城区/云冈区") != std::string::npos);
    CHECK(r.output.find("5 problems") != std::string::npos);
    // Row order: line 3 before line 5 before line 6.
    CHECK(r.output.find(":3:") < r.output.find(":5:"));
    CHECK(r.output.find(":5:") < r.output.find(":6:"));
}

TEST_CASE("export --table: names that are not unique are refused; missing columns named", "[cli][indicator]") {
    auto dir = pvtest::temp_dir("cli-table-names");
    pvtest::write_file(dir / "n.csv", "name,v\n城区,1\n城区,2\n");
    fs::path out = dir / "m.png";
    auto r = run_planview("export --table '" + (dir / "n.csv").string() + "' --field v --key name -o '" + out.string() + "'");
    INFO(r.output);
    CHECK(r.status == 1);
    CHECK(r.output.find("n.csv:3: column 'name': value '城区': duplicate key (first on line 2)") != std::string::npos);
    CHECK_FALSE(fs::exists(out));
    r = run_planview("export --table '" + (dir / "n.csv").string() + "' --field w -o '" + out.string() + "'");
    CHECK(r.status == 1);
    CHECK(r.output.find("no column 'w' (it has: name, v)") != std::string::npos);
    r = run_planview("export --table census_2020_county --field gdp -o '" + out.string() + "'");
    CHECK(r.status == 1);
    CHECK(r.output.find("no indicator column 'gdp'") != std::string::npos);
    r = run_planview("export --table census_2020_county -o '" + out.string() + "'");
    CHECK(r.status == 2);
    CHECK(r.output.find("--field") != std::string::npos);
}

TEST_CASE("export --table: a clean XLSX keyed by code becomes a choropleth; units without rows are said", "[cli][indicator]") {
    REQUIRE(std::system("command -v ogr2ogr >/dev/null 2>&1") == 0);
    auto dir = pvtest::temp_dir("cli-table-xlsx");
    pvtest::write_file(dir / "x.csv", "code,name,v\n140105,小店区,10\n140106,迎泽区,20\n140107,杏花岭区,30\n140108,尖草坪区,40\n");
    std::string conv = "ogr2ogr -f XLSX '" + (dir / "x.xlsx").string() + "' '" + (dir / "x.csv").string() + "' 2>&1";
    REQUIRE(std::system(conv.c_str()) == 0);
    fs::path out = dir / "m.png";
    auto r = run_planview("export --table '" + (dir / "x.xlsx").string() + "' --field v --classes 3 --method equal --palette Blues -o '" +
                          out.string() + "' --size 600x700");
    INFO(r.output);
    CHECK(r.status == 0);
    CHECK(fs::exists(out));
    CHECK(r.output.find("note: 112 map units have no row") != std::string::npos);
}
