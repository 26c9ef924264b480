#!/usr/bin/env bash
# Our export next to Mapnik, QGIS and GDAL on the same data, in one run.
#   bench/run.sh [--runs N] [--only SUBSTRING]
# Needs the peers' packages (see ../shared/peers/README.md: qgis python3-qgis qgis-providers
# python3-mapnik python3-gdal fonts-noto-cjk time) and a built build/planview.
set -euo pipefail
cd "$(dirname "$0")/.."
peers="${PLANVIEW_PEERS:-../shared/peers}"
work="$(pwd)/bench/work"
mkdir -p "$work"
[ -f "$work/shanxi_counties.gpkg" ] || bash "$peers/make_data.sh" "$work"
[ -f "$work/stress.gpkg" ] || /usr/bin/python3 "$peers/make_stress.py" "$work/shanxi_counties.gpkg" "$work/stress.gpkg"
cmake --build build --target planview >/dev/null
exec /usr/bin/python3 bench/compare.py --peers "$peers" --work "$work" "$@"
