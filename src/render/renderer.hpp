// One renderer for the window and for offscreen targets: GPU buckets are built once per data
// or style change (upload_scene), and a frame only sets uniforms and issues draws.
#pragma once
#include <map>
#include <memory>
#include <string>

#include "render/circle_layer.hpp"
#include "render/fill_layer.hpp"
#include "render/heatmap_layer.hpp"
#include "render/line_layer.hpp"
#include "render/symbol_layer.hpp"

namespace pv {

struct LayerGpu {
    FillBucket fill;
    LineBucket fringe;  // fill edges in the fill colour: anti-aliasing without MSAA
    LineBucket line;
    CircleBucket circle;
    HeatmapBucket heat;
    FillBucket hatch;   // the fill again, in the hatch colour
    LineBucket arrows;  // arrowheads at line ends
};

struct Renderer {
    GLuint fill_program = 0, line_program = 0, circle_program = 0, text_program = 0;
    GLuint heat_program = 0, heat_ramp_program = 0;
    ProjectionKind projection = ProjectionKind::Albers;  // of the uploaded scene (heat map bandwidths)
    GLuint corner_vbo = 0;    // (-1,-1)..(1,1) strip, for instanced symbols and segments
    GLuint corner01_vbo = 0;  // (0,0)..(1,1) strip, for text quads
    std::unique_ptr<GlyphAtlas> atlas;
    TextGpu text;
    std::map<std::string, LayerGpu> layers;  // by scene layer id
};

// Needs a current GL 3.3 core context; throws pv::Error if shaders fail.
void init_renderer(Renderer& r);
// (Re)builds the buckets of every layer; `tolerance` = map metres below which vertices merge.
void upload_scene(Renderer& r, const Scene& scene, double tolerance);
void upload_layer(Renderer& r, const SceneLayer& layer, double tolerance);
// Clears to the background and draws the map layers through `cam` (no labels).
void draw_map(Renderer& r, const Scene& scene, const Camera& cam, float ratio);
// Outline of one feature of one layer, for hover and selection.
void draw_highlight(Renderer& r, const Scene& scene, const std::string& layer_id, size_t feature, const Camera& cam,
                    Rgba colour, float width_px);
void shutdown_renderer(Renderer& r);

}  // namespace pv
