// Glyphs rasterised with FreeType into one CPU atlas (two channels: coverage, and the coverage
// dilated by the halo radius), uploaded to a texture by the renderer when it changes. Only the
// glyphs actually used are rasterised, so CJK text costs what it shows.
#pragma once
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

namespace pv {

struct GlyphInfo {
    float u0 = 0, v0 = 0, u1 = 0, v1 = 0;  // atlas texture coordinates (padded bitmap)
    int width = 0, height = 0;             // padded bitmap size, pixels
    int left = 0, top = 0;                 // padded bitmap offset from the pen (top: up)
    float advance = 0;                     // pixels
};

struct TextMetrics {
    float width = 0;    // advance width, pixels
    float ascent = 0;   // above the baseline
    float descent = 0;  // below the baseline (positive)
};

// Default font: WenQuanYi Micro Hei (Debian fonts-wqy-microhei); PLANVIEW_FONT overrides.
std::string default_font_path();

// Decode UTF-8 into code points (invalid bytes become U+FFFD).
std::u32string decode_utf8(std::string_view s);

class GlyphAtlas {
public:
    explicit GlyphAtlas(const std::string& font_path = default_font_path(), int size = 2048);
    ~GlyphAtlas();
    GlyphAtlas(const GlyphAtlas&) = delete;
    GlyphAtlas& operator=(const GlyphAtlas&) = delete;

    // A glyph at a pixel size with a halo radius in pixels (0 = none).
    const GlyphInfo& glyph(char32_t cp, int px, int halo);
    TextMetrics measure(std::string_view utf8, int px);
    // A solid block: for boxes and rules drawn with the same program as text.
    GlyphInfo solid() const { return solid_; }

    int size() const { return size_; }
    const std::vector<uint8_t>& pixels() const { return pixels_; }  // RG8, size x size
    // Bumped whenever pixels change, so the renderer knows to upload.
    uint64_t generation() const { return generation_; }

private:
    struct Face;
    std::unique_ptr<Face> face_;
    int size_;
    std::vector<uint8_t> pixels_;
    int shelf_x_ = 0, shelf_y_ = 0, shelf_h_ = 0;
    uint64_t generation_ = 1;
    GlyphInfo solid_;
    std::map<std::tuple<char32_t, int, int>, GlyphInfo> glyphs_;
    // Advances by (code point, px): loading a glyph per character per measure made laying out
    // a legend cost tens of milliseconds (a presentation lays one out as a slide comes in).
    std::map<std::pair<char32_t, int>, float> advances_;
    bool allocate(int w, int h, int& x, int& y);
};

}  // namespace pv
