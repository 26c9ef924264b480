// Pure parts of presentation mode: slide navigation and the layer mix of a transition.
// Header-only so the tests (which link the stage libraries, not the app) use them directly.
#pragma once
#include <algorithm>
#include <string>
#include <vector>

#include "scene/scene.hpp"

namespace pv::app {

enum class SlideKey { Next, Previous, First, Last };

// The slide a key leads to (no wrap-around: a clicker pressed once too often stays put).
inline int slide_after(int current, SlideKey key, int count) {
    if (count <= 0) return 0;
    switch (key) {
        case SlideKey::Next: return std::min(current + 1, count - 1);
        case SlideKey::Previous: return std::max(current - 1, 0);
        case SlideKey::First: return 0;
        case SlideKey::Last: return count - 1;
    }
    return current;
}

// Each slide's layers are uploaded under "s<k>/<id>" so that all slides stay on the GPU; the
// part after the first '/' is the layer's own id.
inline std::string slide_layer_id(int slide, const std::string& id) { return "s" + std::to_string(slide) + "/" + id; }
inline std::string own_layer_id(const std::string& id) {
    size_t p = id.find('/');
    if (p == std::string::npos || p < 2 || id[0] != 's') return id;
    for (size_t i = 1; i < p; ++i)
        if (id[i] < '0' || id[i] > '9') return id;  // not our prefix: an id of its own with a '/'
    return id.substr(p + 1);
}

// A slide's camera: its extent fitted into the part of the window right of the legend (which
// sits bottom-left), so the legend does not cover the map; a legend wider than 40 % of the window
// (`legend_right` = its right edge in pixels, 0 = none) is let overlap instead.
inline Camera fit_beside_legend(const Bounds& extent, int w, int h, float legend_right) {
    float left = legend_right > 0 && legend_right < w * 0.4f ? legend_right : 0;
    Camera c = fit_camera(extent, std::max(1, int(w - left)), h, 0.02);
    c.width = w, c.height = h;
    c.center.x -= left * 0.5 * c.scale;  // the extent's centre in the middle of the free part
    return c;
}

// The scene drawn at eased fraction `e` of a transition from `from` to `to`: layers both slides
// show stay opaque (the base map does not flicker), layers only the new slide has fade in, and
// layers only the old slide had fade out on top.
inline Scene mix_slides(const Scene& from, const Scene& to, double e) {
    e = std::clamp(e, 0.0, 1.0);
    Scene mix = to;
    auto in = [](const Scene& s, const SceneLayer& l) {
        std::string id = own_layer_id(l.id);
        return std::any_of(s.layers.begin(), s.layers.end(),
                           [&](const SceneLayer& m) { return m.visible && own_layer_id(m.id) == id; });
    };
    for (auto& l : mix.layers)
        if (l.visible && !in(from, l)) l.opacity *= float(e);
    for (const auto& l : from.layers)
        if (l.visible && !in(to, l)) {
            mix.layers.push_back(l);
            mix.layers.back().opacity *= float(1 - e);
            mix.layers.back().label.field.clear();  // its labels would not fade: drop them at once
        }
    return mix;
}

}  // namespace pv::app
