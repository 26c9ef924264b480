#include "data/gcj02.hpp"

#include <cmath>
#include <numbers>

namespace pv {

namespace {

// The formula works on the Krasovsky 1940 ellipsoid.
constexpr double kSemiMajor = 6378245.0;
constexpr double kEccSquared = 0.00669342162296594323;
constexpr double kPi = std::numbers::pi;

// The two polynomial-plus-sines offset fields, in metres, of the position relative to
// (105E, 35N).
double offset_north(double x, double y) {
    double r = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * std::sqrt(std::abs(x));
    r += (20.0 * std::sin(6.0 * x * kPi) + 20.0 * std::sin(2.0 * x * kPi)) * 2.0 / 3.0;
    r += (20.0 * std::sin(y * kPi) + 40.0 * std::sin(y / 3.0 * kPi)) * 2.0 / 3.0;
    r += (160.0 * std::sin(y / 12.0 * kPi) + 320.0 * std::sin(y * kPi / 30.0)) * 2.0 / 3.0;
    return r;
}

double offset_east(double x, double y) {
    double r = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * std::sqrt(std::abs(x));
    r += (20.0 * std::sin(6.0 * x * kPi) + 20.0 * std::sin(2.0 * x * kPi)) * 2.0 / 3.0;
    r += (20.0 * std::sin(x * kPi) + 40.0 * std::sin(x / 3.0 * kPi)) * 2.0 / 3.0;
    r += (150.0 * std::sin(x / 12.0 * kPi) + 300.0 * std::sin(x / 30.0 * kPi)) * 2.0 / 3.0;
    return r;
}

// The shift (degrees) that the forward formula adds at a WGS84 position.
Vec2 forward_shift(Vec2 p) {
    const double x = p.x - 105.0, y = p.y - 35.0;
    const double rad_lat = p.y / 180.0 * kPi;
    const double s = std::sin(rad_lat);
    const double w = 1.0 - kEccSquared * s * s;
    const double sw = std::sqrt(w);
    const double dlat = offset_north(x, y) * 180.0 / ((kSemiMajor * (1.0 - kEccSquared)) / (w * sw) * kPi);
    const double dlon = offset_east(x, y) * 180.0 / (kSemiMajor / sw * std::cos(rad_lat) * kPi);
    return {dlon, dlat};
}

}  // namespace

bool gcj02_applies(Vec2 p) {
    return p.x >= 72.004 && p.x <= 137.8347 && p.y >= 0.8293 && p.y <= 55.8271;
}

Vec2 wgs84_to_gcj02(Vec2 p) {
    if (!gcj02_applies(p)) return p;
    const Vec2 d = forward_shift(p);
    return {p.x + d.x, p.y + d.y};
}

Vec2 gcj02_to_wgs84(Vec2 g) {
    if (!gcj02_applies(g)) return g;
    // The shift varies slowly (well under 1e-4 per degree), so x = g - shift(x) contracts fast:
    // three or four steps reach machine precision; the cap only guards against NaN input.
    Vec2 w{g.x, g.y};
    for (int i = 0; i < 30; ++i) {
        const Vec2 f = wgs84_to_gcj02(w);
        const Vec2 err{f.x - g.x, f.y - g.y};
        w = {w.x - err.x, w.y - err.y};
        if (std::abs(err.x) < 1e-12 && std::abs(err.y) < 1e-12) break;
    }
    return w;
}

}  // namespace pv
