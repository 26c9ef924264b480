#include <catch2/catch.hpp>

#include <cmath>

#include "data/error.hpp"
#include "data/projection.hpp"

using namespace pv;

TEST_CASE("Albers projection round-trips over Shanxi", "[projection]") {
    Projector p(ProjectionKind::Albers);
    Vec2 origin = p.forward(Vec2{112.5, 37.5});
    CHECK(std::abs(origin.x) < 1e-6);
    CHECK(std::abs(origin.y) < 1e-6);
    for (double lon = 110.0; lon <= 115.0; lon += 0.7)
        for (double lat = 34.5; lat <= 40.8; lat += 0.9) {
            Vec2 xy = p.forward(Vec2{lon, lat});
            Vec2 back = p.inverse(xy);
            CHECK(back.x == Approx(lon).margin(1e-9));
            CHECK(back.y == Approx(lat).margin(1e-9));
        }
    // East of the central meridian is +x, north is +y, at the right distance (1 deg lat ~ 111 km).
    Vec2 n = p.forward(Vec2{112.5, 38.5});
    CHECK(n.y == Approx(111000).epsilon(0.01));
    CHECK(p.forward(Vec2{113.5, 37.5}).x > 80000);
}

TEST_CASE("Web Mercator projection round-trips and matches EPSG:3857", "[projection]") {
    Projector p(ProjectionKind::WebMercator);
    Vec2 xy = p.forward(Vec2{112.5, 37.5});
    CHECK(xy.x == Approx(12523442.71).margin(0.01));
    CHECK(xy.y == Approx(4509031.39).margin(0.01));
    Vec2 back = p.inverse(xy);
    CHECK(back.x == Approx(112.5).margin(1e-9));
    CHECK(back.y == Approx(37.5).margin(1e-9));
    CHECK(p.scale_factor_at(Vec2{112.5, 37.5}) == Approx(1 / std::cos(37.5 * M_PI / 180)).epsilon(3e-3));
}

TEST_CASE("Albers is true to scale on its standard parallels", "[projection]") {
    Projector p(ProjectionKind::Albers);
    CHECK(p.scale_factor_at(Vec2{112.5, 35.0}) == Approx(1.0).epsilon(2e-3));
    CHECK(p.scale_factor_at(Vec2{112.5, 40.0}) == Approx(1.0).epsilon(2e-3));
}

TEST_CASE("unknown projection names are rejected by name", "[projection]") {
    CHECK(parse_projection("albers") == ProjectionKind::Albers);
    CHECK(parse_projection("webmercator") == ProjectionKind::WebMercator);
    CHECK_THROWS_WITH(parse_projection("lambert"), Catch::Contains("lambert"));
}
