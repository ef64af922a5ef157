#!/usr/bin/env bash
# The main job on the bundled example: installs what it needs, builds (release), validates every
# plan in plans/, loads and schedules them into an embedded SQLite file, shows the plans, the tasks
# of one item and one person's agenda.
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
# Левокумский item 8 ("Август 2023, 2024 гг."): one task a year, due on August's last working day.
./build/release/src/roadmap --db "$db" tasks --plan levokumsky-objectivity-2023 --item 8
# What is coming for the head of Левокумский education department in September 2023.
./build/release/src/roadmap --db "$db" agenda zaitseva-ov --today 2023-09-01 --days 30
