#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "../test_support.hpp"
#include "data/error.hpp"
#include "scene/basemap.hpp"
#include "scene/deck.hpp"
#include "scene/scene_file.hpp"

using namespace pv;
namespace fs = std::filesystem;

static std::string read_all(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

TEST_CASE("a deck lists slides: scene files with overrides, or inline scenes", "[scene][deck]") {
    auto dir = pvtest::temp_dir("deck-ok");
    fs::create_directories(dir / "scenes");
    pvtest::write_file(dir / "scenes" / "rivers.toml",
                       "title = \"河流\"\nsubtitle = \"水系\"\nbasemap = [\"rivers\", \"province\", \"seats\"]\n");
    pvtest::write_file(dir / "deck.toml",
                       "title = \"测试\"\n[defaults]\npreset = \"1080p\"\n"
                       "[[slide]]\nscene = \"scenes/rivers.toml\"\ncaption = \"说明\"\nhide = [\"seats\"]\n"
                       "extent = [110.0, 34.5, 112.0, 36.0]\n"
                       "[[slide]]\nid = \"Counties & Cities\"\ntitle = \"县\"\nbasemap = [\"counties\"]\npreset = \"a3\"\n");
    Deck d = load_deck((dir / "deck.toml").string());
    REQUIRE(d.slides.size() == 2);
    CHECK(d.title == "测试");
    CHECK(d.slides[0].id == "rivers");
    CHECK(d.slides[0].line == 4);
    CHECK(slide_file_stem(d, 0) == "01-rivers");
    CHECK(slide_file_stem(d, 1) == "02-counties-cities");

    Scene a = load_slide(d, 0);
    CHECK(a.title == "河流");  // from the scene file
    CHECK(a.subtitle == "水系");
    CHECK(a.caption == "说明");  // from the slide
    CHECK(a.width == 1920);     // from [defaults]
    CHECK(a.height == 1080);
    REQUIRE(a.extent);
    CHECK(a.extent->min_x == Approx(110.0));
    REQUIRE(a.layers.size() == 3);
    CHECK_FALSE(a.find("seats")->visible);
    CHECK(a.find("rivers")->visible);

    Scene b = load_slide(d, 1);
    CHECK(b.title == "县");
    CHECK(b.width == 3508);  // the slide's preset wins over the defaults'
    CHECK(b.dpi == 300);
    REQUIRE(b.layers.size() == 1);

    // A preset in [defaults] or the slide replaces the scene file's own size and dpi.
    pvtest::write_file(dir / "scenes" / "sized.toml", "size = [1000, 900]\ndpi = 150\nbasemap = [\"province\"]\n");
    pvtest::write_file(dir / "deck2.toml", "[defaults]\npreset = \"4k\"\n[[slide]]\nscene = \"scenes/sized.toml\"\n"
                                           "[[slide]]\nscene = \"scenes/sized.toml\"\nsize = [640, 480]\n");
    Deck d2 = load_deck((dir / "deck2.toml").string());
    Scene c = load_slide(d2, 0);
    CHECK(c.width == 3840);
    CHECK(c.dpi == 192);
    Scene e = load_slide(d2, 1);
    CHECK(e.width == 640);  // the slide's own size wins over the defaults' preset
}

TEST_CASE("deck errors name file, line and column", "[scene][deck]") {
    auto dir = pvtest::temp_dir("deck-bad");
    auto deck_error = [&](const std::string& text) -> std::string {
        pvtest::write_file(dir / "d.toml", text);
        try {
            Deck d = load_deck((dir / "d.toml").string());
            for (size_t i = 0; i < d.slides.size(); ++i) load_slide(d, i);
        } catch (const Error& e) {
            return e.what();
        }
        return "no error";
    };
    std::string d = (dir / "d.toml").string();
    CHECK_THAT(deck_error("title = \"x\"\n[[slide]\n"), Catch::StartsWith(d + ":2:"));
    CHECK_THAT(deck_error("title = \"x\"\n"), Catch::Contains("no [[slide]]"));
    CHECK_THAT(deck_error("titel = \"x\"\n[[slide]]\n"), Catch::StartsWith(d + ":1:1: unknown key 'titel'"));
    CHECK_THAT(deck_error("[[slide]]\nscene = 3\n"), Catch::StartsWith(d + ":2:9: slide 1: 'scene' must be a string"));
    CHECK_THAT(deck_error("[[slide]]\ntitle = \"a\"\n[[slide]]\nscene = \"nowhere.toml\"\n"),
               Catch::StartsWith(d + ":4:9: slide 2: the scene file") && Catch::Contains("nowhere.toml"));
    CHECK_THAT(deck_error("[[slide]]\nhide = [\"towns\"]\nbasemap = [\"rivers\"]\n"),
               Catch::StartsWith(d + ":2:9: slide 1: no layer 'towns'") && Catch::Contains("rivers"));
    CHECK_THAT(deck_error("[[slide]]\n\n  colour = \"#fff\"\n"), Catch::StartsWith(d + ":3:3: unknown key 'colour'"));
    CHECK_THAT(deck_error("[[slide]]\npreset = \"a5\"\n"), Catch::StartsWith(d + ":2:10: unknown preset 'a5'"));

    // An error inside the referenced scene file names that file, not the deck.
    pvtest::write_file(dir / "s.toml", "title = \"s\"\n\ndpi = 99999\n");
    CHECK_THAT(deck_error("[[slide]]\nscene = \"s.toml\"\n"), Catch::StartsWith((dir / "s.toml").string() + ":3:7:"));
}

TEST_CASE("saving a view appends a slide and keeps every other byte", "[scene][deck]") {
    auto dir = pvtest::temp_dir("deck-append");
    fs::path p = dir / "d.toml";
    std::string before = "# my deck\ntitle = \"x\"  # comment kept\n\n[[slide]]\ntitle = \"一\"\nbasemap = [\"province\"]";
    pvtest::write_file(p, before);
    SavedSlide s;
    s.title = "视图 \"2\"";
    s.extent.add(Vec2{111.5, 35.0});
    s.extent.add(Vec2{112.25, 35.5});
    s.hide = {"seats"};
    s.layouts = {"000/yihe-sanyi-qizhidian"};
    s.scene_ref = "";
    append_slide(p.string(), s);
    std::string after = read_all(p);
    CHECK(after.substr(0, before.size()) == before);
    CHECK(after.find("[[slide]]", before.size()) != std::string::npos);
    int temps = 0;
    for (auto& e : fs::directory_iterator(dir)) temps += e.path().filename().string()[0] == '.';
    CHECK(temps == 0);

    Deck d = load_deck(p.string());
    REQUIRE(d.slides.size() == 2);
    CHECK(d.slides[1].title == "视图 \"2\"");
    Scene sc = load_slide(d, 1);
    REQUIRE(sc.extent);
    CHECK(sc.extent->min_x == Approx(111.5));
    CHECK(sc.extent->max_y == Approx(35.5));
    CHECK_FALSE(sc.find("seats")->visible);
    bool layout = false;
    for (const auto& l : sc.layers) layout = layout || l.id.rfind("layout:000/yihe-sanyi-qizhidian", 0) == 0;
    CHECK(layout);  // the saved view's plan layout came back
}

TEST_CASE("scene files take a caption and page presets", "[scene]") {
    Scene s = load_scene_text("preset = \"a4-landscape\"\ncaption = \"c\"\nbasemap = [\"province\"]\n", "t.toml", ".");
    CHECK(s.width == 3508);
    CHECK(s.height == 2480);
    CHECK(s.dpi == 300);
    CHECK(s.caption == "c");
    Scene t = load_scene_text("preset = \"4k\"\nsize = [1000, 800]\nbasemap = [\"province\"]\n", "t.toml", ".");
    CHECK(t.width == 1000);  // an explicit size wins over the preset
    CHECK(t.dpi == 192);
}

TEST_CASE("every slide of the shipped default deck loads", "[scene][deck]") {
    std::string path = std::string(PLANVIEW_SOURCE_DIR) + "/data/decks/default.toml";
    Deck d = load_deck(path);
    CHECK(d.slides.size() >= 9);
    for (size_t i = 0; i < d.slides.size(); ++i) {
        INFO("slide " << i + 1 << " " << d.slides[i].id);
        Scene s = load_slide(d, i);
        CHECK_FALSE(s.title.empty());
        CHECK_FALSE(s.caption.empty());
        CHECK(s.width == 1920);  // the deck's [defaults] preset wins over each scene file's size
        CHECK(s.height == 1080);
        size_t beyond_base = 0;  // a plan layout or an indicator layer, not only the base map
        for (const auto& l : s.layers)
            if (std::find(std::begin(kBaseLayers), std::end(kBaseLayers), l.id) == std::end(kBaseLayers)) ++beyond_base;
        CHECK(beyond_base > 0);
    }
}
