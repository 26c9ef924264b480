// Headless OpenGL: an EGL context on Mesa's surfaceless platform (no X, no GLFW) and an MSAA
// framebuffer to draw into and read back.
#pragma once
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "render/gl.hpp"

namespace pv {

class OffscreenContext {
public:
    OffscreenContext();  // throws pv::Error saying what EGL refused
    ~OffscreenContext();
    OffscreenContext(const OffscreenContext&) = delete;
    OffscreenContext& operator=(const OffscreenContext&) = delete;
    std::string renderer_name() const;
    int max_size() const;  // largest render buffer side

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

struct RenderTarget {
    GLuint msaa_fbo = 0, msaa_colour = 0, msaa_depth_stencil = 0;
    GLuint resolve_fbo = 0, resolve_colour = 0;
    int width = 0, height = 0, samples = 0;
};

RenderTarget make_render_target(int width, int height, int samples);
// Binds the target for drawing.
void bind_render_target(const RenderTarget& t);
// Resolves MSAA and copies the pixels (RGBA8) into `page` (width page_w, rows top-down) at
// (x, y) from the top-left, clipped to the page.
void read_render_target(const RenderTarget& t, std::vector<uint8_t>& page, int page_w, int page_h, int x, int y);
void destroy(RenderTarget& t);

}  // namespace pv
