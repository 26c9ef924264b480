#pragma once
#include <string>

namespace pv {
// Folder holding maps/, data/: $PLANVIEW_HOME if set, else the source tree this was built from.
std::string planview_home();
std::string maps_dir();
// "size:modification time" of a file ("missing" when it cannot be read): caches of data read
// from files compare it to notice an edit.
std::string file_stamp(const std::string& path);
}  // namespace pv
