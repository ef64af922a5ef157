#!/usr/bin/env bash
# The reports' benchmark (issue 5): builds `roadmap` and reports_bench in Release, generates the
# synthetic region (bench/region/make_region.py), loads it with the real `roadmap load`, marks a few
# per cent of the tasks due before --today done (on time and late) by SQL, and runs reports_bench.
#   bash bench/reports/run.sh [--schools N] [--build DIR] [reports_bench options: --today 2024-03-15 --repeat 3]
# The region and its database go to $TMPDIR (default /tmp)/roadmap-reports-bench and are kept for reruns.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
schools=1000
build="$root/build/bench-release"
today=2024-03-15
args=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --schools) schools="$2"; shift 2 ;;
    --build) build="$(realpath -m "$2")"; shift 2 ;;
    --today) today="$2"; shift 2 ;;
    *) args+=("$1"); shift ;;
  esac
done
work="${TMPDIR:-/tmp}/roadmap-reports-bench"
region="$work/region-$schools"
db="$work/region-$schools.db"
mkdir -p "$work"

cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DROADMAP_BENCH=ON -DROADMAP_TESTS=OFF \
  -DROADMAP_FUZZ=OFF -DROADMAP_SANITIZE=OFF >/dev/null
cmake --build "$build" -j 2 --target roadmap reports_bench
python3 "$root/bench/region/make_region.py" "$region" --schools "$schools"
if [[ ! -s "$db" ]]; then
  rm -f "$db" "$db-wal" "$db-shm"
  (cd "$region" && "$build/src/roadmap" --db "$db" load plans/*.yaml | tail -n 1)
  # Marks (deterministic by task id): of the tasks due before today, 3% done on their due date,
  # 2% done five days late; 1% of the later ones done early.
  sqlite3 "$db" <<SQL
UPDATE tasks SET status = 'done', done_on = due, result = 'протокол', version = version + 1
  WHERE due < '$today' AND status = 'planned' AND id % 100 < 3;
UPDATE tasks SET status = 'done', done_on = date(due, '+5 days'), result = 'справка', version = version + 1
  WHERE due < '$today' AND status = 'planned' AND id % 100 BETWEEN 3 AND 4;
UPDATE tasks SET status = 'done', done_on = '$today', version = version + 1
  WHERE due >= '$today' AND status = 'planned' AND id % 100 = 5;
SQL
fi
"$build/bench/reports_bench" "$db" --today "$today" "${args[@]}"
