#!/usr/bin/env bash
# Sets everything up, builds, and runs the whole test suite twice: a normal build, then an
# AddressSanitizer + UndefinedBehaviorSanitizer build. All rendering tests are headless (EGL).
# The plan texts, when found beside the repository (../shared/plans), are checked as well.
set -euo pipefail
cd "$(dirname "$0")/.."
bash tools/install-deps.sh
plans="${PLANVIEW_PLANS_DIR:-}"
if [ -z "$plans" ] && [ -d ../shared/plans ]; then plans="$(cd ../shared/plans && pwd)"; fi
jobs="$(nproc)"

echo "== build and test (RelWithDebInfo)"
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DPLANVIEW_PLANS_DIR="$plans" >/dev/null
cmake --build build -j "$jobs"
(cd build && ctest --no-tests=error --output-on-failure -j "$jobs")

if [ "${PLANVIEW_SKIP_SANITIZERS:-0}" != 1 ]; then
  echo "== build and test with ASan + UBSan"
  cmake -S . -B build-asan -G Ninja -DCMAKE_BUILD_TYPE=Debug -DPLANVIEW_SANITIZE=ON -DPLANVIEW_PLANS_DIR="$plans" >/dev/null
  cmake --build build-asan -j "$jobs"
  # Leak checking is off: Mesa's llvmpipe keeps driver-lifetime allocations that LSan reports.
  (cd build-asan && ASAN_OPTIONS=detect_leaks=0:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
     ctest --no-tests=error --output-on-failure -j "$jobs")
fi
