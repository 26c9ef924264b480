#include "data/projection.hpp"

#include <proj.h>

#include <cmath>
#include <exception>
#include <thread>
#include <vector>

#include "data/error.hpp"

namespace pv {

std::string proj_definition(ProjectionKind kind) {
    switch (kind) {
        case ProjectionKind::Albers:
            return "+proj=aea +lat_0=37.5 +lon_0=112.5 +lat_1=35 +lat_2=40 +datum=WGS84 +units=m +no_defs +type=crs";
        case ProjectionKind::WebMercator:
            return "EPSG:3857";
    }
    return {};
}

std::string projection_name(ProjectionKind kind) {
    return kind == ProjectionKind::Albers ? "Albers equal-area (112.5°E, 35°/40°N)" : "Web Mercator (EPSG:3857)";
}

ProjectionKind parse_projection(std::string_view text) {
    if (text == "albers" || text == "aea") return ProjectionKind::Albers;
    if (text == "webmercator" || text == "mercator" || text == "3857" || text == "EPSG:3857")
        return ProjectionKind::WebMercator;
    throw Error("unknown projection '" + std::string(text) + "' (use albers or webmercator)");
}

struct Projector::Impl {
    std::string definition;
    PJ_CONTEXT* ctx = nullptr;
    PJ* pj = nullptr;
};

static std::string last_proj_error(PJ_CONTEXT* ctx) {
    const char* e = proj_context_errno_string(ctx, proj_context_errno(ctx));
    return e ? e : "unknown PROJ error";
}

Projector::Projector(const std::string& target_crs) : impl_(std::make_unique<Impl>()) {
    impl_->definition = target_crs;
    impl_->ctx = proj_context_create();
    proj_log_level(impl_->ctx, PJ_LOG_NONE);
    PJ* raw = proj_create_crs_to_crs(impl_->ctx, "EPSG:4326", target_crs.c_str(), nullptr);
    if (!raw) {
        std::string err = last_proj_error(impl_->ctx);
        proj_context_destroy(impl_->ctx);
        throw Error("cannot set up projection '" + target_crs + "': " + err);
    }
    // Always lon/lat order, whatever the CRS axis order says.
    impl_->pj = proj_normalize_for_visualization(impl_->ctx, raw);
    proj_destroy(raw);
    if (!impl_->pj) {
        proj_context_destroy(impl_->ctx);
        throw Error("cannot normalise projection '" + target_crs + "'");
    }
}

Projector::Projector(ProjectionKind kind) : Projector(proj_definition(kind)) {}

Projector::~Projector() {
    if (impl_) {
        proj_destroy(impl_->pj);
        proj_context_destroy(impl_->ctx);
    }
}

static void transform(PJ* pj, PJ_DIRECTION dir, std::span<Vec2> pts) {
    if (pts.empty()) return;
    proj_trans_generic(pj, dir, &pts[0].x, sizeof(Vec2), pts.size(), &pts[0].y, sizeof(Vec2), pts.size(),
                       nullptr, 0, 0, nullptr, 0, 0);
    for (auto& p : pts)
        if (p.x == HUGE_VAL || p.y == HUGE_VAL || !std::isfinite(p.x) || !std::isfinite(p.y))
            p = {std::nan(""), std::nan("")};
}

void Projector::forward(std::span<Vec2> points) const { transform(impl_->pj, PJ_FWD, points); }
void Projector::inverse(std::span<Vec2> points) const { transform(impl_->pj, PJ_INV, points); }
Vec2 Projector::forward(Vec2 p) const {
    forward(std::span<Vec2>(&p, 1));
    return p;
}
Vec2 Projector::inverse(Vec2 p) const {
    inverse(std::span<Vec2>(&p, 1));
    return p;
}

double Projector::scale_factor_at(Vec2 lonlat) const {
    // Measured numerically along the parallel: works for any CRS, unlike proj_factors which
    // needs a bare projection rather than a normalised CRS-to-CRS pipeline.
    const double dlon = 0.01;
    Vec2 a = forward(lonlat), b = forward(Vec2{lonlat.x + dlon, lonlat.y});
    double map_m = std::hypot(b.x - a.x, b.y - a.y);
    // Length of the parallel arc on the WGS84 ellipsoid: N(phi) cos(phi) dlambda.
    const double semi_major = 6378137.0, e2 = 0.00669437999014;
    double phi = lonlat.y * M_PI / 180.0;
    double N = semi_major / std::sqrt(1 - e2 * std::sin(phi) * std::sin(phi));
    double ground_m = dlon * M_PI / 180.0 * N * std::cos(phi);
    return map_m / ground_m;
}

const std::string& Projector::definition() const { return impl_->definition; }

void project_layer(Layer& layer, const Projector& projector) {
    // Batched: gather, transform, scatter. Large layers are split over two threads, each with
    // its own PROJ context (a context is not shared between threads).
    std::vector<Vec2> all;
    all.reserve(layer.vertex_count() + layer.features.size());
    for (const auto& f : layer.features) {
        all.insert(all.end(), f.geo.points.begin(), f.geo.points.end());
        all.push_back(f.label_geo);
    }
    if (all.size() > 200000 && std::thread::hardware_concurrency() > 1) {
        size_t half = all.size() / 2;
        std::exception_ptr failure;
        std::thread second([&] {
            try {
                Projector other(projector.definition());
                other.forward(std::span<Vec2>(all).subspan(half));
            } catch (...) {
                failure = std::current_exception();
            }
        });
        projector.forward(std::span<Vec2>(all).first(half));
        second.join();
        if (failure) std::rethrow_exception(failure);
    } else {
        projector.forward(all);
    }
    size_t k = 0;
    for (auto& f : layer.features) {
        f.xy.kind = f.geo.kind;
        f.xy.part_starts = f.geo.part_starts;
        f.xy.points.assign(all.begin() + k, all.begin() + k + f.geo.points.size());
        k += f.geo.points.size();
        f.label_xy = all[k++];
    }
}

}  // namespace pv
