#pragma once

namespace pv {
// The desktop viewer (GLFW + Dear ImGui). Without a display it exports the default map
// instead and says where it went.
// Arguments: FILE... (any GDAL vector source, opened as layers), --size WxH, --frames N (quit
// after N frames; scripted runs use a fixed 1/15 s clock so animations finish), --screenshot
// FILE (save the last frame), --bench-frames N (average frame time with glFinish, per phase),
// --search TEXT (fly to the first match), --hover-lonlat LON,LAT (hover that point), --click
// (select what is hovered), --zoom F (about the centre), --level county|prefecture, --english,
// --msaa N (default 4, 0 on software rasterisers), --hide LAYER_ID, --drop FILE (as if dragged
// onto the window).
int run_viewer(int argc, char** argv);
}  // namespace pv
