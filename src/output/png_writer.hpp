#pragma once
#include <cstdint>
#include <string>
#include <vector>

namespace pv {

// Writes RGBA rows (top-down) as a PNG with its DPI in the pHYs chunk. The file appears
// complete or not at all: written to a temporary file in the same folder, then renamed.
// Opaque images are stored as RGB. Throws pv::Error naming the path.
void write_png_atomic(const std::string& path, const std::vector<uint8_t>& rgba, int width, int height, double dpi);

struct PngInfo {
    int width = 0, height = 0;
    double dpi = 0;  // from pHYs, 0 if absent
};
// Reads a PNG back as RGBA (tests, tiles): throws pv::Error naming the path.
std::vector<uint8_t> read_png(const std::string& path, PngInfo& info);

}  // namespace pv
