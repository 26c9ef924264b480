#include "render/heatmap_layer.hpp"

#include <cmath>
#include <cstddef>

#include "scene/palette.hpp"

namespace pv {

namespace {
struct Instance {
    float center[2];
    float h;       // map metres
    float weight;  // weight / h_km²
};
}  // namespace

HeatmapBucket build_heatmap_bucket(const SceneLayer& l, const Projector& projector) {
    HeatmapBucket b;
    if (!l.data) return b;
    const Layer& layer = *l.data;
    b.origin = layer.bounds_xy().center();
    std::vector<Instance> inst;
    const double h_km = l.bandwidth_km;
    for (size_t i = 0; i < layer.features.size(); ++i) {
        const Feature& f = layer.features[i];
        double w = i < l.feature_weight.size() ? l.feature_weight[i] : 1.0;
        if (!(w > 0)) continue;
        for (size_t p = 0; p < f.xy.points.size() && p < f.geo.points.size(); ++p) {
            Vec2 xy = f.xy.points[p];
            if (!std::isfinite(xy.x) || !std::isfinite(xy.y)) continue;
            double k = projector.scale_factor_at(f.geo.points[p]);
            if (!(std::isfinite(k) && k > 0)) k = 1;
            inst.push_back({{float(xy.x - b.origin.x), float(xy.y - b.origin.y)}, float(h_km * 1000.0 * k),
                            float(w / (h_km * h_km))});
        }
    }
    b.count = GLsizei(inst.size());
    b.gpu = make_vertex_buffer(inst.data(), inst.size() * sizeof(Instance));
    vertex_attribute(1, 2, GL_FLOAT, sizeof(Instance), offsetof(Instance, center), 1);
    vertex_attribute(2, 1, GL_FLOAT, sizeof(Instance), offsetof(Instance, h), 1);
    vertex_attribute(3, 1, GL_FLOAT, sizeof(Instance), offsetof(Instance, weight), 1);
    glBindVertexArray(0);

    Ramp ramp = parse_ramp(l.ramp);
    std::vector<Rgba> texels;
    for (int i = 0; i < 256; ++i) texels.push_back(ramp_colour(ramp, i / 255.0));
    glGenTextures(1, &b.ramp_texture);
    glBindTexture(GL_TEXTURE_2D, b.ramp_texture);
    glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA8, 256, 1, 0, GL_RGBA, GL_UNSIGNED_BYTE, texels.data());
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
    glBindTexture(GL_TEXTURE_2D, 0);
    glGenVertexArrays(1, &b.empty_vao);
    return b;
}

namespace {
void ensure_target(HeatmapBucket& b, int w, int h) {
    if (b.fbo && b.width == w && b.height == h) return;
    if (b.fbo) glDeleteFramebuffers(1, &b.fbo);
    if (b.density_texture) glDeleteTextures(1, &b.density_texture);
    glGenTextures(1, &b.density_texture);
    glBindTexture(GL_TEXTURE_2D, b.density_texture);
    // 32-bit float: additive sums of many small kernels stay exact enough (16-bit halves would
    // lose the tails of a map with a few dense cities).
    glTexImage2D(GL_TEXTURE_2D, 0, GL_R32F, w, h, 0, GL_RED, GL_FLOAT, nullptr);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_NEAREST);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_NEAREST);
    glBindTexture(GL_TEXTURE_2D, 0);
    glGenFramebuffers(1, &b.fbo);
    glBindFramebuffer(GL_FRAMEBUFFER, b.fbo);
    glFramebufferTexture2D(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_TEXTURE_2D, b.density_texture, 0);
    b.width = w, b.height = h;
}
}  // namespace

void draw_heatmap(HeatmapBucket& b, const SceneLayer& l, GLuint kernel_program, GLuint ramp_program, GLuint corner_vbo,
                  const Camera& cam) {
    if (!b.gpu.vao || b.count == 0 || !(l.heat_max > 0)) return;
    GLint prev_fbo = 0, vp[4];
    glGetIntegerv(GL_DRAW_FRAMEBUFFER_BINDING, &prev_fbo);
    glGetIntegerv(GL_VIEWPORT, vp);
    GLboolean stencil = glIsEnabled(GL_STENCIL_TEST);
    glDisable(GL_STENCIL_TEST);

    ensure_target(b, cam.width, cam.height);
    glBindFramebuffer(GL_FRAMEBUFFER, b.fbo);
    glViewport(0, 0, cam.width, cam.height);
    glClearColor(0, 0, 0, 0);
    glClear(GL_COLOR_BUFFER_BIT);
    glBlendFunc(GL_ONE, GL_ONE);
    glUseProgram(kernel_program);
    set_view_uniforms(kernel_program, view_uniforms(cam, b.origin));
    glUniform1f(glGetUniformLocation(kernel_program, "u_support"), l.epanechnikov ? 1.0f : 3.0f);
    glUniform1i(glGetUniformLocation(kernel_program, "u_epanechnikov"), l.epanechnikov ? 1 : 0);
    glBindVertexArray(b.gpu.vao);
    bind_corner_quad(corner_vbo);
    glDrawArraysInstanced(GL_TRIANGLE_STRIP, 0, 4, b.count);
    glBindVertexArray(0);

    glBindFramebuffer(GL_FRAMEBUFFER, GLuint(prev_fbo));
    glViewport(vp[0], vp[1], vp[2], vp[3]);
    glBlendFuncSeparate(GL_SRC_ALPHA, GL_ONE_MINUS_SRC_ALPHA, GL_ONE, GL_ONE_MINUS_SRC_ALPHA);
    glUseProgram(ramp_program);
    glActiveTexture(GL_TEXTURE0);
    glBindTexture(GL_TEXTURE_2D, b.density_texture);
    glActiveTexture(GL_TEXTURE1);
    glBindTexture(GL_TEXTURE_2D, b.ramp_texture);
    glUniform1i(glGetUniformLocation(ramp_program, "u_density"), 0);
    glUniform1i(glGetUniformLocation(ramp_program, "u_ramp"), 1);
    glUniform1f(glGetUniformLocation(ramp_program, "u_max"), float(l.heat_max));
    glUniform1f(glGetUniformLocation(ramp_program, "u_opacity"), l.opacity);
    // Core profile: a draw needs a vertex array even when the shader makes its own vertices.
    glBindVertexArray(b.empty_vao);
    glDrawArrays(GL_TRIANGLES, 0, 3);
    glBindVertexArray(0);
    glBindTexture(GL_TEXTURE_2D, 0);
    glActiveTexture(GL_TEXTURE0);
    glBindTexture(GL_TEXTURE_2D, 0);
    if (stencil) glEnable(GL_STENCIL_TEST);
}

void destroy(HeatmapBucket& b) {
    destroy(b.gpu);
    if (b.fbo) glDeleteFramebuffers(1, &b.fbo);
    if (b.density_texture) glDeleteTextures(1, &b.density_texture);
    if (b.ramp_texture) glDeleteTextures(1, &b.ramp_texture);
    if (b.empty_vao) glDeleteVertexArrays(1, &b.empty_vao);
    b = {};
}

}  // namespace pv
