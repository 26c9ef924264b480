// Pure functions behind the viewer: hit testing, areas, search, camera animation. Header-only
// so the tests (which link the stage libraries, not the app) can use them directly.
#pragma once
#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "data/geometry.hpp"
#include "scene/camera.hpp"

namespace pv::app {

// ---- Geometry ------------------------------------------------------------------------------

inline double ring_signed_area(const Geometry& g, size_t r) {
    size_t b = g.part_begin(r), e = g.part_end(r);
    double s = 0;
    for (size_t i = b, j = e - 1; i < e; j = i++) s += (g.points[j].x * g.points[i].y - g.points[i].x * g.points[j].y);
    return s / 2;
}

// Area of an even-odd polygon in the units of its coordinates squared: each ring counts with
// + if it lies inside an even number of the other rings (an outer ring) and - if odd (a hole).
inline double even_odd_area(const Geometry& g) {
    double total = 0;
    for (size_t r = 0; r < g.part_count(); ++r) {
        if (g.part_end(r) - g.part_begin(r) < 3) continue;
        Vec2 probe = g.points[g.part_begin(r)];
        int depth = 0;
        for (size_t o = 0; o < g.part_count(); ++o) {
            if (o == r) continue;
            Geometry one;
            one.kind = GeomKind::Polygon;
            one.points.assign(g.points.begin() + g.part_begin(o), g.points.begin() + g.part_end(o));
            one.part_starts = {0};
            if (point_in_polygon(one, probe)) ++depth;
        }
        total += (depth % 2 == 0 ? 1 : -1) * std::abs(ring_signed_area(g, r));
    }
    return total;
}

// Bounding boxes of every feature's projected geometry (built once per data change).
inline std::vector<Bounds> feature_boxes(const Layer& l) {
    std::vector<Bounds> out;
    out.reserve(l.features.size());
    for (const auto& f : l.features) out.push_back(f.xy.bounds());
    return out;
}

// The polygon feature under a screen point, or -1. `boxes` from feature_boxes (prefilter).
inline int hit_test(const Layer& l, const std::vector<Bounds>& boxes, const Camera& cam, Vec2 screen) {
    Vec2 m = screen_to_map(cam, screen);
    for (size_t i = l.features.size(); i-- > 0;) {  // topmost (last drawn) first
        if (i < boxes.size() && !boxes[i].contains(m)) continue;
        if (l.features[i].xy.kind == GeomKind::Polygon && point_in_polygon(l.features[i].xy, m)) return int(i);
    }
    return -1;
}

// ---- Search --------------------------------------------------------------------------------

struct SearchEntry {
    int level = 0;  // 0 = county, 1 = prefecture
    size_t feature = 0;
    std::string name;
    std::vector<std::string> codes;  // "140881", and for merged units every old code
};

struct SearchHit {
    size_t entry = 0;  // index into the entries
    int rank = 0;      // lower is better
};

inline std::string trim(const std::string& s) {
    size_t b = s.find_first_not_of(" \t\r\n"), e = s.find_last_not_of(" \t\r\n");
    return b == std::string::npos ? std::string() : s.substr(b, e - b + 1);
}

inline std::vector<std::string> split_codes(const std::string& s) {
    std::vector<std::string> out;
    size_t b = 0;
    while (b <= s.size()) {
        size_t e = s.find_first_of(";,", b);
        if (e == std::string::npos) e = s.size();
        if (e > b) out.push_back(s.substr(b, e - b));
        b = e + 1;
    }
    return out;
}

// Entries for the units of a level's layer (fields name, code and optionally codes).
inline void add_search_entries(std::vector<SearchEntry>& out, const Layer& l, int level) {
    bool has_codes = l.field_index("codes") >= 0;
    for (size_t i = 0; i < l.features.size(); ++i) {
        const Feature& f = l.features[i];
        SearchEntry e;
        e.level = level;
        e.feature = i;
        e.name = l.text(f, "name");
        if (has_codes) e.codes = split_codes(l.text(f, "codes"));
        std::string code = l.text(f, "code");
        if (std::find(e.codes.begin(), e.codes.end(), code) == e.codes.end()) e.codes.insert(e.codes.begin(), code);
        out.push_back(std::move(e));
    }
}

// Substring match on the name, prefix match on a code. Exact names first, then name
// prefixes, then other substrings, then codes; counties before prefectures at equal rank.
inline std::vector<SearchHit> search_units(const std::vector<SearchEntry>& entries, const std::string& query,
                                           size_t max_hits = 20) {
    std::string q = trim(query);
    std::vector<SearchHit> hits;
    if (q.empty()) return hits;
    for (size_t i = 0; i < entries.size(); ++i) {
        const auto& e = entries[i];
        int rank = -1;
        if (e.name == q) rank = 0;
        else if (e.name.rfind(q, 0) == 0) rank = 1;
        else if (e.name.find(q) != std::string::npos) rank = 2;
        else
            for (const auto& c : e.codes)
                if (!c.empty() && c.rfind(q, 0) == 0) rank = c == q ? 0 : 3;
        if (rank >= 0) hits.push_back({i, rank * 2 + e.level});
    }
    std::stable_sort(hits.begin(), hits.end(), [](const SearchHit& a, const SearchHit& b) { return a.rank < b.rank; });
    if (hits.size() > max_hits) hits.resize(max_hits);
    return hits;
}

// ---- Camera animation ----------------------------------------------------------------------

inline double ease_out_cubic(double t) {
    t = std::clamp(t, 0.0, 1.0);
    return 1 - (1 - t) * (1 - t) * (1 - t);
}

struct CameraAnim {
    Camera from, to;
    double start = 0, duration = 0.2;  // seconds
    bool active = false;
};

// The camera between `from` and `to` at eased fraction `e` (0..1). The scale moves
// geometrically, and when it changes the screen point that both cameras map to the same map
// point stays put all the way (so a zoom about the cursor keeps the cursor's point fixed).
inline Camera interpolate_camera(const Camera& a, const Camera& b, double e) {
    Camera c = b;
    if (e >= 1) return b;
    c.scale = a.scale * std::pow(b.scale / a.scale, e);
    double dk = a.scale - b.scale;
    if (std::abs(dk) > 1e-9 * a.scale) {
        // Fixed screen offset s (from the centre): a.c + s*a.k = b.c + s*b.k (y flipped).
        double sx = (b.center.x - a.center.x) / dk, sy = (a.center.y - b.center.y) / dk;
        Vec2 m{a.center.x + sx * a.scale, a.center.y - sy * a.scale};
        c.center = {m.x - sx * c.scale, m.y + sy * c.scale};
    } else {
        c.center = {a.center.x + (b.center.x - a.center.x) * e, a.center.y + (b.center.y - a.center.y) * e};
    }
    return c;
}

inline Camera animate(CameraAnim& an, double now) {
    if (!an.active) return an.to;
    double t = an.duration > 0 ? (now - an.start) / an.duration : 1;
    if (t >= 1) {
        an.active = false;
        return an.to;
    }
    return interpolate_camera(an.from, an.to, ease_out_cubic(t));
}

// Start (or retarget) an animation from the camera shown now to `target`.
inline void animate_to(CameraAnim& an, const Camera& current, const Camera& target, double now, double duration) {
    an.from = current;
    an.to = target;
    an.start = now;
    an.duration = duration;
    an.active = true;
}

// Target of an animated zoom by `factor` about screen point `anchor`: the scale goes on from
// the running animation's target (so quick wheel steps add up), and the map point under the
// anchor in the camera shown now stays there.
inline Camera zoom_target(const Camera& shown, const Camera& target, Vec2 anchor, double factor, double min_scale,
                          double max_scale) {
    double s = std::clamp(target.scale / factor, min_scale, max_scale);
    return zoom_about(shown, anchor, shown.scale / s, min_scale, max_scale);
}

}  // namespace pv::app
