#include "meaning/classify.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "data/error.hpp"

namespace pv {
namespace {

void check_class_count(int classes) {
    if (classes < kMinClasses || classes > kMaxClasses)
        throw Error("class count " + std::to_string(classes) + " is outside " + std::to_string(kMinClasses) +
                    ".." + std::to_string(kMaxClasses));
}

std::vector<double> sorted_finite(std::span<const double> values) {
    std::vector<double> v;
    v.reserve(values.size());
    for (double x : values)
        if (std::isfinite(x)) v.push_back(x);
    std::sort(v.begin(), v.end());
    return v;
}

// Fills class_of / counts / no_data from upper_bounds and lower.
void assign(Classification& c, std::span<const double> values) {
    c.class_of.assign(values.size(), -1);
    c.counts.assign(c.upper_bounds.size(), 0);
    c.no_data = c.out_of_range = 0;
    for (size_t i = 0; i < values.size(); ++i) {
        double v = values[i];
        if (!std::isfinite(v)) {
            ++c.no_data;
            continue;
        }
        int k = class_of_value(c, v);
        if (k < 0) {
            ++c.out_of_range;
            continue;
        }
        c.class_of[i] = k;
        ++c.counts[size_t(k)];
    }
}

// Ties and interpolation can give equal breaks (or two breaks inside one gap between values):
// drop every class that holds no value, so each class drawn in a legend has members.
void drop_empty_classes(Classification& c, std::span<const double> values, int asked) {
    assign(c, values);
    std::vector<double> kept;
    for (size_t i = 0; i < c.upper_bounds.size(); ++i)
        if (c.counts[i] > 0) kept.push_back(c.upper_bounds[i]);
    if (!kept.empty()) kept.back() = c.upper_bounds.back();
    if (kept.size() != c.upper_bounds.size()) {
        c.upper_bounds = kept;
        assign(c, values);
    }
    c.classes_reduced = c.class_count() < asked;
}

Classification empty_result(ClassMethod m, std::span<const double> values, int asked) {
    Classification c;
    c.method = m;
    c.lower = std::numeric_limits<double>::quiet_NaN();
    assign(c, values);
    c.classes_reduced = asked > 0;
    return c;
}

}  // namespace

int class_of_value(const Classification& c, double v) {
    if (!std::isfinite(v) || c.upper_bounds.empty() || v < c.lower || v > c.upper_bounds.back()) return -1;
    auto it = std::lower_bound(c.upper_bounds.begin(), c.upper_bounds.end(), v);
    return int(it - c.upper_bounds.begin());
}

Classification classify_quantile(std::span<const double> values, int classes) {
    check_class_count(classes);
    auto x = sorted_finite(values);
    if (x.empty()) return empty_result(ClassMethod::Quantile, values, classes);
    Classification c;
    c.method = ClassMethod::Quantile;
    c.lower = x.front();
    const size_t n = x.size();
    for (int i = 1; i < classes; ++i) {
        double q = double(i) / classes;
        double a = q * double(n - 1);
        size_t lo = size_t(a);
        double r = a - double(lo);
        double b = lo + 1 < n ? (1 - r) * x[lo] + r * x[lo + 1] : x[lo];
        c.upper_bounds.push_back(b);
    }
    c.upper_bounds.push_back(x.back());
    drop_empty_classes(c, values, classes);
    return c;
}

Classification classify_equal_interval(std::span<const double> values, int classes) {
    check_class_count(classes);
    auto x = sorted_finite(values);
    if (x.empty()) return empty_result(ClassMethod::EqualInterval, values, classes);
    Classification c;
    c.method = ClassMethod::EqualInterval;
    c.lower = x.front();
    double width = (x.back() - x.front()) / classes;
    if (width == 0) {
        c.upper_bounds = {x.back()};  // all values equal: one class
    } else {
        for (int i = 1; i < classes; ++i) c.upper_bounds.push_back(x.front() + width * i);
        c.upper_bounds.push_back(x.back());  // exactly the maximum, whatever the rounding
    }
    assign(c, values);
    c.classes_reduced = c.class_count() < classes;
    return c;
}

Classification classify_natural_breaks(std::span<const double> values, int classes) {
    check_class_count(classes);
    auto x = sorted_finite(values);
    if (x.empty()) return empty_result(ClassMethod::NaturalBreaks, values, classes);

    // Work on distinct values with their multiplicities: ties can never be split between
    // classes, and n shrinks for data with many repeats.
    std::vector<double> d;
    std::vector<double> w;
    for (double v : x) {
        if (d.empty() || v != d.back()) {
            d.push_back(v);
            w.push_back(1);
        } else {
            w.back() += 1;
        }
    }
    const size_t m = d.size();
    const size_t k = std::min<size_t>(size_t(classes), m);

    // Prefix sums of weights, and of centred values (less cancellation in the variance).
    const double centre = d[m / 2];
    std::vector<double> sw(m + 1, 0), s1(m + 1, 0), s2(m + 1, 0);
    for (size_t i = 0; i < m; ++i) {
        double y = d[i] - centre;
        sw[i + 1] = sw[i] + w[i];
        s1[i + 1] = s1[i] + w[i] * y;
        s2[i + 1] = s2[i] + w[i] * y * y;
    }
    // Sum of squared deviations of d[i..j] (inclusive) about their mean.
    auto ssd = [&](size_t i, size_t j) {
        double n = sw[j + 1] - sw[i], a = s1[j + 1] - s1[i], b = s2[j + 1] - s2[i];
        return std::max(0.0, b - a * a / n);
    };

    const double inf = std::numeric_limits<double>::infinity();
    // cost[c][j]: best total SSD of d[0..j] in c+1 classes; start[c][j]: first index of the last class.
    // Flat k x m arrays (row c = c+1 classes).
    std::vector<double> cost_flat(k * m, inf);
    std::vector<size_t> start_flat(k * m, 0);
    auto cost = [&](size_t c) { return cost_flat.data() + c * m; };
    auto start = [&](size_t c) { return start_flat.data() + c * m; };
    for (size_t j = 0; j < m; ++j) cost(0)[j] = ssd(0, j);
    for (size_t c = 1; c < k; ++c) {
        for (size_t j = c; j < m; ++j) {
            for (size_t i = c; i <= j; ++i) {  // last class = d[i..j]
                double total = cost(c - 1)[i - 1] + ssd(i, j);
                if (total < cost(c)[j]) {
                    cost(c)[j] = total;
                    start(c)[j] = i;
                }
            }
        }
    }
    Classification out;
    out.method = ClassMethod::NaturalBreaks;
    out.lower = d.front();
    std::vector<double> uppers(k);
    size_t j = m - 1;
    for (size_t c = k; c-- > 0;) {
        uppers[c] = d[j];
        if (c > 0) j = start(c)[j] - 1;
    }
    out.upper_bounds = std::move(uppers);
    assign(out, values);
    out.classes_reduced = out.class_count() < classes;
    return out;
}

Classification classify_manual(std::span<const double> values, std::span<const double> breaks) {
    if (breaks.size() < 2) throw Error("manual breaks need at least two numbers (got " + std::to_string(breaks.size()) + ")");
    check_class_count(int(breaks.size()) - 1);
    for (size_t i = 0; i < breaks.size(); ++i) {
        if (!std::isfinite(breaks[i]))
            throw Error("manual break " + std::to_string(i + 1) + " is not a finite number");
        if (i > 0 && !(breaks[i] > breaks[i - 1]))
            throw Error("manual break " + std::to_string(i + 1) + " (" + std::to_string(breaks[i]) +
                        ") is not greater than the one before (" + std::to_string(breaks[i - 1]) + ")");
    }
    Classification c;
    c.method = ClassMethod::Manual;
    c.lower = breaks.front();
    c.upper_bounds.assign(breaks.begin() + 1, breaks.end());
    assign(c, values);
    return c;
}

Classification classify(std::span<const double> values, ClassMethod method, int classes,
                        std::span<const double> manual_breaks) {
    switch (method) {
        case ClassMethod::Quantile: return classify_quantile(values, classes);
        case ClassMethod::EqualInterval: return classify_equal_interval(values, classes);
        case ClassMethod::NaturalBreaks: return classify_natural_breaks(values, classes);
        case ClassMethod::Manual: return classify_manual(values, manual_breaks);
    }
    throw Error("unknown classification method");
}

double rank_of(std::span<const double> values, double value) {
    if (!std::isfinite(value)) return std::numeric_limits<double>::quiet_NaN();
    size_t less = 0, equal = 0;
    for (double v : values) {
        if (!std::isfinite(v)) continue;
        if (v < value) ++less;
        else if (v == value) ++equal;
    }
    return double(less) + double(equal + 1) / 2.0;
}

std::string to_string(ClassMethod m) {
    switch (m) {
        case ClassMethod::Quantile: return "quantile";
        case ClassMethod::EqualInterval: return "equal_interval";
        case ClassMethod::NaturalBreaks: return "natural_breaks";
        case ClassMethod::Manual: return "manual";
    }
    return "?";
}

ClassMethod parse_class_method(const std::string& text) {
    if (text == "quantile") return ClassMethod::Quantile;
    if (text == "equal_interval") return ClassMethod::EqualInterval;
    if (text == "natural_breaks" || text == "jenks") return ClassMethod::NaturalBreaks;
    if (text == "manual") return ClassMethod::Manual;
    throw Error("'" + text + "' is not a classification method (quantile, equal_interval, natural_breaks, manual)");
}

}  // namespace pv
