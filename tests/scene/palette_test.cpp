#include <catch2/catch.hpp>

#include "data/error.hpp"
#include "scene/palette.hpp"

using namespace pv;

TEST_CASE("ColorBrewer tables as published", "[palette]") {
    // Spot checks against ColorBrewer 2.0 (colorbrewer2.org): the 5-class YlOrRd used by the
    // peer benchmark, and one row of each family.
    auto ylorrd = palette("YlOrRd", 5);
    REQUIRE(ylorrd.size() == 5);
    CHECK(ylorrd[0] == parse_colour("#ffffb2"));
    CHECK(ylorrd[1] == parse_colour("#fecc5c"));
    CHECK(ylorrd[2] == parse_colour("#fd8d3c"));
    CHECK(ylorrd[3] == parse_colour("#f03b20"));
    CHECK(ylorrd[4] == parse_colour("#bd0026"));
    CHECK(palette("Blues", 9).back() == parse_colour("#08306b"));
    CHECK(palette("RdBu", 3)[1] == parse_colour("#f7f7f7"));
    CHECK(palette("Spectral", 9)[4] == parse_colour("#ffffbf"));
    CHECK(palette("PuBuGn", 7)[4] == parse_colour("#3690c0"));
    CHECK(palette_kind("BrBG") == PaletteKind::Diverging);
    CHECK(palette_kind("OrRd") == PaletteKind::Sequential);
}

TEST_CASE("Every palette gives n opaque colours for 3..9 classes", "[palette]") {
    for (const auto& name : palette_names()) {
        for (int n = 3; n <= 9; ++n) {
            auto p = palette(name, n);
            CHECK(p.size() == size_t(n));
            for (auto c : p) CHECK(c.a == 255);
            // Sequential schemes run light to dark: the first colour is the lightest.
            if (palette_kind(name) == PaletteKind::Sequential && name != "viridis") {
                auto luma = [](Rgba c) { return 0.299 * c.r + 0.587 * c.g + 0.114 * c.b; };
                CHECK(luma(p.front()) > luma(p.back()));
            }
        }
    }
    CHECK_THROWS_WITH(palette("YlOrRd", 10), Catch::Contains("10 classes"));
    CHECK_THROWS_WITH(palette("Rainbow", 5), Catch::Contains("Rainbow"));
}

TEST_CASE("viridis classes and continuous ramps", "[palette]") {
    auto v = palette("viridis", 5);
    CHECK(v.front() == parse_colour("#440154"));
    CHECK(v.back() == parse_colour("#fde725"));
    CHECK(v[2] == ramp_colour(Ramp::Viridis, 0.5));
    // matplotlib viridis entry 128 is #21918c (t = 128/255): the ramp hits key points exactly.
    CHECK(ramp_colour(Ramp::Viridis, 128 / 255.0) == parse_colour("#21918c"));
    // Half-way between two key points, each channel is the mean (rounded).
    Rgba mid = ramp_colour(Ramp::Viridis, 8 / 255.0);
    CHECK(mid == Rgba{0x46, 0x0d, 0x5f, 255});
    CHECK(ramp_colour(Ramp::Magma, 1.0) == parse_colour("#fcfdbf"));
    CHECK(ramp_colour(Ramp::Inferno, 0.0) == parse_colour("#000004"));
    CHECK(ramp_colour(Ramp::YlOrRd, 0.0) == parse_colour("#ffffcc"));
    CHECK(ramp_colour(Ramp::YlOrRd, 1.0) == parse_colour("#800026"));
    CHECK(ramp_colour(Ramp::YlOrRd, 2.0) == parse_colour("#800026"));  // clamped
    CHECK(parse_ramp("magma") == Ramp::Magma);
    CHECK_THROWS_WITH(parse_ramp("jet"), Catch::Contains("jet"));
}

TEST_CASE("parse_colour names the text it cannot read", "[palette]") {
    CHECK(parse_colour("#ff000080") == Rgba{255, 0, 0, 128});
    CHECK_THROWS_AS(parse_colour("red"), Error);
    CHECK_THROWS_WITH(parse_colour("#12345g"), Catch::Contains("#12345g"));
}
