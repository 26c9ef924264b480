// Map projections. Every transform goes through PROJ; points are transformed in batches.
#pragma once
#include <memory>
#include <span>
#include <string>
#include <string_view>

#include "data/geometry.hpp"

namespace pv {

enum class ProjectionKind { Albers, WebMercator };

// Albers equal-area conic fitted to Shanxi (the default) or Web Mercator.
std::string proj_definition(ProjectionKind kind);
std::string projection_name(ProjectionKind kind);
// "albers" / "webmercator" (also "mercator", "3857"); throws pv::Error naming the text otherwise.
ProjectionKind parse_projection(std::string_view text);

// A PROJ transformation between WGS84 lon/lat and a target CRS, in both directions.
// Owns a PROJ context, so one Projector per thread.
class Projector {
public:
    explicit Projector(ProjectionKind kind);
    // Any CRS PROJ understands (WKT, "EPSG:xxxx", proj string), to/from WGS84 lon/lat.
    explicit Projector(const std::string& target_crs);
    ~Projector();
    Projector(const Projector&) = delete;
    Projector& operator=(const Projector&) = delete;

    // In place, lon/lat -> map. Points that cannot be projected become NaN.
    void forward(std::span<Vec2> points) const;
    void inverse(std::span<Vec2> points) const;
    Vec2 forward(Vec2 p) const;
    Vec2 inverse(Vec2 p) const;

    // Metres on the ground per map metre at a lon/lat (1 for an equal-area/conformal-at-scale
    // projection on its standard parallels; 1/cos(lat) for Web Mercator).
    double scale_factor_at(Vec2 lonlat) const;
    const std::string& definition() const;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

// Fill Feature::xy / label_xy from the geographic coordinates.
void project_layer(Layer& layer, const Projector& projector);

}  // namespace pv
