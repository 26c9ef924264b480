// Greedy label placement: highest priority first, then the order given; a label is dropped if
// its box (plus padding) overlaps one already placed or leaves the page. Pure: no GL, no fonts.
#pragma once
#include <cstddef>
#include <vector>

namespace pv {

struct LabelBox {
    float x0, y0, x1, y1;  // pixels
    int priority = 0;
    size_t id = 0;  // the caller's handle
};

// Returns the ids of the placed labels, in placement order.
std::vector<size_t> place_labels(std::vector<LabelBox> boxes, float padding, float page_w, float page_h);

bool boxes_overlap(const LabelBox& a, const LabelBox& b, float padding);

}  // namespace pv
