// Point symbols as instanced quads shaped by a distance field (circle, square, triangle,
// diamond, star), sized in pixels, with a fill and an outline.
#pragma once
#include <vector>

#include "render/gl.hpp"
#include "scene/colour.hpp"
#include "scene/scene.hpp"

namespace pv {

struct CircleBucket {
    VertexBuffer gpu;  // one instance a symbol
    Vec2 origin;
    GLsizei count = 0;
};

CircleBucket build_circle_bucket(const Layer& layer, const std::vector<float>& sizes_px, float size_px,
                                 const std::vector<Rgba>& fills, Rgba fill, Rgba stroke);
void draw_circle(const CircleBucket& b, GLuint program, GLuint corner_vbo, const Camera& cam, Shape shape,
                 float stroke_px, float opacity);
void destroy(CircleBucket& b);

}  // namespace pv
