// Decks: a TOML file listing slides, each a scene (a scene file plus overrides, or inline scene
// keys). Slides load one at a time, so one broken slide does not stop the others (batch export,
// the presentation). The format is in `deck_file_help()`.
#pragma once
#include <memory>
#include <string>
#include <vector>

#include "scene/scene.hpp"

namespace pv {

struct SlideInfo {
    std::string id;     // for file names: `id`, else the scene file's stem, else "slide"
    std::string title;  // as written in the slide (may be empty: the scene's title is used)
    std::string scene_ref;  // the `scene` key as written, or empty
    int line = 0, column = 0;  // where the [[slide]] starts in the deck file
};

struct DeckData;  // the parsed TOML, private to deck.cpp

struct Deck {
    std::string path;
    std::string title;
    std::vector<SlideInfo> slides;
    std::shared_ptr<const DeckData> data;
};

// Parses the deck and checks its structure (deck keys, slide keys' types). Throws pv::Error
// "file:line:column: what". Scene files and data are read by load_slide.
Deck load_deck(const std::string& path);
Deck load_deck_text(const std::string& text, const std::string& name, const std::string& base_dir);
// The scene of slide `index` (0-based): its scene file's keys, then the deck's [defaults], then
// the slide's own keys; then `show`/`hide`. Throws pv::Error naming file:line:column.
Scene load_slide(const Deck& deck, size_t index);
// "01-yuncheng-structure": a numbered, file-name-safe name for slide `index`.
std::string slide_file_stem(const Deck& deck, size_t index);

// A view saved from the app as a new slide.
struct SavedSlide {
    std::string scene_ref;  // `scene = ...` (relative to the deck), or empty
    std::string title, caption;
    Bounds extent;  // lon/lat
    std::vector<std::string> hide, show;
    // For a view not based on a scene file: the base layers it shows, and whether labels are on.
    std::vector<std::string> basemap;
    std::vector<std::string> layouts;  // plan layouts shown ("000/yihe-sanyi-qizhidian")
    bool labels = true;
};
// The TOML text of one [[slide]] table (starts with a blank line).
std::string slide_toml(const SavedSlide& s);
// Appends the slide to the deck file atomically (temp file + rename), leaving every existing
// byte as it was; creates the file if missing. Throws pv::Error naming the path.
void append_slide(const std::string& deck_path, const SavedSlide& s);

const char* deck_file_help();

}  // namespace pv
