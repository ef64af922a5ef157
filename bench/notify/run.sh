#!/usr/bin/env bash
# The notification benchmark (issue 6): on the synthetic region of the scheduler benchmark
# (bench/region/make_region.py, N schools, every seed plan over two school years), measures
#   1. planning + rendering + queueing: `roadmap notify --queue-only` -- every person's digest for one
#      day (reminders, overdue work, escalations) and their iMIP invites (a message each), rendered
#      and written to the outbox;
#   2. a second run the same day (nothing new: the dedup path);
#   3. delivery throughput: `roadmap notify` sending the queued messages (digests and invitations) to a local SMTP server
#      (bench/notify/smtp_sink.py, aiosmtpd on loopback), one connection reused.
#   bash bench/notify/run.sh [--schools N] [--now 2024-03-12T07:00:00Z] [--build DIR] [--region DIR]
# Builds `roadmap` in Release (DIR, default build/bench-release); the database goes to $TMPDIR.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
schools=1000
now=2024-03-12T07:00:00Z
build="$root/build/bench-release"
region=""
while [[ $# -gt 0 ]]; do
  case "$1" in
    --schools) schools="$2"; shift 2 ;;
    --now) now="$2"; shift 2 ;;
    --build) build="$(realpath -m "$2")"; shift 2 ;;
    --region) region="$2"; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
[[ -n "$region" ]] || region="$root/build/region-$schools"
if [[ ! -x "$build/src/roadmap" ]]; then
  cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DROADMAP_TESTS=OFF -DROADMAP_FUZZ=OFF \
    -DROADMAP_SANITIZE=OFF >/dev/null
fi
cmake --build "$build" -j 2 --target roadmap >/dev/null
[[ -f "$region/directory.yaml" ]] || python3 "$root/bench/region/make_region.py" "$region" --schools "$schools"
roadmap="$build/src/roadmap"
work="$(mktemp -d "${TMPDIR:-/tmp}/roadmap-notify-bench-XXXXXX")"
trap 'rm -rf "$work"' EXIT
db="$work/region.db"

secs() { date +%s.%N; }
t0=$(secs); "$roadmap" --db "$db" load "$region"/plans/*.yaml >/dev/null; t1=$(secs)
tasks=$(sqlite3 "$db" "SELECT count(*) FROM tasks")
people=$(sqlite3 "$db" "SELECT count(*) FROM dir_people WHERE email <> ''")
schools=$(sqlite3 "$db" "SELECT count(*) FROM dir_schools")
printf 'region: %s schools, %s people with an e-mail, %s tasks (load %.1f s)\n' "$schools" "$people" "$tasks" "$(echo "$t1 - $t0" | bc)"

t0=$(secs); "$roadmap" --db "$db" notify --now "$now" --queue-only >"$work/queue.txt"; t1=$(secs)
queued=$(sqlite3 "$db" "SELECT count(*) FROM outbox")
items=$(sqlite3 "$db" "SELECT count(*) FROM outbox_items")
bytes=$(sqlite3 "$db" "SELECT sum(length(body)) FROM outbox")
q=$(echo "$t1 - $t0" | bc)
kinds=$(sqlite3 "$db" "SELECT group_concat(kind || ' ' || n, ', ') FROM (SELECT kind, count(*) AS n FROM outbox GROUP BY kind)")
printf 'plan + render + queue (%s): %s messages (%s), %s items, %.1f MB in %.2f s = %.0f messages/s\n' "$now" \
  "$queued" "$kinds" "$items" "$(echo "$bytes / 1048576" | bc -l)" "$q" "$(echo "$queued / $q" | bc -l)"

t0=$(secs); "$roadmap" --db "$db" notify --now "$now" --queue-only >/dev/null; t1=$(secs)
printf 'the same day again (nothing new): %.2f s, outbox still %s\n' "$(echo "$t1 - $t0" | bc)" \
  "$(sqlite3 "$db" "SELECT count(*) FROM outbox")"

coproc SINK { python3 "$root/bench/notify/smtp_sink.py"; }
read -r port <&"${SINK[0]}"
t0=$(secs); "$roadmap" --db "$db" notify --now "$now" --smtp-url "smtp://127.0.0.1:$port" >"$work/send.txt" || true; t1=$(secs)
eval "exec ${SINK[1]}>&-"  # the sink stops when its stdin closes and prints what it got
read -r got got_bytes <&"${SINK[0]}"
wait "$SINK_PID" 2>/dev/null || true
d=$(echo "$t1 - $t0" | bc)
sent=$(sqlite3 "$db" "SELECT count(*) FROM outbox WHERE state = 'sent'")
printf 'delivery to smtp://127.0.0.1:%s: %s sent, %s received (%.1f MB) in %.2f s = %.0f messages/s\n' "$port" "$sent" \
  "$got" "$(echo "$got_bytes / 1048576" | bc -l)" "$d" "$(echo "$sent / $d" | bc -l)"
