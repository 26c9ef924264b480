// Plain value types for map features. Coordinates are kept twice: geographic (WGS84 lon/lat,
// the canonical copy) and projected (map metres), so a projection switch never re-reads a file.
#pragma once
#include <cstdint>
#include <limits>
#include <string>
#include <variant>
#include <vector>

namespace pv {

struct Vec2 {
    double x = 0, y = 0;
    friend bool operator==(const Vec2&, const Vec2&) = default;
};

struct Bounds {
    double min_x = std::numeric_limits<double>::infinity();
    double min_y = std::numeric_limits<double>::infinity();
    double max_x = -std::numeric_limits<double>::infinity();
    double max_y = -std::numeric_limits<double>::infinity();

    bool empty() const { return !(min_x <= max_x && min_y <= max_y); }
    void add(Vec2 p) {
        if (p.x < min_x) min_x = p.x;
        if (p.y < min_y) min_y = p.y;
        if (p.x > max_x) max_x = p.x;
        if (p.y > max_y) max_y = p.y;
    }
    void add(const Bounds& b) {
        if (b.empty()) return;
        add(Vec2{b.min_x, b.min_y});
        add(Vec2{b.max_x, b.max_y});
    }
    bool contains(Vec2 p) const { return p.x >= min_x && p.x <= max_x && p.y >= min_y && p.y <= max_y; }
    bool intersects(const Bounds& b) const {
        return !(b.min_x > max_x || b.max_x < min_x || b.min_y > max_y || b.max_y < min_y);
    }
    Vec2 center() const { return {(min_x + max_x) / 2, (min_y + max_y) / 2}; }
    double width() const { return max_x - min_x; }
    double height() const { return max_y - min_y; }
};

enum class GeomKind { None, Point, Line, Polygon };

// A flat multi-geometry: all parts share one vertex array. For polygons every part is a ring
// (outer rings and holes alike: filling is even-odd, so the distinction is not needed to draw);
// for lines every part is a line string; for points every vertex is a point.
struct Geometry {
    GeomKind kind = GeomKind::None;
    std::vector<Vec2> points;
    std::vector<uint32_t> part_starts;  // index into points where each part begins

    size_t part_count() const { return part_starts.size(); }
    size_t part_begin(size_t i) const { return part_starts[i]; }
    size_t part_end(size_t i) const { return i + 1 < part_starts.size() ? part_starts[i + 1] : points.size(); }
    Bounds bounds() const {
        Bounds b;
        for (const auto& p : points) b.add(p);
        return b;
    }
};

// Even-odd point in polygon over every ring of a flat polygon geometry (holes and parts alike),
// in whichever coordinates the points are.
bool point_in_polygon(const Geometry& g, Vec2 p);

using Value = std::variant<std::monostate, int64_t, double, std::string>;

std::string value_to_string(const Value& v);
// Numeric view of a value: integers and reals as themselves, numeric strings parsed; else NaN.
double value_to_double(const Value& v);

struct Feature {
    int64_t fid = 0;
    std::vector<Value> attrs;  // parallel to Layer::fields
    Geometry geo;              // WGS84 lon/lat
    Geometry xy;               // projected map coordinates (metres)
    Vec2 label_geo{};          // a point inside the feature, for its label (lon/lat)
    Vec2 label_xy{};           // the same, projected
};

struct Layer {
    std::string name;
    std::string source;  // file it came from (for messages)
    std::vector<std::string> fields;
    std::vector<Feature> features;
    GeomKind kind = GeomKind::None;

    // Index of a field, or -1.
    int field_index(const std::string& field) const;
    const Value& attr(const Feature& f, int field) const;
    std::string text(const Feature& f, const std::string& field) const;
    Bounds bounds_geo() const;
    Bounds bounds_xy() const;
    size_t vertex_count() const;
};

}  // namespace pv
