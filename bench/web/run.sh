#!/usr/bin/env bash
# The web server under load (issue 7): wrk on loopback against `roadmap serve` holding the
# 1,000-school region of the scheduler benchmark (bench/region/make_region.py, loaded with the real
# `roadmap load`, a few per cent of the tasks marked done as in bench/reports/run.sh). Three
# targets at 64 connections: a plan's overview JSON (a head's API token), a school's task page (a
# director's session cookie) and a school's .ics feed (a feed token); then, in the same run,
# Radicale (Debian) serving the same calendar (the feed's bytes PUT into a collection) under the
# same load. wrk waits up to 120 s for an answer: Radicale takes seconds a request at 64
# connections, and a request timed out would count as an error instead of as latency. Prints
# requests per second, p50/p99 latency and errors for each, and the ratio of our feed to
# Radicale's; also the first (uncached) overview's time.
#   bash bench/web/run.sh [--schools N] [--duration 15] [--connections 64] [--build DIR] [--today 2024-03-15]
# The region and its database go to $TMPDIR (default /tmp)/roadmap-web-bench and are kept for reruns.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
schools=1000
build="$root/build/bench-release"
today=2024-03-15
duration=15
connections=64
while [[ $# -gt 0 ]]; do
  case "$1" in
    --schools) schools="$2"; shift 2 ;;
    --build) build="$(realpath -m "$2")"; shift 2 ;;
    --today) today="$2"; shift 2 ;;
    --duration) duration="$2"; shift 2 ;;
    --connections) connections="$2"; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
bash "$root/scripts/install-deps.sh" --bench >/dev/null
work="${TMPDIR:-/tmp}/roadmap-web-bench"
region="$work/region-$schools"
db="$work/region-$schools.db"
mkdir -p "$work"

cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DROADMAP_BENCH=ON -DROADMAP_TESTS=OFF \
  -DROADMAP_FUZZ=OFF -DROADMAP_SANITIZE=OFF >/dev/null
cmake --build "$build" -j 2 --target roadmap >/dev/null
roadmap="$build/src/roadmap"
python3 "$root/bench/region/make_region.py" "$region" --schools "$schools" >/dev/null
if [[ ! -s "$db" ]]; then
  rm -f "$db" "$db-wal" "$db-shm"
  (cd "$region" && "$roadmap" --db "$db" load plans/*.yaml | tail -n 1)
  sqlite3 "$db" <<SQL
UPDATE tasks SET status = 'done', done_on = due, result = 'протокол', version = version + 1
  WHERE due < '$today' AND status = 'planned' AND id % 100 < 3;
UPDATE tasks SET status = 'done', done_on = date(due, '+5 days'), result = 'справка', version = version + 1
  WHERE due < '$today' AND status = 'planned' AND id % 100 BETWEEN 3 AND 4;
SQL
fi
tasks=$(sqlite3 "$db" "SELECT count(*) FROM tasks")
plan=$(sqlite3 "$db" "SELECT plan_id FROM tasks GROUP BY plan_id ORDER BY count(*) DESC LIMIT 1")
plan_tasks=$(sqlite3 "$db" "SELECT count(*) FROM tasks WHERE plan_id = '$plan'")
task=$(sqlite3 "$db" "SELECT id FROM tasks WHERE assignee = 'school-0001' AND plan_id = '$plan' ORDER BY id LIMIT 1")
school_tasks=$(sqlite3 "$db" "SELECT count(*) FROM tasks WHERE assignee = 'school-0001'")

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
base="http://127.0.0.1:$port"
"$roadmap" --db "$db" serve --listen "127.0.0.1:$port" --today "$today" --no-notify --quiet --threads 4 \
  >"$work/serve.out" 2>"$work/serve.err" &
server=$!
rport=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
radicale_pid=""
cleanup() {
  kill "$server" 2>/dev/null || true
  [[ -n "$radicale_pid" ]] && kill "$radicale_pid" 2>/dev/null || true
}
trap cleanup EXIT
for _ in $(seq 100); do curl -sf "$base/healthz" >/dev/null && break; sleep 0.1; done

api=$("$roadmap" --db "$db" access token body01-head)
feed_url=$("$roadmap" --db "$db" access feed director-0001 --base-url "$base")
feed_token=${feed_url##*token=}
link=$("$roadmap" --db "$db" access link director-0001 --base-url "$base")
session=$(curl -s -o /dev/null -D - -X POST --data "token=${link##*/}" "$base/auth" | sed -n 's/^Set-Cookie: \(rm_session=[^;]*\).*/\1/p')
overview="$base/api/v1/plans/$plan/overview"
page="$base/tasks/$task"
ics="$base/ics/school/school-0001.ics?token=$feed_token"

# The first overview after a change is computed (the later ones come from the per-revision cache).
cold=$(curl -s -o /dev/null -w '%{time_total}' -H "Authorization: Bearer $api" "$overview")
code() { curl -s -o /dev/null -w '%{http_code}' "$@"; }
[[ $(code -H "Authorization: Bearer $api" "$overview") == 200 ]] || { echo "overview: not 200" >&2; exit 1; }
[[ $(code -H "Cookie: $session" "$page") == 200 ]] || { echo "task page: not 200" >&2; exit 1; }
[[ $(code "$ics") == 200 ]] || { echo "ics: not 200" >&2; exit 1; }
curl -s "$ics" >"$work/school-0001.ics"

# Radicale with the same calendar: no authentication (any user name), the owner's collections only.
rdir="$work/radicale"
rm -rf "$rdir"
mkdir -p "$rdir/collections"
cat >"$rdir/config" <<CFG
[server]
hosts = 127.0.0.1:$rport
max_connections = 1024
[auth]
type = none
[rights]
type = owner_only
[storage]
filesystem_folder = $rdir/collections
[web]
type = none
[logging]
level = warning
CFG
radicale --config "$rdir/config" >"$rdir/log" 2>&1 &
radicale_pid=$!
for _ in $(seq 100); do curl -s -o /dev/null "http://127.0.0.1:$rport/" && break; sleep 0.1; done
basic="Authorization: Basic $(printf 'bench:x' | base64)"
put=$(curl -s -o /dev/null -w '%{http_code}' -X PUT -H "$basic" -H 'Content-Type: text/calendar' \
  --data-binary @"$work/school-0001.ics" "http://127.0.0.1:$rport/bench/school-0001/")
radicale_url="http://127.0.0.1:$rport/bench/school-0001/"
[[ $put == 201 || $put == 200 ]] || { echo "Radicale PUT: $put" >&2; cat "$rdir/log" >&2; exit 1; }
radicale_events=$(curl -s -H "$basic" "$radicale_url" | grep -c '^BEGIN:VEVENT' || true)
our_events=$(grep -c '^BEGIN:VEVENT' "$work/school-0001.ics" || true)

load() {  # load NAME URL [HEADER]: wrk at $connections connections; prints "rps p50 p99 errors"
  local name=$1 url=$2 header=${3:-}
  local out
  if [[ -n "$header" ]]; then
    out=$(wrk -t 2 -c "$connections" -d "${duration}s" --timeout 120s --latency -H "$header" "$url")
  else
    out=$(wrk -t 2 -c "$connections" -d "${duration}s" --timeout 120s --latency "$url")
  fi
  echo "$out" >"$work/wrk-$name.txt"
  local rps p50 p99 errors non2xx
  rps=$(echo "$out" | awk '/Requests\/sec/ {print $2}')
  p50=$(echo "$out" | awk '$1 == "50%" {print $2}')
  p99=$(echo "$out" | awk '$1 == "99%" {print $2}')
  errors=$(echo "$out" | awk '/Socket errors/ {gsub(",", ""); print $4 + $6 + $8 + $10}')
  non2xx=$(echo "$out" | awk '/Non-2xx/ {print $5}')
  echo "$rps ${p50:-?} ${p99:-?} $(( ${errors:-0} + ${non2xx:-0} ))"
}

echo "Region: $schools schools, $tasks tasks; plan $plan ($plan_tasks tasks); school-0001: $school_tasks tasks," \
  "$our_events events in its feed ($radicale_events in Radicale's copy)"
echo "Load average before: $(cut -d' ' -f1-3 /proc/loadavg); wrk: 2 threads, $connections connections, ${duration}s each"
echo "First (uncached) overview of $plan: ${cold}s"
printf '%-34s %12s %10s %10s %8s\n' target "requests/s" p50 p99 errors
read -r rps p50 p99 err <<<"$(load overview "$overview" "Authorization: Bearer $api")"
printf '%-34s %12s %10s %10s %8s\n' "overview JSON (head, API token)" "$rps" "$p50" "$p99" "$err"
read -r rps p50 p99 err <<<"$(load task "$page" "Cookie: $session")"
printf '%-34s %12s %10s %10s %8s\n' "task page (director, session)" "$rps" "$p50" "$p99" "$err"
read -r ours p50 p99 err <<<"$(load ics "$ics")"
printf '%-34s %12s %10s %10s %8s\n' "school .ics feed (roadmap)" "$ours" "$p50" "$p99" "$err"
read -r theirs p50 p99 err <<<"$(load radicale "$radicale_url" "$basic")"
printf '%-34s %12s %10s %10s %8s\n' "same calendar (Radicale $(radicale --version))" "$theirs" "$p50" "$p99" "$err"
python3 -c "print(f'feed: roadmap / Radicale = {float(\"$ours\") / float(\"$theirs\"):.1f}x requests per second')"
echo "Load average after: $(cut -d' ' -f1-3 /proc/loadavg); wrk outputs in $work/wrk-*.txt"
