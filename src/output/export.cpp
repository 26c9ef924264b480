#include "output/export.hpp"

#include <chrono>
#include <cmath>
#include <ctime>

#include "data/error.hpp"
#include "output/png_writer.hpp"
#include "output/world_file.hpp"
#include "render/offscreen.hpp"
#include "render/renderer.hpp"

namespace pv {

namespace {
double seconds_since(std::chrono::steady_clock::time_point t0) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}
std::string today() {
    std::time_t t = std::time(nullptr);
    char buf[16];
    std::strftime(buf, sizeof buf, "%Y-%m-%d", std::localtime(&t));
    return buf;
}
}  // namespace

int automatic_samples(const Scene& scene) {
    for (const auto& l : scene.layers) {
        if (!l.visible || l.kind != LayerKind::Fill) continue;
        bool translucent = l.opacity < 1.0f || (l.feature_fill.empty() && l.fill.a < 255);
        for (const auto& c : l.feature_fill) translucent = translucent || (c.a > 0 && c.a < 255);
        if (translucent) return 4;
    }
    return 1;
}

Camera page_camera(const Scene& scene, const Projector& projector) {
    return fit_camera(scene_extent_xy(scene, projector), scene.width, scene.height, 0.0);
}

ExportReport export_png(const Scene& scene, const std::string& out_path, const ExportOptions& options) {
    if (scene.width <= 0 || scene.height <= 0) throw Error("export: the page size must be positive");
    ExportReport rep;
    rep.width = scene.width, rep.height = scene.height, rep.dpi = scene.dpi;
    auto t0 = std::chrono::steady_clock::now();
    Projector projector(scene.projection);
    Camera page = page_camera(scene, projector);
    rep.camera = page;
    if (page.scale <= 0 || !std::isfinite(page.scale)) throw Error("export: the scene has nothing to fit the view to");

    OffscreenContext ctx;
    rep.gpu = ctx.renderer_name();
    rep.context_s = seconds_since(t0);

    auto t1 = std::chrono::steady_clock::now();
    Renderer r;
    init_renderer(r);
    // A quarter pixel: vertices closer than that cannot change the picture.
    upload_scene(r, scene, page.scale * 0.25);
    for (const auto& l : scene.layers)
        if (l.visible && l.data) rep.vertices += l.data->vertex_count();
    const float ratio = pixel_ratio(scene);
    rep.furniture = layout_furniture(scene, *r.atlas, ground_metres_per_pixel(page, projector),
                                     options.date.empty() ? today() : options.date);
    std::vector<std::array<float, 4>> keep_clear;
    for (const Rect& b : {rep.furniture.title, rep.furniture.legend, rep.furniture.scale_bar, rep.furniture.north_arrow,
                          rep.furniture.source})
        if (b.w > 0) keep_clear.push_back({b.x, b.y, b.x + b.w, b.y + b.h});
    std::vector<TextQuad> labels = place_scene_labels(scene, page, *r.atlas, ratio, &rep.labels, keep_clear);
    rep.upload_s = seconds_since(t1);

    auto t2 = std::chrono::steady_clock::now();
    int tile = std::min(options.max_tile, ctx.max_size());
    int tw = std::min(tile, scene.width), th = std::min(tile, scene.height);
    RenderTarget target = make_render_target(tw, th, options.samples > 0 ? options.samples : automatic_samples(scene));
    std::vector<uint8_t> pixels(size_t(scene.width) * scene.height * 4);
    for (int ty = 0; ty < scene.height; ty += th)
        for (int tx = 0; tx < scene.width; tx += tw) {
            // Each tile is the page camera shifted to the tile's centre: same scale, so tiles
            // meet without seams.
            Camera cam = page;
            cam.width = tw, cam.height = th;
            cam.center = screen_to_map(page, Vec2{tx + tw * 0.5, ty + th * 0.5});
            bind_render_target(target);
            draw_map(r, scene, cam, ratio);
            draw_text(r.text, *r.atlas, r.text_program, r.corner01_vbo, labels, Vec2{double(tx), double(ty)}, tw, th);
            draw_text(r.text, *r.atlas, r.text_program, r.corner01_vbo, rep.furniture.quads, Vec2{double(tx), double(ty)}, tw, th);
            read_render_target(target, pixels, scene.width, scene.height, tx, ty);
            ++rep.tiles;
        }
    destroy(target);
    shutdown_renderer(r);
    if (GLenum e = glGetError(); e != GL_NO_ERROR) throw Error("export: OpenGL error " + std::to_string(e));
    rep.render_s = seconds_since(t2);

    auto t3 = std::chrono::steady_clock::now();
    write_png_atomic(out_path, pixels, scene.width, scene.height, scene.dpi);
    if (options.world_file) write_world_files(out_path, page, scene.projection);
    rep.encode_s = seconds_since(t3);
    return rep;
}

}  // namespace pv
