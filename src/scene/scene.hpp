// What is shown and how: a list of styled layers over shared feature data, plus the page
// (size, title, extent). Plain structs, so the app's UI and the export are functions of it.
#pragma once
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "data/geometry.hpp"
#include "data/projection.hpp"
#include "scene/camera.hpp"
#include "scene/colour.hpp"

namespace pv {

// One file per kind in scene, render and tests (fill, line, circle, symbol, heatmap).
enum class LayerKind { Fill, Line, Circle, Heatmap };
enum class Shape { Circle, Square, Triangle, Diamond, Star };

struct LabelStyle {
    std::string field;  // empty = no labels
    float size_px = 13;
    Rgba colour{30, 30, 30, 255};
    Rgba halo{255, 255, 255, 230};
    float halo_px = 1.5f;
    int priority = 0;  // higher wins a collision (prefecture names over county names)
};

struct LegendItem {
    std::string label;
    Rgba fill{0, 0, 0, 0};
    Rgba stroke{0, 0, 0, 0};
    LayerKind kind = LayerKind::Fill;
    // Planning-map legends (layouts): a glyph drawn as the swatch ("★", "◎", "●", "▲"; in
    // `fill`, outlined in `stroke`), a dashed line or outline, hatching, an arrowhead.
    std::string symbol;
    bool dashed = false, hatched = false, arrow = false;
};

// Hatching of a fill: parallel lines, in page pixels (scaled by DPI).
struct Hatch {
    float spacing = 0;  // 0 = none
    float width = 1.5f;
    float angle = 45;   // degrees from the x axis, counter-clockwise
    Rgba colour{0, 0, 0, 255};
};

struct SceneLayer {
    std::string id;     // unique, stable: "counties", "rivers", a file name...
    std::string title;  // for the layers panel and legend
    LayerKind kind = LayerKind::Fill;
    std::shared_ptr<Layer> data;  // shared between scene layers (a fill and its labels)
    bool visible = true;
    float opacity = 1.0f;

    // Fill: per-feature colours (parallel to data->features) or one colour for all.
    Rgba fill{220, 220, 220, 255};
    std::vector<Rgba> feature_fill;
    // Outline of polygons / the line itself. Width in logical pixels (scaled by DPI).
    Rgba stroke{60, 60, 60, 255};
    float stroke_width = 0;  // 0 = none
    std::vector<Rgba> feature_stroke;
    std::vector<float> dash;  // on/off lengths in pixels; empty = solid
    Hatch hatch;              // fills: drawn over the fill colour (which may be transparent)
    bool arrow = false;       // lines: an arrowhead at the end of each part, sized from the width
    // Circle (point symbols).
    Shape shape = Shape::Circle;
    float symbol_size = 6;  // diameter in logical pixels
    std::vector<float> feature_size;
    // Heatmap (kernel density of points).
    std::string weight_field;
    double bandwidth_km = 20;
    std::string ramp = "magma";
    std::vector<double> feature_weight;  // from weight_field or a weight table; empty = 1 each
    bool epanechnikov = false;           // kernel: Gaussian (sigma = bandwidth, cut at 3 sigma) or Epanechnikov
    // Density (weight per km²) at the top of the ramp. Fixed for the layer, never per tile or
    // view, so tiles of an export and every zoom of the viewer colour the same density alike.
    double heat_max = 0;
    std::string heat_unit;  // for the ramp legend: "人/km²"

    LabelStyle label;
    std::vector<LegendItem> legend;
    // Indicator maps: lines under the legend entries (unit, source and year, not mapped).
    std::vector<std::string> legend_note;
    // Indicator value per feature (NaN = no data) and its class (-1 = none), for hover.
    std::vector<double> feature_value;
    std::vector<int> feature_class;
    std::string value_label, value_unit;
};

struct Scene {
    std::string title;
    std::string subtitle;
    std::string source_note;  // attribution line
    std::string caption;      // a sentence or two under the title (slides, print)
    ProjectionKind projection = ProjectionKind::Albers;
    Rgba background{255, 255, 255, 255};
    std::vector<SceneLayer> layers;  // bottom to top
    std::optional<Bounds> extent;    // lon/lat; none = fit to the visible data
    std::vector<std::string> fit_layers;  // layers to fit to (empty = all visible)
    int width = 1600, height = 1200;
    double dpi = 96;
    bool labels = true;
    bool furniture = true;  // title, legend, scale bar, north arrow, source line

    const SceneLayer* find(const std::string& id) const;
    SceneLayer* find(const std::string& id);
};

// Named page sizes for print and slides (A4/A3 at 300 dpi, 16:9 screens).
struct PagePreset {
    const char* name;
    int width, height;
    double dpi;
};
inline constexpr PagePreset kPagePresets[] = {
    {"a4", 2480, 3508, 300},          {"a4-landscape", 3508, 2480, 300}, {"a3", 3508, 4961, 300},
    {"a3-landscape", 4961, 3508, 300}, {"1080p", 1920, 1080, 96},        {"4k", 3840, 2160, 192},
};
// The preset of that name, or nullptr.
inline const PagePreset* find_preset(const std::string& name) {
    for (const auto& p : kPagePresets)
        if (name == p.name) return &p;
    return nullptr;
}
inline std::string preset_names() {
    std::string out;
    for (const auto& p : kPagePresets) out += (out.empty() ? "" : ", ") + std::string(p.name);
    return out;
}

// Pixel ratio of the page: 1 at 96 dpi.
inline float pixel_ratio(const Scene& s) { return float(s.dpi / 96.0); }

// The map rectangle to show: the scene's extent, or the visible data (+2 %) in map metres.
Bounds scene_extent_xy(const Scene& s, const Projector& projector);
// Reproject every layer of the scene (after a projection switch).
void reproject_scene(Scene& s, const Projector& projector);

}  // namespace pv
