#!/usr/bin/env bash
# Sets everything up, builds, and opens the viewer on the embedded Shanxi map. Without a
# display it exports the map to a PNG instead and says where it is.
set -euo pipefail
cd "$(dirname "$0")/.."
bash tools/install-deps.sh
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build --target planview
exec build/planview "$@"
