#include <catch2/catch.hpp>

#include "../test_support.hpp"

using pvtest::run_planview;
namespace fs = std::filesystem;

TEST_CASE("planview export writes the default map", "[cli]") {
    auto dir = pvtest::temp_dir("cli-ok");
    auto r = run_planview("export -o '" + (dir / "m.png").string() + "' --size 800x600 --dpi 150 --title 测试");
    INFO(r.output);
    CHECK(r.status == 0);
    CHECK(r.output.find("wrote") != std::string::npos);
    auto im = pvtest::load((dir / "m.png").string());
    CHECK(im.info.width == 800);
    CHECK(im.info.dpi == Approx(150).margin(0.1));
}

TEST_CASE("planview export --help documents the scene file", "[cli]") {
    auto r = run_planview("export --help");
    CHECK(r.status == 0);
    CHECK(r.output.find("[[layer]]") != std::string::npos);
    CHECK(r.output.find("fill_field") != std::string::npos);
}

// Every bad input: one message naming the thing at fault, non-zero exit, no output file.
static void expect_failure(const std::string& args, const fs::path& out, const std::string& must_mention) {
    auto r = run_planview(args);
    INFO(args << "\n" << r.output);
    CHECK(r.status != 0);
    CHECK(r.output.find(must_mention) != std::string::npos);
    CHECK_FALSE(fs::exists(out));
    if (fs::is_directory(out.parent_path()))
        for (auto& e : fs::directory_iterator(out.parent_path())) CHECK(e.path().filename().string().rfind(".m.png", 0) != 0);
}

TEST_CASE("bad input gives one clear error and no output", "[cli]") {
    auto dir = pvtest::temp_dir("cli-bad");
    fs::path out = dir / "m.png";
    std::string o = " -o '" + out.string() + "'";

    expect_failure("export '" + (dir / "missing.toml").string() + "'" + o, out, "missing.toml");

    pvtest::write_file(dir / "syntax.toml", "title = \"x\"\nsize = [800, \n");
    expect_failure("export '" + (dir / "syntax.toml").string() + "'" + o, out, "syntax.toml:");

    pvtest::write_file(dir / "badkey.toml", "title = \"x\"\ncolour = \"#fff\"\n");
    expect_failure("export '" + (dir / "badkey.toml").string() + "'" + o, out, "badkey.toml:2:1: unknown key 'colour'");

    pvtest::write_file(dir / "nofile.toml", "[[layer]]\nid = \"a\"\nsource = \"nowhere.gpkg\"\n");
    expect_failure("export '" + (dir / "nofile.toml").string() + "'" + o, out, "nowhere.gpkg: no such file");

    pvtest::write_file(dir / "garbage.geojson", "{ this is not json");
    pvtest::write_file(dir / "unreadable.toml", "[[layer]]\nid = \"a\"\nsource = \"garbage.geojson\"\n");
    expect_failure("export '" + (dir / "unreadable.toml").string() + "'" + o, out, "garbage.geojson");

    pvtest::write_file(dir / "nolayer.toml", "[[layer]]\nid = \"a\"\nsource = \"" + (fs::path(PLANVIEW_SOURCE_DIR) / "maps/counties.geojson").string() + "\"\nlayer = \"towns\"\n");
    expect_failure("export '" + (dir / "nolayer.toml").string() + "'" + o, out, "no layer 'towns'");

    pvtest::write_file(dir / "nofield.toml", "[[layer]]\nid = \"counties\"\nfill_field = \"gdp\"\n");
    expect_failure("export '" + (dir / "nofield.toml").string() + "'" + o, out, "no field 'gdp'");

    pvtest::write_file(dir / "colour.toml", "background = \"blue\"\n");
    expect_failure("export '" + (dir / "colour.toml").string() + "'" + o, out, "colour.toml:1:14");

    expect_failure("export -o '" + (dir / "no/such/folder/m.png").string() + "'", dir / "no/such/folder/m.png", "does not exist");
    expect_failure("export --size 10xabc" + o, out, "--size");
    expect_failure("export --bogus" + o, out, "unknown option --bogus");
}

TEST_CASE("a failed export leaves an existing file untouched", "[cli]") {
    auto dir = pvtest::temp_dir("cli-keep");
    pvtest::write_file(dir / "m.png", "previous");
    pvtest::write_file(dir / "bad.toml", "size = [1, 2, 3]\n");
    auto r = run_planview("export '" + (dir / "bad.toml").string() + "' -o '" + (dir / "m.png").string() + "'");
    CHECK(r.status != 0);
    std::ifstream in(dir / "m.png");
    std::string s;
    in >> s;
    CHECK(s == "previous");
}

TEST_CASE("planview export --deck writes every good slide and lists the broken one", "[cli][deck]") {
    auto dir = pvtest::temp_dir("cli-deck");
    pvtest::write_file(dir / "s.toml", "title = \"省界\"\nbasemap = [\"province\", \"prefectures\"]\n");
    pvtest::write_file(dir / "d.toml",
                       "[defaults]\nsize = [400, 300]\n"
                       "[[slide]]\nscene = \"s.toml\"\n"
                       "[[slide]]\nid = \"bad\"\nscene = \"s.toml\"\nhide = [\"towns\"]\n"
                       "[[slide]]\nid = \"Yuncheng 运城\"\ntitle = \"运城\"\nextent = [110.2, 34.6, 112.1, 35.8]\n");
    fs::path out = dir / "out";
    auto r = run_planview("export --deck '" + (dir / "d.toml").string() + "' --out '" + out.string() + "' --world-file");
    INFO(r.output);
    CHECK(r.status == 1);
    CHECK(fs::exists(out / "01-s.png"));
    CHECK(fs::exists(out / "01-s.pgw"));
    CHECK_FALSE(fs::exists(out / "02-bad.png"));
    CHECK(fs::exists(out / "03-yuncheng.png"));
    CHECK(r.output.find("1 of 3 slides failed") != std::string::npos);
    CHECK(r.output.find("slide 2 (02-bad): " + (dir / "d.toml").string() + ":8:9: slide 2: no layer 'towns'") != std::string::npos);
    CHECK(r.output.find("[3/3] wrote") != std::string::npos);  // not a terminal: a line per slide
    auto im = pvtest::load((out / "03-yuncheng.png").string());
    CHECK(im.info.width == 400);

    // A deck that cannot be read at all: one error naming the place.
    pvtest::write_file(dir / "broken.toml", "[[slide]\n");
    auto b = run_planview("export --deck '" + (dir / "broken.toml").string() + "' --out '" + out.string() + "'");
    CHECK(b.status == 1);
    CHECK(b.output.find("broken.toml:1:") != std::string::npos);
}
