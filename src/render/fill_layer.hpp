// Polygon fills by stencil-then-cover: rings are drawn as triangle fans that invert the stencil
// (even-odd), then the same fans are drawn again in colour where the stencil is set, clearing it.
// No triangulation, so holes, multi-parts and self-intersecting rings all fill correctly. Fans
// start from the ring's centre rather than its first vertex: parity is the same from any
// anchor, and a central one keeps overdraw near 1x on compact shapes (llvmpipe is fill-bound).
//
// Features whose bounding boxes do not overlap cannot disturb each other's stencil, so they
// share a batch: one stencil draw and one cover draw per batch instead of per feature. A
// feature always lands in a later batch than any earlier feature it overlaps, which keeps the
// drawing order wherever it matters.
#pragma once
#include <vector>

#include "render/gl.hpp"
#include "render/simplify.hpp"
#include "scene/colour.hpp"

namespace pv {

struct FillBucket {
    VertexBuffer gpu;  // fan vertices: position + the feature's colour
    Vec2 origin;
    std::vector<GLint> ring_first;        // vertex index of each ring
    std::vector<GLsizei> ring_count;
    std::vector<uint32_t> feature_ring;   // rings of feature i: [feature_ring[i], feature_ring[i+1])
    std::vector<Bounds> feature_bounds;
    std::vector<std::vector<uint32_t>> batches;  // feature indices, drawn batch by batch
};

// Colours per feature (or one for all); a colour with alpha 0 is not drawn.
FillBucket build_fill_bucket(const SimplifiedLayer& layer, const std::vector<Rgba>& colours, Rgba fallback);
// `only` >= 0 draws just that feature in `override_colour` (hover, selection).
void draw_fill(const FillBucket& b, GLuint program, const Camera& cam, float opacity, long only = -1,
               Rgba override_colour = {}, bool keep_hatch = false);
// The same fill as hatching: lines `spacing_px` apart, `width_px` wide, at `angle_deg` from the
// x axis, in the bucket's colours (build the bucket in the hatch colour).
void draw_hatch(const FillBucket& b, GLuint program, const Camera& cam, float opacity, float spacing_px, float width_px,
                float angle_deg);
void destroy(FillBucket& b);

}  // namespace pv
