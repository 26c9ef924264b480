// Viewer panels for indicator maps: the indicator picker (a table of data/indicators or the
// user's own CSV/XLSX, a field, classification), the table report window (every problem row by
// row, before anything is shown), the hover lines of a choropleth, and the plan-targets view.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "app/targets_model.hpp"
#include "scene/indicator_layer.hpp"

namespace pv::app {

// Every text the panels show (for the UI font's glyph ranges).
const char* indicator_panel_text();

// Tables open in the picker rather than as a layer (they have no geometry).
bool is_table_file(const std::string& path);

struct IndicatorPanel {
    bool open = false;
    std::vector<std::string> tables;  // names in data/indicators (census, economy)
    int table = 0, field = 0, method = 0, classes = 5, palette = 0;
    char user_path[1024] = "";
    int key = 0;                      // 0 code, 1 name (user tables)
    std::vector<std::string> fields;  // of the chosen table
    std::string fields_of;            // table the list is for
    std::string report;               // problems of the last table tried; shown in its own window
    bool show_report = false;
};

// The picker window; returns the spec to map when the user presses "show".
std::optional<IndicatorSpec> indicator_picker(IndicatorPanel& p, bool english);
// Sets the picker's choices to a spec (scripted runs: --indicator shows what it mapped).
void preset_picker(IndicatorPanel& p, const IndicatorSpec& spec);
// The map's legend in the viewer: class swatches with ranges and counts, then the notes.
void indicator_legend_window(const SceneLayer& l, bool english);
// The report window (when p.show_report).
void table_report_window(IndicatorPanel& p, bool english);
// Value, unit, class and rank ("第 12 / 116") of a feature of a choropleth layer.
void indicator_hover_lines(const SceneLayer& l, size_t feature, bool english);

struct TargetsPanel {
    bool open = false;
    std::string number;
    std::optional<TargetsView> view;
    std::string error;
    int chart_row = -1;
};
void open_targets(TargetsPanel& p, const std::string& number);
void targets_window(TargetsPanel& p, bool english);

}  // namespace pv::app
