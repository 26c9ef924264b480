#pragma once
#include <string>

namespace pv {
// Folder holding maps/, data/: $PLANVIEW_HOME if set, else the source tree this was built from.
std::string planview_home();
std::string maps_dir();
}  // namespace pv
