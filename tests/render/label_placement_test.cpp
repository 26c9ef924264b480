#include <catch2/catch.hpp>

#include "render/label_placement.hpp"

using namespace pv;

TEST_CASE("labels never overlap and the higher priority wins", "[labels]") {
    std::vector<LabelBox> boxes = {
        {10, 10, 60, 30, 0, 1},    // county
        {40, 20, 100, 40, 10, 2},  // prefecture, overlapping the county
        {200, 10, 250, 30, 0, 3},  // alone
        {-5, 10, 20, 30, 20, 4},   // off the page
    };
    auto placed = place_labels(boxes, 2, 400, 300);
    REQUIRE(placed == std::vector<size_t>{2, 3});
}

TEST_CASE("padding keeps labels apart; order breaks ties", "[labels]") {
    std::vector<LabelBox> boxes = {{0, 0, 10, 10, 0, 1}, {11, 0, 20, 10, 0, 2}, {30, 0, 40, 10, 0, 3}};
    CHECK(place_labels(boxes, 0, 100, 100).size() == 3);
    CHECK(place_labels(boxes, 2, 100, 100) == std::vector<size_t>{1, 3});
}

TEST_CASE("placement of many labels stays collision-free", "[labels]") {
    std::vector<LabelBox> boxes;
    for (size_t i = 0; i < 2000; ++i) {
        float x = float((i * 7919) % 1000), y = float((i * 104729) % 700);
        boxes.push_back({x, y, x + 40, y + 14, int(i % 3), i});
    }
    auto placed = place_labels(boxes, 1, 1100, 800);
    REQUIRE(placed.size() > 50);
    for (size_t a = 0; a < placed.size(); ++a)
        for (size_t b = a + 1; b < placed.size(); ++b)
            CHECK_FALSE(boxes_overlap(boxes[placed[a]], boxes[placed[b]], 1));
}
