#!/usr/bin/env python3
"""`roadmap report` with the real binary and a real SQLite file: load the Левокумский plan (seed
002), mark tasks done on time and late by SQL, and check the four reports in all four formats: the
overdue set against the same rule computed here from the tasks table, the CSV (BOM, ";", CRLF) with
Python's csv module, the HTML with html.parser (no script, the texts escaped, an SVG chart), the JSON
numbers; bad periods fail with a clear message and change nothing.

Usage: reports.py ROADMAP SOURCE_TREE
"""
import csv
import hashlib
import html.parser
import io
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile

ROADMAP, SRC = sys.argv[1], sys.argv[2]
work = tempfile.mkdtemp(prefix="roadmap-reports-")
db = os.path.join(work, "roadmap.db")
plan_path = os.path.join(work, "plans", "002-levokumsky.yaml")
PLAN = "levokumsky-objectivity-2023"
TODAY = "2024-01-09"
failures = []


def check(cond, what):
    if not cond:
        failures.append(what)
        print("FAIL:", what, file=sys.stderr)


def run(*args, ok=True):
    p = subprocess.run([ROADMAP, "--db", db, *args], capture_output=True,
                       env={**os.environ, "ROADMAP_LANG": "ru"})
    if ok and p.returncode != 0:
        print(p.stdout.decode(), p.stderr.decode(), file=sys.stderr)
        raise SystemExit(f"FAIL: roadmap {' '.join(args)} exited {p.returncode}")
    return p


def report(kind, fmt, *extra):
    return run("report", kind, "--plan", PLAN, "--today", TODAY, "--format", fmt, *extra).stdout


def db_digest():
    con = sqlite3.connect(db)
    try:
        rows = con.execute("SELECT * FROM tasks ORDER BY id").fetchall()
        audit = con.execute("SELECT count(*) FROM task_audit").fetchone()
    finally:
        con.close()
    return hashlib.sha256(repr((rows, audit)).encode()).hexdigest()


class Page(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags, self.text, self.stack = [], [], []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)

    def handle_data(self, data):
        self.text.append(data)


try:
    os.makedirs(os.path.join(work, "plans"))
    shutil.copy(os.path.join(SRC, "plans", "002-levokumsky-objectivity-2023.yaml"), plan_path)
    shutil.copytree(os.path.join(SRC, "examples", "levokumsky"), os.path.join(work, "examples", "levokumsky"))
    run("load", plan_path)

    # Marks: item 1 (due 31.01.2023) done on time, item 2 (February 2023) done five days late,
    # one school task of item 13 done on time; a measure carries markup that must come out escaped.
    con = sqlite3.connect(db)
    item1 = con.execute("SELECT id, due FROM tasks WHERE plan_id=? AND item_key='1' ORDER BY id", (PLAN,)).fetchall()
    item2 = con.execute("SELECT id, due FROM tasks WHERE plan_id=? AND item_key='2' ORDER BY id", (PLAN,)).fetchall()
    for tid, due in item1:
        con.execute("UPDATE tasks SET status='done', done_on=due, result='протокол семинара' WHERE id=?", (tid,))
    for tid, due in item2:
        con.execute("UPDATE tasks SET status='done', done_on=date(due, '+7 days'), result='справка' WHERE id=?", (tid,))
    con.execute("UPDATE items SET measure = measure || ' <script>alert(1)</script>' WHERE plan_id=? AND item_key='3'",
                (PLAN,))
    con.commit()
    # The rule, computed here: open, not waiting, due before today (one zone: Europe/Moscow).
    expected_overdue = {r[0] for r in con.execute(
        "SELECT id FROM tasks WHERE plan_id=? AND status IN ('planned','in_progress') AND waiting='none' "
        "AND due < ?", (PLAN, TODAY))}
    expected_late = {tid for tid, _ in item2}
    total = con.execute("SELECT count(*) FROM tasks WHERE plan_id=? AND status IN ('planned','in_progress','done')",
                        (PLAN,)).fetchone()[0]
    done = con.execute("SELECT count(*) FROM tasks WHERE plan_id=? AND status='done'", (PLAN,)).fetchone()[0]
    con.close()
    check(len(item1) >= 1 and len(item2) >= 2, f"items 1 and 2 have tasks: {item1} {item2}")
    check(len(expected_overdue) > 0, "some tasks are overdue on 09.01.2024")

    before = db_digest()

    # overdue, JSON: exactly the tasks the rule gives, oldest first; done late listed apart.
    ov = json.loads(report("overdue", "json"))
    tables = {t["id"]: t for t in ov["tables"]}
    rows = tables["overdue"]["rows"]
    check({r["task"] for r in rows} == expected_overdue, "overdue = open tasks due before today")
    check([r["due"] for r in rows] == sorted((r["due"] for r in rows), key=lambda d: d.split(".")[::-1]),
          "overdue rows oldest first")
    check({r["task"] for r in tables["done_late"]["rows"]} == expected_late, "done late = item 2's tasks")
    check(all(r["working_days"] == 5 for r in tables["done_late"]["rows"]),
          f"item 2 done 7 calendar days late = 5 working days: {tables['done_late']['rows']}")
    check(sum(r["count"] for r in tables["by_body"]["rows"]) == len(expected_overdue), "by body adds up")
    check(any("<script>" in r["measure"] for r in rows), "JSON keeps the text as it is")

    # completion, JSON: totals.
    comp = json.loads(report("completion", "json"))
    tot = {t["id"]: t for t in comp["tables"]}["total"]["rows"][0]
    check(tot["total"] == total and tot["done"] == done and tot["done_late"] == len(item2)
          and tot["overdue"] == len(expected_overdue), f"completion totals {tot}")
    check(any(t["id"] == "matrix" for t in comp["tables"]), "a schools x items matrix")

    # CSV: BOM, ';', CRLF, readable by csv.
    raw = report("overdue", "csv")
    check(raw.startswith(b"\xef\xbb\xbf"), "CSV starts with a BOM")
    text = raw[3:].decode("utf-8")
    check("\r\n" in text and "\n" not in text.replace("\r\n", ""), "CSV lines end with CRLF")
    parsed = list(csv.reader(io.StringIO(text, newline=""), delimiter=";"))
    header = next(r for r in parsed if r and r[0] == "Задача")
    check("Просрочено на" in header and "Мероприятие" in header, f"CSV header {header}")
    data_rows = [r for r in parsed if r and r[0].isdigit()]
    check(len(data_rows) >= len(expected_overdue), "CSV has the overdue rows")

    # HTML: parses, no script element, the markup escaped, an SVG chart; execution has its columns.
    for kind in ("overdue", "completion", "execution", "discipline"):
        page = report(kind, "html").decode("utf-8")
        p = Page()
        p.feed(page)
        check("script" not in p.tags, f"{kind}: no script element")
        check("svg" in p.tags or kind == "execution", f"{kind}: an SVG chart")
        check("table" in p.tags, f"{kind}: tables")
    page = report("execution", "html").decode("utf-8")
    check("&lt;script&gt;alert(1)&lt;/script&gt;" in page, "the measure's markup is escaped")
    for head in ("№", "Мероприятие", "Срок", "Ответственный", "Отметка об исполнении"):
        check(f"<th>{head}</th>" in page, f"execution column {head}")
    check("Шевченко" in page, "the signature names who signs")

    # execution, JSON: items in plan order, item 1 done with its result.
    ex = json.loads(report("execution", "json"))
    erows = ex["tables"][0]["rows"]
    check([r["no"] for r in erows][:3] == ["1", "2", "3"], "plan order")
    check("протокол семинара" in erows[0]["mark"] and erows[0]["status"] == "исполнено", f"item 1: {erows[0]}")
    check(erows[1]["status"] == "исполнено с нарушением срока", f"item 2: {erows[1]}")

    # discipline: shares add up to 100 %.
    di = json.loads(report("discipline", "json"))
    t = {x["id"]: x for x in di["tables"]}["total"]["rows"][0]
    check(abs(t["on_time_pct"] + t["late_pct"] + t["overdue_pct"] + t["open_pct"] - 100) < 0.3, f"shares {t}")

    # Terminal table: Russian headings.
    out = report("overdue", "table").decode("utf-8")
    check("Просроченные задачи" in out and "рабоч" in out, "table output")

    # -o writes a file.
    target = os.path.join(work, "discipline.html")
    run("report", "discipline", "--today", TODAY, "--format", "html", "-o", target)
    check(os.path.getsize(target) > 1000, "-o writes the page")

    # A period: only its tasks.
    q = json.loads(run("report", "completion", "--plan", PLAN, "--today", TODAY, "--period", "2023-Q1",
                       "--format", "json").stdout)
    qt = {x["id"]: x for x in q["tables"]}["total"]["rows"][0]
    con = sqlite3.connect(db)
    q_total = con.execute("SELECT count(*) FROM tasks WHERE plan_id=? AND status IN ('planned','in_progress','done') "
                          "AND due BETWEEN '2023-01-01' AND '2023-03-31'", (PLAN,)).fetchone()[0]
    con.close()
    check(qt["total"] == q_total, f"2023-Q1 totals {qt['total']} vs {q_total}")

    # Bad input: a clear error, exit 2, nothing changed.
    for bad, words in (("2024-08-31..2023-09-01", "кончается раньше"), ("2024-13", "нет такой"),
                       ("прошлый месяц", "2024-Q1"), ("2030", "не пересекается")):
        p = run("report", "overdue", "--period", bad, ok=False)
        err = p.stderr.decode()
        check(p.returncode == 2 and words in err, f"--period {bad}: exit {p.returncode}, {err}")
    p = run("report", "overdue", "--format", "pdf", ok=False)
    check(p.returncode == 2 and "table, csv, json, html" in p.stderr.decode(), "bad format")
    p = run("report", "overdue", "--today", "2024-02-30", ok=False)
    check(p.returncode == 2 and "ГГГГ-ММ-ДД" in p.stderr.decode(), "bad --today")
    p = run("report", "overdue", "--plan", "no-such-plan", ok=False)
    check(p.returncode == 1 and "no-such-plan" in p.stderr.decode(), "unknown plan")
    # The overdue list capped: the oldest N rows (due date, then task number), how many in all, a
    # note under the table; the summaries still count every overdue task. --all lists them all.
    con = sqlite3.connect(db)
    oldest = [r[0] for r in con.execute(
        "SELECT id FROM tasks WHERE plan_id=? AND status IN ('planned','in_progress') AND waiting='none' "
        "AND due < ? ORDER BY due, id LIMIT 5", (PLAN, TODAY))]
    sosh1 = {r[0] for r in con.execute(
        "SELECT id FROM tasks WHERE plan_id=? AND status IN ('planned','in_progress') AND waiting='none' "
        "AND due < ? AND assignee_kind='school' AND assignee='sosh-1'", (PLAN, TODAY))}
    sosh1_total = con.execute("SELECT count(*) FROM tasks WHERE plan_id=? AND status IN "
                              "('planned','in_progress','done') AND assignee_kind='school' AND assignee='sosh-1'",
                              (PLAN,)).fetchone()[0]
    dept_total = con.execute(
        "SELECT count(*) FROM tasks t WHERE plan_id=? AND status IN ('planned','in_progress','done') AND "
        "((assignee_kind='body' AND assignee='Отдел образования') OR (assignee_kind='school' AND assignee IN "
        "(SELECT id FROM dir_schools WHERE body='Отдел образования')))", (PLAN,)).fetchone()[0]
    con.close()
    capped = json.loads(report("overdue", "json", "--limit", "5"))
    ct = {t["id"]: t for t in capped["tables"]}
    check([r["task"] for r in ct["overdue"]["rows"]] == oldest, f"--limit 5: the five oldest {oldest}")
    check(ct["overdue"].get("total_rows") == len(expected_overdue), f"total_rows {ct['overdue'].get('total_rows')}")
    check("5" in ct["overdue"].get("note", "") and str(len(expected_overdue)) in ct["overdue"]["note"],
          f"the note says how many of how many: {ct['overdue'].get('note')}")
    check(sum(r["count"] for r in ct["by_body"]["rows"]) == len(expected_overdue), "capped: by body counts all")
    check(capped["overdue_total"] == str(len(expected_overdue)), "overdue_total in the JSON")
    text = report("overdue", "table", "--limit", "5").decode("utf-8")
    check("Показаны 5 самых давних из" in text and "--all" in text, "the table says what it left out")
    full = json.loads(report("overdue", "json", "--all"))
    ft = {t["id"]: t for t in full["tables"]}
    check({r["task"] for r in ft["overdue"]["rows"]} == expected_overdue and "note" not in ft["overdue"],
          "--all: every overdue task, no note")

    # Scopes: one school (its director's view), one body (its own tasks and its schools').
    school = json.loads(report("overdue", "json", "--school", "sosh-1"))
    check({r["task"] for r in {t["id"]: t for t in school["tables"]}["overdue"]["rows"]} == sosh1,
          "--school sosh-1: only its overdue tasks")
    check(any("Школа: МКОУ СОШ №1" in s for s in school["subtitle"]) and school["school"] == "sosh-1",
          f"the scope in the subtitle: {school['subtitle']}")
    st = {x["id"]: x for x in json.loads(report("completion", "json", "--school", "sosh-1"))["tables"]}
    check(st["total"]["rows"][0]["total"] == sosh1_total, f"--school completion total {st['total']['rows'][0]}")
    bt = {x["id"]: x for x in json.loads(report("completion", "json", "--body", "Отдел образования"))["tables"]}
    check(bt["total"]["rows"][0]["total"] == dept_total and dept_total < total,
          f"--body completion total {bt['total']['rows'][0]['total']} vs {dept_total} of {total}")
    p = run("report", "discipline", "--school", "no-such-school", ok=False)
    check(p.returncode == 1 and "no-such-school" in p.stderr.decode(), "unknown school")
    p = run("report", "discipline", "--body", "Нет такого органа", ok=False)
    check(p.returncode == 1 and "Нет такого органа" in p.stderr.decode(), "unknown body")

    check(db_digest() == before, "reports change nothing in the database")
finally:
    shutil.rmtree(work, ignore_errors=True)

if failures:
    print(f"{len(failures)} check(s) failed", file=sys.stderr)
    sys.exit(1)
print("reports: ok")
