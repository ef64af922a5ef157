#!/usr/bin/env bash
# The coordinator checks plan files before loading them: `roadmap validate` passes good plans
# (exit 0), and for bad ones names file:line:column with what to do, in Russian or with --lang en
# in English (exit 1); `roadmap show` prints a good plan as a table and refuses a bad one.
# Usage: cli_validate.sh ROADMAP_BINARY SOURCE_DIR
set -uo pipefail
export LC_ALL=C.UTF-8  # ${#line} counts characters
bin=$1
src=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail=0
check() {  # check DESCRIPTION CONDITION...
  local what=$1; shift
  if "$@"; then echo "ok   - $what"; else echo "FAIL - $what"; fail=1; fi
}
contains() { grep -qF -- "$2" <<<"$1"; }

good="$src/tests/load/fixtures/complete.yaml"
out=$("$bin" validate "$good" "$src/tests/load/fixtures/per_section.yaml" 2>&1); rc=$?
check "good plans validate with exit 0" test "$rc" -eq 0
check "summary line per file" contains "$out" "complete.yaml: ошибок 0, предупреждений 0, пунктов 4"

cat >"$work/bad.yaml" <<'YAML'
format: 1
plan:
  id: Bad_Id
  title: План
  owner: ОО
  period: {school_year: 2021-2022}
  timezone: Europe/Moskow
bodies:
  - {id: ОО, name: школы}
sections:
  - items:
      - number: "1"
        measure: м
        deadlne: май
        responsible: [ОУ]
YAML
out=$("$bin" validate "$good" "$work/bad.yaml" 2>&1); rc=$?
check "a bad plan gives exit 1" test "$rc" -eq 1
check "bad plan id named at file:line:column" contains "$out" "$work/bad.yaml:3:7: ошибка: недопустимый идентификатор плана «Bad_Id»"
check "unknown time zone with a suggestion" contains "$out" "возможно, имелось в виду: Europe/Moscow"
check "unknown key with did-you-mean" contains "$out" "$work/bad.yaml:14:9: ошибка: неизвестное поле «deadlne»"
check "unknown body with did-you-mean" contains "$out" "$work/bad.yaml:15:23: ошибка: орган «ОУ» не объявлен в списке bodies"
check "every error in one run" contains "$out" "$work/bad.yaml: ошибок 5, предупреждений 0, пунктов 1"

out=$("$bin" --lang en validate "$work/bad.yaml" 2>&1); rc=$?
check "--lang en: exit 1" test "$rc" -eq 1
check "--lang en: English message" contains "$out" "$work/bad.yaml:14:9: error: unknown field 'deadlne'"
check "--lang en: English hint" contains "$out" "what to do: did you mean: deadline"
check "--lang en: English summary" contains "$out" "$work/bad.yaml: 5 errors, 0 warnings, 1 items"

printf 'format: 1\nplan:\n  title: "unclosed\n' >"$work/syntax.yaml"
out=$("$bin" validate "$work/syntax.yaml" 2>&1); rc=$?
check "syntax error: exit 1 and located" test "$rc" -eq 1
check "syntax error: unclosed quote located" contains "$out" "$work/syntax.yaml:3:10: ошибка: не закрыта кавычка"

printf 'title: \xcf\xeb\xe0\xed\n' >"$work/cp1251.yaml"
out=$("$bin" validate "$work/cp1251.yaml" 2>&1); rc=$?
check "invalid UTF-8: exit 1, byte located" test "$rc" -eq 1
check "invalid UTF-8: message" contains "$out" "$work/cp1251.yaml:1:8: ошибка: недопустимый байт 0xCF"

: >"$work/empty.yaml"
out=$("$bin" validate "$work/empty.yaml" 2>&1); rc=$?
check "empty file: exit 1" test "$rc" -eq 1
check "empty file: message" contains "$out" "$work/empty.yaml: ошибка: файл пуст"

truncate -s 100M "$work/huge.yaml"
out=$("$bin" validate "$work/huge.yaml" 2>&1); rc=$?
check "100 MB file: exit 1, refused by size" test "$rc" -eq 1
check "100 MB file: message" contains "$out" "файл слишком большой: 104857600 байт, предел 16777216 байт"

out=$("$bin" validate "$work/missing.yaml" 2>&1); rc=$?
check "missing file: exit 1" test "$rc" -eq 1

out=$(COLUMNS=90 "$bin" show "$good" 2>&1); rc=$?
check "show: exit 0" test "$rc" -eq 0
check "show: Russian headings" contains "$out" "│ Мероприятие"
check "show: section row" contains "$out" "Раздел 1. Мероприятия по обеспечению объективности проведения ВПР"
longest=$(printf '%s\n' "$out" | while IFS= read -r l; do printf '%s\n' "${#l}"; done | sort -n | tail -1)
check "show: lines fit COLUMNS=90 (longest $longest)" test "$longest" -le 90
out=$("$bin" --lang en show "$good" 2>&1)
check "show --lang en: English headings" contains "$out" "│ Co-executors"
out=$("$bin" show "$work/bad.yaml" 2>&1); rc=$?
check "show: a bad plan is refused with exit 1" test "$rc" -eq 1

out=$("$bin" validate --help 2>&1); rc=$?
check "validate --help" test "$rc" -eq 0
out2=$("$bin" show --help 2>&1)
check "show --help" contains "$out2" "показать план таблицей в терминале"

exit $fail
