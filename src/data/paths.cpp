#include "data/paths.hpp"

#include <cstdlib>

namespace pv {
std::string planview_home() {
    if (const char* env = std::getenv("PLANVIEW_HOME"); env && *env) return env;
    return PLANVIEW_SOURCE_DIR;
}
std::string maps_dir() { return planview_home() + "/maps"; }
}  // namespace pv
