// The view onto the map: which map point is at the centre of the viewport and how many map
// metres one pixel spans. Pixels have y down; map metres have y up.
#pragma once
#include "data/geometry.hpp"
#include "data/projection.hpp"

namespace pv {

struct Camera {
    Vec2 center{0, 0};     // map metres at the viewport centre
    double scale = 1000;   // map metres per (physical) pixel
    int width = 800;       // viewport in physical pixels
    int height = 600;
};

inline Vec2 map_to_screen(const Camera& c, Vec2 m) {
    return {(m.x - c.center.x) / c.scale + c.width * 0.5, (c.center.y - m.y) / c.scale + c.height * 0.5};
}
inline Vec2 screen_to_map(const Camera& c, Vec2 s) {
    return {c.center.x + (s.x - c.width * 0.5) * c.scale, c.center.y - (s.y - c.height * 0.5) * c.scale};
}
// The map rectangle the viewport shows.
inline Bounds visible_bounds(const Camera& c) {
    Bounds b;
    b.add(screen_to_map(c, {0, 0}));
    b.add(screen_to_map(c, {double(c.width), double(c.height)}));
    return b;
}

// A camera showing all of `b` with `margin` (fraction of the size) around it.
Camera fit_camera(const Bounds& b, int width, int height, double margin = 0.02);
// Zoom by `factor` (>1 zooms in) keeping the map point under screen point `anchor` fixed.
Camera zoom_about(const Camera& c, Vec2 anchor, double factor, double min_scale, double max_scale);
// True ground metres one pixel spans at the view centre (for scale bars): map metres per pixel
// divided by the projection's scale factor there.
double ground_metres_per_pixel(const Camera& c, const Projector& projector);
// Move the map by a screen-pixel delta (drag).
Camera pan_by_pixels(const Camera& c, Vec2 delta);

}  // namespace pv
