// Vertex thinning before upload: a vertex closer than `tolerance` (map metres) to the last kept
// one is dropped. At a quarter pixel of the output scale this is invisible, and it is what lets
// millions of vertices draw in the time of thousands.
#pragma once
#include <vector>

#include "data/geometry.hpp"

namespace pv {

// Appends the thinned part [begin, end) of `pts` to `out`; returns the number appended.
// Closed rings keep at least 3 vertices unless the whole ring is smaller than the tolerance.
size_t thin_part(const std::vector<Vec2>& pts, size_t begin, size_t end, double tolerance, Vec2 origin,
                 std::vector<float>& out);

}  // namespace pv
