// The viewer's Plans panel: plan layouts grouped by plan, each layout and element toggleable, and
// the provenance of the selected element (with the cited plan lines when the texts are at hand
// and their SHA-256 matches). A layout file with errors is listed with its error.
#pragma once
#include <string>
#include <vector>

#include "app/plans_model.hpp"
#include "render/renderer.hpp"
#include "scene/layout_style.hpp"

namespace pv::app {

struct PlansPanel {
    LayoutLibrary lib;
    std::string load_error;  // the library itself could not be loaded (no base map / gazetteer)
    LayoutToggles toggles;
    std::string plans_dir;
    // Selection and its provenance (cited lines read once per selection).
    std::string sel_key;
    long sel_element = -1;
    CitedText cited;
    bool cited_english = false;
    bool open = true;
};

// Loads the library (never throws: errors are kept for the panel) and shows `shown` layouts.
// Returns messages for the caller to report (unknown references, files with errors).
std::vector<std::string> init_plans_panel(PlansPanel& p, const std::string& plans_dir, const std::vector<std::string>& shown);

// (Re)builds the scene layers of one layout after a toggle, and uploads them.
void apply_layout(PlansPanel& p, Scene& scene, Renderer& r, const std::string& key, const Projector& projector,
                  double tolerance);
void apply_all_layouts(PlansPanel& p, Scene& scene, Renderer& r, const Projector& projector, double tolerance);

// Selects an element (the provenance window opens); `key` empty clears.
void select_element(PlansPanel& p, const std::string& key, long element, bool english);

// Draws the panel and the provenance window; returns the layout keys whose layers must be rebuilt.
std::vector<std::string> draw_plans_panel(PlansPanel& p, bool english, float top);

// Every string the panel may show, for the UI font's glyph ranges.
std::string plans_panel_text(const PlansPanel& p);

}  // namespace pv::app
