// Classing indicator values for choropleth / heat maps: quantile, equal interval, natural breaks
// (exact Fisher-Jenks) and manual breaks. Pure functions, no rendering.
#pragma once
#include <cstddef>
#include <span>
#include <string>
#include <vector>

namespace pv {

enum class ClassMethod { Quantile, EqualInterval, NaturalBreaks, Manual };

inline constexpr int kMinClasses = 3;
inline constexpr int kMaxClasses = 9;

// Class i holds the values v with upper_bounds[i-1] < v <= upper_bounds[i]; class 0 holds
// lower <= v <= upper_bounds[0]. The last upper bound is the largest finite value (manual
// breaks: whatever was given). Values that are NaN or infinite are "no data" (class -1).
struct Classification {
    ClassMethod method = ClassMethod::Quantile;
    double lower = 0;                   // smallest finite value (manual: the first break given)
    std::vector<double> upper_bounds;   // one per class, non-decreasing
    std::vector<int> class_of;          // one per input value; -1 = no data / outside manual range
    std::vector<size_t> counts;         // values per class
    size_t no_data = 0;                 // NaN and +-inf inputs
    size_t out_of_range = 0;            // finite values outside manual breaks (also class -1)
    // Fewer distinct values than classes asked for: classes were merged (upper_bounds is shorter).
    bool classes_reduced = false;

    int class_count() const { return int(upper_bounds.size()); }
};

// Quantile breaks: the definition QGIS uses (QgsClassificationQuantile, QGIS 3.x): with the n
// finite values sorted x[0..n-1], break i of k is the linear interpolation at position
// a = (i/k)*(n-1): x[floor a] + (a - floor a) * (x[floor a + 1] - x[floor a]) (Hyndman & Fan
// type 7, the R/numpy default); the last upper bound is the maximum. Equal breaks produced by
// ties are merged, so a class is never empty by construction.
Classification classify_quantile(std::span<const double> values, int classes);
// k classes of equal width between the smallest and the largest finite value.
Classification classify_equal_interval(std::span<const double> values, int classes);
// Natural breaks: exact Fisher-Jenks optimisation by dynamic programming (minimises the total
// within-class sum of squared deviations), O(k n^2) on the sorted finite values.
Classification classify_natural_breaks(std::span<const double> values, int classes);
// Manual breaks b[0] < b[1] < ... < b[k]: class i = (b[i], b[i+1]] (the first also holds b[0]).
// Throws pv::Error when the breaks are not strictly increasing finite numbers or give a class
// count outside 3..9 (message names the offending break).
Classification classify_manual(std::span<const double> values, std::span<const double> breaks);

// Dispatch by method; manual_breaks is used only for ClassMethod::Manual. classes outside 3..9
// throws pv::Error.
Classification classify(std::span<const double> values, ClassMethod method, int classes,
                        std::span<const double> manual_breaks = {});

// Class of any value under an existing classification (-1 = no data or outside the range).
int class_of_value(const Classification& c, double value);

// 1-based rank of value among the finite values: (count of values < value) + (count of values
// == value + 1) / 2, so ties share the mean of their ranks (e.g. 2.5) and a value that is not in
// the set falls half-way between its neighbours. NaN when value is not finite.
double rank_of(std::span<const double> values, double value);

std::string to_string(ClassMethod m);
// "quantile", "equal_interval", "natural_breaks"/"jenks", "manual"; throws pv::Error naming the text.
ClassMethod parse_class_method(const std::string& text);

}  // namespace pv
