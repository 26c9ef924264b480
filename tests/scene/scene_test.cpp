#include <catch2/catch.hpp>

#include "data/paths.hpp"
#include "data/projection.hpp"
#include "scene/basemap.hpp"
#include "scene/scene.hpp"

using namespace pv;

TEST_CASE("base layers are read once and shared; reprojecting one scene leaves the others alone", "[scene]") {
    Projector albers(ProjectionKind::Albers), mercator(ProjectionKind::WebMercator);
    Scene a = default_scene(maps_dir(), albers), b = default_scene(maps_dir(), albers);
    const SceneLayer* ca = a.find("counties");
    const SceneLayer* cb = b.find("counties");
    REQUIRE(ca);
    REQUIRE(cb);
    CHECK(ca->data.get() == cb->data.get());  // one reading for both scenes
    const Vec2 before = cb->data->features[0].xy.points[0];

    reproject_scene(a, mercator);
    const SceneLayer* ra = a.find("counties");
    CHECK(ra->data.get() != cb->data.get());
    CHECK(cb->data->features[0].xy.points[0].x == before.x);  // b still in Albers
    CHECK(cb->data->features[0].xy.points[0].y == before.y);
    CHECK(ra->data->features[0].xy.points[0].y != before.y);  // a in Web Mercator
    // Layers of one scene that shared data still share the projected copy.
    Scene c = default_scene(maps_dir(), albers);
    c.layers.push_back(*c.find("counties"));
    c.layers.back().id = "counties-labels";
    reproject_scene(c, mercator);
    CHECK(c.find("counties")->data.get() == c.find("counties-labels")->data.get());
    // A scene in the other projection gets its own reading.
    Scene m = default_scene(maps_dir(), mercator);
    CHECK(m.find("counties")->data->features[0].xy.points[0].y == Approx(ra->data->features[0].xy.points[0].y));
}
