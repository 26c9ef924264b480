#include "scene/heatmap.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace pv {

double heat_kernel(double d_km, double h_km, bool epanechnikov) {
    if (!(h_km > 0)) return 0;
    double u = d_km / h_km;
    if (epanechnikov) return u < 1 ? 2.0 / (std::numbers::pi * h_km * h_km) * (1 - u * u) : 0.0;
    return u < 3 ? std::exp(-0.5 * u * u) / (2 * std::numbers::pi * h_km * h_km) : 0.0;
}

namespace {
struct WeightedPoint {
    Vec2 xy;
    double k;  // map metres per ground metre there
    double w;
};
std::vector<WeightedPoint> points_of(const Layer& layer, const std::vector<double>& weights, const Projector& projector) {
    std::vector<WeightedPoint> out;
    for (size_t i = 0; i < layer.features.size(); ++i) {
        const Feature& f = layer.features[i];
        double w = i < weights.size() ? weights[i] : 1.0;
        for (size_t p = 0; p < f.xy.points.size() && p < f.geo.points.size(); ++p) {
            double k = projector.scale_factor_at(f.geo.points[p]);
            out.push_back({f.xy.points[p], std::isfinite(k) && k > 0 ? k : 1.0, w});
        }
    }
    return out;
}
double density(const std::vector<WeightedPoint>& pts, Vec2 at, double h_km, bool ep) {
    double s = 0;
    for (const auto& p : pts) {
        double d_km = std::hypot(at.x - p.xy.x, at.y - p.xy.y) / p.k / 1000.0;
        s += p.w * heat_kernel(d_km, h_km, ep);
    }
    return s;
}
}  // namespace

double heat_density_at(const Layer& points, const std::vector<double>& weights, double bandwidth_km, bool epanechnikov,
                       const Projector& projector, Vec2 lonlat) {
    return density(points_of(points, weights, projector), projector.forward(lonlat), bandwidth_km, epanechnikov);
}

double heat_peak(const Layer& points, const std::vector<double>& weights, double bandwidth_km, bool epanechnikov,
                 const Projector& projector) {
    std::vector<WeightedPoint> pts = points_of(points, weights, projector);
    // O(n²): fine for the few thousand points a planning heat map has; beyond that, a sample.
    size_t step = std::max<size_t>(1, pts.size() / 4000);
    std::vector<std::pair<double, Vec2>> starts;
    for (size_t i = 0; i < pts.size(); i += step) starts.push_back({density(pts, pts[i].xy, bandwidth_km, epanechnikov), pts[i].xy});
    if (starts.empty()) return 0;
    // Overlapping kernels can peak between points (two equal points 1 h apart: 10 % higher half-way),
    // so climb from the densest starts by mean shift, which moves uphill on a kernel density.
    std::sort(starts.begin(), starts.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
    double peak = starts.front().first;
    for (size_t s = 0; s < std::min<size_t>(starts.size(), 64); ++s) {
        Vec2 x = starts[s].second;
        for (int it = 0; it < 50; ++it) {
            double sw = 0, sx = 0, sy = 0;
            for (const auto& p : pts) {
                double d_km = std::hypot(x.x - p.xy.x, x.y - p.xy.y) / p.k / 1000.0;
                // Mean shift weights: the Gaussian itself; for Epanechnikov, its (flat) shadow kernel.
                double g = epanechnikov ? (d_km < bandwidth_km ? 1.0 : 0.0) : heat_kernel(d_km, bandwidth_km, false);
                sw += p.w * g, sx += p.w * g * p.xy.x, sy += p.w * g * p.xy.y;
            }
            if (!(sw > 0)) break;
            Vec2 next{sx / sw, sy / sw};
            bool done = std::hypot(next.x - x.x, next.y - x.y) < 1.0;  // a metre
            x = next;
            if (done) break;
        }
        peak = std::max(peak, density(pts, x, bandwidth_km, epanechnikov));
    }
    return peak;
}

}  // namespace pv
