#include "data/geometry.hpp"

#include <cmath>
#include <cstdlib>
#include <sstream>

namespace pv {

std::string value_to_string(const Value& v) {
    struct V {
        std::string operator()(std::monostate) const { return {}; }
        std::string operator()(int64_t i) const { return std::to_string(i); }
        std::string operator()(double d) const {
            std::ostringstream s;
            s.precision(15);
            s << d;
            return s.str();
        }
        std::string operator()(const std::string& s) const { return s; }
    };
    return std::visit(V{}, v);
}

double value_to_double(const Value& v) {
    if (auto i = std::get_if<int64_t>(&v)) return double(*i);
    if (auto d = std::get_if<double>(&v)) return *d;
    if (auto s = std::get_if<std::string>(&v)) {
        if (s->empty()) return std::nan("");
        char* end = nullptr;
        double d = std::strtod(s->c_str(), &end);
        if (end && *end == '\0') return d;
    }
    return std::nan("");
}

int Layer::field_index(const std::string& field) const {
    for (size_t i = 0; i < fields.size(); ++i)
        if (fields[i] == field) return int(i);
    return -1;
}

const Value& Layer::attr(const Feature& f, int field) const {
    static const Value none;
    if (field < 0 || size_t(field) >= f.attrs.size()) return none;
    return f.attrs[size_t(field)];
}

std::string Layer::text(const Feature& f, const std::string& field) const {
    return value_to_string(attr(f, field_index(field)));
}

Bounds Layer::bounds_geo() const {
    Bounds b;
    for (const auto& f : features) b.add(f.geo.bounds());
    return b;
}

Bounds Layer::bounds_xy() const {
    Bounds b;
    for (const auto& f : features) b.add(f.xy.bounds());
    return b;
}

size_t Layer::vertex_count() const {
    size_t n = 0;
    for (const auto& f : features) n += f.geo.points.size();
    return n;
}

bool point_in_polygon(const Geometry& g, Vec2 p) {
    bool inside = false;
    for (size_t r = 0; r < g.part_count(); ++r) {
        size_t b = g.part_begin(r), e = g.part_end(r);
        if (e - b < 3) continue;
        for (size_t i = b, j = e - 1; i < e; j = i++) {
            const Vec2 &u = g.points[i], &v = g.points[j];
            if ((u.y > p.y) != (v.y > p.y) && p.x < (v.x - u.x) * (p.y - u.y) / (v.y - u.y) + u.x) inside = !inside;
        }
    }
    return inside;
}

}  // namespace pv
