#!/usr/bin/env bash
# The test command: installs what it needs, builds under AddressSanitizer + UndefinedBehaviorSanitizer
# (Debug), runs every test, then runs each libFuzzer target for a short while on its corpus.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
jobs=$(nproc)
cmake -S . -B build/test -G Ninja -DCMAKE_BUILD_TYPE=Debug -DROADMAP_SANITIZE=ON -DROADMAP_TESTS=ON >/dev/null
cmake --build build/test -j "$jobs"
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
ctest --test-dir build/test --output-on-failure -j "$jobs"
if [ -d fuzz ] && ls fuzz/*_fuzz.cpp >/dev/null 2>&1; then
  bash scripts/fuzz.sh "${ROADMAP_FUZZ_SECONDS:-20}"
fi
