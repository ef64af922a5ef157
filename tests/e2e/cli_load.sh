#!/usr/bin/env bash
# The coordinator's story with the store: loads good plans into a fresh database and sees them in
# `roadmap plans`; re-loads an unchanged plan (nothing changes) and an edited one (it is replaced);
# loads a set where one file has an error, or two files share a plan id, and finds the database
# exactly as before (compared with `sqlite3 .dump`). Usage: cli_load.sh ROADMAP SOURCE_TREE
set -euo pipefail
roadmap=$1
src=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
db=$work/roadmap.db
export ROADMAP_LANG=ru

fail() { echo "FAIL: $*" >&2; exit 1; }
expect_in() { grep -qF -- "$1" "$2" || { echo "--- $2:" >&2; cat "$2" >&2; fail "expected «$1» in $2"; }; }
dump() { sqlite3 "$db" .dump; }

plan() {  # plan FILE ID DEADLINE
  cat >"$1" <<YAML
format: 1
plan:
  id: $2
  title: План мероприятий $2
  owner: МКУ УО
  period:
    school_year: 2021-2022
  timezone: Europe/Moscow
bodies:
  - id: МКУ УО
    name: управление образования
    kind: authority
  - id: ОО
    name: общеобразовательные организации
    kind: schools
    aliases: [образовательные учреждения]
sections:
  - number: "1"
    title: Организационные мероприятия
    items:
      - number: "1.1"
        measure: Анализ результатов ВПР
        deadline: $3
        responsible: [МКУ УО]
        co_executors: [образовательные учреждения]
      - number: "1.2"
        measure: Совещание с руководителями ОО
        deadline: ежеквартально
        responsible: [ОО]
        refs: ["1.1"]
YAML
}

plan "$work/a.yaml" e2e-plan-a "август-сентябрь"
plan "$work/b.yaml" e2e-plan-b "январь, июль"

# 1. Good plans into a fresh database.
"$roadmap" --db "$db" load "$work/a.yaml" "$work/b.yaml" >"$work/out" 2>"$work/err" || fail "load of good plans failed"
expect_in "e2e-plan-a ($work/a.yaml): загружен" "$work/out"
expect_in "разделов: 1, пунктов: 2, ответственных органов: 2" "$work/out"
expect_in "новых: 2" "$work/out"
# These plans name no organisation directory: stored without tasks, and told so (a warning each).
expect_in "a.yaml: предупреждение: план e2e-plan-a сохранён без задач" "$work/err"
grep -v "сохранён без задач" "$work/err" | grep -q . && fail "diagnostics for good plans: $(cat "$work/err")"

"$roadmap" --db "$db" plans >"$work/out" || fail "plans failed"
expect_in "Планы в базе данных" "$work/out"
expect_in "Пунктов" "$work/out"
expect_in "e2e-plan-a" "$work/out"
expect_in "e2e-plan-b" "$work/out"
expect_in "2021-2022 уч. г." "$work/out"

"$roadmap" --db "$db" plans --format json >"$work/json" || fail "plans --format json failed"
python3 - "$work/json" <<'PY' || fail "plans --format json is not what the database holds"
import json, sys
plans = json.load(open(sys.argv[1]))
assert [p["id"] for p in plans] == ["e2e-plan-a", "e2e-plan-b"], plans
assert all(p["items"] == 2 and p["sections"] == 1 and p["responsible_bodies"] == 2 for p in plans), plans
assert plans[0]["period"]["school_year"] == "2021-2022", plans[0]
assert len(plans[0]["content_hash"]) == 40
PY

# 2. Re-loading unchanged plans writes nothing.
before=$(dump)
"$roadmap" --db "$db" load "$work/a.yaml" "$work/b.yaml" >"$work/out" || fail "re-load failed"
expect_in "без изменений: 2" "$work/out"
[ "$(dump)" = "$before" ] || fail "re-loading unchanged plans changed the database"

# 3. An edited plan replaces its rows.
plan "$work/b.yaml" e2e-plan-b "до 15 мая"
"$roadmap" --db "$db" load "$work/b.yaml" >"$work/out" || fail "load of an edited plan failed"
expect_in "e2e-plan-b ($work/b.yaml): обновлён" "$work/out"
[ "$(sqlite3 "$db" "SELECT deadline FROM items WHERE plan_id = 'e2e-plan-b' AND item_key = '1.1'")" = "до 15 мая" ] ||
  fail "the edited deadline is not in the database"

# 4. One bad file in a set: every problem reported, exit 1, nothing written.
before=$(dump)
plan "$work/b.yaml" e2e-plan-b "в течение года"       # a valid change that must NOT be applied
plan "$work/c.yaml" e2e-plan-c "март"                 # a new plan that must NOT appear
sed -i 's/^  timezone:/  timezone_:/; s/responsible: \[ОО\]/responsible: [НЕТ ТАКОГО]/' "$work/c.yaml"
set +e
"$roadmap" --db "$db" load "$work/b.yaml" "$work/c.yaml" >"$work/out" 2>"$work/err"
rc=$?
set -e
[ $rc -eq 1 ] || fail "exit status $rc for a set with errors (expected 1)"
expect_in "$work/c.yaml:" "$work/err"
expect_in "В базу данных ничего не записано" "$work/err"
[ "$(grep -c "c.yaml:[0-9]*:[0-9]*: ошибка" "$work/err")" -ge 2 ] || fail "not every error of the file was reported"
[ "$(dump)" = "$before" ] || fail "a set with an error changed the database"

# 5. Two files with one plan id: refused, nothing written.
plan "$work/d.yaml" e2e-plan-b "октябрь"
set +e
"$roadmap" --db "$db" load "$work/b.yaml" "$work/d.yaml" >"$work/out" 2>"$work/err"
rc=$?
set -e
[ $rc -eq 1 ] || fail "exit status $rc for duplicate plan ids (expected 1)"
expect_in "встречается дважды" "$work/err"
[ "$(dump)" = "$before" ] || fail "a set with duplicate plan ids changed the database"

# 6. English on request.
set +e
ROADMAP_LANG=en "$roadmap" --db "$db" load "$work/c.yaml" >"$work/out" 2>"$work/err"
set -e
expect_in "Nothing was written to the database" "$work/err"

# 7. A database from a newer program is refused and left alone; a missing one is not created.
cp "$db" "$work/newer.db"
sqlite3 "$work/newer.db" "PRAGMA user_version = 999"
set +e
"$roadmap" --db "$work/newer.db" load "$work/a.yaml" >"$work/out" 2>"$work/err"
rc=$?
set -e
[ $rc -eq 1 ] || fail "a newer database was accepted"
expect_in "создана более новой версией roadmap" "$work/err"
[ "$(sqlite3 "$work/newer.db" "PRAGMA user_version")" = 999 ] || fail "the newer database was modified"
set +e
"$roadmap" --db "$work/missing.db" plans >"$work/out" 2>"$work/err"
rc=$?
set -e
[ $rc -eq 1 ] || fail "plans on a missing database: exit status $rc"
expect_in "Сначала загрузите планы" "$work/err"
[ -e "$work/missing.db" ] && fail "plans created a database"

# 8. The bundled plans, when present, load together into a fresh database.
shopt -s nullglob
bundled=("$src"/plans/*.yaml)
if [ ${#bundled[@]} -gt 0 ]; then
  "$roadmap" --db "$work/bundled.db" load "${bundled[@]}" >"$work/out" 2>"$work/err" ||
    { cat "$work/err" >&2; fail "the bundled plans do not load"; }
  n=$(sqlite3 "$work/bundled.db" "SELECT count(*) FROM plans")
  [ "$n" -eq ${#bundled[@]} ] || fail "$n plans stored for ${#bundled[@]} files"
fi
echo "cli_load: ok"
