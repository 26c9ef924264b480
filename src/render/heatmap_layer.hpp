// Kernel density heat maps on the GPU: weighted points are splatted as kernels (Gaussian or
// Epanechnikov, bandwidth in km converted to pixels by the camera) additively into a float
// texture, which a second pass colours through a ramp. The ramp's top is the layer's fixed
// heat_max, so tiles of an export and every view agree on what a colour means.
#pragma once
#include <vector>

#include "render/gl.hpp"
#include "scene/scene.hpp"

namespace pv {

struct HeatmapBucket {
    VertexBuffer gpu;  // one instance a point
    Vec2 origin;
    GLsizei count = 0;
    GLuint ramp_texture = 0;
    GLuint empty_vao = 0;  // for the full-screen pass (core profile draws need one)
    // The density target, (re)made when the viewport size changes.
    GLuint fbo = 0, density_texture = 0;
    int width = 0, height = 0;
};

// `projector`: to turn the bandwidth into map metres at each point (Web Mercator stretches it).
HeatmapBucket build_heatmap_bucket(const SceneLayer& layer, const Projector& projector);
// Draws into the framebuffer bound now (restored afterwards), through `cam`.
void draw_heatmap(HeatmapBucket& b, const SceneLayer& layer, GLuint kernel_program, GLuint ramp_program,
                  GLuint corner_vbo, const Camera& cam);
void destroy(HeatmapBucket& b);

}  // namespace pv
