// Polygon fills by stencil-then-cover: each feature's rings are drawn as triangle fans that
// invert the stencil (even-odd), then its bounding quad is coloured where the stencil is set.
// No triangulation, so holes, multi-parts and self-intersecting rings all fill correctly.
#pragma once
#include <vector>

#include "render/gl.hpp"
#include "scene/colour.hpp"

namespace pv {

struct FillBucket {
    GLuint vao = 0, vbo = 0;
    Vec2 origin;
    std::vector<GLint> ring_first;     // vertex index of each ring
    std::vector<GLsizei> ring_count;   // vertices of each ring
    std::vector<uint32_t> feature_ring;  // rings of feature i: [feature_ring[i], feature_ring[i+1])
    std::vector<GLint> quad_first;     // bounding quad of each feature (4 vertices)
    std::vector<Bounds> feature_bounds;
};

FillBucket build_fill_bucket(const Layer& layer, double tolerance);
// Draws features whose colour has alpha > 0; `only` restricts to one feature (highlight).
void draw_fill(const FillBucket& b, GLuint program, const Camera& cam, const std::vector<Rgba>& colours,
               Rgba fallback, float opacity, long only = -1);
void destroy(FillBucket& b);

}  // namespace pv
