#!/usr/bin/env python3
"""A process killed at any point of a load or a re-plan leaves the database as before or fully
applied (issue 4). A region of 300 schools carrying seed 000 is loaded by the real binary, which
is killed with SIGKILL at spread-out moments; after each kill the database must pass SQLite's
integrity check and hold exactly the state before the load or exactly the state after a complete
one. The same for a re-plan after an edit (one item's deadline changed).

Usage: kill_load.py ROADMAP SOURCE_TREE
"""
import hashlib
import os
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time

ROADMAP, SRC = sys.argv[1], sys.argv[2]
SCHOOLS = 300
TRIALS = 8
work = tempfile.mkdtemp(prefix="roadmap-kill-")
plan = os.path.join(work, "plans", "000.yaml")
failures = []


def check(cond, what):
    if not cond:
        failures.append(what)
        print("FAIL:", what, file=sys.stderr)


def state(db):
    """Everything a load writes, as one digest; plus SQLite's own verdict on the file."""
    if not os.path.exists(db):
        return hashlib.sha256().hexdigest(), "ok"  # no file: the same as a file without rows
    con = sqlite3.connect(db)
    try:
        verdict = con.execute("PRAGMA integrity_check").fetchone()[0]
        h = hashlib.sha256()
        tables = [r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name")]
        for t in tables:
            if t == "schedule_runs":  # the log of runs: a re-load that changes nothing still logs it
                continue
            cols = [r[1] for r in con.execute(f"PRAGMA table_info({t})")]
            # When the row was written is not part of what was written.
            cols = [c for c in cols if c not in ("loaded_at", "created_at", "updated_at", "at", "created_run", "run_id")]
            if not cols:
                continue
            for row in con.execute(f"SELECT {', '.join(cols)} FROM {t} ORDER BY {', '.join(cols)}"):
                h.update(repr((t, row)).encode())
        return h.hexdigest(), verdict
    finally:
        con.close()


def load(db, background=False):
    args = [ROADMAP, "--db", db, "load", plan]
    if background:
        return subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    p = subprocess.run(args, capture_output=True, text=True)
    if p.returncode != 0:
        raise SystemExit(f"load failed: {p.stderr}")


def trials(base_db, label):
    """Loads into copies of base_db, killed at moments spread over one complete load."""
    before, verdict = state(base_db)
    full_db = os.path.join(work, f"{label}-full.db")
    if os.path.exists(base_db):
        shutil.copy(base_db, full_db)
    t0 = time.monotonic()
    load(full_db)
    duration = time.monotonic() - t0
    after, verdict = state(full_db)
    check(verdict == "ok" and after != before, f"{label}: a complete load changes the database")
    seen = {"before": 0, "after": 0}
    for k in range(TRIALS):
        db = os.path.join(work, f"{label}-{k}.db")
        for suffix in ("", "-wal", "-shm"):
            if os.path.exists(base_db + suffix):
                shutil.copy(base_db + suffix, db + suffix)
        p = load(db, background=True)
        time.sleep(duration * (k + 0.5) / TRIALS)
        p.send_signal(signal.SIGKILL)
        p.wait()
        got, verdict = state(db)
        check(verdict == "ok", f"{label} #{k}: integrity_check says {verdict}")
        if got == before:
            seen["before"] += 1
        elif got == after:
            seen["after"] += 1
        else:
            check(False, f"{label} #{k}: killed after {duration * (k + 0.5) / TRIALS:.2f}s: a half-applied database")
        # The next load after a kill completes and gives the full state.
        load(db)
        check(state(db)[0] == after, f"{label} #{k}: the load after the kill gives the complete state")
    print(f"{label}: complete load {duration:.2f}s; killed runs left the state before {seen['before']} times, "
          f"after {seen['after']} times")
    check(seen["before"] > 0, f"{label}: no kill landed before the commit; the test proves nothing")
    return full_db


try:
    os.makedirs(os.path.join(work, "plans"))
    shutil.copy(os.path.join(SRC, "plans", "000-otdel-obrazovaniya-objectivity.yaml"), plan)
    shutil.copytree(os.path.join(SRC, "examples", "otdel"), os.path.join(work, "examples", "otdel"))
    directory = os.path.join(work, "examples", "otdel", "directory.yaml")
    with open(directory, encoding="utf-8") as f:
        text = f.read()
    extra = "".join(f"  - {{id: extra-{i:04d}, short_name: МБОУ СОШ №{100 + i}}}\n" for i in range(SCHOOLS))
    text = re.sub(r"^schools:\n", "schools:\n" + extra, text, count=1, flags=re.M)
    with open(directory, "w", encoding="utf-8") as f:
        f.write(text)

    empty = os.path.join(work, "empty.db")  # never created: the first load starts from nothing
    loaded = trials(empty, "load")

    # A re-plan: one item's deadline changes (a fan-out item: every school's task moves).
    with open(plan, encoding="utf-8") as f:
        text = f.read()
    with open(plan, "w", encoding="utf-8") as f:
        f.write(text.replace("deadline: сентябрь-октябрь", "deadline: октябрь-ноябрь", 1))
    trials(loaded, "replan")
finally:
    shutil.rmtree(work, ignore_errors=True)

if failures:
    raise SystemExit(f"{len(failures)} check(s) failed")
print("ok")
