#!/usr/bin/env bash
# The main job on the bundled example: installs what it needs, builds (release), then loads and
# validates every plan in plans/ into an embedded SQLite file and prints a summary.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
cmake -S . -B build/release -G Ninja -DCMAKE_BUILD_TYPE=Release -DROADMAP_TESTS=OFF >/dev/null
cmake --build build/release -j "$(nproc)" --target roadmap
db=build/example.db
rm -f "$db" "$db-wal" "$db-shm"
# Every deadline phrase of every plan, with how the engine read it.
./build/release/src/roadmap validate plans/*.yaml
./build/release/src/roadmap --db "$db" load plans/*.yaml
./build/release/src/roadmap --db "$db" plans
