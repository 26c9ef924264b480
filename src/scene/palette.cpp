#include "scene/palette.hpp"

#include <algorithm>
#include <array>
#include <cmath>

#include "data/error.hpp"

namespace pv {
namespace {

// ColorBrewer colour specifications: Cynthia A. Brewer, ColorBrewer 2.0 (colorbrewer2.org),
// Pennsylvania State University; released under the Apache License 2.0 style licence, which asks
// for this acknowledgement: "This product includes color specifications and designs developed by
// Cynthia Brewer (http://colorbrewer.org/)." The hex values are the published tables for 3..9
// classes, written here as concatenated rrggbb triples, one string per class count.
struct BrewerScheme {
    std::string_view name;
    PaletteKind kind;
    std::array<std::string_view, 7> by_count;  // 3..9 classes
};

constexpr BrewerScheme kBrewer[] = {
    {"YlGnBu", PaletteKind::Sequential,
     {"edf8b17fcdbb2c7fb8",
      "ffffcca1dab441b6c4225ea8",
      "ffffcca1dab441b6c42c7fb8253494",
      "ffffccc7e9b47fcdbb41b6c42c7fb8253494",
      "ffffccc7e9b47fcdbb41b6c41d91c0225ea80c2c84",
      "ffffd9edf8b1c7e9b47fcdbb41b6c41d91c0225ea80c2c84",
      "ffffd9edf8b1c7e9b47fcdbb41b6c41d91c0225ea8253494081d58"}},
    {"PuBuGn", PaletteKind::Sequential,
     {"ece2f0a6bddb1c9099",
      "f6eff7bdc9e167a9cf02818a",
      "f6eff7bdc9e167a9cf1c9099016c59",
      "f6eff7d0d1e6a6bddb67a9cf1c9099016c59",
      "f6eff7d0d1e6a6bddb67a9cf3690c002818a016450",
      "fff7fbece2f0d0d1e6a6bddb67a9cf3690c002818a016450",
      "fff7fbece2f0d0d1e6a6bddb67a9cf3690c002818a016c59014636"}},
    {"OrRd", PaletteKind::Sequential,
     {"fee8c8fdbb84e34a33",
      "fef0d9fdcc8afc8d59d7301f",
      "fef0d9fdcc8afc8d59e34a33b30000",
      "fef0d9fdd49efdbb84fc8d59e34a33b30000",
      "fef0d9fdd49efdbb84fc8d59ef6548d7301f990000",
      "fff7ecfee8c8fdd49efdbb84fc8d59ef6548d7301f990000",
      "fff7ecfee8c8fdd49efdbb84fc8d59ef6548d7301fb300007f0000"}},
    {"YlOrRd", PaletteKind::Sequential,
     {"ffeda0feb24cf03b20",
      "ffffb2fecc5cfd8d3ce31a1c",
      "ffffb2fecc5cfd8d3cf03b20bd0026",
      "ffffb2fed976feb24cfd8d3cf03b20bd0026",
      "ffffb2fed976feb24cfd8d3cfc4e2ae31a1cb10026",
      "ffffccffeda0fed976feb24cfd8d3cfc4e2ae31a1cb10026",
      "ffffccffeda0fed976feb24cfd8d3cfc4e2ae31a1cbd0026800026"}},
    {"Purples", PaletteKind::Sequential,
     {"efedf5bcbddc756bb1",
      "f2f0f7cbc9e29e9ac86a51a3",
      "f2f0f7cbc9e29e9ac8756bb154278f",
      "f2f0f7dadaebbcbddc9e9ac8756bb154278f",
      "f2f0f7dadaebbcbddc9e9ac8807dba6a51a34a1486",
      "fcfbfdefedf5dadaebbcbddc9e9ac8807dba6a51a34a1486",
      "fcfbfdefedf5dadaebbcbddc9e9ac8807dba6a51a354278f3f007d"}},
    {"Blues", PaletteKind::Sequential,
     {"deebf79ecae13182bd",
      "eff3ffbdd7e76baed62171b5",
      "eff3ffbdd7e76baed63182bd08519c",
      "eff3ffc6dbef9ecae16baed63182bd08519c",
      "eff3ffc6dbef9ecae16baed64292c62171b5084594",
      "f7fbffdeebf7c6dbef9ecae16baed64292c62171b5084594",
      "f7fbffdeebf7c6dbef9ecae16baed64292c62171b508519c08306b"}},
    {"Greens", PaletteKind::Sequential,
     {"e5f5e0a1d99b31a354",
      "edf8e9bae4b374c476238b45",
      "edf8e9bae4b374c47631a354006d2c",
      "edf8e9c7e9c0a1d99b74c47631a354006d2c",
      "edf8e9c7e9c0a1d99b74c47641ab5d238b45005a32",
      "f7fcf5e5f5e0c7e9c0a1d99b74c47641ab5d238b45005a32",
      "f7fcf5e5f5e0c7e9c0a1d99b74c47641ab5d238b45006d2c00441b"}},
    {"Reds", PaletteKind::Sequential,
     {"fee0d2fc9272de2d26",
      "fee5d9fcae91fb6a4acb181d",
      "fee5d9fcae91fb6a4ade2d26a50f15",
      "fee5d9fcbba1fc9272fb6a4ade2d26a50f15",
      "fee5d9fcbba1fc9272fb6a4aef3b2ccb181d99000d",
      "fff5f0fee0d2fcbba1fc9272fb6a4aef3b2ccb181d99000d",
      "fff5f0fee0d2fcbba1fc9272fb6a4aef3b2ccb181da50f1567000d"}},
    {"BrBG", PaletteKind::Diverging,
     {"d8b365f5f5f55ab4ac",
      "a6611adfc27d80cdc1018571",
      "a6611adfc27df5f5f580cdc1018571",
      "8c510ad8b365f6e8c3c7eae55ab4ac01665e",
      "8c510ad8b365f6e8c3f5f5f5c7eae55ab4ac01665e",
      "8c510abf812ddfc27df6e8c3c7eae580cdc135978f01665e",
      "8c510abf812ddfc27df6e8c3f5f5f5c7eae580cdc135978f01665e"}},
    {"PiYG", PaletteKind::Diverging,
     {"e9a3c9f7f7f7a1d76a",
      "d01c8bf1b6dab8e1864dac26",
      "d01c8bf1b6daf7f7f7b8e1864dac26",
      "c51b7de9a3c9fde0efe6f5d0a1d76a4d9221",
      "c51b7de9a3c9fde0eff7f7f7e6f5d0a1d76a4d9221",
      "c51b7dde77aef1b6dafde0efe6f5d0b8e1867fbc414d9221",
      "c51b7dde77aef1b6dafde0eff7f7f7e6f5d0b8e1867fbc414d9221"}},
    {"RdBu", PaletteKind::Diverging,
     {"ef8a62f7f7f767a9cf",
      "ca0020f4a58292c5de0571b0",
      "ca0020f4a582f7f7f792c5de0571b0",
      "b2182bef8a62fddbc7d1e5f067a9cf2166ac",
      "b2182bef8a62fddbc7f7f7f7d1e5f067a9cf2166ac",
      "b2182bd6604df4a582fddbc7d1e5f092c5de4393c32166ac",
      "b2182bd6604df4a582fddbc7f7f7f7d1e5f092c5de4393c32166ac"}},
    {"RdYlBu", PaletteKind::Diverging,
     {"fc8d59ffffbf91bfdb",
      "d7191cfdae61abd9e92c7bb6",
      "d7191cfdae61ffffbfabd9e92c7bb6",
      "d73027fc8d59fee090e0f3f891bfdb4575b4",
      "d73027fc8d59fee090ffffbfe0f3f891bfdb4575b4",
      "d73027f46d43fdae61fee090e0f3f8abd9e974add14575b4",
      "d73027f46d43fdae61fee090ffffbfe0f3f8abd9e974add14575b4"}},
    {"Spectral", PaletteKind::Diverging,
     {"fc8d59ffffbf99d594",
      "d7191cfdae61abdda42b83ba",
      "d7191cfdae61ffffbfabdda42b83ba",
      "d53e4ffc8d59fee08be6f59899d5943288bd",
      "d53e4ffc8d59fee08bffffbfe6f59899d5943288bd",
      "d53e4ff46d43fdae61fee08be6f598abdda466c2a53288bd",
      "d53e4ff46d43fdae61fee08bffffbfe6f598abdda466c2a53288bd"}},
};

struct KeyPoint {
    double t;
    std::string_view hex;
};

// Key points of matplotlib's viridis / magma / inferno colormaps (Stéfan van der Walt and
// Nathaniel Smith, 2015; CC0): entries 0, 16, ..., 240 and 255 of the 256-entry tables, at
// t = index / 255. Linear interpolation between them stays within a few 1/255 of the full table.
constexpr KeyPoint kViridis[] = {
    {0 / 255.0, "440154"},   {16 / 255.0, "48186a"},  {32 / 255.0, "472d7b"},  {48 / 255.0, "424086"},
    {64 / 255.0, "3b528b"},  {80 / 255.0, "33638d"},  {96 / 255.0, "2c728e"},  {112 / 255.0, "26828e"},
    {128 / 255.0, "21918c"}, {144 / 255.0, "1fa088"}, {160 / 255.0, "28ae80"}, {176 / 255.0, "3fbc73"},
    {192 / 255.0, "5ec962"}, {208 / 255.0, "84d44b"}, {224 / 255.0, "addc30"}, {240 / 255.0, "d8e219"},
    {255 / 255.0, "fde725"}};
constexpr KeyPoint kMagma[] = {
    {0 / 255.0, "000004"},   {16 / 255.0, "0a0822"},  {32 / 255.0, "1d1147"},  {48 / 255.0, "36106b"},
    {64 / 255.0, "51127c"},  {80 / 255.0, "6a1c81"},  {96 / 255.0, "832681"},  {112 / 255.0, "9c2e7f"},
    {128 / 255.0, "b73779"}, {144 / 255.0, "d0416f"}, {160 / 255.0, "e75263"}, {176 / 255.0, "f56b5c"},
    {192 / 255.0, "fc8961"}, {208 / 255.0, "fea772"}, {224 / 255.0, "fec488"}, {240 / 255.0, "fde2a3"},
    {255 / 255.0, "fcfdbf"}};
constexpr KeyPoint kInferno[] = {
    {0 / 255.0, "000004"},   {16 / 255.0, "0b0724"},  {32 / 255.0, "210c4a"},  {48 / 255.0, "3d0965"},
    {64 / 255.0, "57106e"},  {80 / 255.0, "71196e"},  {96 / 255.0, "8a226a"},  {112 / 255.0, "a32c61"},
    {128 / 255.0, "bc3754"}, {144 / 255.0, "d24644"}, {160 / 255.0, "e45a31"}, {176 / 255.0, "f1731d"},
    {192 / 255.0, "f98e09"}, {208 / 255.0, "fcac11"}, {224 / 255.0, "f9cb35"}, {240 / 255.0, "f2ea69"},
    {255 / 255.0, "fcffa4"}};

uint8_t hex_byte(std::string_view s, size_t at) {
    auto nibble = [](char c) { return c <= '9' ? c - '0' : c - 'a' + 10; };
    return uint8_t(nibble(s[at]) * 16 + nibble(s[at + 1]));
}
Rgba from_hex6(std::string_view s, size_t at = 0) {
    return {hex_byte(s, at), hex_byte(s, at + 2), hex_byte(s, at + 4), 255};
}

const BrewerScheme* find_brewer(std::string_view name) {
    for (const auto& s : kBrewer)
        if (s.name == name) return &s;
    return nullptr;
}

void check_classes(std::string_view name, int classes) {
    if (classes < 3 || classes > 9)
        throw Error("palette '" + std::string(name) + "': " + std::to_string(classes) +
                    " classes asked for, 3 to 9 are available");
}

Rgba mix(Rgba a, Rgba b, double f) {
    auto lerp = [f](uint8_t x, uint8_t y) { return uint8_t(std::lround(x + (double(y) - x) * f)); };
    return {lerp(a.r, b.r), lerp(a.g, b.g), lerp(a.b, b.b), 255};
}

template <size_t N>
Rgba sample(const KeyPoint (&keys)[N], double t) {
    if (!(t > 0)) return from_hex6(keys[0].hex);  // also NaN
    if (t >= 1) return from_hex6(keys[N - 1].hex);
    size_t i = 1;
    while (i < N - 1 && keys[i].t < t) ++i;
    double f = (t - keys[i - 1].t) / (keys[i].t - keys[i - 1].t);
    return mix(from_hex6(keys[i - 1].hex), from_hex6(keys[i].hex), f);
}

// YlOrRd as a continuous ramp: the 9-class ColorBrewer colours at equal spacing.
Rgba sample_brewer9(std::string_view name, double t) {
    std::string_view hex = find_brewer(name)->by_count[6];
    if (!(t > 0)) return from_hex6(hex, 0);
    if (t >= 1) return from_hex6(hex, 8 * 6);
    double pos = t * 8;
    size_t i = std::min<size_t>(size_t(pos), 7);
    return mix(from_hex6(hex, i * 6), from_hex6(hex, (i + 1) * 6), pos - double(i));
}

}  // namespace

std::vector<std::string> palette_names() {
    std::vector<std::string> out{std::string(kDefaultPalette)};
    for (const auto& s : kBrewer) out.emplace_back(s.name);
    return out;
}

bool has_palette(std::string_view name) { return name == "viridis" || find_brewer(name) != nullptr; }

PaletteKind palette_kind(std::string_view name) {
    if (name == "viridis") return PaletteKind::Sequential;
    if (auto* s = find_brewer(name)) return s->kind;
    throw Error("unknown palette '" + std::string(name) + "'");
}

std::vector<Rgba> palette(std::string_view name, int classes) {
    if (!has_palette(name)) throw Error("unknown palette '" + std::string(name) + "'");
    check_classes(name, classes);
    std::vector<Rgba> out;
    if (name == "viridis") {
        for (int i = 0; i < classes; ++i) out.push_back(sample(kViridis, double(i) / (classes - 1)));
        return out;
    }
    std::string_view hex = find_brewer(name)->by_count[size_t(classes - 3)];
    for (int i = 0; i < classes; ++i) out.push_back(from_hex6(hex, size_t(i) * 6));
    return out;
}

Rgba ramp_colour(Ramp ramp, double t) {
    switch (ramp) {
        case Ramp::Viridis: return sample(kViridis, t);
        case Ramp::Magma: return sample(kMagma, t);
        case Ramp::Inferno: return sample(kInferno, t);
        case Ramp::YlOrRd: return sample_brewer9("YlOrRd", t);
    }
    return {};
}

Ramp parse_ramp(std::string_view name) {
    if (name == "viridis") return Ramp::Viridis;
    if (name == "magma") return Ramp::Magma;
    if (name == "inferno") return Ramp::Inferno;
    if (name == "YlOrRd") return Ramp::YlOrRd;
    throw Error("unknown colour ramp '" + std::string(name) + "' (viridis, magma, inferno, YlOrRd)");
}

std::string to_string(Ramp ramp) {
    switch (ramp) {
        case Ramp::Viridis: return "viridis";
        case Ramp::Magma: return "magma";
        case Ramp::Inferno: return "inferno";
        case Ramp::YlOrRd: return "YlOrRd";
    }
    return "?";
}

}  // namespace pv
