// Map furniture laid out on the page: title and subtitle, legend, scale bar, north arrow and
// the source line. Produced as screen quads, so it draws with the same text program.
#pragma once
#include <string>
#include <vector>

#include "render/symbol_layer.hpp"
#include "scene/scene.hpp"

namespace pv {

struct Rect {
    float x = 0, y = 0, w = 0, h = 0;
};

struct Furniture {
    std::vector<TextQuad> quads;
    Rect title, legend, scale_bar, north_arrow, source;  // empty (w = 0) when not drawn
    double scale_bar_km = 0;                              // the length the bar stands for
};

// `ground_m_per_px`: true ground metres per page pixel at the map centre.
Furniture layout_furniture(const Scene& scene, GlyphAtlas& atlas, double ground_m_per_px, const std::string& date);

// The scale bar alone, appended to `out` (a presentation lays the rest out once per slide and
// the bar every frame while the camera moves).
void add_scale_bar(const Scene& scene, GlyphAtlas& atlas, double ground_m_per_px, Furniture& out);

// Greedy line breaking at `max_width` pixels: between any two CJK characters, between words of
// Latin text; "\n" forces a break.
std::vector<std::string> wrap_text(GlyphAtlas& atlas, const std::string& text, int px, float max_width);

// A round length (1, 2 or 5 x 10^n km) near `target_km`.
double nice_length_km(double target_km);

}  // namespace pv
