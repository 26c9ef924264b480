// The one export function: scene -> PNG, headless (EGL, no X, no GLFW). The CLI and the app
// both call this; the CLI is a thin layer over it.
#pragma once
#include <string>

#include "output/furniture.hpp"
#include "render/symbol_layer.hpp"
#include "scene/scene.hpp"

namespace pv {

struct ExportOptions {
    int samples = 0;       // MSAA samples; 0 = automatic (see export_png)
    int max_tile = 4096;   // larger pages are drawn in tiles of at most this side
    std::string date;      // for the source line; empty = today
    bool world_file = false;  // also write OUT.pgw and OUT.prj (georeferencing)
};

struct ExportReport {
    int width = 0, height = 0, tiles = 0;
    double dpi = 0;
    size_t vertices = 0;
    LabelStats labels;
    Furniture furniture;
    std::string gpu;
    double context_s = 0, upload_s = 0, render_s = 0, encode_s = 0;
    Camera camera;  // the page camera (tests project points through it)
};

// Opaque fills are anti-aliased by a fringe stroke and lines, symbols and text by distance
// fields, so MSAA is only needed for translucent fills: the automatic choice.
int automatic_samples(const Scene& scene);
// Renders and writes `out_path` atomically. Throws pv::Error naming what failed; on failure no
// file is left behind (an existing file at out_path is untouched).
ExportReport export_png(const Scene& scene, const std::string& out_path, const ExportOptions& options = {});
// The camera that shows the scene's extent on its page.
Camera page_camera(const Scene& scene, const Projector& projector);

}  // namespace pv
