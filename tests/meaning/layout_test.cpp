#include <catch2/catch.hpp>

#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>

#include "data/error.hpp"
#include "../test_support.hpp"
#include "data/projection.hpp"
#include "data/vector_source.hpp"
#include "meaning/layout.hpp"

using namespace pv;
namespace fs = std::filesystem;

namespace {

const fs::path kRepo = PLANVIEW_SOURCE_DIR;

fs::path tmp_dir(const std::string& name) {
    fs::path d = pvtest::process_tmp() / "layouts" / name;
    fs::remove_all(d);
    fs::create_directories(d);
    return d;
}

void write(const fs::path& p, const std::string& text) {
    std::ofstream o(p, std::ios::binary);
    o << text;
}

bool contains(const Geometry& g, Vec2 p) { return g.kind == GeomKind::Polygon && point_in_polygon(g, p); }

// A small base map and gazetteer: two counties of 运城, two 城区, a combined feature, one river...
fs::path fixture_maps() {
    fs::path d = tmp_dir("maps");
    auto square = [](double x0, double y0, double x1, double y1) {
        char buf[256];
        std::snprintf(buf, sizeof buf, "[[[%g,%g],[%g,%g],[%g,%g],[%g,%g],[%g,%g]]]", x0, y0, x1, y0, x1, y1, x0, y1, x0, y0);
        return std::string(buf);
    };
    auto county = [&](const char* code, const char* codes, const char* name, const char* pref, double x0, double y0,
                      double x1, double y1) {
        char buf[512];
        std::snprintf(buf, sizeof buf,
                      R"({"type":"Feature","properties":{"code":"%s","codes":"%s","name":"%s","prefecture_code":"%s","seat_lon":%g,"seat_lat":%g},"geometry":{"type":"Polygon","coordinates":%s}})",
                      code, codes, name, pref, (x0 + x1) / 2, (y0 + y1) / 2, square(x0, y0, x1, y1).c_str());
        return std::string(buf);
    };
    write(d / "counties.geojson",
          R"({"type":"FeatureCollection","features":[)" + county("140802", "140802", "盐湖区", "140800", 110.8, 34.9, 111.2, 35.2) +
              "," + county("140881", "140881", "永济市", "140800", 110.2, 34.7, 110.8, 35.0) + "," +
              county("140302", "140302", "城区", "140300", 113.5, 37.8, 113.6, 37.9) + "," +
              county("140502", "140502", "城区", "140500", 112.8, 35.4, 112.9, 35.5) + "," +
              county("140213", "140213;140214", "平城区", "140200", 113.2, 40.0, 113.4, 40.2) + "]}");
    write(d / "prefectures.geojson",
          R"({"type":"FeatureCollection","features":[{"type":"Feature","properties":{"code":"140800","name":"运城市","seat_lon":111.0,"seat_lat":35.03},"geometry":{"type":"Polygon","coordinates":)" +
              square(110.2, 34.6, 111.3, 35.3) + "}}]}");
    write(d / "seats.geojson",
          R"({"type":"FeatureCollection","features":[{"type":"Feature","properties":{"code":"140802","name":"盐湖区"},"geometry":{"type":"Point","coordinates":[111.0,35.02]}}]})");
    write(d / "rivers.geojson",
          R"({"type":"FeatureCollection","features":[{"type":"Feature","properties":{"name":"黄河","level":1},"geometry":{"type":"LineString","coordinates":[[110.4,36.0],[110.4,34.8],[111.5,34.8]]}}]})");
    write(d / "ranges.geojson",
          R"({"type":"FeatureCollection","features":[{"type":"Feature","properties":{"name":"中条山"},"geometry":{"type":"LineString","coordinates":[[110.5,34.8],[111.5,35.2]]}}]})");
    write(d / "lakes.geojson",
          R"({"type":"FeatureCollection","features":[{"type":"Feature","properties":{"name":"运城盐湖"},"geometry":{"type":"Polygon","coordinates":)" +
              square(110.95, 34.96, 111.05, 35.0) + "}}]}");
    write(d / "gazetteer.csv",
          "name,kind,county_code,county,lon,lat,datum,source,note\n"
          "晋城东站,railway_station,140525,泽州县,112.979251,35.53397,WGS84,test,\"a note, with a comma\"\n"
          "运城张孝机场 / 运城关公机场 (YCU / ZBYC),airport,140802,盐湖区,111.031388889,35.116391,WGS84,test,\n");
    return d;
}

const char* kHead =
    "plan_file = \"000_test.txt\"\n"
    "plan_sha256 = \"0000000000000000000000000000000000000000000000000000000000000000\"\n"
    "title = \"测试\"\n"
    "[[layout]]\n"
    "id = \"t\"\n"
    "title = \"测试布局\"\n"
    "lines = [1, 2]\n"
    "[[layout.element]]\n"
    "role = \"一核\"\n"
    "name = \"甲\"\n"
    "kind = \"zone\"\n"
    "lines = [1, 1]\n";  // the element's geometry keys follow on line 13

std::string parse_error(const std::string& text) {
    try {
        parse_layout_text(text, "bad.toml");
    } catch (const Error& e) {
        return e.what();
    }
    return "";
}

std::string resolve_error(const Gazetteer& g, const std::string& text) {
    try {
        resolve_layouts(parse_layout_text(text, "bad.toml"), g);
    } catch (const Error& e) {
        return e.what();
    }
    return "";
}

Gazetteer real_gazetteer() {
    fs::path counties = kRepo / "maps" / "counties.geojson";
    INFO("the base map must exist: " << counties.string());
    REQUIRE(fs::exists(counties));
    return Gazetteer::load((kRepo / "maps").string(), (kRepo / "data" / "gazetteer.csv").string());
}

const char* plans_dir() {
    const char* p = std::getenv("PLANVIEW_PLANS_DIR");
    return p && *p ? p : nullptr;
}

}  // namespace

TEST_CASE("SHA-256 matches the standard test vectors", "[layouts]") {
    CHECK(sha256_hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    CHECK(sha256_hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    CHECK(sha256_hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq") ==
          "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
    // Padding edge cases: 55, 56 and 64 bytes.
    CHECK(sha256_hex(std::string(55, 'a')) == "9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318");
    CHECK(sha256_hex(std::string(56, 'a')) == "b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a");
    CHECK(sha256_hex(std::string(64, 'a')) == "ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb");
    CHECK(sha256_hex(std::string(1000, 'a')) == "41edece42d63e8d9bf515a9ba6932e1c20cbc9f5a5d134645adb5db1b9737ea3");
}

TEST_CASE("every shipped layout file parses", "[layouts]") {
    auto files = layout_files_in((kRepo / "data" / "layouts").string());
    REQUIRE(files.size() >= 5);
    std::set<std::string> plans;
    for (const auto& f : files) {
        INFO(f);
        LayoutFile lf;
        REQUIRE_NOTHROW(lf = parse_layout_file(f));
        CHECK(!lf.layouts.empty());
        plans.insert(lf.plan_file.substr(0, 3));
        for (const auto& l : lf.layouts) {
            CHECK(!l.elements.empty());
            for (const auto& e : l.elements) {
                INFO(l.id << ": " << e.role << " " << e.name);
                CHECK(!e.lines.empty());
                if (e.schematic) CHECK(!e.interpretation.empty());
            }
        }
    }
    CHECK(plans == std::set<std::string>{"000", "001", "002", "003", "004"});
}

TEST_CASE("every shipped layout resolves against the real base map", "[layouts]") {
    Gazetteer g = real_gazetteer();
    CHECK(g.county_count() >= 100);
    for (const auto& f : layout_files_in((kRepo / "data" / "layouts").string())) {
        INFO(f);
        PlanLayouts p;
        try {
            p = load_layouts(f, g);
        } catch (const Error& e) {
            FAIL(e.what());
        }
        for (const auto& l : p.layouts) {
            auto s = l.summary();
            CHECK(s.elements == l.elements.size());
            CHECK(s.exact + s.located_by_county + s.not_placed == s.elements);
            for (const auto& e : l.elements) {
                INFO(l.id << ": " << e.role << " " << e.name);
                if (e.placement == Placement::NotPlaced) {
                    CHECK(e.geo.points.empty());
                    CHECK(std::isnan(e.anchor.x));
                } else {
                    CHECK(!e.geo.points.empty());
                    Bounds b = e.geo.bounds();  // Shanxi, with room for buffers
                    CHECK(b.min_x > 109.5);
                    CHECK(b.max_x < 115.0);
                    CHECK(b.min_y > 34.0);
                    CHECK(b.max_y < 41.5);
                    CHECK(std::isfinite(e.anchor.x));
                }
                if (e.placement == Placement::LocatedByCounty) {
                    CHECK(e.geo.kind == GeomKind::Polygon);
                    CHECK(!e.county_codes.empty());
                }
            }
        }
    }
}

TEST_CASE("the 一核 of Yuncheng contains 盐湖区's seat", "[layouts]") {
    Gazetteer g = real_gazetteer();
    auto p = load_layouts((kRepo / "data/layouts/000_yuncheng_14th_fyp.toml").string(), g);
    const LayoutElement* core = nullptr;
    for (const auto& l : p.layouts)
        if (l.id == "yihe-sanyi-qizhidian")
            for (const auto& e : l.elements)
                if (e.role == "一核") core = &e;
    REQUIRE(core);
    CHECK(core->placement == Placement::Exact);
    CHECK(core->schematic);
    Vec2 seat = g.seat("140802", SourcePos{"test", 1, 1});
    CHECK(contains(core->geo, seat));
    // and not 永济's
    CHECK_FALSE(contains(core->geo, g.seat("140881", SourcePos{"test", 1, 1})));
}

TEST_CASE("the 三副 of the Shanxi plan are at the 大同, 长治 and 临汾 seats", "[layouts]") {
    Gazetteer g = real_gazetteer();
    // The prefecture seats, read independently of the gazetteer.
    Projector proj(ProjectionKind::Albers);
    Layer pref = read_vector_layer((kRepo / "maps/prefectures.geojson").string(), "", proj);
    std::map<std::string, Vec2> seats;
    for (const auto& f : pref.features)
        seats[pref.text(f, "name")] = {value_to_double(pref.attr(f, pref.field_index("seat_lon"))),
                                       value_to_double(pref.attr(f, pref.field_index("seat_lat")))};
    auto p = load_layouts((kRepo / "data/layouts/004_shanxi_14th_fyp.toml").string(), g);
    std::vector<std::string> names;
    for (const auto& l : p.layouts)
        if (l.id == "yizhu-sanfu-liushi")
            for (const auto& e : l.elements)
                if (e.role == "三副") {
                    names.push_back(e.name);
                    REQUIRE(e.geo.kind == GeomKind::Point);
                    REQUIRE(e.geo.points.size() == 1);
                    auto it = seats.find(e.name + "市");
                    REQUIRE(it != seats.end());
                    CHECK(e.geo.points[0].x == Approx(it->second.x).margin(1e-9));
                    CHECK(e.geo.points[0].y == Approx(it->second.y).margin(1e-9));
                }
    CHECK(names == std::vector<std::string>{"大同", "长治", "临汾"});
}

TEST_CASE("every cited line range exists and each plan's SHA-256 matches", "[layouts]") {
    const char* dir = plans_dir();
    if (!dir) {
        WARN("PLANVIEW_PLANS_DIR is not set: citations not checked against the plan texts");
        return;
    }
    // SHA256SUMS, when there, agrees with the layout files.
    std::map<std::string, std::string> sums;
    std::ifstream in(fs::path(dir) / "SHA256SUMS");
    for (std::string h, f; in >> h >> f;) sums[f] = h;
    for (const auto& file : layout_files_in((kRepo / "data" / "layouts").string())) {
        INFO(file);
        LayoutFile lf = parse_layout_file(file);
        if (!sums.empty()) CHECK(sums[lf.plan_file] == lf.plan_sha256);
        CHECK(sha256_file((fs::path(dir) / lf.plan_file).string()) == lf.plan_sha256);
        for (const auto& l : lf.layouts) {
            INFO(l.id);
            std::vector<CitedLine> cited;
            REQUIRE_NOTHROW(cited = read_cited_lines(dir, lf.plan_file, lf.plan_sha256, l.lines));
            for (const auto& e : l.elements) {
                INFO(e.role << " " << e.name);
                REQUIRE_NOTHROW(cited = read_cited_lines(dir, lf.plan_file, lf.plan_sha256, e.lines));
                // A cited range is not all blank lines.
                bool text = false;
                for (const auto& c : cited) text = text || c.text.find_first_not_of(" \t\r") != std::string::npos;
                CHECK(text);
            }
        }
    }
}

TEST_CASE("cited lines are refused when the plan text does not match its SHA-256", "[layouts]") {
    fs::path d = tmp_dir("plans");
    write(d / "p.txt", "第一行\n第二行\n第三行\n");
    std::string sum = sha256_file((d / "p.txt").string());
    auto lines = read_cited_lines(d.string(), "p.txt", sum, {{2, 3}});
    REQUIRE(lines.size() == 2);
    CHECK(lines[0].number == 2);
    CHECK(lines[0].text == "第二行");
    CHECK_THROWS_WITH(read_cited_lines(d.string(), "p.txt", std::string(64, '0'), {{1, 1}}), Catch::Contains("SHA-256"));
    CHECK_THROWS_WITH(read_cited_lines(d.string(), "p.txt", sum, {{3, 4}}), Catch::Contains("do not exist"));
    CHECK_THROWS_WITH(read_cited_lines(d.string(), "missing.txt", sum, {{1, 1}}), Catch::Contains("missing.txt"));
}

TEST_CASE("malformed layout files give file:line:column errors", "[layouts]") {
    // TOML syntax: unterminated string on line 13.
    CHECK_THAT(parse_error(std::string(kHead) + "counties = [\"140802]\n"), Catch::StartsWith("bad.toml:13:"));
    // Unknown key, at its own line and column.
    CHECK_THAT(parse_error(std::string(kHead) + "countys = [\"140802\"]\n"),
               Catch::StartsWith("bad.toml:13:1:") && Catch::Contains("unknown key 'countys'"));
    // Unknown kind, at the value.
    {
        std::string t = kHead;
        t.replace(t.find("kind = \"zone\""), 13, "kind = \"blob\"");
        CHECK_THAT(parse_error(t + "counties = [\"140802\"]\n"),
                   Catch::StartsWith("bad.toml:11:8:") && Catch::Contains("unknown kind 'blob'"));
    }
    // No placement.
    CHECK_THAT(parse_error(kHead), Catch::StartsWith("bad.toml:8:1:") && Catch::Contains("no placement"));
    // Two placements.
    CHECK_THAT(parse_error(std::string(kHead) + "counties = [\"140802\"]\nnot_placed = true\n"),
               Catch::StartsWith("bad.toml:8:") && Catch::Contains("more than one placement"));
    // Schematic without interpretation.
    CHECK_THAT(parse_error(std::string(kHead) + "counties = [\"140802\"]\nschematic = true\n"),
               Catch::StartsWith("bad.toml:8:") && Catch::Contains("interpretation"));
    // A line range that ends before it begins.
    CHECK_THAT(parse_error(std::string(kHead) + "counties = [\"140802\"]\n" + "[[layout.element]]\nrole=\"x\"\nname=\"y\"\nkind=\"zone\"\nlines=[9, 3]\nnot_placed=true\n"),
               Catch::StartsWith("bad.toml:18:") && Catch::Contains("ends before it begins"));
    // Wrong types.
    CHECK_THAT(parse_error(std::string(kHead) + "counties = \"140802\"\n"),
               Catch::StartsWith("bad.toml:13:") && Catch::Contains("must be an array"));
    CHECK_THAT(parse_error(std::string(kHead) + "counties = [\"140802\"]\nbuffer_km = -3\n"),
               Catch::StartsWith("bad.toml:14:") && Catch::Contains("buffer_km"));
    CHECK_THAT(parse_error(std::string(kHead) + "path = [\"甲\"]\n"), Catch::StartsWith("bad.toml:13:") && Catch::Contains("two places"));
    // Missing top-level keys, missing role, bad hash, duplicate ids.
    CHECK_THAT(parse_error("title = \"x\"\n"), Catch::StartsWith("bad.toml:1:1:") && Catch::Contains("plan_file"));
    {
        std::string t = kHead;
        t.replace(t.find("role = \"一核\"\n"), std::string("role = \"一核\"\n").size(), "");
        CHECK_THAT(parse_error(t + "not_placed = true\n"), Catch::StartsWith("bad.toml:8:1:") && Catch::Contains("'role'"));
    }
    {
        std::string t = kHead;
        t.replace(t.find("0000"), 4, "zzzz");
        CHECK_THAT(parse_error(t + "not_placed = true\n"), Catch::StartsWith("bad.toml:2:") && Catch::Contains("64 hexadecimal"));
    }
    {
        std::string t = std::string(kHead) + "not_placed = true\n";
        std::string again = t.substr(t.find("[[layout]]"));
        CHECK_THAT(parse_error(t + again), Catch::StartsWith("bad.toml:14:1:") && Catch::Contains("used twice"));
    }
    // Garbage and an empty file never crash.
    CHECK_THAT(parse_error("\x01\x02\xff[[[["), Catch::StartsWith("bad.toml:1:"));
    CHECK_THAT(parse_error(""), Catch::StartsWith("bad.toml:1:1:"));
    CHECK_THAT(parse_error("layout = 3\nplan_file=\"a\"\nplan_sha256=\"" + std::string(64, 'a') + "\"\ntitle=\"t\"\n"),
               Catch::StartsWith("bad.toml:1:") && Catch::Contains("[[layout]]"));
    // From a file on disk, the message names the file.
    fs::path d = tmp_dir("malformed");
    write(d / "x.toml", std::string(kHead) + "seat = 3.5\n");
    try {
        parse_layout_file((d / "x.toml").string());
        FAIL("no error");
    } catch (const Error& e) {
        CHECK_THAT(std::string(e.what()), Catch::StartsWith((d / "x.toml").string() + ":13:"));
    }
}

TEST_CASE("unknown references give errors naming file:line", "[layouts]") {
    fs::path m = fixture_maps();
    Gazetteer g = Gazetteer::load(m.string(), (m / "gazetteer.csv").string());
    CHECK(g.place_count() == 2);
    CHECK_THAT(resolve_error(g, std::string(kHead) + "counties = [\"140802\", \"149999\"]\n"),
               Catch::StartsWith("bad.toml:13:23:") && Catch::Contains("unknown county code 149999"));
    CHECK_THAT(resolve_error(g, std::string(kHead) + "place = \"不存在的地方\"\n"),
               Catch::StartsWith("bad.toml:13:") && Catch::Contains("unknown place"));
    CHECK_THAT(resolve_error(g, std::string(kHead) + "river = \"汾河\"\n"),
               Catch::StartsWith("bad.toml:13:") && Catch::Contains("unknown river '汾河'"));
    CHECK_THAT(resolve_error(g, std::string(kHead) + "range = \"吕梁山\"\n"),
               Catch::StartsWith("bad.toml:13:") && Catch::Contains("unknown range"));
    CHECK_THAT(resolve_error(g, std::string(kHead) + "lake = \"伍姓湖\"\n"),
               Catch::StartsWith("bad.toml:13:") && Catch::Contains("unknown lake"));
    CHECK_THAT(resolve_error(g, std::string(kHead) + "located_by_county = \"城区\"\n"),
               Catch::StartsWith("bad.toml:13:") && Catch::Contains("ambiguous"));
    CHECK_THAT(resolve_error(g, std::string(kHead) + "prefectures = [\"大同\"]\n"),
               Catch::StartsWith("bad.toml:13:") && Catch::Contains("unknown prefecture"));
    CHECK_THAT(resolve_error(g, std::string(kHead) + "river = \"黄河\"\nwithin = \"140502\"\n"),
               Catch::StartsWith("bad.toml:14:") && Catch::Contains("nothing"));
    CHECK_THAT(resolve_error(g, std::string(kHead) + "counties = [\"140802\"]\nriver = \"黄河\"\n"),
               Catch::StartsWith("bad.toml:8:") && Catch::Contains("buffer_km"));
}

TEST_CASE("references resolve to the right geometry", "[layouts]") {
    fs::path m = fixture_maps();
    Gazetteer g = Gazetteer::load(m.string(), (m / "gazetteer.csv").string());
    auto one = [&](const std::string& refs) {
        auto p = resolve_layouts(parse_layout_text(std::string(kHead) + refs, "t.toml"), g);
        REQUIRE(p.layouts.size() == 1);
        REQUIRE(p.layouts[0].elements.size() == 1);
        return p.layouts[0].elements[0];
    };
    // Union of two adjacent counties by name and code: one outer ring.
    auto u = one("counties = [\"盐湖\", \"140881\"]\nenumerated = true\n");
    CHECK(u.placement == Placement::Exact);
    CHECK(u.geo.kind == GeomKind::Polygon);
    CHECK(u.county_codes == std::vector<std::string>{"140802", "140881"});
    CHECK(contains(u.geo, {111.0, 35.1}));
    CHECK(contains(u.geo, {110.5, 34.8}));
    CHECK_FALSE(contains(u.geo, {110.5, 35.1}));
    CHECK(u.enumerated);
    // A code that a combined feature stands for.
    CHECK(one("counties = [\"140214\"]\n").county_codes == std::vector<std::string>{"140213"});
    // Seats: from seats.geojson first, else seat_lon/lat; a prefecture's seat by name.
    auto s = one("seat = \"盐湖区\"\n");
    REQUIRE(s.geo.kind == GeomKind::Point);
    CHECK(s.geo.points[0] == Vec2{111.0, 35.02});
    CHECK(one("seat = \"永济\"\n").geo.points[0] == Vec2{110.5, 34.85});
    CHECK(one("seat = \"运城\"\n").geo.points[0] == Vec2{111.0, 35.03});
    // Gazetteer aliases.
    CHECK(one("place = \"运城关公机场\"\n").geo.points[0].x == Approx(111.031388889));
    // A path through places in order.
    auto path = one("path = [\"永济\", \"盐湖区\", \"晋城东站\"]\n");
    CHECK(path.geo.kind == GeomKind::Line);
    REQUIRE(path.geo.points.size() == 3);
    CHECK(path.geo.points[2].x == Approx(112.979251));
    // A river clipped to a county; a buffer makes an area about 2 x 10 km wide around it.
    auto r = one("river = \"黄河\"\nwithin = \"140881\"\n");
    CHECK(r.geo.kind == GeomKind::Line);
    for (auto p : r.geo.points) CHECK((p.x >= 110.15 && p.x <= 110.85 && p.y >= 34.65 && p.y <= 35.05));  // clipped with a 3 km margin
    CHECK(r.geo.bounds().max_y < 35.05);
    auto b = one("river = \"黄河\"\nbuffer_km = 10\nwithin = \"运城\"\n");
    CHECK(b.geo.kind == GeomKind::Polygon);
    CHECK(contains(b.geo, {110.45, 35.0}));      // ~4.6 km east of the river
    CHECK_FALSE(contains(b.geo, {110.6, 35.0}));  // ~18 km east
    // Mixed references with a buffer; lakes as polygons; located_by_county; not placed.
    auto mix = one("river = \"黄河\"\nrange = \"中条山\"\nbuffer_km = 3\nwithin = \"140881\"\nschematic = true\ninterpretation = \"测试\"\n");
    CHECK(mix.geo.kind == GeomKind::Polygon);
    CHECK(mix.schematic);
    CHECK(mix.interpretation == "测试");
    CHECK(one("lake = \"运城盐湖\"\n").geo.kind == GeomKind::Polygon);
    auto loc = one("located_by_county = [\"140502\"]\nmembers = [\"南村\"]\n");
    CHECK(loc.placement == Placement::LocatedByCounty);
    CHECK(loc.county_codes == std::vector<std::string>{"140502"});
    CHECK(contains(loc.geo, loc.anchor));
    CHECK(loc.members == std::vector<std::string>{"南村"});
    auto np = one("not_placed = true\nnote = \"无坐标\"\n");
    CHECK(np.placement == Placement::NotPlaced);
    CHECK(np.geo.points.empty());
    CHECK(np.note == "无坐标");
    CHECK(np.plan_file == "000_test.txt");
    CHECK(np.lines == std::vector<LineRange>{{1, 1}});
}

TEST_CASE("layout summaries count elements, schematic, located and not placed", "[layouts]") {
    fs::path m = fixture_maps();
    Gazetteer g = Gazetteer::load(m.string(), (m / "gazetteer.csv").string());
    std::string t = std::string(kHead) + "seat = \"永济\"\n";
    auto add = [&](const std::string& body) {
        t += "[[layout.element]]\nrole = \"r\"\nname = \"n\"\nkind = \"zone\"\nlines = [[1, 1], [2, 2]]\n" + body;
    };
    add("not_placed = true\n");
    add("located_by_county = \"140881\"\n");
    add("counties = [\"140802\"]\nschematic = true\ninterpretation = \"i\"\n");
    auto p = resolve_layouts(parse_layout_text(t, "t.toml"), g);
    auto s = p.layouts.at(0).summary();
    CHECK(s.elements == 4);
    CHECK(s.exact == 2);
    CHECK(s.schematic == 1);
    CHECK(s.located_by_county == 1);
    CHECK(s.not_placed == 1);
}
