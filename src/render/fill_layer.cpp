#include "render/fill_layer.hpp"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstring>


namespace pv {

namespace {

struct FanVertex {
    float x, y;
    uint8_t rgba[4];
};

// Batch of each feature: one more than the latest batch of any earlier feature whose box it
// overlaps. A coarse grid over the layer keeps the overlap search local.
std::vector<uint32_t> assign_batches(const std::vector<Bounds>& boxes, const std::vector<bool>& drawn) {
    std::vector<uint32_t> batch(boxes.size(), 0);
    Bounds all;
    for (size_t i = 0; i < boxes.size(); ++i)
        if (drawn[i]) all.add(boxes[i]);
    if (all.empty()) return batch;
    const int n = 64;
    double cw = std::max(all.width(), 1e-9) / n, ch = std::max(all.height(), 1e-9) / n;
    std::vector<std::vector<uint32_t>> grid(n * n);
    auto cell = [&](double v, double lo, double size) { return std::clamp(int((v - lo) / size), 0, n - 1); };
    for (size_t i = 0; i < boxes.size(); ++i) {
        if (!drawn[i]) continue;
        const Bounds& b = boxes[i];
        int x0 = cell(b.min_x, all.min_x, cw), x1 = cell(b.max_x, all.min_x, cw);
        int y0 = cell(b.min_y, all.min_y, ch), y1 = cell(b.max_y, all.min_y, ch);
        uint32_t k = 0;
        for (int y = y0; y <= y1; ++y)
            for (int x = x0; x <= x1; ++x)
                for (uint32_t j : grid[size_t(y) * n + x])
                    if (batch[j] + 1 > k && boxes[j].intersects(b)) k = batch[j] + 1;
        batch[i] = k;
        for (int y = y0; y <= y1; ++y)
            for (int x = x0; x <= x1; ++x) grid[size_t(y) * n + x].push_back(uint32_t(i));
    }
    return batch;
}

}  // namespace

FillBucket build_fill_bucket(const SimplifiedLayer& layer, const std::vector<Rgba>& colours, Rgba fallback) {
    FillBucket b;
    b.origin = layer.origin;
    b.feature_bounds = layer.feature_bounds;
    std::vector<FanVertex> v;
    v.reserve(layer.xy.size() / 2 + 2 * layer.part_first.size());
    std::vector<bool> drawn;
    size_t features = layer.feature_bounds.size();
    for (size_t fi = 0; fi < features; ++fi) {
        Rgba c = fi < colours.size() ? colours[fi] : fallback;
        FanVertex fv{0, 0, {c.r, c.g, c.b, c.a}};
        b.feature_ring.push_back(uint32_t(b.ring_first.size()));
        if (layer.kind == GeomKind::Polygon && c.a > 0)
            for (uint32_t r = layer.feature_part[fi]; r < layer.feature_part[fi + 1]; ++r) {
                const float* ring = &layer.xy[size_t(layer.part_first[r]) * 2];
                size_t n = layer.part_count[r];
                float cx = 0, cy = 0;
                for (size_t i = 0; i < n; ++i) cx += ring[2 * i], cy += ring[2 * i + 1];
                b.ring_first.push_back(GLint(v.size()));
                fv.x = cx / n, fv.y = cy / n;
                v.push_back(fv);
                for (size_t i = 0; i <= n; ++i) {  // back to the first vertex: the fan closes
                    fv.x = ring[2 * (i % n)], fv.y = ring[2 * (i % n) + 1];
                    v.push_back(fv);
                }
                b.ring_count.push_back(GLsizei(n + 2));
            }
        drawn.push_back(b.feature_ring.back() < b.ring_first.size());
    }
    b.feature_ring.push_back(uint32_t(b.ring_first.size()));

    std::vector<uint32_t> batch = assign_batches(b.feature_bounds, drawn);
    for (size_t i = 0; i < batch.size(); ++i) {
        if (!drawn[i]) continue;
        if (batch[i] >= b.batches.size()) b.batches.resize(batch[i] + 1);
        b.batches[batch[i]].push_back(uint32_t(i));
    }

    b.gpu = make_vertex_buffer(v.data(), v.size() * sizeof(FanVertex));
    vertex_attribute(0, 2, GL_FLOAT, sizeof(FanVertex), offsetof(FanVertex, x));
    vertex_attribute(1, 4, GL_UNSIGNED_BYTE, sizeof(FanVertex), offsetof(FanVertex, rgba));
    glBindVertexArray(0);
    return b;
}

namespace {
void set_hatch(GLuint program, float spacing_px, float width_px, float angle_deg) {
    float a = angle_deg * 3.14159265f / 180.0f;
    glUniform4f(glGetUniformLocation(program, "u_hatch"), spacing_px, width_px, std::cos(a), std::sin(a));
}
}  // namespace

void draw_hatch(const FillBucket& b, GLuint program, const Camera& cam, float opacity, float spacing_px, float width_px,
                float angle_deg) {
    if (!b.gpu.vao || b.batches.empty() || spacing_px <= 0) return;
    glUseProgram(program);
    set_hatch(program, spacing_px, width_px, angle_deg);
    draw_fill(b, program, cam, opacity, -1, {}, true);
    set_hatch(program, 0, 0, 0);
}

void draw_fill(const FillBucket& b, GLuint program, const Camera& cam, float opacity, long only, Rgba override_colour,
               bool keep_hatch) {
    if (!b.gpu.vao || b.batches.empty()) return;
    glUseProgram(program);
    if (!keep_hatch) set_hatch(program, 0, 0, 0);
    set_view_uniforms(program, view_uniforms(cam, b.origin));
    glUniform1f(glGetUniformLocation(program, "u_opacity"), opacity);
    glEnable(GL_STENCIL_TEST);
    glStencilMask(0xFF);
    glBindVertexArray(b.gpu.vao);
    Bounds visible = visible_bounds(cam);
    std::vector<GLint> firsts;
    std::vector<GLsizei> counts;
    auto draw_batch = [&](const std::vector<uint32_t>& members, bool override) {
        firsts.clear(), counts.clear();
        for (uint32_t i : members) {
            if (!visible.intersects(b.feature_bounds[i])) continue;
            for (uint32_t r = b.feature_ring[i]; r < b.feature_ring[i + 1]; ++r)
                firsts.push_back(b.ring_first[r]), counts.push_back(b.ring_count[r]);
        }
        if (firsts.empty()) return;
        glColorMask(GL_FALSE, GL_FALSE, GL_FALSE, GL_FALSE);
        glStencilFunc(GL_ALWAYS, 0, 0xFF);
        glStencilOp(GL_KEEP, GL_KEEP, GL_INVERT);
        glMultiDrawArrays(GL_TRIANGLE_FAN, firsts.data(), counts.data(), GLsizei(firsts.size()));
        glColorMask(GL_TRUE, GL_TRUE, GL_TRUE, GL_TRUE);
        glStencilFunc(GL_NOTEQUAL, 0, 0xFF);
        glStencilOp(GL_ZERO, GL_ZERO, GL_ZERO);  // each sample is coloured once, and left clear
        if (override) {
            glDisableVertexAttribArray(1);
            glVertexAttrib4f(1, override_colour.r / 255.f, override_colour.g / 255.f, override_colour.b / 255.f,
                             override_colour.a / 255.f);
        }
        glMultiDrawArrays(GL_TRIANGLE_FAN, firsts.data(), counts.data(), GLsizei(firsts.size()));
        if (override) glEnableVertexAttribArray(1);
    };
    if (only >= 0) {
        if (size_t(only) < b.feature_bounds.size()) draw_batch({uint32_t(only)}, true);
    } else {
        for (const auto& members : b.batches) draw_batch(members, false);
    }
    glDisable(GL_STENCIL_TEST);
    glBindVertexArray(0);
}

void destroy(FillBucket& b) {
    destroy(b.gpu);
    b = {};
}

}  // namespace pv
