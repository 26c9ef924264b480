// Plan layouts as styled scene layers, in the visual language of Chinese planning maps: centres
// as graded red symbols by tier (一主 ★ > 三副 ◎ > 市域中心 ●), hubs, nodes, airports and stations
// as distinct symbols, axes and corridors as bold arrows or bands, ecological belts and barriers
// as translucent green bands, zones as tinted and hatched areas, schematic elements dashed,
// elements located only by county as hollow symbols on a dashed county outline. Not-placed
// elements are not drawn (the Plans panel lists them).
//
// Also the library of layouts the scene file and the viewer draw from: every data/layouts/*.toml
// resolved once against the base map, a bad file reported and skipped rather than fatal.
#pragma once
#include <memory>
#include <string>
#include <vector>

#include "data/projection.hpp"
#include "meaning/layout.hpp"
#include "scene/scene.hpp"

namespace pv {

// ---- Style -------------------------------------------------------------------------------------

// Fields of every layout scene layer's features, one feature per drawn element.
// "element" is the element's index in its layout (as text), so a picked feature leads back to it.
inline constexpr const char* kLayoutFields[] = {"label", "role", "name", "kind", "placement", "element"};

// Prefix of every layout scene layer id: "layout:<key>:" with key "000/yihe-sanyi-qizhidian".
std::string layout_layer_prefix(const std::string& key);

// The scene layers of one layout, bottom to top (areas, then lines, then symbols). `key` is the
// layout's reference ("000/yihe-sanyi-qizhidian"). `element_visible` (parallel to the elements;
// empty = all) leaves elements out. The topmost layer carries the layout's title and legend
// entries; the others have none, so the legend shows one entry set per layout. `categorical`
// colours area elements by their `category` (一县一业) with one legend entry per category.
std::vector<SceneLayer> style_layout(const Layout& layout, const std::string& key, const Projector& projector,
                                     const std::vector<bool>& element_visible = {});

// Marks the legend entries of elements placed only by their county ("三核（按县定位）").
inline constexpr const char* kLocatedByCountyLabel = "按县定位";

// ---- Library -----------------------------------------------------------------------------------

struct PlanEntry {
    std::string number;  // "000": the file name's prefix before '_'
    std::string path;    // the .toml
    PlanLayouts plan;    // resolved (empty when `error` is set)
    std::string error;   // "file:line:column: ..." when the file could not be read or resolved
};

struct LayoutLibrary {
    std::vector<PlanEntry> plans;  // sorted by file name
    // The plans folder (texts) for provenance; empty = not known.
    std::string plans_dir;
};

// data/layouts (or `layouts_dir`) resolved against the base map in `maps_dir` and
// data/gazetteer.csv. A file with errors is kept with its error, never thrown; a missing base map
// or gazetteer throws pv::Error.
LayoutLibrary load_layout_library(const std::string& layouts_dir, const std::string& maps_dir,
                                  const std::string& gazetteer_csv);
// The defaults under planview_home().
LayoutLibrary load_default_layout_library();
// The same, read once per process and shared: resolving every plan (county unions, buffers) takes
// about a second, and a deck of plan slides would otherwise pay it for every slide. Reread when a
// layout file, the gazetteer or a base-map file changes (size or modification time).
std::shared_ptr<const LayoutLibrary> shared_default_layout_library();
std::string default_layouts_dir();

struct LayoutPick {
    const PlanEntry* plan = nullptr;
    const Layout* layout = nullptr;
    std::string key;  // "000/yihe-sanyi-qizhidian"
};
// Resolves a reference "000/yihe-sanyi-qizhidian" (one layout) or "000" (all of the plan's).
// Throws pv::Error saying what is known when nothing matches, or the plan file's own error.
std::vector<LayoutPick> find_layouts(const LayoutLibrary& lib, const std::string& ref);

// Adds the layers of each referenced layout to the scene (on top). Throws pv::Error as above.
void add_layouts_to_scene(Scene& scene, const LayoutLibrary& lib, const std::vector<std::string>& refs,
                          const Projector& projector);

// The folder of plan texts: `arg` if given, else $PLANVIEW_PLANS_DIR, else empty.
std::string plans_dir_from(const std::string& arg);

}  // namespace pv
