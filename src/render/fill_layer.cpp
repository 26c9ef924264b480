#include "render/fill_layer.hpp"

#include "render/simplify.hpp"

namespace pv {

FillBucket build_fill_bucket(const Layer& layer, double tolerance) {
    FillBucket b;
    b.origin = layer.bounds_xy().center();
    std::vector<float> v;
    for (const auto& f : layer.features) {
        b.feature_ring.push_back(uint32_t(b.ring_first.size()));
        const Geometry& g = f.xy;
        if (g.kind == GeomKind::Polygon)
            for (size_t r = 0; r < g.part_count(); ++r) {
                GLint first = GLint(v.size() / 2);
                size_t n = thin_part(g.points, g.part_begin(r), g.part_end(r), tolerance, b.origin, v);
                if (n >= 3) {
                    b.ring_first.push_back(first);
                    b.ring_count.push_back(GLsizei(n));
                } else {
                    v.resize(size_t(first) * 2);  // a ring thinner than the tolerance is invisible
                }
            }
        b.feature_bounds.push_back(g.bounds());
    }
    b.feature_ring.push_back(uint32_t(b.ring_first.size()));
    for (const auto& bb : b.feature_bounds) {
        b.quad_first.push_back(GLint(v.size() / 2));
        float x0 = float(bb.min_x - b.origin.x), x1 = float(bb.max_x - b.origin.x);
        float y0 = float(bb.min_y - b.origin.y), y1 = float(bb.max_y - b.origin.y);
        if (bb.empty()) x0 = x1 = y0 = y1 = 0;
        float quad[8] = {x0, y0, x1, y0, x0, y1, x1, y1};
        v.insert(v.end(), quad, quad + 8);
    }
    glGenVertexArrays(1, &b.vao);
    glGenBuffers(1, &b.vbo);
    glBindVertexArray(b.vao);
    glBindBuffer(GL_ARRAY_BUFFER, b.vbo);
    glBufferData(GL_ARRAY_BUFFER, GLsizeiptr(v.size() * sizeof(float)), v.data(), GL_STATIC_DRAW);
    glEnableVertexAttribArray(0);
    glVertexAttribPointer(0, 2, GL_FLOAT, GL_FALSE, 0, nullptr);
    glBindVertexArray(0);
    return b;
}

void draw_fill(const FillBucket& b, GLuint program, const Camera& cam, const std::vector<Rgba>& colours,
               Rgba fallback, float opacity, long only) {
    if (!b.vao) return;
    glUseProgram(program);
    set_view_uniforms(program, view_uniforms(cam, b.origin));
    GLint u_colour = glGetUniformLocation(program, "u_colour");
    glBindVertexArray(b.vao);
    glEnable(GL_STENCIL_TEST);
    glStencilMask(0xFF);
    Bounds visible = visible_bounds(cam);
    size_t n = b.feature_bounds.size();
    for (size_t i = 0; i < n; ++i) {
        if (only >= 0 && long(i) != only) continue;
        Rgba c = i < colours.size() ? colours[i] : fallback;
        if (c.a == 0 || !visible.intersects(b.feature_bounds[i])) continue;
        uint32_t r0 = b.feature_ring[i], r1 = b.feature_ring[i + 1];
        if (r0 == r1) continue;
        glColorMask(GL_FALSE, GL_FALSE, GL_FALSE, GL_FALSE);
        glStencilFunc(GL_ALWAYS, 0, 0xFF);
        glStencilOp(GL_KEEP, GL_KEEP, GL_INVERT);
        glMultiDrawArrays(GL_TRIANGLE_FAN, &b.ring_first[r0], &b.ring_count[r0], GLsizei(r1 - r0));
        glColorMask(GL_TRUE, GL_TRUE, GL_TRUE, GL_TRUE);
        glStencilFunc(GL_NOTEQUAL, 0, 0xFF);
        glStencilOp(GL_ZERO, GL_ZERO, GL_ZERO);  // cover clears the stencil for the next feature
        glUniform4f(u_colour, c.r / 255.f, c.g / 255.f, c.b / 255.f, c.a / 255.f * opacity);
        glDrawArrays(GL_TRIANGLE_STRIP, b.quad_first[i], 4);
    }
    glDisable(GL_STENCIL_TEST);
    glBindVertexArray(0);
}

void destroy(FillBucket& b) {
    if (b.vbo) glDeleteBuffers(1, &b.vbo);
    if (b.vao) glDeleteVertexArrays(1, &b.vao);
    b = {};
}

}  // namespace pv
