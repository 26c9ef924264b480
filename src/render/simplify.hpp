// Vertex reduction before upload (Douglas-Peucker): a vertex within `tolerance` (map metres)
// of the simplified line is dropped. At a quarter pixel of the output scale this cannot change
// the picture, and it is what lets millions of vertices draw in the time of thousands.
#pragma once
#include <vector>

#include "data/geometry.hpp"

namespace pv {

// Appends the simplified part [begin, end) of `pts` to `out` as float pairs relative to
// `origin`; returns the number of vertices appended. Non-finite points are skipped.
size_t thin_part(const std::vector<Vec2>& pts, size_t begin, size_t end, double tolerance, Vec2 origin,
                 std::vector<float>& out);

}  // namespace pv
