// Text: labels placed without overlap, and any screen-space text or box (map furniture), drawn
// as quads over the glyph atlas.
#pragma once
#include <array>
#include <limits>
#include <string_view>
#include <vector>

#include "render/glyph_atlas.hpp"
#include "render/gl.hpp"
#include "scene/scene.hpp"

namespace pv {

struct TextQuad {
    float x, y, w, h;  // page pixels, y down
    float u0, v0, u1, v1;
    Rgba colour, halo;
};

enum class Align { Left, Center, Right };

// Lays out one line of text whose baseline starts at (x, y) (page pixels); returns its width.
float layout_text(GlyphAtlas& atlas, std::string_view utf8, int px, int halo_px, float x, float y, Rgba colour,
                  Rgba halo, std::vector<TextQuad>& out);
// A solid box (for legend swatches, scale bars, panels).
void add_box(const GlyphAtlas& atlas, float x, float y, float w, float h, Rgba colour, std::vector<TextQuad>& out);

struct LabelStats {
    size_t candidates = 0, placed = 0;
};
// Labels of every visible layer of the scene, for a page seen through `page`; higher priority
// first, no two overlapping. `ratio` scales logical sizes to pixels (DPI).
// `keep_clear`: page rectangles (x0, y0, x1, y1) no label may cover, such as the legend.
std::vector<TextQuad> place_scene_labels(const Scene& scene, const Camera& page, GlyphAtlas& atlas, float ratio,
                                         LabelStats* stats = nullptr,
                                         const std::vector<std::array<float, 4>>& keep_clear = {});

struct TextGpu {
    GLuint vao = 0, vbo = 0, texture = 0;
    uint64_t uploaded = 0;  // atlas generation on the GPU
};
void draw_text(TextGpu& gpu, GlyphAtlas& atlas, GLuint program, GLuint corner01_vbo, const std::vector<TextQuad>& quads,
               Vec2 page_origin, int viewport_w, int viewport_h);
void destroy(TextGpu& gpu);

}  // namespace pv
