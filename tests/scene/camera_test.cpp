#include <catch2/catch.hpp>

#include <cmath>

#include "scene/camera.hpp"

using namespace pv;

TEST_CASE("zoom about the cursor keeps the map point under it", "[camera]") {
    Camera c{{1000, 2000}, 50, 800, 600};
    Vec2 anchor{123, 456};
    Vec2 before = screen_to_map(c, anchor);
    Camera z = zoom_about(c, anchor, 2.0, 1, 1000);
    CHECK(z.scale == Approx(25));
    Vec2 after = screen_to_map(z, anchor);
    CHECK(after.x == Approx(before.x));
    CHECK(after.y == Approx(before.y));
    CHECK(zoom_about(c, anchor, 1000, 10, 1000).scale == Approx(10));  // limit
}

TEST_CASE("screen and map transforms are inverse; y flips", "[camera]") {
    Camera c{{0, 0}, 10, 100, 100};
    Vec2 m = screen_to_map(c, {0, 0});
    CHECK(m.x == Approx(-500));
    CHECK(m.y == Approx(500));
    Vec2 s = map_to_screen(c, m);
    CHECK(s.x == Approx(0).margin(1e-9));
    CHECK(s.y == Approx(0).margin(1e-9));
    Camera p = pan_by_pixels(c, {10, 0});  // drag right: map moves right, centre moves left
    CHECK(p.center.x == Approx(-100));
}

TEST_CASE("fit_camera shows the whole box", "[camera]") {
    Bounds b;
    b.add(Vec2{0, 0});
    b.add(Vec2{1000, 500});
    Camera c = fit_camera(b, 200, 200, 0);
    CHECK(c.scale == Approx(5));
    Bounds v = visible_bounds(c);
    CHECK(v.min_x <= 0);
    CHECK(v.max_x >= 1000);
}

TEST_CASE("ground metres per pixel divide out the projection's scale factor", "[camera]") {
    Projector merc(ProjectionKind::WebMercator);
    Camera c{merc.forward(Vec2{112.5, 37.5}), 100, 800, 600};
    // Web Mercator stretches by about 1/cos(37.5°) = 1.26: 100 map metres are 79 on the ground.
    CHECK(ground_metres_per_pixel(c, merc) == Approx(100 * std::cos(37.5 * M_PI / 180)).epsilon(3e-3));
    Projector albers(ProjectionKind::Albers);
    Camera a{albers.forward(Vec2{112.5, 37.5}), 100, 800, 600};
    CHECK(ground_metres_per_pixel(a, albers) == Approx(100).epsilon(5e-3));
}
