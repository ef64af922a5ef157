#!/usr/bin/env python3
"""The coordinator's scheduling story with the real binary and a real SQLite file:
load the Левокумский plan (tasks per body and school with the dates the plan says), load it again
(nothing changes), mark a task done, edit the plan (the preview shows the moves and writes nothing;
the load moves the dates, keeps the done task and the ids, writes the audit log), drop an item (its
tasks are cancelled, never deleted), drop a school from the directory (its tasks are cancelled),
bad input (nothing changes), the filters and formats of `roadmap tasks` and `roadmap agenda`.

Usage: schedule.py ROADMAP SOURCE_TREE
"""
import json
import re
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile

ROADMAP, SRC = sys.argv[1], sys.argv[2]
work = tempfile.mkdtemp(prefix="roadmap-schedule-")
db = os.path.join(work, "roadmap.db")
plan_path = os.path.join(work, "plans", "002-levokumsky.yaml")
dir_path = os.path.join(work, "examples", "levokumsky", "directory.yaml")
failures = []


def check(cond, what):
    if not cond:
        failures.append(what)
        print("FAIL:", what, file=sys.stderr)


def run(*args, ok=True):
    p = subprocess.run([ROADMAP, "--db", db, *args], capture_output=True, text=True,
                       env={**os.environ, "ROADMAP_LANG": "ru"})
    if ok and p.returncode != 0:
        print(p.stdout, p.stderr, file=sys.stderr)
        raise SystemExit(f"FAIL: roadmap {' '.join(args)} exited {p.returncode}")
    return p


def tasks(*filters):
    return json.loads(run("tasks", "--format", "json", *filters).stdout)


def snapshot():
    con = sqlite3.connect(db)
    try:
        rows = con.execute("SELECT id, key, due, opens, status, version, updated_at FROM tasks ORDER BY id").fetchall()
        audit = con.execute("SELECT count(*) FROM task_audit").fetchone()[0]
        plans = con.execute("SELECT id, content_hash FROM plans ORDER BY id").fetchall()
        return rows, audit, plans
    finally:
        con.close()


def edit(path, old, new):
    with open(path, encoding="utf-8") as f:
        text = f.read()
    assert old in text, f"{old!r} not in {path}"
    with open(path, "w", encoding="utf-8") as f:
        f.write(text.replace(old, new, 1))


try:
    os.makedirs(os.path.join(work, "plans"))
    shutil.copy(os.path.join(SRC, "plans", "002-levokumsky-objectivity-2023.yaml"), plan_path)
    shutil.copytree(os.path.join(SRC, "examples", "levokumsky"), os.path.join(work, "examples", "levokumsky"))

    # 1. First load: every task created, the example dates.
    out = run("load", plan_path).stdout
    check("levokumsky-objectivity-2023" in out and "перенесено 0" in out, "first load summary: " + out)
    item8 = tasks("--plan", "levokumsky-objectivity-2023", "--item", "8")
    check(sorted(t["due"] for t in item8) == ["2023-08-31", "2024-08-30"], f"item 8 dues: {item8}")
    check(all(t["assignee"] == "МКУ «ИМЦСО ЛМО СК»" and t["status"] == "planned" for t in item8), "item 8 assignee")
    everything = tasks()
    schools = {t["assignee"] for t in everything if t["assignee_kind"] == "school"}
    check(len(schools) == 9, f"every school of the directory gets tasks: {sorted(schools)}")

    # 2. The same file again: nothing written.
    before = snapshot()
    out = run("load", plan_path).stdout
    check("новых 0, перенесено 0, отменено 0" in out, "unchanged re-load: " + out)
    check(snapshot() == before, "an unchanged re-load writes nothing")

    # 3. A task is done (tracking: issue 5 gives it a command; here the status is set directly).
    done_id = min(t["id"] for t in item8)
    con = sqlite3.connect(db)
    con.execute("UPDATE tasks SET status='done', done_on='2023-08-30' WHERE id=?", (done_id,))
    con.commit()
    con.close()

    # 4. The plan is edited: August becomes July. The preview shows it and writes nothing.
    edit(plan_path, "deadline: Август 2023, 2024 гг.", "deadline: Июль 2023, 2024 гг.")
    before = snapshot()
    preview = run("load", "--dry-run", plan_path).stdout
    check("пробный прогон" in preview and "30.08.2024 → 31.07.2024" in preview, "preview shows the move: " + preview)
    check(snapshot() == before, "--dry-run writes nothing")
    out = run("load", plan_path).stdout
    check("перенесено 1" in out, "one task moved (the done one is kept): " + out)
    after = {t["id"]: t for t in tasks("--item", "8")}
    check(set(after) == {t["id"] for t in item8}, "task ids are stable across re-planning")
    check(after[done_id]["status"] == "done" and after[done_id]["due"] == "2023-08-31", "the done task is kept as it was")
    moved = [t for t in after.values() if t["id"] != done_id][0]
    check(moved["due"] == "2024-07-31" and moved["version"] == 2, f"moved task: {moved}")
    con = sqlite3.connect(db)
    audit = con.execute("SELECT action, from_value, to_value FROM task_audit WHERE task_id=?", (moved["id"],)).fetchall()
    con.close()
    check(len(audit) == 1 and audit[0][0] == "moved" and "2024-08-30" in audit[0][1] and "2024-07-31" in audit[0][2],
          f"audit of the move: {audit}")

    # 5. Item 9 disappears from the plan: its tasks are cancelled, not deleted.
    nine = tasks("--item", "9")
    check(len(nine) > 0, "item 9 has tasks")
    with open(plan_path, encoding="utf-8") as f:
        text = f.read()
    start = text.index('      - number: "9"')
    end = text.index('      - number: "10"')
    with open(plan_path, "w", encoding="utf-8") as f:
        f.write(text[:start] + text[end:])
    out = run("load", plan_path).stdout
    check(f"отменено {len(nine)}" in out, "item 9 cancelled: " + out)
    nine_after = tasks("--item", "9")
    check(len(nine_after) == len(nine) and all(t["status"] == "cancelled" for t in nine_after), "cancelled, kept")
    check(all(t["status"] != "cancelled" for t in tasks("--item", "8")), "other items untouched")

    # 6. A school leaves the directory: `roadmap schedule` cancels its open tasks only.
    s1 = [t for t in tasks("--school", "sosh-3") if t["status"] == "planned"]
    check(len(s1) > 0, "sosh-3 has tasks")
    with open(dir_path, encoding="utf-8") as f:
        text = f.read()
    start = text.index("  - id: sosh-3")
    end = text.index("  - id: sosh-6")
    text = text[:start] + text[end:]
    with open(dir_path, "w", encoding="utf-8") as f:
        f.write(text)
    # Its group membership and its people still name it: an unknown school, located; nothing changes.
    before = snapshot()
    bad = run("schedule", ok=False)
    check(bad.returncode == 1 and "directory.yaml:" in bad.stderr and "МКОУ СОШ №3" in bad.stderr,
          "unknown school in the directory: " + bad.stderr)
    check(snapshot() == before, "a rejected schedule writes nothing")
    text = "\n".join(line for line in text.split("\n") if not re.search(r"МКОУ СОШ №3(?!\d)", line))
    with open(dir_path, "w", encoding="utf-8") as f:
        f.write(text)
    preview = run("schedule", "--dry-run").stdout
    check(f"отменено {len(s1)}" in preview, "schedule preview: " + preview)
    out = run("schedule").stdout
    check(f"отменено {len(s1)}, восстановлено 0" in out, "schedule: " + out)
    check(all(t["status"] == "cancelled" for t in tasks("--school", "sosh-3")), "the school's tasks cancelled")

    # 7. Bad input changes nothing: a body the directory does not know.
    edit(plan_path, "responsible: [МКУ «ИМЦСО ЛМО СК»]", "responsible: [МКУ «ИМЦСО ЛМО СК», Комитет по делам молодёжи]")
    edit(plan_path, "bodies:\n", "bodies:\n  - {id: Комитет по делам молодёжи, name: комитет по делам молодёжи, kind: other}\n")
    before = snapshot()
    bad = run("load", plan_path, ok=False)
    check(bad.returncode == 1, "unknown body: exit 1")
    check("002-levokumsky.yaml:" in bad.stderr and "Комитет по делам молодёжи" in bad.stderr
          and "справочник" in bad.stderr, "located Russian error: " + bad.stderr)
    check("ничего не изменено" in bad.stderr, "says nothing changed: " + bad.stderr)
    check(snapshot() == before, "a rejected load writes nothing")

    # 8. Filters and formats.
    csv_out = run("tasks", "--item", "8", "--format", "csv").stdout
    check(csv_out.startswith("\ufeff") and "срок" in csv_out.splitlines()[0], "CSV for Excel: BOM and header")
    check(len(csv_out.strip().splitlines()) == 1 + 2, "CSV rows")
    table = run("tasks", "--item", "8").stdout
    check("31.07.2024" in table and "выполнена" in table, "table in Russian: " + table)
    aug = tasks("--month", "2023-10", "--status", "open")
    check(aug and all(t["due"].startswith("2023-10") for t in aug), "month filter")
    bad_month = run("tasks", "--month", "октябрь", ok=False)
    check(bad_month.returncode != 0 and bad_month.stderr.strip(), "a bad month is refused with a message")
    person = run("agenda", "zaitseva-ov", "--today", "2023-09-25", "--days", "14")
    check("задачи до 09.10.2023" in person.stdout, "agenda heading: " + person.stdout)
    agenda = json.loads(run("agenda", "zaitseva-ov", "--today", "2023-09-25", "--days", "14", "--format", "json").stdout)
    check(agenda and all(t["assignee"] == "Отдел образования" for t in agenda), "agenda: the person's body")
    check(all(t["due"] is None or t["due"] <= "2023-10-09" for t in agenda), "agenda: within the days")
    nobody = run("agenda", "nobody@example.org", ok=False)
    check(nobody.returncode == 1 and "nobody@example.org" in nobody.stderr, "unknown person")
finally:
    shutil.rmtree(work, ignore_errors=True)

if failures:
    raise SystemExit(f"{len(failures)} check(s) failed")
print("ok")
