// Kernel density of weighted points, as the GPU heat map draws it: the CPU reference used to fix
// the ramp's scale once per layer (so the colours never depend on the view or the export tile)
// and by the tests.
#pragma once
#include <vector>

#include "data/geometry.hpp"
#include "data/projection.hpp"

namespace pv {

// Kernel value at distance d (km) for bandwidth h (km), normalised to integrate to 1 over the
// plane, so a density is weight per km². Gaussian: sigma = h, cut at 3h (the cut loses 1.1 % of
// the mass: accepted, it bounds the GPU quads). Epanechnikov: 2 / (pi h²) (1 - (d/h)²) inside h.
double heat_kernel(double d_km, double h_km, bool epanechnikov);
// Radius (in units of h) beyond which the kernel is zero.
inline double heat_kernel_support(bool epanechnikov) { return epanechnikov ? 1.0 : 3.0; }

// Density (weight per km²) at a lon/lat from all points of `points` (weights empty = 1 each),
// with ground distances measured on the map and divided by the projection's scale factor.
double heat_density_at(const Layer& points, const std::vector<double>& weights, double bandwidth_km, bool epanechnikov,
                       const Projector& projector, Vec2 lonlat);
// The largest density at any of the points: where a density surface of kernels peaks (up to a
// small fraction of a bandwidth), so the top of the ramp. 0 when there are no points.
double heat_peak(const Layer& points, const std::vector<double>& weights, double bandwidth_km, bool epanechnikov,
                 const Projector& projector);

// Opacity of the colour at ramp position t (before the layer's opacity): the lowest tenth fades
// in, so the base map shows where there is (almost) nobody. The shader and the legend use it.
inline constexpr double kHeatFade = 0.1;
inline double heat_alpha(double t) { return t <= 0 ? 0.0 : t >= kHeatFade ? 1.0 : t / kHeatFade; }

}  // namespace pv
