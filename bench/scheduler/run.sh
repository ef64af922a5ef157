#!/usr/bin/env bash
# The scheduler's benchmark (issue 4): builds scheduler_bench in Release (build/bench-release),
# generates the synthetic region (build/region-N), runs the four phases and prints the table.
#   bash bench/scheduler/run.sh [--schools N] [scheduler_bench options: --repeat 3 --cache-mb 64 --json FILE ...]
# The SQLite files go to $TMPDIR (default /tmp) and are removed after each phase.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
schools=1000
args=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --schools) schools="$2"; shift 2 ;;
    *) args+=("$1"); shift ;;
  esac
done
build="$root/build/bench-release"
region="$root/build/region-$schools"

cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DROADMAP_BENCH=ON -DROADMAP_TESTS=OFF \
  -DROADMAP_FUZZ=OFF -DROADMAP_SANITIZE=OFF >/dev/null
cmake --build "$build" -j 2 --target scheduler_bench
python3 "$root/bench/region/make_region.py" "$region" --schools "$schools"
"$build/bench/scheduler_bench" "$region" --tmp "${TMPDIR:-/tmp}" "${args[@]}"
