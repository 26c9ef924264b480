// Small geometry helpers over OGR/GEOS shared by the layer builders.
#pragma once
#include <ogr_geometry.h>

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "data/geometry.hpp"

namespace mapbuild {

using GeomPtr = OGRGeometryUniquePtr;

// The polygonal parts of any geometry (collections included) as one MultiPolygon, with rings
// of fewer than 4 vertices and polygons whose outer ring collapsed dropped.
std::unique_ptr<OGRMultiPolygon> polygonal_parts(const OGRGeometry& g);

// MakeValid (GEOS), falling back to buffer(0), keeping only polygonal parts: GEOS overlay
// needs valid input, and the source has self-intersecting rings.
std::unique_ptr<OGRMultiPolygon> make_valid_polygonal(const OGRGeometry& g);

// Union of polygonal geometries, then holes and parts smaller than min_area_km2 dropped
// (slivers). dropped_km2 receives what was dropped.
std::unique_ptr<OGRMultiPolygon> dissolve(const std::vector<const OGRGeometry*>& parts, double min_area_km2,
                                          double* dropped_km2 = nullptr);

// Area in km² on the Albers equal-area projection fitted to Shanxi.
double area_km2(const OGRGeometry& g);

// A copy projected to the Shanxi Albers projection (metres).
GeomPtr to_albers(const OGRGeometry& g);

// Applies f to every vertex.
template <class F>
void for_each_vertex(OGRGeometry& g, F&& f);

// Joins line pieces end to end wherever exactly two piece ends share a vertex (pieces split
// at GSHHG bin edges share their end vertex bit for bit). Deterministic for a given order.
using Polyline = std::vector<pv::Vec2>;
std::vector<Polyline> merge_lines(std::vector<Polyline> pieces);

// Distance in km between lon/lat points (on the Albers plane; fine at these scales).
double distance_km(pv::Vec2 a, pv::Vec2 b);

// ---- implementation of the template

template <class F>
void for_each_vertex(OGRGeometry& g, F&& f) {
    auto curve = [&](OGRSimpleCurve& c) {
        for (int i = 0; i < c.getNumPoints(); ++i) {
            pv::Vec2 p = f(pv::Vec2{c.getX(i), c.getY(i)});
            c.setPoint(i, p.x, p.y);
        }
    };
    switch (wkbFlatten(g.getGeometryType())) {
        case wkbPoint: {
            auto& p = *g.toPoint();
            pv::Vec2 q = f(pv::Vec2{p.getX(), p.getY()});
            p.setX(q.x);
            p.setY(q.y);
            break;
        }
        case wkbLineString: curve(*g.toLineString()); break;
        case wkbPolygon:
            for (auto* ring : *g.toPolygon()) curve(*ring);
            break;
        default:
            if (auto* c = dynamic_cast<OGRGeometryCollection*>(&g))
                for (auto* part : *c) for_each_vertex(*part, f);
    }
}

}  // namespace mapbuild
