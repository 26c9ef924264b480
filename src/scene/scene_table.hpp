// Inside the scene stage: a scene read from an already parsed TOML table, so a deck's slide
// (a scene file's table merged with the slide's own keys) is read by the same code as a file.
#pragma once
#include <toml++/toml.h>

#include <string>

#include "scene/scene.hpp"

namespace pv {

// `name` is the file errors name for nodes that carry no file of their own; relative data
// paths resolve against the folder of the file each key was written in (else `base_dir`).
Scene load_scene_table(const toml::table& root, const std::string& name, const std::string& base_dir);
// Parse errors become pv::Error "file:line:column: what".
toml::table parse_toml_text(const std::string& text, const std::string& name);
toml::table parse_toml_file(const std::string& path);

}  // namespace pv
