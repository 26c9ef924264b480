#include "geom_util.hpp"

#include <ogr_spatialref.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <memory>
#include <stdexcept>

#include "data/projection.hpp"

namespace mapbuild {

namespace {

void collect_polygons(const OGRGeometry& g, OGRMultiPolygon& out) {
    switch (wkbFlatten(g.getGeometryType())) {
        case wkbPolygon: {
            const auto& src = *g.toPolygon();
            if (src.IsEmpty() || src.getExteriorRing()->getNumPoints() < 4) return;
            auto p = std::make_unique<OGRPolygon>();
            for (const auto* ring : src)
                if (ring->getNumPoints() >= 4) p->addRingDirectly(ring->clone());
            out.addGeometryDirectly(p.release());
            break;
        }
        case wkbMultiPolygon:
        case wkbGeometryCollection:
            for (const auto* part : *g.toGeometryCollection()) collect_polygons(*part, out);
            break;
        default: break;  // points and lines left over by MakeValid carry no area
    }
}

const pv::Projector& albers() {
    static const pv::Projector p(pv::ProjectionKind::Albers);
    return p;
}

}  // namespace

std::unique_ptr<OGRMultiPolygon> polygonal_parts(const OGRGeometry& g) {
    auto out = std::make_unique<OGRMultiPolygon>();
    collect_polygons(g, *out);
    return out;
}

std::unique_ptr<OGRMultiPolygon> make_valid_polygonal(const OGRGeometry& g) {
    if (g.IsValid()) return polygonal_parts(g);
    GeomPtr fixed(g.MakeValid());
    if (!fixed) fixed.reset(g.Buffer(0));
    if (!fixed) throw std::runtime_error("cannot repair an invalid polygon");
    auto out = polygonal_parts(*fixed);
    if (!out->IsValid()) {  // MakeValid's parts can still touch wrongly once collected
        GeomPtr b(out->Buffer(0));
        out = polygonal_parts(*b);
    }
    return out;
}

std::unique_ptr<OGRMultiPolygon> dissolve(const std::vector<const OGRGeometry*>& parts, double min_area_km2,
                                          double* dropped_km2) {
    OGRMultiPolygon all;
    for (const auto* p : parts) {
        auto v = make_valid_polygonal(*p);
        for (const auto* poly : *v) all.addGeometry(poly);
    }
    GeomPtr u(all.UnionCascaded());
    if (!u) throw std::runtime_error("polygon union failed");
    auto merged = polygonal_parts(*u);
    auto out = std::make_unique<OGRMultiPolygon>();
    double dropped = 0;
    for (const auto* poly : *merged) {
        OGRPolygon outer;
        outer.addRingDirectly(poly->getExteriorRing()->clone());
        const double a = area_km2(outer);
        if (a < min_area_km2) {
            dropped += a;
            continue;
        }
        auto kept = std::make_unique<OGRPolygon>();
        kept->addRingDirectly(poly->getExteriorRing()->clone());
        for (int i = 0; i < poly->getNumInteriorRings(); ++i) {
            OGRPolygon hole;
            hole.addRingDirectly(poly->getInteriorRing(i)->clone());
            const double h = area_km2(hole);
            if (h < min_area_km2)
                dropped += h;
            else
                kept->addRingDirectly(poly->getInteriorRing(i)->clone());
        }
        out->addGeometryDirectly(kept.release());
    }
    if (dropped_km2) *dropped_km2 = dropped;
    return out;
}

GeomPtr to_albers(const OGRGeometry& g) {
    GeomPtr c(g.clone());
    for_each_vertex(*c, [](pv::Vec2 p) { return albers().forward(p); });
    return c;
}

double area_km2(const OGRGeometry& g) {
    GeomPtr a = to_albers(g);
    double m2 = 0;
    switch (wkbFlatten(a->getGeometryType())) {
        case wkbPolygon: m2 = a->toPolygon()->get_Area(); break;
        case wkbMultiPolygon: m2 = a->toMultiPolygon()->get_Area(); break;
        default: {
            auto p = polygonal_parts(*a);
            m2 = p->get_Area();
        }
    }
    return m2 / 1e6;
}

double distance_km(pv::Vec2 a, pv::Vec2 b) {
    const pv::Vec2 pa = albers().forward(a), pb = albers().forward(b);
    return std::hypot(pa.x - pb.x, pa.y - pb.y) / 1000.0;
}

std::vector<Polyline> merge_lines(std::vector<Polyline> pieces) {
    std::erase_if(pieces, [](const Polyline& p) { return p.size() < 2; });
    using Key = std::pair<double, double>;
    std::map<Key, std::vector<size_t>> ends;  // vertex -> piece end ids (2*i = start, 2*i+1 = end)
    auto key = [](pv::Vec2 p) { return Key{p.x, p.y}; };
    for (size_t i = 0; i < pieces.size(); ++i) {
        ends[key(pieces[i].front())].push_back(2 * i);
        ends[key(pieces[i].back())].push_back(2 * i + 1);
    }
    std::vector<bool> used(pieces.size(), false);
    // The end id on the other side of a degree-2 vertex, if any.
    auto partner = [&](pv::Vec2 at, size_t self) -> long {
        const auto& v = ends[key(at)];
        if (v.size() != 2) return -1;
        return long(v[0] == self ? v[1] : v[0]);
    };
    auto walk = [&](size_t start, bool from_start) {
        Polyline line;
        size_t piece = start;
        bool forward = from_start;  // true: traverse piece from its start to its end
        while (true) {
            used[piece] = true;
            Polyline p = pieces[piece];
            if (!forward) std::reverse(p.begin(), p.end());
            line.insert(line.end(), line.empty() ? p.begin() : p.begin() + 1, p.end());
            const size_t exit_id = 2 * piece + (forward ? 1 : 0);
            const long next = partner(line.back(), exit_id);
            if (next < 0 || used[size_t(next) / 2]) break;
            piece = size_t(next) / 2;
            forward = (next % 2 == 0);
        }
        return line;
    };
    std::vector<Polyline> out;
    // Lines first start at vertices that are not simple joins (sources, mouths, confluences)...
    for (size_t i = 0; i < pieces.size(); ++i) {
        if (used[i]) continue;
        if (partner(pieces[i].front(), 2 * i) < 0)
            out.push_back(walk(i, true));
        else if (partner(pieces[i].back(), 2 * i + 1) < 0)
            out.push_back(walk(i, false));
    }
    // ...and what is left are closed loops (lake shores).
    for (size_t i = 0; i < pieces.size(); ++i)
        if (!used[i]) out.push_back(walk(i, true));
    return out;
}

}  // namespace mapbuild
