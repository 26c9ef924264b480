// Vertex reduction before upload (Douglas-Peucker): a vertex within `tolerance` (map metres)
// of the simplified line is dropped. At a quarter pixel of the output scale this cannot change
// the picture, and it is what lets millions of vertices draw in the time of thousands.
#pragma once
#include <vector>

#include "data/geometry.hpp"

namespace pv {

// A layer's parts, simplified once and shared by every bucket built from it (fill, fringe,
// outline). Coordinates are floats relative to `origin`.
struct SimplifiedLayer {
    Vec2 origin;
    GeomKind kind = GeomKind::None;
    std::vector<float> xy;
    std::vector<uint32_t> part_first, part_count;  // in vertices
    std::vector<uint32_t> feature_part;            // parts of feature i: [feature_part[i], feature_part[i+1])
    std::vector<Bounds> feature_bounds;            // map metres
};

// Simplifies every part of every feature (split over two threads for large layers). Rings
// that shrink below 3 vertices and lines below 2 are dropped.
SimplifiedLayer simplify_layer(const Layer& layer, double tolerance);

// Appends the simplified part [begin, end) of `pts` to `out` as float pairs relative to
// `origin`; returns the number of vertices appended. Non-finite points are skipped.
size_t thin_part(const std::vector<Vec2>& pts, size_t begin, size_t end, double tolerance, Vec2 origin,
                 std::vector<float>& out);

}  // namespace pv
