#include "render/label_placement.hpp"

#include <algorithm>
#include <cmath>
#include <unordered_map>

namespace pv {

bool boxes_overlap(const LabelBox& a, const LabelBox& b, float padding) {
    return !(a.x1 + padding <= b.x0 || b.x1 + padding <= a.x0 || a.y1 + padding <= b.y0 || b.y1 + padding <= a.y0);
}

std::vector<size_t> place_labels(std::vector<LabelBox> boxes, float padding, float page_w, float page_h) {
    std::stable_sort(boxes.begin(), boxes.end(), [](const LabelBox& a, const LabelBox& b) { return a.priority > b.priority; });
    // A uniform grid of cells holding placed boxes keeps this near linear for thousands of labels.
    const float cell = 64;
    std::unordered_map<long long, std::vector<size_t>> grid;  // cell -> index into placed
    std::vector<LabelBox> placed;
    std::vector<size_t> ids;
    auto key = [](long long i, long long j) { return (i << 32) ^ (j & 0xffffffffLL); };
    for (const auto& b : boxes) {
        if (b.x0 < 0 || b.y0 < 0 || b.x1 > page_w || b.y1 > page_h) continue;
        long long i0 = std::lround(std::floor((b.x0 - padding) / cell)), i1 = std::lround(std::floor((b.x1 + padding) / cell));
        long long j0 = std::lround(std::floor((b.y0 - padding) / cell)), j1 = std::lround(std::floor((b.y1 + padding) / cell));
        bool clash = false;
        for (long long i = i0; i <= i1 && !clash; ++i)
            for (long long j = j0; j <= j1 && !clash; ++j) {
                auto it = grid.find(key(i, j));
                if (it == grid.end()) continue;
                for (size_t k : it->second)
                    if (boxes_overlap(b, placed[k], padding)) {
                        clash = true;
                        break;
                    }
            }
        if (clash) continue;
        for (long long i = i0; i <= i1; ++i)
            for (long long j = j0; j <= j1; ++j) grid[key(i, j)].push_back(placed.size());
        placed.push_back(b);
        ids.push_back(b.id);
    }
    return ids;
}

}  // namespace pv
