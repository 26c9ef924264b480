#include "render/glyph_atlas.hpp"

#include <ft2build.h>
#include FT_FREETYPE_H

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <filesystem>

#include "data/error.hpp"

namespace pv {

std::string default_font_path() {
    if (const char* env = std::getenv("PLANVIEW_FONT"); env && *env) return env;
    return "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc";
}

std::u32string decode_utf8(std::string_view s) {
    std::u32string out;
    for (size_t i = 0; i < s.size();) {
        unsigned char c = s[i];
        int n = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
        if (n == 0 || i + n > s.size()) {
            out.push_back(0xFFFD);
            ++i;
            continue;
        }
        char32_t cp = n == 1 ? c : n == 2 ? (c & 0x1F) : n == 3 ? (c & 0x0F) : (c & 0x07);
        bool ok = true;
        for (int k = 1; k < n; ++k) {
            unsigned char cc = s[i + k];
            if ((cc >> 6) != 2) ok = false;
            cp = (cp << 6) | (cc & 0x3F);
        }
        out.push_back(ok ? cp : 0xFFFD);
        i += ok ? n : 1;
    }
    return out;
}

struct GlyphAtlas::Face {
    FT_Library lib = nullptr;
    FT_Face face = nullptr;
    int current_px = 0;
    ~Face() {
        if (face) FT_Done_Face(face);
        if (lib) FT_Done_FreeType(lib);
    }
    void set_size(int px) {
        if (px != current_px) FT_Set_Pixel_Sizes(face, 0, FT_UInt(px)), current_px = px;
    }
};

GlyphAtlas::GlyphAtlas(const std::string& font_path, int size)
    : face_(std::make_unique<Face>()), size_(size), pixels_(size_t(size) * size * 2, 0) {
    if (FT_Init_FreeType(&face_->lib)) throw Error("cannot initialise FreeType");
    if (!std::filesystem::exists(font_path))
        throw Error(font_path + ": font not found (install fonts-wqy-microhei or set PLANVIEW_FONT)");
    if (FT_New_Face(face_->lib, font_path.c_str(), 0, &face_->face))
        throw Error(font_path + ": not a font FreeType can read");
    // A solid 4x4 block at the origin; sample its centre so filtering never reaches an edge.
    int x, y;
    allocate(4, 4, x, y);
    for (int j = 0; j < 4; ++j)
        for (int i = 0; i < 4; ++i) pixels_[(size_t(y + j) * size_ + x + i) * 2] = pixels_[(size_t(y + j) * size_ + x + i) * 2 + 1] = 255;
    solid_.u0 = solid_.u1 = (x + 2.0f) / size_;
    solid_.v0 = solid_.v1 = (y + 2.0f) / size_;
}

GlyphAtlas::~GlyphAtlas() = default;

bool GlyphAtlas::allocate(int w, int h, int& x, int& y) {
    if (shelf_x_ + w + 1 > size_) shelf_x_ = 0, shelf_y_ += shelf_h_ + 1, shelf_h_ = 0;
    if (shelf_y_ + h + 1 > size_ || w + 1 > size_) return false;
    x = shelf_x_, y = shelf_y_;
    shelf_x_ += w + 1;
    shelf_h_ = std::max(shelf_h_, h);
    return true;
}

const GlyphInfo& GlyphAtlas::glyph(char32_t cp, int px, int halo) {
    auto key = std::make_tuple(cp, px, halo);
    if (auto it = glyphs_.find(key); it != glyphs_.end()) return it->second;

    face_->set_size(px);
    GlyphInfo g;
    FT_Face f = face_->face;
    if (FT_Load_Char(f, cp, FT_LOAD_RENDER | FT_LOAD_TARGET_LIGHT) != 0) return glyphs_[key] = g;
    const FT_Bitmap& bm = f->glyph->bitmap;
    g.advance = f->glyph->advance.x / 64.0f;
    int pad = halo + 1;
    g.width = int(bm.width) + 2 * pad;
    g.height = int(bm.rows) + 2 * pad;
    g.left = f->glyph->bitmap_left - pad;
    g.top = f->glyph->bitmap_top + pad;
    int x, y;
    if (bm.width == 0 || !allocate(g.width, g.height, x, y)) {
        g.width = g.height = 0;  // blank glyph (space) or atlas full: advance only
        return glyphs_[key] = g;
    }
    auto at = [&](int i, int j) -> uint8_t& { return pixels_[(size_t(y + j) * size_ + (x + i)) * 2]; };
    for (unsigned j = 0; j < bm.rows; ++j)
        for (unsigned i = 0; i < bm.width; ++i) at(int(i) + pad, int(j) + pad) = bm.buffer[j * bm.pitch + i];
    // Halo: coverage dilated by a disc of radius `halo`, with a soft one-pixel rim.
    for (int j = 0; j < g.height; ++j)
        for (int i = 0; i < g.width; ++i) {
            float best = at(i, j);
            if (halo > 0)
                for (int dj = -halo - 1; dj <= halo + 1; ++dj)
                    for (int di = -halo - 1; di <= halo + 1; ++di) {
                        int si = i + di, sj = j + dj;
                        if (si < 0 || sj < 0 || si >= g.width || sj >= g.height) continue;
                        float w = std::clamp(halo + 0.5f - std::sqrt(float(di * di + dj * dj)), 0.0f, 1.0f);
                        best = std::max(best, at(si, sj) * w);
                    }
            pixels_[(size_t(y + j) * size_ + (x + i)) * 2 + 1] = uint8_t(best);
        }
    g.u0 = float(x) / size_;
    g.v0 = float(y) / size_;
    g.u1 = float(x + g.width) / size_;
    g.v1 = float(y + g.height) / size_;
    ++generation_;
    return glyphs_[key] = g;
}

TextMetrics GlyphAtlas::measure(std::string_view utf8, int px) {
    face_->set_size(px);
    TextMetrics m;
    for (char32_t cp : decode_utf8(utf8)) {
        auto [it, fresh] = advances_.try_emplace({cp, px}, 0.0f);
        if (fresh && FT_Load_Char(face_->face, cp, FT_LOAD_DEFAULT) == 0) it->second = face_->face->glyph->advance.x / 64.0f;
        m.width += it->second;
    }
    const auto* metrics = &face_->face->size->metrics;
    m.ascent = metrics->ascender / 64.0f;
    m.descent = -metrics->descender / 64.0f;
    return m;
}

}  // namespace pv
