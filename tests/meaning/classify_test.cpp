#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>
#include <random>
#include <vector>

#include "data/error.hpp"
#include "meaning/classify.hpp"

using namespace pv;

namespace {
const double kNaN = std::numeric_limits<double>::quiet_NaN();
const double kInf = std::numeric_limits<double>::infinity();

// The 119 county-level GB/T 2260 codes of Shanxi in 2015 (before the 2018-2019 changes in
// 大同, 长治, 晋中 and others).
const int kShanxiCounties2015[] = {
    140105, 140106, 140107, 140108, 140109, 140110, 140121, 140122, 140123, 140181, 140202, 140203, 140211,
    140212, 140221, 140222, 140223, 140224, 140225, 140226, 140227, 140302, 140303, 140311, 140321, 140322,
    140402, 140411, 140421, 140423, 140424, 140425, 140426, 140427, 140428, 140429, 140430, 140431, 140481,
    140502, 140521, 140522, 140524, 140525, 140581, 140602, 140603, 140621, 140622, 140623, 140624, 140702,
    140721, 140722, 140723, 140724, 140725, 140726, 140727, 140728, 140729, 140781, 140802, 140821, 140822,
    140823, 140824, 140825, 140826, 140827, 140828, 140829, 140830, 140881, 140882, 140902, 140921, 140922,
    140923, 140924, 140925, 140926, 140927, 140928, 140929, 140930, 140931, 140932, 140981, 141002, 141021,
    141022, 141023, 141024, 141025, 141026, 141027, 141028, 141029, 141030, 141031, 141032, 141033, 141034,
    141081, 141082, 141102, 141121, 141122, 141123, 141124, 141125, 141126, 141127, 141128, 141129, 141130,
    141181, 141182};

double total_ssd(const std::vector<double>& v, const Classification& c) {
    std::vector<double> sum(c.upper_bounds.size()), sq(c.upper_bounds.size()), n(c.upper_bounds.size());
    for (size_t i = 0; i < v.size(); ++i) {
        int k = c.class_of[i];
        sum[size_t(k)] += v[i], sq[size_t(k)] += v[i] * v[i], n[size_t(k)] += 1;
    }
    double s = 0;
    for (size_t k = 0; k < n.size(); ++k)
        if (n[k] > 0) s += sq[k] - sum[k] * sum[k] / n[k];
    return s;
}

// Exhaustive search over every split of the sorted values into k contiguous non-empty classes.
double brute_force_min_ssd(std::vector<double> v, int k) {
    std::sort(v.begin(), v.end());
    double best = kInf;
    const int n = int(v.size());
    std::vector<int> cut(size_t(k - 1));
    std::function<void(int, int)> rec = [&](int idx, int from) {
        if (idx == k - 1) {
            double s = 0;
            int lo = 0;
            for (int c = 0; c < k; ++c) {
                int hi = c < k - 1 ? cut[size_t(c)] : n;
                double sum = 0, sq = 0;
                for (int i = lo; i < hi; ++i) sum += v[size_t(i)], sq += v[size_t(i)] * v[size_t(i)];
                s += sq - sum * sum / (hi - lo);
                lo = hi;
            }
            best = std::min(best, s);
            return;
        }
        for (int c = from; c <= n - (k - 1 - idx); ++c) {
            cut[size_t(idx)] = c;
            rec(idx + 1, c + 1);
        }
    };
    rec(0, 1);
    return best;
}
}  // namespace

TEST_CASE("Quantile breaks reproduce QGIS QgsClassificationQuantile on the peer benchmark", "[classify]") {
    // shared/peers: QGIS 3.22, Mapnik and GDAL exports all use 5 quantile classes on value =
    // code % 97 over the 119 Shanxi county codes of 2015, breaks 16 / 47 / 64.2 / 75.8 / 83.4 / 93.
    std::vector<double> v;
    for (int code : kShanxiCounties2015) v.push_back(double(code % 97));
    REQUIRE(v.size() == 119);
    auto c = classify_quantile(v, 5);
    CHECK(c.lower == 16);
    REQUIRE(c.upper_bounds.size() == 5);
    CHECK(c.upper_bounds[0] == Approx(47));
    CHECK(c.upper_bounds[1] == Approx(64.2));
    CHECK(c.upper_bounds[2] == Approx(75.8));
    CHECK(c.upper_bounds[3] == Approx(83.4));
    CHECK(c.upper_bounds[4] == 93);
    CHECK(c.no_data == 0);
    size_t total = 0;
    for (auto n : c.counts) total += n;
    CHECK(total == 119);
}

TEST_CASE("Quantile: interpolation at q*(n-1), ties merged, degenerate inputs", "[classify]") {
    SECTION("plain") {
        std::vector<double> v{1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
        auto c = classify_quantile(v, 3);
        // a = 1/3 * 9 = 3 -> x[3] = 4; a = 2/3 * 9 = 6 -> x[6] = 7
        CHECK(c.upper_bounds == std::vector<double>{4, 7, 10});
        CHECK(c.counts == std::vector<size_t>{4, 3, 3});
        CHECK(c.class_of[0] == 0);
        CHECK(c.class_of[3] == 0);  // 4 <= 4: upper bounds are inclusive
        CHECK(c.class_of[4] == 1);
    }
    SECTION("ties: equal breaks are merged and every class has members") {
        std::vector<double> v{1, 1, 1, 1, 1, 1, 2, 3};
        auto c = classify_quantile(v, 4);
        CHECK(c.classes_reduced);
        CHECK(c.class_count() < 4);
        for (auto n : c.counts) CHECK(n > 0);
        CHECK(c.class_of[0] == 0);
        CHECK(c.class_of[7] == c.class_count() - 1);
    }
    SECTION("fewer distinct values than classes") {
        std::vector<double> v{5, 9};
        auto c = classify_quantile(v, 5);
        CHECK(c.class_count() == 2);
        CHECK(c.classes_reduced);
        CHECK(c.class_of == std::vector<int>{0, 1});
    }
    SECTION("all values equal") {
        std::vector<double> v{3, 3, 3, 3};
        auto c = classify_quantile(v, 4);
        CHECK(c.class_count() == 1);
        CHECK(c.lower == 3);
        CHECK(c.counts == std::vector<size_t>{4});
    }
    SECTION("NaN and infinities are no data, excluded from the breaks") {
        std::vector<double> v{kNaN, 1, 2, kInf, 3, 4, -kInf, 5, 6};
        auto c = classify_quantile(v, 3);
        CHECK(c.no_data == 3);
        CHECK(c.class_of[0] == -1);
        CHECK(c.class_of[3] == -1);
        CHECK(c.class_of[6] == -1);
        CHECK(c.lower == 1);
        CHECK(c.upper_bounds.back() == 6);
        size_t total = 0;
        for (auto n : c.counts) total += n;
        CHECK(total == 6);
    }
    SECTION("nothing but no data") {
        std::vector<double> v{kNaN, kInf};
        auto c = classify_quantile(v, 3);
        CHECK(c.class_count() == 0);
        CHECK(c.no_data == 2);
        CHECK(c.class_of == std::vector<int>{-1, -1});
    }
    SECTION("class counts outside 3..9 are refused") {
        std::vector<double> v{1, 2, 3};
        CHECK_THROWS_AS(classify_quantile(v, 2), Error);
        CHECK_THROWS_AS(classify_quantile(v, 10), Error);
    }
}

TEST_CASE("Natural breaks: published jenkspy example and exhaustive optimum", "[classify]") {
    SECTION("jenkspy (github.com/mthh/jenkspy) jenks_breaks docstring: 3 classes -> 1.2, 2.3, 5.0, 7.8") {
        // Hand-checked by enumerating all 55 splits of the 12 sorted values: the minimum total
        // within-class sum of squares is 1.6955, for {1.2 1.3 2.3} {3.9 .. 5.0} {7.1 .. 7.8}.
        std::vector<double> v{1.3, 7.1, 7.3, 2.3, 3.9, 4.1, 7.8, 1.2, 4.3, 7.3, 5.0, 4.3};
        auto c = classify_natural_breaks(v, 3);
        CHECK(c.lower == 1.2);
        CHECK(c.upper_bounds == std::vector<double>{2.3, 5.0, 7.8});
        CHECK(total_ssd(v, c) == Approx(1.6955));
        CHECK(c.counts == std::vector<size_t>{3, 5, 4});
    }
    SECTION("matches exhaustive search on random data") {
        std::mt19937 rng(42);
        std::uniform_real_distribution<double> dist(0, 100);
        for (int trial = 0; trial < 20; ++trial) {
            std::vector<double> v(12);
            for (auto& x : v) x = std::round(dist(rng));
            int k = 3 + trial % 3;
            auto c = classify_natural_breaks(v, k);
            if (c.class_count() == k) CHECK(total_ssd(v, c) == Approx(brute_force_min_ssd(v, k)).margin(1e-9));
        }
    }
    SECTION("ties are never split, fewer distinct values reduce the classes") {
        std::vector<double> v{1, 1, 1, 2, 2, 9, kNaN};
        auto c = classify_natural_breaks(v, 4);
        CHECK(c.class_count() == 3);
        CHECK(c.classes_reduced);
        CHECK(c.upper_bounds == std::vector<double>{1, 2, 9});
        CHECK(c.no_data == 1);
        auto same = classify_natural_breaks(std::vector<double>{4, 4, 4}, 3);
        CHECK(same.class_count() == 1);
    }
}

TEST_CASE("Equal interval and manual breaks", "[classify]") {
    std::vector<double> v{0, 1, 2, 5, 9, 10, kNaN};
    auto e = classify_equal_interval(v, 5);
    CHECK(e.upper_bounds == std::vector<double>{2, 4, 6, 8, 10});
    CHECK(e.counts == std::vector<size_t>{3, 0, 1, 0, 2});  // empty classes are legitimate here
    CHECK(e.no_data == 1);
    CHECK(classify_equal_interval(std::vector<double>{7, 7}, 4).class_count() == 1);

    std::vector<double> b{0, 3, 6, 10};
    auto m = classify_manual(v, b);
    CHECK(m.class_of == std::vector<int>{0, 0, 0, 1, 2, 2, -1});
    CHECK(m.no_data == 1);
    auto outside = classify_manual(std::vector<double>{-1, 11, 4}, b);
    CHECK(outside.class_of == std::vector<int>{-1, -1, 1});
    CHECK(outside.out_of_range == 2);
    std::vector<double> bad{0, 3, 3, 10};
    CHECK_THROWS_WITH(classify_manual(v, bad), Catch::Contains("manual break 3"));
    std::vector<double> too_few{0, 3, 10};
    CHECK_THROWS_AS(classify_manual(v, too_few), Error);
    CHECK(classify(v, ClassMethod::Manual, 3, b).class_count() == 3);
    CHECK(parse_class_method("jenks") == ClassMethod::NaturalBreaks);
    CHECK_THROWS_WITH(parse_class_method("kmeans"), Catch::Contains("kmeans"));
}

TEST_CASE("Rank of a value uses mid-ranks for ties", "[classify]") {
    std::vector<double> v{10, 20, 20, 30, kNaN};
    CHECK(rank_of(v, 10) == 1);
    CHECK(rank_of(v, 20) == 2.5);
    CHECK(rank_of(v, 30) == 4);
    CHECK(rank_of(v, 25) == 3.5);
    CHECK(std::isnan(rank_of(v, kNaN)));
    auto c = classify_quantile(v, 3);
    CHECK(class_of_value(c, 10) == 0);
    CHECK(class_of_value(c, 31) == -1);
    CHECK(class_of_value(c, kInf) == -1);
}
