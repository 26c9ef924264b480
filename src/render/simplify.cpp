#include "render/simplify.hpp"

#include <cmath>
#include <thread>
#include <utility>

namespace pv {

namespace {

double segment_distance2(Vec2 p, Vec2 a, Vec2 b) {
    double dx = b.x - a.x, dy = b.y - a.y;
    double len2 = dx * dx + dy * dy;
    double t = len2 > 0 ? ((p.x - a.x) * dx + (p.y - a.y) * dy) / len2 : 0;
    t = t < 0 ? 0 : t > 1 ? 1 : t;
    double ex = a.x + t * dx - p.x, ey = a.y + t * dy - p.y;
    return ex * ex + ey * ey;
}

// Marks the vertices of [first, last] to keep (iterative Douglas-Peucker).
void douglas_peucker(const std::vector<Vec2>& p, size_t first, size_t last, double tol2, std::vector<char>& keep,
                     std::vector<std::pair<size_t, size_t>>& stack) {
    stack.clear();
    stack.push_back({first, last});
    while (!stack.empty()) {
        auto [a, b] = stack.back();
        stack.pop_back();
        double best = -1;
        size_t at = a;
        for (size_t i = a + 1; i < b; ++i) {
            double d = segment_distance2(p[i], p[a], p[b]);
            if (d > best) best = d, at = i;
        }
        if (best > tol2) {
            keep[at] = 1;
            stack.push_back({a, at});
            stack.push_back({at, b});
        }
    }
}

}  // namespace

size_t thin_part(const std::vector<Vec2>& pts, size_t begin, size_t end, double tolerance, Vec2 origin,
                 std::vector<float>& out) {
    thread_local std::vector<Vec2> p;
    thread_local std::vector<char> keep;
    thread_local std::vector<std::pair<size_t, size_t>> stack;
    p.clear();
    for (size_t i = begin; i < end; ++i)
        if (std::isfinite(pts[i].x) && std::isfinite(pts[i].y)) p.push_back(pts[i]);
    if (p.empty()) return 0;
    keep.assign(p.size(), 0);
    keep.front() = keep.back() = 1;
    if (p.size() > 2) {
        // A closed ring's chord is a point: split it at the vertex farthest from its start.
        size_t far = 0;
        double best = -1;
        for (size_t i = 1; i + 1 < p.size(); ++i) {
            double d = (p[i].x - p[0].x) * (p[i].x - p[0].x) + (p[i].y - p[0].y) * (p[i].y - p[0].y);
            if (d > best) best = d, far = i;
        }
        keep[far] = 1;
        douglas_peucker(p, 0, far, tolerance * tolerance, keep, stack);
        douglas_peucker(p, far, p.size() - 1, tolerance * tolerance, keep, stack);
    }
    size_t n = 0;
    for (size_t i = 0; i < p.size(); ++i)
        if (keep[i]) {
            out.push_back(float(p[i].x - origin.x));
            out.push_back(float(p[i].y - origin.y));
            ++n;
        }
    return n;
}

namespace {
void simplify_range(const Layer& layer, size_t f0, size_t f1, double tolerance, SimplifiedLayer& out) {
    size_t min_n = layer.kind == GeomKind::Polygon ? 3 : 2;
    for (size_t fi = f0; fi < f1; ++fi) {
        const Geometry& g = layer.features[fi].xy;
        out.feature_part.push_back(uint32_t(out.part_first.size()));
        out.feature_bounds.push_back(g.bounds());
        if (g.kind != GeomKind::Polygon && g.kind != GeomKind::Line) continue;
        for (size_t r = 0; r < g.part_count(); ++r) {
            size_t first = out.xy.size() / 2;
            size_t n = thin_part(g.points, g.part_begin(r), g.part_end(r), tolerance, out.origin, out.xy);
            if (n < min_n) {
                out.xy.resize(first * 2);
                continue;
            }
            out.part_first.push_back(uint32_t(first));
            out.part_count.push_back(uint32_t(n));
        }
    }
}
}  // namespace

SimplifiedLayer simplify_layer(const Layer& layer, double tolerance) {
    SimplifiedLayer out;
    out.origin = layer.bounds_xy().center();
    out.kind = layer.kind;
    size_t n = layer.features.size();
    if (layer.vertex_count() < 200000 || std::thread::hardware_concurrency() < 2) {
        simplify_range(layer, 0, n, tolerance, out);
    } else {
        // Two halves by feature, then the second appended with its indices shifted.
        SimplifiedLayer second;
        second.origin = out.origin;
        std::thread t([&] { simplify_range(layer, n / 2, n, tolerance, second); });
        simplify_range(layer, 0, n / 2, tolerance, out);
        t.join();
        uint32_t vshift = uint32_t(out.xy.size() / 2), pshift = uint32_t(out.part_first.size());
        out.xy.insert(out.xy.end(), second.xy.begin(), second.xy.end());
        for (uint32_t f : second.part_first) out.part_first.push_back(f + vshift);
        out.part_count.insert(out.part_count.end(), second.part_count.begin(), second.part_count.end());
        for (uint32_t p : second.feature_part) out.feature_part.push_back(p + pshift);
        out.feature_bounds.insert(out.feature_bounds.end(), second.feature_bounds.begin(), second.feature_bounds.end());
    }
    out.feature_part.push_back(uint32_t(out.part_first.size()));
    return out;
}

}  // namespace pv
