#pragma once
#include <cstdint>
#include <string_view>

namespace pv {

struct Rgba {
    uint8_t r = 0, g = 0, b = 0, a = 255;
    friend bool operator==(const Rgba&, const Rgba&) = default;
};

// "#rrggbb" or "#rrggbbaa"; throws pv::Error naming the text otherwise.
Rgba parse_colour(std::string_view text);
Rgba with_alpha(Rgba c, float alpha);

}  // namespace pv
