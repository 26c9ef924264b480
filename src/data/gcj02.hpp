// GCJ-02, the obfuscated datum that Chinese web maps (AMap, Tencent) publish coordinates in.
// PROJ has no definition for it: the forward shift is a public closed formula, and there is no
// closed inverse, so WGS84 is recovered by fixed-point iteration on the forward formula.
#pragma once
#include "data/geometry.hpp"

namespace pv {

// True where GCJ-02 applies (the formula's own rectangle around China); elsewhere both
// conversions are the identity.
bool gcj02_applies(Vec2 lonlat);

// WGS84 lon/lat -> GCJ-02 lon/lat.
Vec2 wgs84_to_gcj02(Vec2 lonlat);

// GCJ-02 lon/lat -> WGS84 lon/lat, to better than 1e-9 degrees (iterated until the forward
// formula reproduces the input).
Vec2 gcj02_to_wgs84(Vec2 lonlat);

}  // namespace pv
