#include "render/symbol_layer.hpp"

#include <cmath>
#include <cstddef>

#include "render/label_placement.hpp"

namespace pv {

float layout_text(GlyphAtlas& atlas, std::string_view utf8, int px, int halo_px, float x, float y, Rgba colour,
                  Rgba halo, std::vector<TextQuad>& out) {
    float pen = x;
    for (char32_t cp : decode_utf8(utf8)) {
        const GlyphInfo& g = atlas.glyph(cp, px, halo_px);
        if (g.width > 0)
            out.push_back({std::round(pen) + g.left, std::round(y) - g.top, float(g.width), float(g.height), g.u0, g.v0,
                           g.u1, g.v1, colour, halo});
        pen += g.advance;
    }
    return pen - x;
}

void add_box(const GlyphAtlas& atlas, float x, float y, float w, float h, Rgba colour, std::vector<TextQuad>& out) {
    GlyphInfo s = atlas.solid();
    out.push_back({x, y, w, h, s.u0, s.v0, s.u1, s.v1, colour, Rgba{0, 0, 0, 0}});
}

std::vector<TextQuad> place_scene_labels(const Scene& scene, const Camera& page, GlyphAtlas& atlas, float ratio,
                                         LabelStats* stats, const std::vector<std::array<float, 4>>& keep_clear) {
    struct Candidate {
        const SceneLayer* layer;
        std::string text;
        float x, baseline;  // pen start
        int px, halo;
    };
    std::vector<Candidate> cands;
    std::vector<LabelBox> boxes;
    if (scene.labels)
        for (const auto& l : scene.layers) {
            if (!l.visible || l.label.field.empty() || !l.data) continue;
            int field = l.data->field_index(l.label.field);
            if (field < 0) continue;
            int px = std::max(6, int(std::lround(l.label.size_px * ratio)));
            int halo = int(std::lround(l.label.halo_px * ratio));
            for (const auto& f : l.data->features) {
                std::string text = value_to_string(l.data->attr(f, field));
                if (text.empty() || !std::isfinite(f.label_xy.x)) continue;
                Vec2 a = map_to_screen(page, f.label_xy);
                TextMetrics m = atlas.measure(text, px);
                float h = m.ascent + m.descent;
                float x, top;
                if (l.kind == LayerKind::Circle) {  // beside the symbol, not on it
                    x = float(a.x) + l.symbol_size * ratio * 0.5f + 2 * ratio;
                    top = float(a.y) - h * 0.5f;
                } else {
                    x = float(a.x) - m.width * 0.5f;
                    top = float(a.y) - h * 0.5f;
                }
                boxes.push_back({x - halo, top - halo, x + m.width + halo, top + h + halo, l.label.priority, cands.size()});
                cands.push_back({&l, text, x, top + m.ascent, px, halo});
            }
        }
    // Areas to keep clear go in first, at a priority no label has, and are not drawn.
    const size_t obstacle = std::numeric_limits<size_t>::max();
    for (const auto& r : keep_clear)
        boxes.push_back({std::max(r[0], 0.f), std::max(r[1], 0.f), std::min(r[2], float(page.width)),
                         std::min(r[3], float(page.height)), std::numeric_limits<int>::max(), obstacle});
    std::vector<size_t> placed = place_labels(boxes, 2 * ratio, float(page.width), float(page.height));
    std::erase(placed, obstacle);
    if (stats) *stats = {cands.size(), placed.size()};
    std::vector<TextQuad> quads;
    for (size_t id : placed) {
        const Candidate& c = cands[id];
        layout_text(atlas, c.text, c.px, c.halo, c.x, c.baseline, c.layer->label.colour, c.layer->label.halo, quads);
    }
    return quads;
}

void draw_text(TextGpu& gpu, GlyphAtlas& atlas, GLuint program, GLuint corner01_vbo, const std::vector<TextQuad>& quads,
               Vec2 page_origin, int viewport_w, int viewport_h) {
    if (quads.empty()) return;
    if (!gpu.vao) {
        glGenVertexArrays(1, &gpu.vao);
        glGenBuffers(1, &gpu.vbo);
        glGenTextures(1, &gpu.texture);
        glBindTexture(GL_TEXTURE_2D, gpu.texture);
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR);
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
    }
    glBindTexture(GL_TEXTURE_2D, gpu.texture);
    if (gpu.uploaded != atlas.generation()) {
        glPixelStorei(GL_UNPACK_ALIGNMENT, 1);
        glTexImage2D(GL_TEXTURE_2D, 0, GL_RG8, atlas.size(), atlas.size(), 0, GL_RG, GL_UNSIGNED_BYTE, atlas.pixels().data());
        gpu.uploaded = atlas.generation();
    }
    glBindVertexArray(gpu.vao);
    glBindBuffer(GL_ARRAY_BUFFER, gpu.vbo);
    glBufferData(GL_ARRAY_BUFFER, GLsizeiptr(quads.size() * sizeof(TextQuad)), quads.data(), GL_STREAM_DRAW);
    vertex_attribute(1, 4, GL_FLOAT, sizeof(TextQuad), offsetof(TextQuad, x), 1);
    vertex_attribute(2, 4, GL_FLOAT, sizeof(TextQuad), offsetof(TextQuad, u0), 1);
    vertex_attribute(3, 4, GL_UNSIGNED_BYTE, sizeof(TextQuad), offsetof(TextQuad, colour), 1);
    vertex_attribute(4, 4, GL_UNSIGNED_BYTE, sizeof(TextQuad), offsetof(TextQuad, halo), 1);
    bind_corner_quad(corner01_vbo);
    glUseProgram(program);
    glUniform2f(glGetUniformLocation(program, "u_viewport"), float(viewport_w), float(viewport_h));
    glUniform2f(glGetUniformLocation(program, "u_origin"), float(page_origin.x), float(page_origin.y));
    glUniform1i(glGetUniformLocation(program, "u_atlas"), 0);
    glActiveTexture(GL_TEXTURE0);
    glDrawArraysInstanced(GL_TRIANGLE_STRIP, 0, 4, GLsizei(quads.size()));
    glBindVertexArray(0);
}

void destroy(TextGpu& gpu) {
    if (gpu.vbo) glDeleteBuffers(1, &gpu.vbo);
    if (gpu.vao) glDeleteVertexArrays(1, &gpu.vao);
    if (gpu.texture) glDeleteTextures(1, &gpu.texture);
    gpu = {};
}

}  // namespace pv
