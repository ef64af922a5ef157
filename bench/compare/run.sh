#!/usr/bin/env bash
# Side-by-side: our deadline parser, python3-dateparser (Debian) and chrono-node's Russian parser
# (npm) over the same phrase corpora (bench/phrases/*.txt), each timed on one core in this run on
# this machine, in process CPU time (the machine is shared: other work must not count). Prints a table: corpus, tool, phrases read fully, phrases per second, speed ratio.
# "Fully": ours understood the phrase; dateparser.parse returned a date for the whole string;
# search_dates / chrono returned results whose texts cover every non-space character (strict)
# or every letter and digit (words). Installs what it needs.
# Usage: bench/compare/run.sh [SECONDS]   (BUILD_DIR=... builds ours elsewhere than build/bench)
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds=${1:-2}
here=bench/compare
phrases=bench/phrases

# What it needs: the build (scripts/install-deps.sh), python3-dateparser, node and npm, chrono-node.
bash scripts/install-deps.sh
need_apt=()
/usr/bin/python3 -c 'import dateparser' 2>/dev/null || need_apt+=(python3-dateparser)
command -v node >/dev/null || need_apt+=(nodejs)
command -v npm >/dev/null || need_apt+=(npm)
if [ ${#need_apt[@]} -gt 0 ]; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${need_apt[@]}"
fi
if [ ! -d "$here/node/node_modules/chrono-node" ]; then
  npm ci --prefix "$here/node" --no-audit --no-fund >/dev/null
fi

# Ours: an optimised build of the comparison CLI only.
build=${BUILD_DIR:-build/bench}
cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DROADMAP_BENCH=ON -DROADMAP_TESTS=OFF >/dev/null
cmake --build "$build" -j 2 --target deadline_compare >/dev/null

# Every tool on one core (the first one this process may use), one after another.
cpu=$(taskset -pc $$ 2>/dev/null | sed 's/.*: *//; s/[,-].*//' || echo 0)
pin=(taskset -c "$cpu")
command -v taskset >/dev/null || pin=()

out=$(mktemp)
trap 'rm -f "$out"' EXIT
for corpus in seeds wider english; do
  lang=ru
  [ "$corpus" = english ] && lang=en
  file=$phrases/$corpus.txt
  "${pin[@]}" "$build/bench/deadline_compare" "$file" "$seconds" --tsv >>"$out"
  "${pin[@]}" /usr/bin/python3 "$here/dateparser_run.py" "$file" "$lang" "$seconds" 2>/dev/null >>"$out"
  "${pin[@]}" node "$here/chrono_run.js" "$file" "$lang" "$seconds" >>"$out"
done

/usr/bin/python3 - "$out" <<'PY'
import sys
rows = [line.rstrip("\n").split("\t") for line in open(sys.argv[1], encoding="utf-8") if line.strip()]
ours = {r[1]: float(r[5]) for r in rows if r[0] == "ours"}
print("| corpus | tool | phrases | read fully (strict) | read fully (words) | phrases/s | ours is N× faster |")
print("| --- | --- | ---: | ---: | ---: | ---: | ---: |")
for tool, corpus, n, strict, words, rate in rows:
    n, strict, words, rate = int(n), int(strict), int(words), float(rate)
    ratio = ours.get(corpus, 0.0) / rate if rate else 0.0
    print(f"| {corpus} | {tool} | {n} | {strict} ({100 * strict / n:.0f}%) | {words} ({100 * words / n:.0f}%) "
          f"| {rate:,.0f} | {'—' if tool == 'ours' else f'{ratio:,.1f}×'} |")
PY
