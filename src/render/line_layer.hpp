// Lines (and polygon outlines) as instanced segments: one instance per segment, drawn as a
// capsule with an anti-aliased edge, any width in pixels, optional dashes.
#pragma once
#include <vector>

#include "render/gl.hpp"
#include "render/simplify.hpp"
#include "scene/colour.hpp"

namespace pv {

struct LineBucket {
    VertexBuffer gpu;  // one instance a segment
    Vec2 origin;
    std::vector<GLint> feature_first;  // first segment of feature i (size features+1)
    std::vector<Bounds> feature_bounds;
    GLsizei segments = 0;
};

// Colours per feature (or one for all) are baked into the instances.
// Polygon rings are closed; lines are drawn as they are.
LineBucket build_line_bucket(const SimplifiedLayer& layer, const std::vector<Rgba>& colours, Rgba fallback);
void draw_line(const LineBucket& b, GLuint program, GLuint corner_vbo, const Camera& cam, float width_px,
               const std::vector<float>& dash_px, float opacity, long only = -1);
// Arrowheads: one instance per line part, its last segment (polygons have none).
LineBucket build_arrow_bucket(const SimplifiedLayer& layer, const std::vector<Rgba>& colours, Rgba fallback);
// Heads sized from the line width, so a bold axis gets a bold head.
void draw_arrows(const LineBucket& b, GLuint program, GLuint corner_vbo, const Camera& cam, float line_width_px,
                 float opacity);
void destroy(LineBucket& b);

}  // namespace pv
