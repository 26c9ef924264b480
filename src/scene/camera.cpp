#include "scene/camera.hpp"

#include <algorithm>
#include <cmath>

namespace pv {

Camera fit_camera(const Bounds& b, int width, int height, double margin) {
    Camera c;
    c.width = width;
    c.height = height;
    if (b.empty() || width <= 0 || height <= 0) return c;
    c.center = b.center();
    double w = std::max(b.width(), 1e-9) * (1 + 2 * margin), h = std::max(b.height(), 1e-9) * (1 + 2 * margin);
    c.scale = std::max(w / width, h / height);
    return c;
}

Camera zoom_about(const Camera& c, Vec2 anchor, double factor, double min_scale, double max_scale) {
    Camera out = c;
    out.scale = std::clamp(c.scale / factor, min_scale, max_scale);
    Vec2 before = screen_to_map(c, anchor);
    // Keep `before` under the anchor: centre moves by the anchor's offset times the scale change.
    out.center.x = before.x - (anchor.x - c.width * 0.5) * out.scale;
    out.center.y = before.y + (anchor.y - c.height * 0.5) * out.scale;
    return out;
}

double ground_metres_per_pixel(const Camera& c, const Projector& projector) {
    double k = projector.scale_factor_at(projector.inverse(c.center));
    return std::isfinite(k) && k > 0 ? c.scale / k : c.scale;
}

Camera pan_by_pixels(const Camera& c, Vec2 delta) {
    Camera out = c;
    out.center.x -= delta.x * c.scale;
    out.center.y += delta.y * c.scale;
    return out;
}

}  // namespace pv
