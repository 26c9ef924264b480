// Helpers shared by the tests: temp folders, running the planview binary, reading PNG pixels.
#pragma once
#include <unistd.h>
#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

#include "output/png_writer.hpp"

namespace pvtest {

// ctest runs test cases as parallel processes: each gets its own folder, so one case's fixture
// files are never rewritten under another's feet.
inline std::filesystem::path process_tmp() {
    return std::filesystem::path(PLANVIEW_TEST_TMP) / ("p" + std::to_string(::getpid()));
}

inline std::filesystem::path temp_dir(const std::string& name) {
    auto p = process_tmp() / name;
    std::filesystem::remove_all(p);
    std::filesystem::create_directories(p);
    return p;
}

inline void write_file(const std::filesystem::path& p, const std::string& text) {
    std::ofstream(p, std::ios::binary) << text;
}

struct RunResult {
    int status = -1;
    std::string output;  // stdout and stderr
};

inline RunResult run_planview(const std::string& args) {
    RunResult r;
    std::string cmd = std::string("'") + PLANVIEW_BINARY + "' " + args + " 2>&1";
    FILE* p = popen(cmd.c_str(), "r");
    std::array<char, 4096> buf;
    size_t n;
    while ((n = fread(buf.data(), 1, buf.size(), p)) > 0) r.output.append(buf.data(), n);
    int st = pclose(p);
    r.status = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
    return r;
}

struct Image {
    std::vector<uint8_t> px;
    pv::PngInfo info;
    std::array<int, 4> at(int x, int y) const {
        size_t i = (size_t(y) * info.width + x) * 4;
        return {px[i], px[i + 1], px[i + 2], px[i + 3]};
    }
};
inline Image load(const std::string& path) {
    Image im;
    im.px = pv::read_png(path, im.info);
    return im;
}

// Dark (text, bar, frame) pixels inside a page rectangle: a furniture box that is really drawn.
inline int dark_pixels(const Image& im, float x, float y, float w, float h) {
    int n = 0;
    for (int py = int(y); py < int(y + h); ++py)
        for (int px = int(x); px < int(x + w); ++px) {
            auto p = im.at(px, py);
            if (p[0] < 90 && p[1] < 90 && p[2] < 90) ++n;
        }
    return n;
}

}  // namespace pvtest
