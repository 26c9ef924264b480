// Colours for classed and continuous indicator maps: ColorBrewer schemes (3-9 classes), viridis
// sampled at n classes, and continuous ramps for heat maps. Pure functions.
#pragma once
#include <string>
#include <string_view>
#include <vector>

// pv::Rgba and pv::parse_colour("#rrggbb" / "#rrggbbaa", throwing pv::Error naming the text) are
// defined once for the scene stage in colour.hpp; palette users get them through this header.
#include "scene/colour.hpp"

namespace pv {

enum class PaletteKind { Sequential, Diverging };

// The default: viridis is perceptually uniform and stays readable for the common colour-vision
// deficiencies and in greyscale print.
inline constexpr std::string_view kDefaultPalette = "viridis";

// ColorBrewer names (sequential: YlOrRd YlGnBu Blues Greens Reds Purples OrRd PuBuGn; diverging:
// RdBu BrBG PiYG RdYlBu Spectral) and "viridis".
std::vector<std::string> palette_names();
bool has_palette(std::string_view name);
// Throws pv::Error naming the palette when it is unknown.
PaletteKind palette_kind(std::string_view name);

// n colours, light to dark for sequential schemes (ColorBrewer order), as published for n classes
// (ColorBrewer designs each n separately; they are not samples of one ramp). "viridis" is sampled
// at i/(n-1), i = 0..n-1. Throws pv::Error naming the palette or the class count (3..9).
std::vector<Rgba> palette(std::string_view name, int classes);

enum class Ramp { Viridis, Magma, Inferno, YlOrRd };
// Colour at t in [0, 1] (clamped; NaN gives the t = 0 colour), linear in sRGB between key points.
Rgba ramp_colour(Ramp ramp, double t);
// "viridis", "magma", "inferno", "YlOrRd"; throws pv::Error naming the text otherwise.
Ramp parse_ramp(std::string_view name);
std::string to_string(Ramp ramp);

}  // namespace pv
