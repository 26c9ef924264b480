#include "render/circle_layer.hpp"

#include <cmath>
#include <cstddef>
#include <cstring>

namespace pv {

namespace {
struct Instance {
    float center[2];
    float size;
    uint8_t fill[4];
    uint8_t stroke[4];
};
}  // namespace

CircleBucket build_circle_bucket(const Layer& layer, const std::vector<float>& sizes_px, float size_px,
                                 const std::vector<Rgba>& fills, Rgba fill, Rgba stroke) {
    CircleBucket b;
    b.origin = layer.bounds_xy().center();
    std::vector<Instance> inst;
    for (size_t i = 0; i < layer.features.size(); ++i) {
        const auto& g = layer.features[i].xy;
        // Points draw every vertex; other geometries draw their label point.
        std::vector<Vec2> at = g.kind == GeomKind::Point ? g.points : std::vector<Vec2>{layer.features[i].label_xy};
        for (Vec2 p : at) {
            if (!std::isfinite(p.x) || !std::isfinite(p.y)) continue;
            Instance s;
            s.center[0] = float(p.x - b.origin.x);
            s.center[1] = float(p.y - b.origin.y);
            s.size = i < sizes_px.size() ? sizes_px[i] : size_px;
            Rgba f = i < fills.size() ? fills[i] : fill;
            std::memcpy(s.fill, &f, 4);
            std::memcpy(s.stroke, &stroke, 4);
            inst.push_back(s);
        }
    }
    b.count = GLsizei(inst.size());
    b.gpu = make_vertex_buffer(inst.data(), inst.size() * sizeof(Instance));
    vertex_attribute(1, 2, GL_FLOAT, sizeof(Instance), offsetof(Instance, center), 1);
    vertex_attribute(2, 1, GL_FLOAT, sizeof(Instance), offsetof(Instance, size), 1);
    vertex_attribute(3, 4, GL_UNSIGNED_BYTE, sizeof(Instance), offsetof(Instance, fill), 1);
    vertex_attribute(4, 4, GL_UNSIGNED_BYTE, sizeof(Instance), offsetof(Instance, stroke), 1);
    glBindVertexArray(0);
    return b;
}

void draw_circle(const CircleBucket& b, GLuint program, GLuint corner_vbo, const Camera& cam, Shape shape,
                 float stroke_px, float opacity) {
    if (!b.gpu.vao || b.count == 0) return;
    glUseProgram(program);
    set_view_uniforms(program, view_uniforms(cam, b.origin));
    glUniform1i(glGetUniformLocation(program, "u_shape"), int(shape));
    glUniform1f(glGetUniformLocation(program, "u_stroke_width"), stroke_px);
    glUniform1f(glGetUniformLocation(program, "u_opacity"), opacity);
    glBindVertexArray(b.gpu.vao);
    bind_corner_quad(corner_vbo);
    glDrawArraysInstanced(GL_TRIANGLE_STRIP, 0, 4, b.count);
    glBindVertexArray(0);
}

void destroy(CircleBucket& b) {
    destroy(b.gpu);
    b = {};
}

}  // namespace pv
