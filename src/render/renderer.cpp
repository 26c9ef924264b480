#include "render/renderer.hpp"

namespace pv {

void init_renderer(Renderer& r) {
    r.fill_program = build_program("fill.vert", "fill.frag");
    r.line_program = build_program("line.vert", "line.frag");
    r.circle_program = build_program("circle.vert", "circle.frag");
    r.text_program = build_program("text.vert", "text.frag");
    r.heat_program = build_program("heatmap.vert", "heatmap.frag");
    r.heat_ramp_program = build_program("heatmap_ramp.vert", "heatmap_ramp.frag");
    const float corners[8] = {-1, -1, 1, -1, -1, 1, 1, 1};
    const float corners01[8] = {0, 0, 1, 0, 0, 1, 1, 1};
    glGenBuffers(1, &r.corner_vbo);
    glBindBuffer(GL_ARRAY_BUFFER, r.corner_vbo);
    glBufferData(GL_ARRAY_BUFFER, sizeof corners, corners, GL_STATIC_DRAW);
    glGenBuffers(1, &r.corner01_vbo);
    glBindBuffer(GL_ARRAY_BUFFER, r.corner01_vbo);
    glBufferData(GL_ARRAY_BUFFER, sizeof corners01, corners01, GL_STATIC_DRAW);
    if (!r.atlas) r.atlas = std::make_unique<GlyphAtlas>();
}

void upload_layer(Renderer& r, const SceneLayer& l, double tolerance) {
    LayerGpu& g = r.layers[l.id];
    destroy(g.fill);
    destroy(g.fringe);
    destroy(g.line);
    destroy(g.circle);
    destroy(g.heat);
    destroy(g.hatch);
    destroy(g.arrows);
    if (!l.data) return;
    if (l.kind == LayerKind::Heatmap) {
        g.heat = build_heatmap_bucket(l, Projector(r.projection));
        return;
    }
    const Layer& d = *l.data;
    bool fill = l.kind == LayerKind::Fill && d.kind == GeomKind::Polygon;
    bool line = (l.kind == LayerKind::Fill || l.kind == LayerKind::Line) && l.stroke_width > 0 &&
                (d.kind == GeomKind::Polygon || d.kind == GeomKind::Line);
    bool hatch = fill && l.hatch.spacing > 0 && l.hatch.colour.a > 0;
    bool arrows = line && l.arrow && d.kind == GeomKind::Line;
    if (fill || line) {
        SimplifiedLayer simple = simplify_layer(d, tolerance);
        if (fill) {
            g.fill = build_fill_bucket(simple, l.feature_fill, l.fill);
            g.fringe = build_line_bucket(simple, l.feature_fill, l.fill);
        }
        if (line) g.line = build_line_bucket(simple, l.feature_stroke, l.stroke);
        if (hatch) g.hatch = build_fill_bucket(simple, {}, l.hatch.colour);
        if (arrows) g.arrows = build_arrow_bucket(simple, l.feature_stroke, l.stroke);
    }
    if (l.kind == LayerKind::Circle) g.circle = build_circle_bucket(d, l.feature_size, l.symbol_size, l.feature_fill, l.fill, l.stroke);
}

void upload_scene(Renderer& r, const Scene& scene, double tolerance) {
    r.projection = scene.projection;
    for (auto& [id, g] : r.layers) destroy(g.fill), destroy(g.fringe), destroy(g.line), destroy(g.circle), destroy(g.hatch), destroy(g.arrows), destroy(g.heat);
    r.layers.clear();
    for (const auto& l : scene.layers) upload_layer(r, l, tolerance);
}

void draw_map(Renderer& r, const Scene& scene, const Camera& cam, float ratio) {
    glViewport(0, 0, cam.width, cam.height);
    glClearColor(scene.background.r / 255.f, scene.background.g / 255.f, scene.background.b / 255.f,
                 scene.background.a / 255.f);
    glClearStencil(0);
    glClear(GL_COLOR_BUFFER_BIT | GL_STENCIL_BUFFER_BIT);
    glEnable(GL_BLEND);
    glBlendFuncSeparate(GL_SRC_ALPHA, GL_ONE_MINUS_SRC_ALPHA, GL_ONE, GL_ONE_MINUS_SRC_ALPHA);
    glDisable(GL_DEPTH_TEST);
    for (const auto& l : scene.layers) {
        if (!l.visible || l.opacity <= 0) continue;
        auto it = r.layers.find(l.id);
        if (it == r.layers.end()) continue;
        LayerGpu& g = it->second;
        if (l.kind == LayerKind::Heatmap) {
            draw_heatmap(g.heat, l, r.heat_program, r.heat_ramp_program, r.corner_vbo, cam);
            continue;
        }
        draw_fill(g.fill, r.fill_program, cam, l.opacity);
        // The stencil fill samples pixel centres; a one-pixel distance-field stroke along its
        // edges smooths them. Translucent fills skip it: the stroke would darken their rims.
        if (l.opacity >= 1.0f) draw_line(g.fringe, r.line_program, r.corner_vbo, cam, 1.0f, {}, 1.0f);
        draw_hatch(g.hatch, r.fill_program, cam, l.opacity, l.hatch.spacing * ratio, l.hatch.width * ratio, l.hatch.angle);
        std::vector<float> dash;
        for (float d : l.dash) dash.push_back(d * ratio);
        draw_line(g.line, r.line_program, r.corner_vbo, cam, l.stroke_width * ratio, dash, l.opacity);
        draw_arrows(g.arrows, r.line_program, r.corner_vbo, cam, l.stroke_width * ratio, l.opacity);
        draw_circle(g.circle, r.circle_program, r.corner_vbo, cam, l.shape, l.stroke_width * ratio, l.opacity);
    }
}

void draw_highlight(Renderer& r, const Scene& scene, const std::string& layer_id, size_t feature, const Camera& cam,
                    Rgba colour, float width_px) {
    const SceneLayer* l = scene.find(layer_id);
    auto it = r.layers.find(layer_id);
    if (!l || it == r.layers.end()) return;
    draw_fill(it->second.fill, r.fill_program, cam, 1.0f, long(feature), with_alpha(colour, 0.25f));
    if (it->second.line.gpu.vao) {
        // Reuses the layer's outline bucket (its own colours) drawn wider: no upload per hover.
        draw_line(it->second.line, r.line_program, r.corner_vbo, cam, width_px, {}, 1.0f, long(feature));
    }
}

void shutdown_renderer(Renderer& r) {
    for (auto& [id, g] : r.layers) destroy(g.fill), destroy(g.fringe), destroy(g.line), destroy(g.circle), destroy(g.hatch), destroy(g.arrows), destroy(g.heat);
    r.layers.clear();
    destroy(r.text);
    for (GLuint p : {r.fill_program, r.line_program, r.circle_program, r.text_program, r.heat_program, r.heat_ramp_program})
        if (p) glDeleteProgram(p);
    if (r.corner_vbo) glDeleteBuffers(1, &r.corner_vbo);
    if (r.corner01_vbo) glDeleteBuffers(1, &r.corner01_vbo);
    r.fill_program = r.line_program = r.circle_program = r.text_program = r.corner_vbo = r.corner01_vbo = 0;
    r.heat_program = r.heat_ramp_program = 0;
}

}  // namespace pv
