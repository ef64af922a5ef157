#!/usr/bin/env python3
"""The task lifecycle with the real binary over a real SQLite file: load the Левокумский plan (seed
002; item 2 given an expected result), start a task, mark it done with a result and a file, refuse
done without the result the plan asks for (exit 1, nothing changed), cancel (a reason required),
reopen, refuse not-needed for a dated task, a stale --version, an unknown task number, --as; the
history in Russian and in English, and as JSON.

Usage: lifecycle.py ROADMAP SOURCE_TREE
"""
import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile

ROADMAP, SRC = sys.argv[1], sys.argv[2]
work = tempfile.mkdtemp(prefix="roadmap-lifecycle-")
db = os.path.join(work, "roadmap.db")
plan_path = os.path.join(work, "plans", "002-levokumsky.yaml")
failures = []


def check(cond, what):
    if not cond:
        failures.append(what)
        print("FAIL:", what, file=sys.stderr)


def run(*args, ok=True, lang="ru", user="coordinator"):
    env = {**os.environ, "ROADMAP_LANG": lang, "ROADMAP_USER": user}
    p = subprocess.run([ROADMAP, "--db", db, *args], capture_output=True, text=True, env=env)
    if ok and p.returncode != 0:
        print(p.stdout, p.stderr, file=sys.stderr)
        raise SystemExit(f"FAIL: roadmap {' '.join(args)} exited {p.returncode}")
    return p


def tasks(*filters):
    return json.loads(run("tasks", "--format", "json", *filters).stdout)


def history(task_id, lang="ru"):
    return json.loads(run("history", str(task_id), "--format", "json", lang=lang).stdout)


def snapshot():
    con = sqlite3.connect(db)
    try:
        rows = con.execute("SELECT id, status, version, done_on, result, result_link, result_document, "
                           "cancelled_by, updated_at FROM tasks ORDER BY id").fetchall()
        audit = con.execute("SELECT count(*) FROM task_audit").fetchone()[0]
        results = con.execute("SELECT count(*) FROM task_results").fetchone()[0]
        files = con.execute("SELECT count(*) FROM task_files").fetchone()[0]
        return rows, audit, results, files
    finally:
        con.close()


def refused(args, needle, code=1, lang="ru"):
    """The command fails with `code`, says `needle` on stderr and changes nothing."""
    before = snapshot()
    p = run(*args, ok=False, lang=lang)
    check(p.returncode == code, f"roadmap {' '.join(args)}: exit {p.returncode}, wanted {code}; {p.stderr}")
    check(needle in p.stderr, f"roadmap {' '.join(args)}: {needle!r} not in {p.stderr!r}")
    check(snapshot() == before, f"roadmap {' '.join(args)} changed the database")
    return p


try:
    os.makedirs(os.path.join(work, "plans"))
    shutil.copy(os.path.join(SRC, "plans", "002-levokumsky-objectivity-2023.yaml"), plan_path)
    shutil.copytree(os.path.join(SRC, "examples", "levokumsky"), os.path.join(work, "examples", "levokumsky"))
    with open(plan_path, encoding="utf-8") as f:
        text = f.read()
    anchor = "        participants: Руководители ОО, специалисты отдела образования, информационно-методического центра\n"
    assert anchor in text
    text = text.replace(anchor, anchor + "        expected_result: Аналитическая справка по итогам семинара\n", 1)
    with open(plan_path, "w", encoding="utf-8") as f:
        f.write(text)
    run("load", plan_path)

    item1 = tasks("--item", "1")
    item2 = tasks("--item", "2")
    check(len(item1) >= 1 and len(item2) >= 1, f"items 1 and 2 have tasks: {item1} {item2}")
    t1, t2 = item1[0]["id"], item2[0]["id"]
    check(item1[0]["status"] == "planned" and item1[0]["version"] == 1, "a loaded task is planned, version 1")
    check(item1[0]["kind"] != "on_demand", "item 1 has a deadline")

    # start
    out = run("start", str(t1)).stdout
    check("запланирована → в работе" in out, "start says what changed: " + out)
    check(tasks("--item", "1")[0]["status"] == "in_progress", "started")
    refused(["start", str(t1)], "уже в работе")

    # done with a result and a file, on a past day (the task was due in January 2023: done late)
    attach = os.path.join(work, "Справка.pdf")
    with open(attach, "wb") as f:
        f.write("справка о семинаре".encode("utf-8") * 100)
    digest = hashlib.sha256(open(attach, "rb").read()).hexdigest()
    out = run("done", str(t1), "--result", "семинар проведён, 34 участника", "--doc", "приказ № 12 от 01.02.2023",
              "--link", "https://imc.example.ru/seminar", "--file", attach, "--on", "2023-02-03",
              "--as", "m.petrova@example.ru").stdout
    check("в работе → выполнена" in out, "done says what changed: " + out)
    check("с опозданием" in out, "done late is said: " + out)
    stored = os.path.join(db + ".files", digest + ".pdf")
    check(os.path.isfile(stored) and open(stored, "rb").read() == open(attach, "rb").read(), "the file is stored by hash")
    t = [x for x in tasks("--item", "1") if x["id"] == t1][0]
    check(t["status"] == "done" and t["done_on"] == "2023-02-03" and t["version"] == 3, f"done: {t}")

    # done where the plan asks for a result, but none is given
    refused(["done", str(t2)], "план требует результат")
    refused(["done", str(t2), "--result", "   "], "план требует результат")
    refused(["done", str(t2), "--link", "ftp://example.ru/x"], "ссылка «ftp://example.ru/x» не принята")
    refused(["done", str(t2), "--file", os.path.join(work, "нет.pdf")], "нет или это не обычный файл")
    refused(["done", str(t2), "--on", "2999-01-01", "--result", "x"], "ещё не наступила")
    refused(["done", str(t2), "--result", "x", "--as", "nobody"], "нет в справочнике")
    refused(["done", str(t2), "--on", "вчера", "--result", "x"], "не понята", code=2)
    check(not any(name.startswith(".incoming") for name in os.listdir(db + ".files")), "no temporary files left")

    # a stale version: the loser is told who changed the task and what to do
    run("start", str(t2), "--as", "gromova-ta")
    p = refused(["done", str(t2), "--result", "справка", "--version", "1"], "уже изменил(а) Громова Татьяна Андреевна")
    check(f"roadmap history {t2}" in p.stderr, "the conflict says how to look again: " + p.stderr)
    run("done", str(t2), "--result", "справка готова", "--version", "2")

    # cancel needs a reason; closed tasks refuse everything but reopen
    t3 = tasks("--item", "3")[0]["id"]
    refused(["cancel", str(t3)], "укажите причину отмены")
    run("cancel", str(t3), "--reason", "семинар объединён с пунктом 2")
    refused(["start", str(t3)], "отменена")
    refused(["done", str(t1), "--result", "ещё раз"], "уже выполнена")

    # reopen needs a reason, then the task is planned again
    refused(["reopen", str(t3)], "укажите причину")
    out = run("reopen", str(t3), "--reason", "объединение отменено").stdout
    check("отменена → запланирована" in out, "reopen: " + out)
    refused(["reopen", str(t3), "--reason", "ещё раз"], "не закрыта")

    # not-needed only for on-demand measures
    refused(["not-needed", str(t3), "--reason", "не понадобилось"], "по мере необходимости")
    refused(["not-needed", str(t3)], "укажите, почему")

    # an unknown task, a task number that is not a number
    refused(["done", "999999", "--result", "x"], "задачи № 999999 нет")
    refused(["history", "999999"], "задачи № 999999 нет")
    refused(["start", "двенадцать"], "не понят", code=2)

    # history: the task and every change, oldest first, in Russian
    out = run("history", str(t1)).stdout
    check(f"Задача № {t1}" in out and "пункт 1" in out, "history heading: " + out)
    check("Практико-ориентированный семинар" in out, "history shows the measure")
    check("Статус: выполнена · версия 3" in out, "history shows status and version")
    check("с опозданием" in out, "history shows lateness")
    check("приказ № 12 от 01.02.2023" in out and "https://imc.example.ru/seminar" in out, "history shows the result")
    check("Петрова Марина Александровна" in out and "coordinator" in out, "history shows who (name or user)")
    check(out.index("запланирована → в работе") < out.index("в работе → выполнена"), "oldest first")
    check(digest + ".pdf" in out, "history names the stored file")
    h = history(t3)
    check([(c["from"], c["to"], c["action"]) for c in h["history"]]
          == [("planned", "cancelled", "status"), ("cancelled", "planned", "reopened")], f"history of t3: {h}")
    check(h["history"][0]["reason"] == "семинар объединён с пунктом 2", "the reason is kept")
    check(h["task"]["version"] == 3 and h["task"]["status"] == "planned", "t3 planned again, version 3")
    h1 = history(t1)
    check(h1["task"]["done_late"] is True and h1["task"]["files"][0]["sha256"] == digest, f"t1 json: {h1['task']}")
    check(h1["history"][1]["actor"] == "petrova-ma" and h1["history"][0]["actor"] == "coordinator", "actors recorded")

    # --lang en
    out = run("history", str(t1), lang="en").stdout
    check(f"Task #{t1}" in out and "planned → in progress" in out and "in progress → done" in out, "history in English: " + out)
    refused(["done", str(t2), "--result", "x"], "is done already", lang="en")
    refused(["cancel", str(t3)], "give the reason for cancelling", lang="en")
finally:
    shutil.rmtree(work, ignore_errors=True)

if failures:
    print(f"{len(failures)} check(s) failed", file=sys.stderr)
    sys.exit(1)
print("lifecycle: ok")
