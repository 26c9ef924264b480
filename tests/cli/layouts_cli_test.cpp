#include <catch2/catch.hpp>

#include <filesystem>

#include "../test_support.hpp"

TEST_CASE("export --layouts adds plan layouts; a bad reference fails with no file left", "[cli][layouts]") {
    auto dir = pvtest::temp_dir("cli-layouts");
    auto good = dir / "good.png", bad = dir / "bad.png";
    auto ok = pvtest::run_planview("export --layouts 004/yizhu-sanfu-liushi,000 --size 400x500 -o '" + good.string() + "'");
    INFO(ok.output);
    CHECK(ok.status == 0);
    CHECK(std::filesystem::exists(good));
    auto r = pvtest::run_planview("export --layouts 004/nope -o '" + bad.string() + "'");
    CHECK(r.status == 1);
    CHECK_THAT(r.output, Catch::Contains("--layouts: no layout 'nope' in 004_shanxi_14th_fyp.toml"));
    CHECK(!std::filesystem::exists(bad));
}
