// Scene files: a small TOML text a user can edit, describing a map page. The reference is
// `scene_file_help()` (printed by `planview export --help`).
#pragma once
#include <string>

#include "scene/scene.hpp"

namespace pv {

// Parses and loads a scene file: its data sources are read (relative paths are relative to
// the scene file) and projected. Throws pv::Error "file:line:column: what is wrong", or naming
// the data file, layer or field at fault.
Scene load_scene_file(const std::string& path);
Scene load_scene_text(const std::string& text, const std::string& name, const std::string& base_dir);

const char* scene_file_help();

}  // namespace pv
