#include <catch2/catch.hpp>

#include <cmath>

#include "data/gcj02.hpp"

using namespace pv;

TEST_CASE("GCJ-02 inverse round-trips over a Shanxi grid", "[gcj02]") {
    double worst = 0;
    for (double lon = 110.0; lon <= 114.6; lon += 0.13)
        for (double lat = 34.5; lat <= 40.8; lat += 0.11) {
            const Vec2 w{lon, lat};
            const Vec2 back = gcj02_to_wgs84(wgs84_to_gcj02(w));
            worst = std::max({worst, std::abs(back.x - lon), std::abs(back.y - lat)});
        }
    CHECK(worst < 1e-7);
}

TEST_CASE("GCJ-02 shifts Shanxi 450-650 m east and little north", "[gcj02]") {
    const double m_per_deg_lat = 111320.0;
    for (double lon = 110.5; lon <= 114.0; lon += 0.5)
        for (double lat = 35.0; lat <= 40.5; lat += 0.5) {
            const Vec2 g = wgs84_to_gcj02(Vec2{lon, lat});
            const double east = (g.x - lon) * m_per_deg_lat * std::cos(lat * M_PI / 180.0);
            const double north = (g.y - lat) * m_per_deg_lat;
            INFO("at " << lon << ", " << lat << ": east " << east << " m, north " << north << " m");
            CHECK(east > 450.0);
            CHECK(east < 650.0);
            CHECK(std::abs(north) < 200.0);
        }
    // And the inverse moves a GCJ-02 position back west by the same amount.
    const Vec2 w = gcj02_to_wgs84(Vec2{112.55, 37.87});
    CHECK(w.x < 112.55 - 0.004);
}

TEST_CASE("GCJ-02 is the identity outside China", "[gcj02]") {
    for (Vec2 p : {Vec2{2.35, 48.85}, Vec2{-74.0, 40.7}, Vec2{151.2, -33.9}, Vec2{139.9, 35.7}}) {
        CHECK(wgs84_to_gcj02(p) == p);
        CHECK(gcj02_to_wgs84(p) == p);
    }
    // ...but not inside it.
    CHECK(!(wgs84_to_gcj02(Vec2{112.5, 37.8}) == Vec2{112.5, 37.8}));
}
