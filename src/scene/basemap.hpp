// The default scene: the embedded Shanxi base map, styled like a Chinese planning map.
#pragma once
#include <string>
#include <vector>

#include "scene/scene.hpp"

namespace pv {

// Base layer ids, bottom to top.
inline constexpr const char* kBaseLayers[] = {"neighbours", "counties", "lakes", "rivers", "prefectures",
                                              "province",   "seats",    "ranges"};

// Loads maps/ from `maps_dir` and styles it: all base layers, or only `ids` (in base order).
// Throws pv::Error naming a missing or bad file.
Scene default_scene(const std::string& maps_dir, const Projector& projector, const std::vector<std::string>& ids = {});
// One base layer, styled; `id` is one of kBaseLayers.
SceneLayer base_layer(const std::string& maps_dir, const std::string& id, const Projector& projector);

}  // namespace pv
