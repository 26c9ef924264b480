#pragma once
#include <functional>
#include <string>

#include "output/export.hpp"
#include "scene/scene.hpp"

namespace pv {
// `planview export --deck FILE --out DIR`: every slide to DIR/NN-id.png. A slide that fails is
// reported and skipped; the others are still written. Progress: a bar when stderr is a
// terminal, a line per slide otherwise. Returns the exit status (1 when any slide failed).
// `adjust` applies the command line's overrides (size, preset, dpi...) to each slide's scene.
int export_deck(const std::string& deck_path, const std::string& out_dir, const std::function<void(Scene&)>& adjust,
                const ExportOptions& options, bool timings);
}  // namespace pv
