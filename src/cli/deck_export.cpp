#include "cli/deck_export.hpp"

#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <vector>

#include "data/error.hpp"
#include "scene/deck.hpp"

namespace pv {

namespace {

void progress_bar(size_t done, size_t total, const std::string& what) {
    const int width = 30;
    int filled = total ? int(width * done / total) : width;
    std::string bar;
    for (int i = 0; i < width; ++i) bar += i < filled ? "█" : "░";
    std::fprintf(stderr, "\r\033[K%s %zu/%zu %s", bar.c_str(), done, total, what.c_str());
    std::fflush(stderr);
}

}  // namespace

int export_deck(const std::string& deck_path, const std::string& out_dir, const std::function<void(Scene&)>& adjust,
                const ExportOptions& options, bool timings) {
    Deck deck;
    try {
        deck = load_deck(deck_path);
        std::filesystem::create_directories(out_dir);
    } catch (const Error& e) {
        std::fprintf(stderr, "planview export: %s\n", e.what());
        return 1;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "planview export: %s: %s\n", out_dir.c_str(), e.what());
        return 1;
    }
    const bool tty = isatty(fileno(stderr));
    const size_t n = deck.slides.size();
    struct Failure {
        size_t index;
        std::string stem, error;
    };
    std::vector<Failure> failed;
    for (size_t i = 0; i < n; ++i) {
        std::string stem = slide_file_stem(deck, i);
        std::string out = (std::filesystem::path(out_dir) / (stem + ".png")).string();
        if (tty) progress_bar(i, n, stem);
        auto t0 = std::chrono::steady_clock::now();
        try {
            Scene scene = load_slide(deck, i);
            adjust(scene);
            double load_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
            ExportReport rep = export_png(scene, out, options);
            double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
            if (!tty || timings) {
                if (tty) std::fprintf(stderr, "\r\033[K");
                std::fprintf(stderr, "[%zu/%zu] wrote %s (%dx%d px, %.0f dpi, %d tiles, %.2f s)\n", i + 1, n, out.c_str(),
                             rep.width, rep.height, rep.dpi, rep.tiles, s);
            }
            if (timings)
                std::fprintf(stderr,
                             "  timings: scene %.3f s, context %.3f s, upload+labels %.3f s, render+readback %.3f s, png %.3f s\n",
                             load_s, rep.context_s, rep.upload_s, rep.render_s, rep.encode_s);
        } catch (const std::exception& e) {
            failed.push_back({i, stem, e.what()});
            if (tty) std::fprintf(stderr, "\r\033[K");
            std::fprintf(stderr, "[%zu/%zu] FAILED %s: %s\n", i + 1, n, stem.c_str(), e.what());
        }
    }
    if (tty) {
        progress_bar(n, n, "");
        std::fprintf(stderr, "\n");
    }
    std::printf("%zu of %zu slides written to %s\n", n - failed.size(), n, out_dir.c_str());
    if (failed.empty()) return 0;
    std::fprintf(stderr, "planview export: %zu of %zu slides failed:\n", failed.size(), n);
    for (const auto& f : failed)
        std::fprintf(stderr, "  slide %zu (%s): %s\n", f.index + 1, f.stem.c_str(), f.error.c_str());
    return 1;
}

}  // namespace pv
