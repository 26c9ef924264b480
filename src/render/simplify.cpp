#include "render/simplify.hpp"

#include <cmath>

namespace pv {

size_t thin_part(const std::vector<Vec2>& pts, size_t begin, size_t end, double tolerance, Vec2 origin,
                 std::vector<float>& out) {
    size_t n = 0;
    const double t2 = tolerance * tolerance;
    Vec2 last{std::nan(""), 0};
    for (size_t i = begin; i < end; ++i) {
        Vec2 p = pts[i];
        if (!std::isfinite(p.x) || !std::isfinite(p.y)) continue;
        bool keep = n == 0 || i + 1 == end || (p.x - last.x) * (p.x - last.x) + (p.y - last.y) * (p.y - last.y) >= t2;
        if (!keep) continue;
        out.push_back(float(p.x - origin.x));
        out.push_back(float(p.y - origin.y));
        last = p;
        ++n;
    }
    return n;
}

}  // namespace pv
