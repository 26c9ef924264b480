#include <catch2/catch.hpp>

#include "data/error.hpp"
#include "scene/scene_file.hpp"

using namespace pv;

TEST_CASE("a scene names the base layers it wants, in base order", "[scene]") {
    Scene s = load_scene_text("basemap = [\"rivers\", \"province\"]\n", "t.toml", ".");
    REQUIRE(s.layers.size() == 2);
    CHECK(s.layers[0].id == "rivers");
    CHECK(s.layers[1].id == "province");
    CHECK(load_scene_text("basemap = false\nextent = [110, 34, 115, 41]\n", "t.toml", ".").layers.empty());
    CHECK(load_scene_text("", "t.toml", ".").layers.size() == 8);
}

TEST_CASE("scene file errors name file, line and column", "[scene]") {
    CHECK_THROWS_WITH(load_scene_text("title = \"x\"\nbasemap = [\"towns\"]\n", "s.toml", "."),
                      Catch::Contains("s.toml:2:") && Catch::Contains("unknown base layer 'towns'"));
    CHECK_THROWS_WITH(load_scene_text("dpi = 5000\n", "s.toml", "."), Catch::Contains("s.toml:1:7") && Catch::Contains("dpi"));
    CHECK_THROWS_WITH(load_scene_text("[[layer]]\ntype = \"fill\"\n", "s.toml", "."), Catch::Contains("needs an id"));
    CHECK_THROWS_WITH(load_scene_text("[[layer]]\nid = \"counties\"\nshape = \"hexagon\"\n", "s.toml", "."),
                      Catch::Contains("s.toml:3:") && Catch::Contains("hexagon"));
    CHECK_THROWS_WITH(load_scene_text("[[layer]]\nid = \"counties\"\nfill_field = \"population\"\n", "s.toml", "."),
                      Catch::Contains("no field 'population'"));
    CHECK_THROWS_WITH(load_scene_text("[[layer]]\nid = \"counties\"\nfill_field = \"code\"\npalette = \"Rainbow\"\n", "s.toml", "."),
                      Catch::Contains("s.toml:4:") && Catch::Contains("unknown palette 'Rainbow'"));
}

TEST_CASE("a classified fill colours every feature and writes its legend", "[scene]") {
    Scene s = load_scene_text("[[layer]]\nid = \"counties\"\nfill_field = \"seat_lat\"\nmethod = \"quantile\"\nclasses = 4\npalette = \"Blues\"\n",
                              "t.toml", ".");
    const SceneLayer& l = *s.find("counties");
    CHECK(l.feature_fill.size() == l.data->features.size());
    CHECK(l.legend.size() == 4);  // no feature lacks a seat latitude: no "no data" entry
    CHECK_FALSE(l.feature_fill.front() == l.feature_fill.back());  // north and south differ
}
