#include "render/offscreen.hpp"

#include <EGL/egl.h>
#include <EGL/eglext.h>

#include <algorithm>
#include <cstring>

#include "data/error.hpp"

namespace pv {

struct OffscreenContext::Impl {
    EGLDisplay display = EGL_NO_DISPLAY;
    EGLContext context = EGL_NO_CONTEXT;
};

static std::string egl_error(const char* what) {
    char buf[160];
    std::snprintf(buf, sizeof buf, "headless OpenGL: %s failed (EGL error 0x%04x)", what, eglGetError());
    return buf;
}

OffscreenContext::OffscreenContext() : impl_(std::make_unique<Impl>()) {
    // The default display needs X; the surfaceless platform works with no display at all.
    auto get_platform_display =
        reinterpret_cast<PFNEGLGETPLATFORMDISPLAYEXTPROC>(eglGetProcAddress("eglGetPlatformDisplayEXT"));
    if (!get_platform_display) throw Error("headless OpenGL: EGL has no eglGetPlatformDisplayEXT (install libegl-mesa0)");
    impl_->display = get_platform_display(EGL_PLATFORM_SURFACELESS_MESA, EGL_DEFAULT_DISPLAY, nullptr);
    if (impl_->display == EGL_NO_DISPLAY) throw Error(egl_error("eglGetPlatformDisplayEXT(surfaceless)"));
    if (!eglInitialize(impl_->display, nullptr, nullptr)) throw Error(egl_error("eglInitialize"));
    if (!eglBindAPI(EGL_OPENGL_API)) throw Error(egl_error("eglBindAPI(OpenGL)"));
    const EGLint config_attrs[] = {EGL_SURFACE_TYPE, EGL_PBUFFER_BIT, EGL_RENDERABLE_TYPE, EGL_OPENGL_BIT, EGL_NONE};
    EGLConfig config = nullptr;
    EGLint n = 0;
    eglChooseConfig(impl_->display, config_attrs, &config, 1, &n);
    const EGLint ctx_attrs[] = {EGL_CONTEXT_MAJOR_VERSION, 3, EGL_CONTEXT_MINOR_VERSION, 3, EGL_CONTEXT_OPENGL_PROFILE_MASK,
                                EGL_CONTEXT_OPENGL_CORE_PROFILE_BIT, EGL_NONE};
    impl_->context = eglCreateContext(impl_->display, n > 0 ? config : EGL_NO_CONFIG_KHR, EGL_NO_CONTEXT, ctx_attrs);
    if (impl_->context == EGL_NO_CONTEXT) {
        eglTerminate(impl_->display);
        throw Error(egl_error("eglCreateContext(OpenGL 3.3 core)"));
    }
    if (!eglMakeCurrent(impl_->display, EGL_NO_SURFACE, EGL_NO_SURFACE, impl_->context)) {
        eglDestroyContext(impl_->display, impl_->context);
        eglTerminate(impl_->display);
        throw Error(egl_error("eglMakeCurrent(no surface)"));
    }
    if (!gladLoadGL(reinterpret_cast<GLADloadfunc>(eglGetProcAddress)))
        throw Error("headless OpenGL: cannot load OpenGL 3.3 core functions");
}

OffscreenContext::~OffscreenContext() {
    eglMakeCurrent(impl_->display, EGL_NO_SURFACE, EGL_NO_SURFACE, EGL_NO_CONTEXT);
    eglDestroyContext(impl_->display, impl_->context);
    eglTerminate(impl_->display);
}

std::string OffscreenContext::renderer_name() const {
    const GLubyte* s = glGetString(GL_RENDERER);
    return s ? reinterpret_cast<const char*>(s) : "unknown";
}

int OffscreenContext::max_size() const {
    GLint rb = 0, vp[2] = {0, 0};
    glGetIntegerv(GL_MAX_RENDERBUFFER_SIZE, &rb);
    glGetIntegerv(GL_MAX_VIEWPORT_DIMS, vp);
    return std::min({rb, vp[0], vp[1]});
}

RenderTarget make_render_target(int width, int height, int samples) {
    RenderTarget t;
    t.width = width, t.height = height;
    GLint max_samples = 0;
    glGetIntegerv(GL_MAX_SAMPLES, &max_samples);
    // One sample means none: Mesa rounds a request for 1 up to its smallest MSAA mode.
    t.samples = samples <= 1 ? 0 : std::min(samples, int(max_samples));
    glGenFramebuffers(1, &t.msaa_fbo);
    glBindFramebuffer(GL_FRAMEBUFFER, t.msaa_fbo);
    glGenRenderbuffers(1, &t.msaa_colour);
    glBindRenderbuffer(GL_RENDERBUFFER, t.msaa_colour);
    glRenderbufferStorageMultisample(GL_RENDERBUFFER, t.samples, GL_RGBA8, width, height);
    glFramebufferRenderbuffer(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_RENDERBUFFER, t.msaa_colour);
    glGenRenderbuffers(1, &t.msaa_depth_stencil);
    glBindRenderbuffer(GL_RENDERBUFFER, t.msaa_depth_stencil);
    // Stencil only: nothing is depth-tested, and llvmpipe allocates a depth+stencil buffer
    // four times slower (55 ms against 14 ms at 3000x2400).
    glRenderbufferStorageMultisample(GL_RENDERBUFFER, t.samples, GL_STENCIL_INDEX8, width, height);
    glFramebufferRenderbuffer(GL_FRAMEBUFFER, GL_STENCIL_ATTACHMENT, GL_RENDERBUFFER, t.msaa_depth_stencil);
    if (glCheckFramebufferStatus(GL_FRAMEBUFFER) != GL_FRAMEBUFFER_COMPLETE) {
        destroy(t);
        throw Error("cannot create a " + std::to_string(width) + "x" + std::to_string(height) + " render target");
    }
    glGenFramebuffers(1, &t.resolve_fbo);
    glBindFramebuffer(GL_FRAMEBUFFER, t.resolve_fbo);
    glGenRenderbuffers(1, &t.resolve_colour);
    glBindRenderbuffer(GL_RENDERBUFFER, t.resolve_colour);
    glRenderbufferStorage(GL_RENDERBUFFER, GL_RGBA8, width, height);
    glFramebufferRenderbuffer(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_RENDERBUFFER, t.resolve_colour);
    return t;
}

void bind_render_target(const RenderTarget& t) {
    glBindFramebuffer(GL_FRAMEBUFFER, t.msaa_fbo);
    glViewport(0, 0, t.width, t.height);
}

void read_render_target(const RenderTarget& t, std::vector<uint8_t>& page, int page_w, int page_h, int x, int y) {
    glBindFramebuffer(GL_READ_FRAMEBUFFER, t.msaa_fbo);
    glBindFramebuffer(GL_DRAW_FRAMEBUFFER, t.resolve_fbo);
    glBlitFramebuffer(0, 0, t.width, t.height, 0, 0, t.width, t.height, GL_COLOR_BUFFER_BIT, GL_NEAREST);
    glBindFramebuffer(GL_READ_FRAMEBUFFER, t.resolve_fbo);
    int w = std::min(t.width, page_w - x), h = std::min(t.height, page_h - y);
    if (w <= 0 || h <= 0) return;
    std::vector<uint8_t> rows(size_t(w) * h * 4);
    glPixelStorei(GL_PACK_ALIGNMENT, 1);
    // GL rows run bottom-up: the tile's top row is at GL row t.height - 1.
    // BGRA is the native order of Mesa's software renderer: reading it skips a conversion
    // pass; the swizzle happens in the copy below, which is needed anyway to flip the rows.
    glReadPixels(0, t.height - h, w, h, GL_BGRA, GL_UNSIGNED_BYTE, rows.data());
    for (int r = 0; r < h; ++r) {
        const uint8_t* src = &rows[size_t(h - 1 - r) * w * 4];
        uint8_t* dst = &page[(size_t(y + r) * page_w + x) * 4];
        for (int i = 0; i < w; ++i, src += 4, dst += 4) dst[0] = src[2], dst[1] = src[1], dst[2] = src[0], dst[3] = src[3];
    }
}

void destroy(RenderTarget& t) {
    if (t.msaa_colour) glDeleteRenderbuffers(1, &t.msaa_colour);
    if (t.msaa_depth_stencil) glDeleteRenderbuffers(1, &t.msaa_depth_stencil);
    if (t.resolve_colour) glDeleteRenderbuffers(1, &t.resolve_colour);
    if (t.msaa_fbo) glDeleteFramebuffers(1, &t.msaa_fbo);
    if (t.resolve_fbo) glDeleteFramebuffers(1, &t.resolve_fbo);
    glBindFramebuffer(GL_FRAMEBUFFER, 0);
    t = {};
}

}  // namespace pv
