#include "data/paths.hpp"

#include <cstdlib>
#include <filesystem>

namespace pv {
std::string planview_home() {
    if (const char* env = std::getenv("PLANVIEW_HOME"); env && *env) return env;
    return PLANVIEW_SOURCE_DIR;
}
std::string maps_dir() { return planview_home() + "/maps"; }
std::string file_stamp(const std::string& path) {
    std::error_code ec;
    auto size = std::filesystem::file_size(path, ec);
    if (ec) return "missing";
    auto time = std::filesystem::last_write_time(path, ec);
    if (ec) return "missing";
    return std::to_string(size) + ':' + std::to_string(time.time_since_epoch().count());
}
}  // namespace pv
