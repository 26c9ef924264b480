#include "render/line_layer.hpp"

#include <cmath>
#include <cstddef>
#include <cstring>
#include <algorithm>


namespace pv {

namespace {
struct Segment {
    float p0[2], p1[2];
    float dist0;
    uint8_t colour[4];
};
static_assert(sizeof(Segment) == 24);
// Points the instance attributes at segment `first` (GL 3.3 has no base-instance draw).
void bind_segments(const LineBucket& b, GLint first) {
    glBindBuffer(GL_ARRAY_BUFFER, b.gpu.vbo);
    size_t base = size_t(first) * sizeof(Segment);
    vertex_attribute(1, 2, GL_FLOAT, sizeof(Segment), base + offsetof(Segment, p0), 1);
    vertex_attribute(2, 2, GL_FLOAT, sizeof(Segment), base + offsetof(Segment, p1), 1);
    vertex_attribute(3, 1, GL_FLOAT, sizeof(Segment), base + offsetof(Segment, dist0), 1);
    vertex_attribute(4, 4, GL_UNSIGNED_BYTE, sizeof(Segment), base + offsetof(Segment, colour), 1);
}
}  // namespace

LineBucket build_line_bucket(const SimplifiedLayer& layer, const std::vector<Rgba>& colours, Rgba fallback) {
    LineBucket b;
    b.origin = layer.origin;
    b.feature_bounds = layer.feature_bounds;
    std::vector<Segment> segs;
    segs.reserve(layer.xy.size() / 2);
    const bool closed = layer.kind == GeomKind::Polygon;
    size_t features = layer.feature_bounds.size();
    for (size_t fi = 0; fi < features; ++fi) {
        b.feature_first.push_back(GLint(segs.size()));
        Rgba c = fi < colours.size() ? colours[fi] : fallback;
        for (uint32_t r = layer.feature_part[fi]; r < layer.feature_part[fi + 1]; ++r) {
            const float* p = &layer.xy[size_t(layer.part_first[r]) * 2];
            size_t n = layer.part_count[r];
            bool open_ring = closed && (p[0] != p[2 * n - 2] || p[1] != p[2 * n - 1]);
            size_t edges = open_ring ? n : n - 1;
            float dist = 0;
            for (size_t i = 0; i < edges; ++i) {
                size_t j = (i + 1) % n;
                Segment s;
                s.p0[0] = p[2 * i], s.p0[1] = p[2 * i + 1];
                s.p1[0] = p[2 * j], s.p1[1] = p[2 * j + 1];
                s.dist0 = dist;
                std::memcpy(s.colour, &c, 4);
                dist += std::hypot(s.p1[0] - s.p0[0], s.p1[1] - s.p0[1]);
                segs.push_back(s);
            }
        }
    }
    b.feature_first.push_back(GLint(segs.size()));
    b.segments = GLsizei(segs.size());
    b.gpu = make_vertex_buffer(segs.data(), segs.size() * sizeof(Segment));
    bind_segments(b, 0);
    glBindVertexArray(0);
    return b;
}

void draw_line(const LineBucket& b, GLuint program, GLuint corner_vbo, const Camera& cam, float width_px,
               const std::vector<float>& dash_px, float opacity, long only) {
    if (!b.gpu.vao || b.segments == 0 || width_px <= 0) return;
    glUseProgram(program);
    set_view_uniforms(program, view_uniforms(cam, b.origin));
    glUniform1f(glGetUniformLocation(program, "u_half_width"), width_px * 0.5f);
    glUniform2f(glGetUniformLocation(program, "u_dash"), dash_px.size() >= 2 ? dash_px[0] : 0.f,
                dash_px.size() >= 2 ? dash_px[1] : 0.f);
    glUniform1f(glGetUniformLocation(program, "u_opacity"), opacity);
    glUniform2f(glGetUniformLocation(program, "u_arrow"), 0.f, 0.f);
    glBindVertexArray(b.gpu.vao);
    bind_corner_quad(corner_vbo);
    // Translucent lines: the stencil lets each pixel blend once, so joins do not darken.
    bool once = opacity < 1.0f;
    if (once) {
        glEnable(GL_STENCIL_TEST);
        glStencilMask(0xFF);
        glStencilFunc(GL_EQUAL, 0, 0xFF);
        glStencilOp(GL_KEEP, GL_KEEP, GL_INCR);
    }
    if (only >= 0) {
        GLint first = b.feature_first[size_t(only)], count = b.feature_first[size_t(only) + 1] - first;
        if (count > 0) {
            bind_segments(b, first);
            glDrawArraysInstanced(GL_TRIANGLE_STRIP, 0, 4, count);
            bind_segments(b, 0);
        }
    } else {
        glDrawArraysInstanced(GL_TRIANGLE_STRIP, 0, 4, b.segments);
    }
    if (once) {
        glClear(GL_STENCIL_BUFFER_BIT);
        glDisable(GL_STENCIL_TEST);
    }
    glBindVertexArray(0);
}

LineBucket build_arrow_bucket(const SimplifiedLayer& layer, const std::vector<Rgba>& colours, Rgba fallback) {
    LineBucket b;
    b.origin = layer.origin;
    b.feature_bounds = layer.feature_bounds;
    std::vector<Segment> segs;
    size_t features = layer.feature_bounds.size();
    for (size_t fi = 0; fi < features && layer.kind == GeomKind::Line; ++fi) {
        b.feature_first.push_back(GLint(segs.size()));
        Rgba c = fi < colours.size() ? colours[fi] : fallback;
        for (uint32_t r = layer.feature_part[fi]; r < layer.feature_part[fi + 1]; ++r) {
            const float* p = &layer.xy[size_t(layer.part_first[r]) * 2];
            size_t n = layer.part_count[r];
            if (n < 2) continue;
            // The direction of the end: from the last vertex that differs from the end point.
            size_t k = n - 2;
            while (k > 0 && p[2 * k] == p[2 * n - 2] && p[2 * k + 1] == p[2 * n - 1]) --k;
            Segment s;
            s.p0[0] = p[2 * k], s.p0[1] = p[2 * k + 1];
            s.p1[0] = p[2 * n - 2], s.p1[1] = p[2 * n - 1];
            if (s.p0[0] == s.p1[0] && s.p0[1] == s.p1[1]) continue;
            s.dist0 = 0;
            std::memcpy(s.colour, &c, 4);
            segs.push_back(s);
        }
    }
    b.feature_first.push_back(GLint(segs.size()));
    b.segments = GLsizei(segs.size());
    if (segs.empty()) return b;
    b.gpu = make_vertex_buffer(segs.data(), segs.size() * sizeof(Segment));
    bind_segments(b, 0);
    glBindVertexArray(0);
    return b;
}

void draw_arrows(const LineBucket& b, GLuint program, GLuint corner_vbo, const Camera& cam, float line_width_px,
                 float opacity) {
    if (!b.gpu.vao || b.segments == 0 || line_width_px <= 0) return;
    float len = std::max(3.0f * line_width_px, 10.0f), half = std::max(1.4f * line_width_px, 5.0f);
    glUseProgram(program);
    set_view_uniforms(program, view_uniforms(cam, b.origin));
    glUniform1f(glGetUniformLocation(program, "u_half_width"), line_width_px * 0.5f);
    glUniform2f(glGetUniformLocation(program, "u_dash"), 0.f, 0.f);
    glUniform1f(glGetUniformLocation(program, "u_opacity"), opacity);
    glUniform2f(glGetUniformLocation(program, "u_arrow"), len, half);
    glBindVertexArray(b.gpu.vao);
    bind_corner_quad(corner_vbo);
    glDrawArraysInstanced(GL_TRIANGLE_STRIP, 0, 4, b.segments);
    glUniform2f(glGetUniformLocation(program, "u_arrow"), 0.f, 0.f);
    glBindVertexArray(0);
}

void destroy(LineBucket& b) {
    destroy(b.gpu);
    b = {};
}

}  // namespace pv
