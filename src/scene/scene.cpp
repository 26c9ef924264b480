#include "scene/scene.hpp"

#include <algorithm>
#include <map>
#include <set>

namespace pv {

const SceneLayer* Scene::find(const std::string& id) const {
    for (const auto& l : layers)
        if (l.id == id) return &l;
    return nullptr;
}
SceneLayer* Scene::find(const std::string& id) {
    for (auto& l : layers)
        if (l.id == id) return &l;
    return nullptr;
}

Bounds scene_extent_xy(const Scene& s, const Projector& projector) {
    Bounds b;
    if (s.extent && !s.extent->empty()) {
        // Edges of a lon/lat box are curves in the map: sample them (21 points an edge).
        const Bounds& e = *s.extent;
        std::vector<Vec2> pts;
        for (int i = 0; i <= 20; ++i) {
            double t = i / 20.0;
            pts.push_back({e.min_x + t * e.width(), e.min_y});
            pts.push_back({e.min_x + t * e.width(), e.max_y});
            pts.push_back({e.min_x, e.min_y + t * e.height()});
            pts.push_back({e.max_x, e.min_y + t * e.height()});
        }
        projector.forward(pts);
        for (auto p : pts) b.add(p);
        return b;
    }
    for (const auto& l : s.layers) {
        bool wanted = s.fit_layers.empty()
                          ? l.visible
                          : std::find(s.fit_layers.begin(), s.fit_layers.end(), l.id) != s.fit_layers.end();
        if (wanted && l.data) b.add(l.data->bounds_xy());
    }
    if (!b.empty()) {
        double mx = b.width() * 0.02, my = b.height() * 0.02;
        b.min_x -= mx, b.max_x += mx, b.min_y -= my, b.max_y += my;
    }
    return b;
}

void reproject_scene(Scene& s, const Projector& projector) {
    // Layer data may be shared with other scenes (the base map is read once per process): project
    // a copy, and keep layers that shared data sharing the copy.
    std::map<const Layer*, std::shared_ptr<Layer>> projected;
    for (auto& l : s.layers) {
        if (!l.data) continue;
        auto& copy = projected[l.data.get()];
        if (!copy) {
            copy = std::make_shared<Layer>(*l.data);
            project_layer(*copy, projector);
        }
        l.data = copy;
    }
}

}  // namespace pv
