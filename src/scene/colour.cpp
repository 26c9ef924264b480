#include "scene/colour.hpp"

#include <algorithm>
#include <string>

#include "data/error.hpp"

namespace pv {

Rgba parse_colour(std::string_view text) {
    auto hex = [&](size_t i) -> int {
        char c = text[i];
        if (c >= '0' && c <= '9') return c - '0';
        if (c >= 'a' && c <= 'f') return c - 'a' + 10;
        if (c >= 'A' && c <= 'F') return c - 'A' + 10;
        return -1;
    };
    if (!text.empty() && text[0] == '#' && (text.size() == 7 || text.size() == 9)) {
        uint8_t v[4] = {0, 0, 0, 255};
        bool ok = true;
        for (size_t k = 0; k < (text.size() - 1) / 2; ++k) {
            int hi = hex(1 + 2 * k), lo = hex(2 + 2 * k);
            if (hi < 0 || lo < 0) ok = false;
            v[k] = uint8_t(hi * 16 + lo);
        }
        if (ok) return {v[0], v[1], v[2], v[3]};
    }
    throw Error("'" + std::string(text) + "' is not a colour (use #rrggbb or #rrggbbaa)");
}

Rgba with_alpha(Rgba c, float alpha) {
    c.a = uint8_t(std::clamp(alpha, 0.0f, 1.0f) * 255.0f + 0.5f);
    return c;
}

}  // namespace pv
