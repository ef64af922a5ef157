#!/usr/bin/env bash
# The main job on the bundled example: installs what it needs, builds (release), validates every
# plan in plans/, loads and schedules them into an embedded SQLite file, shows the plans, the tasks
# of one item and one person's agenda, marks a few tasks done as executors would, and prints the
# reports heads read: overdue, completion, the execution report (also as printable HTML) and
# executive discipline; then serves all of it on the web (roadmap serve) with sign-in links for a
# demo head and a demo executor, until Ctrl-C.
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

# Executors mark a few tasks, as they would from the link in their mail.
plan=levokumsky-objectivity-2023
task_of() {  # task_of ITEM BODY: the number of the first task of an item for a body
  ./build/release/src/roadmap --db "$db" tasks --plan "$plan" --item "$1" --body "$2" --format json |
    python3 -c "import json, sys; print(json.load(sys.stdin)[0]['id'])"
}
t1=$(task_of 1 "МКУ «ИМЦСО ЛМО СК»")
./build/release/src/roadmap --db "$db" done "$t1" --as gromova-ta --on 2023-01-26 \
  --result "Семинар для заместителей директоров по УВР проведён, 27 участников"
t2=$(task_of 2 "Отдел образования")  # due 28 February, done on 3 March: done late
./build/release/src/roadmap --db "$db" done "$t2" --as zaitseva-ov --on 2023-03-03 \
  --result "Семинар для руководителей ОО проведён" --doc "протокол семинара № 2 от 03.03.2023"
t8=$(task_of 8 "МКУ «ИМЦСО ЛМО СК»")
./build/release/src/roadmap --db "$db" start "$t8" --as gromova-ta
./build/release/src/roadmap --db "$db" done "$t8" --as gromova-ta --on 2023-08-29 \
  --result "Мониторинг проведён, справка направлена руководителям ОО" --doc "справка ИМЦ № 14 от 29.08.2023"
./build/release/src/roadmap --db "$db" history "$t8"

# What heads read and sign, as on 1 December 2023: what is late and whose it is, completion by
# section and body, the execution report (printable HTML too) and executive discipline.
./build/release/src/roadmap --db "$db" report overdue --plan "$plan" --today 2023-12-01 >build/overdue.txt
sed -n 1,30p build/overdue.txt
./build/release/src/roadmap --db "$db" report completion --plan "$plan" --today 2023-12-01 >build/completion.txt
sed -n 1,40p build/completion.txt
./build/release/src/roadmap --db "$db" report execution --plan "$plan" --period 2023 --today 2023-12-01 \
  --format html -o build/execution-2023.html
./build/release/src/roadmap --db "$db" report discipline --plan "$plan" --period 2023 --today 2023-12-01
echo
echo "Полностью: build/overdue.txt, build/completion.txt; отчёт об исполнении плана (HTML, для печати): build/execution-2023.html"

# The web: the same database in the browser. "Today" is pinned to 01.12.2023 as in the reports above,
# so the dashboard shows the same state. No mail server here: the sign-in links are printed.
listen=${ROADMAP_LISTEN:-127.0.0.1:8080}
base="http://${listen/0.0.0.0/localhost}"
head_link=$(./build/release/src/roadmap --db "$db" access link zaitseva-ov --base-url "$base" --next "/plans/$plan")
exec_link=$(./build/release/src/roadmap --db "$db" access link kovaleva-sa --base-url "$base" --next /my)
echo
echo "Веб-интерфейс: $base"
echo "  вход для руководителя (Зайцева О. В., отдел образования): $head_link"
echo "  вход для исполнителя (Ковалёва С. А., МКОУ СОШ №1):        $exec_link"
echo "  (каждая ссылка открывается один раз; новую выдаёт: roadmap --db $db access link ИДЕНТИФИКАТОР)"
exec ./build/release/src/roadmap --db "$db" serve --listen "$listen" --base-url "$base" --today 2023-12-01 --no-notify
