#pragma once

namespace pv {
// The desktop viewer (GLFW + Dear ImGui). Without a display it exports the default map
// instead and says where it went. Options: --frames N (quit after N frames), --screenshot
// FILE (save the last frame), --size WxH.
int run_viewer(int argc, char** argv);
}  // namespace pv
