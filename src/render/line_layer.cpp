#include "render/line_layer.hpp"

#include <cmath>
#include <cstddef>
#include <cstring>

#include "render/simplify.hpp"

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
    glBindBuffer(GL_ARRAY_BUFFER, b.vbo);
    size_t base = size_t(first) * sizeof(Segment);
    vertex_attribute(1, 2, GL_FLOAT, sizeof(Segment), base + offsetof(Segment, p0), 1);
    vertex_attribute(2, 2, GL_FLOAT, sizeof(Segment), base + offsetof(Segment, p1), 1);
    vertex_attribute(3, 1, GL_FLOAT, sizeof(Segment), base + offsetof(Segment, dist0), 1);
    vertex_attribute(4, 4, GL_UNSIGNED_BYTE, sizeof(Segment), base + offsetof(Segment, colour), 1);
}
}  // namespace

LineBucket build_line_bucket(const Layer& layer, double tolerance, const std::vector<Rgba>& colours, Rgba fallback) {
    LineBucket b;
    b.origin = layer.bounds_xy().center();
    std::vector<Segment> segs;
    std::vector<float> pts;
    for (size_t fi = 0; fi < layer.features.size(); ++fi) {
        const Geometry& g = layer.features[fi].xy;
        b.feature_first.push_back(GLint(segs.size()));
        b.feature_bounds.push_back(g.bounds());
        Rgba c = fi < colours.size() ? colours[fi] : fallback;
        if (g.kind != GeomKind::Line && g.kind != GeomKind::Polygon) continue;
        for (size_t r = 0; r < g.part_count(); ++r) {
            pts.clear();
            size_t n = thin_part(g.points, g.part_begin(r), g.part_end(r), tolerance, b.origin, pts);
            if (g.kind == GeomKind::Polygon && n >= 3 && (pts[0] != pts[2 * n - 2] || pts[1] != pts[2 * n - 1])) {
                pts.push_back(pts[0]);  // close the ring
                pts.push_back(pts[1]);
                ++n;
            }
            float dist = 0;
            for (size_t i = 0; i + 1 < n; ++i) {
                Segment s;
                s.p0[0] = pts[2 * i], s.p0[1] = pts[2 * i + 1];
                s.p1[0] = pts[2 * i + 2], s.p1[1] = pts[2 * i + 3];
                s.dist0 = dist;
                std::memcpy(s.colour, &c, 4);
                dist += std::hypot(s.p1[0] - s.p0[0], s.p1[1] - s.p0[1]);
                segs.push_back(s);
            }
        }
    }
    b.feature_first.push_back(GLint(segs.size()));
    b.segments = GLsizei(segs.size());
    glGenVertexArrays(1, &b.vao);
    glGenBuffers(1, &b.vbo);
    glBindVertexArray(b.vao);
    glBindBuffer(GL_ARRAY_BUFFER, b.vbo);
    glBufferData(GL_ARRAY_BUFFER, GLsizeiptr(segs.size() * sizeof(Segment)), segs.data(), GL_STATIC_DRAW);
    bind_segments(b, 0);
    glBindVertexArray(0);
    return b;
}

void draw_line(const LineBucket& b, GLuint program, GLuint corner_vbo, const Camera& cam, float width_px,
               const std::vector<float>& dash_px, float opacity, long only) {
    if (!b.vao || b.segments == 0 || width_px <= 0) return;
    glUseProgram(program);
    set_view_uniforms(program, view_uniforms(cam, b.origin));
    glUniform1f(glGetUniformLocation(program, "u_half_width"), width_px * 0.5f);
    glUniform2f(glGetUniformLocation(program, "u_dash"), dash_px.size() >= 2 ? dash_px[0] : 0.f,
                dash_px.size() >= 2 ? dash_px[1] : 0.f);
    glUniform1f(glGetUniformLocation(program, "u_opacity"), opacity);
    glBindVertexArray(b.vao);
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

void destroy(LineBucket& b) {
    if (b.vbo) glDeleteBuffers(1, &b.vbo);
    if (b.vao) glDeleteVertexArrays(1, &b.vao);
    b = {};
}

}  // namespace pv
