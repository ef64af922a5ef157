#!/usr/bin/env bash
# Builds every libFuzzer target with clang (ASan + UBSan) and runs each for N seconds (default 20)
# on its seed corpus fuzz/corpus/<name>/ (new inputs go to build/fuzz/corpus/<name>/, not the repo).
# Any crash, leak, sanitizer report or input that runs over 10 s (a hang) fails the run. The mutation
# seed is fixed (ROADMAP_FUZZ_SEED, default 1) so a run repeats what it did; set another for new ground. Usage: scripts/fuzz.sh [SECONDS] [NAME...]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-20}; shift || true
CC=clang CXX=clang++ cmake -S . -B build/fuzz -G Ninja -DCMAKE_BUILD_TYPE=Debug \
  -DROADMAP_FUZZ=ON -DROADMAP_TESTS=OFF >/dev/null
cmake --build build/fuzz -j "$(nproc)" --target fuzzers
names=("$@")
if [ ${#names[@]} -eq 0 ]; then
  for f in fuzz/*_fuzz.cpp; do names+=("$(basename "$f" .cpp)"); done
fi
for name in "${names[@]}"; do
  work=build/fuzz/corpus/$name
  mkdir -p "$work"
  seeds=()
  [ -d "fuzz/corpus/$name" ] && seeds=("fuzz/corpus/$name")
  dict=()
  [ -f "fuzz/$name.dict" ] && dict=("-dict=fuzz/$name.dict")
  echo "fuzz: $name for ${seconds}s"
  ASAN_OPTIONS=detect_leaks=1 "build/fuzz/$name" -max_total_time="$seconds" -max_len=65536 \
    -seed="${ROADMAP_FUZZ_SEED:-1}" -timeout=10 -print_final_stats=1 "${dict[@]}" "$work" "${seeds[@]}" 2>&1 | tail -n 12
done
