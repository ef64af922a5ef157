#!/usr/bin/env python3
"""Calendar feeds with the real binary: load the Левокумский plan (seed 002) into a temporary
database, write the .ics feed of a school and of a person with `roadmap ics`, and read them with two
independent parsers -- python3-icalendar and ical.js (the parser of Thunderbird, from npm, kept in
tests/e2e/node) -- checking that every dated task is one event with the task's due date, a UID made
from nothing but the task's key, SEQUENCE = version - 1, cancelled tasks as STATUS:CANCELLED, the
end of each term (X-ROADMAP-DEADLINE, 24:00 of the due day in Moscow) placed by ical.js through the
feed's own VTIMEZONE where Python's zoneinfo places it, and that the VTIMEZONE of the timed feed
places a 2012 Moscow time where zoneinfo does (UTC+4 then, UTC+3 since 2014).

Usage: ics.py ROADMAP SOURCE_TREE
"""
import datetime
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import zoneinfo

import util

util.need("icalendar")

from icalendar import Calendar  # noqa: E402

from util import expected_uid  # noqa: E402

ROADMAP, SRC = sys.argv[1], sys.argv[2]
PLAN = "levokumsky-objectivity-2023"
work = tempfile.mkdtemp(prefix="roadmap-ics-")
db = os.path.join(work, "roadmap.db")
check = util.Checks("ics")


def run(*args, ok=True):
    p = subprocess.run([ROADMAP, "--db", db, *args], capture_output=True, text=True,
                       env={**os.environ, "ROADMAP_LANG": "ru"})
    if ok and p.returncode != 0:
        print(p.stdout, p.stderr, file=sys.stderr)
        raise SystemExit(f"FAIL: roadmap {' '.join(args)} exited {p.returncode}")
    return p


def tasks(*filters):
    return json.loads(run("tasks", "--format", "json", *filters).stdout)


def stored():
    con = sqlite3.connect(db)
    try:
        return {row[0]: {"key": row[1], "version": row[2], "status": row[3], "due": row[4]}
                for row in con.execute("SELECT id, key, version, status, due FROM tasks")}
    finally:
        con.close()


def ical_js(path, *probes):
    js = util.ical_js(path, *probes)
    check(js is not None, f"ical.js cannot parse {path}")
    return js or {"events": [], "todos": [], "timezones": {}, "probes": [], "method": None}


def end_of_term(due, zone):
    """24:00 of the due day in the zone, as a Unix time by Python's zoneinfo."""
    local = datetime.datetime.combine(datetime.date.fromisoformat(due) + datetime.timedelta(days=1), datetime.time(0))
    return int(local.replace(tzinfo=zoneinfo.ZoneInfo(zone)).timestamp())


def python_events(path):
    with open(path, "rb") as f:
        cal = Calendar.from_ical(f.read())
    check(str(cal.get("METHOD")) == "PUBLISH", f"{path}: METHOD:PUBLISH")
    out = {}
    for ev in cal.walk("VEVENT"):
        url = str(ev.get("URL"))
        task_id = int(url.rsplit("/", 1)[1])
        check(task_id not in out, f"one event per task ({task_id})")
        out[task_id] = ev
    return cal, out


def check_feed(path, expected_tasks, label):
    """Both parsers see one event per dated task, on its due date, with the promised UID."""
    db_tasks = stored()
    dated = {t["id"]: t for t in expected_tasks if t.get("due")}
    check(len(dated) > 0, f"{label}: has dated tasks")
    cal, events = python_events(path)
    check(set(events) == set(dated), f"{label}: python-icalendar sees one event per dated task "
                                     f"(missing {sorted(set(dated) - set(events))[:5]}, extra {sorted(set(events) - set(dated))[:5]})")
    for task_id, ev in events.items():
        t, s = dated.get(task_id), db_tasks[task_id]
        if t is None:
            continue
        start, end = ev.get("DTSTART").dt, ev.get("DTEND").dt
        check(isinstance(start, datetime.date) and not isinstance(start, datetime.datetime),
              f"{label}: task {task_id} is an all-day event")
        check(start.isoformat() == t["due"], f"{label}: task {task_id} starts on its due day {t['due']}, not {start}")
        check(end == start + datetime.timedelta(days=1), f"{label}: task {task_id} ends the next day")
        check(str(ev.get("UID")) == expected_uid(s["key"]), f"{label}: task {task_id} UID from its key")
        check(int(ev.get("SEQUENCE")) == s["version"] - 1, f"{label}: task {task_id} SEQUENCE = version - 1")
        want = "CANCELLED" if s["status"] in ("cancelled", "not_needed") else "CONFIRMED"
        check(str(ev.get("STATUS")) == want, f"{label}: task {task_id} STATUS {want}")
        check(str(ev.get("SUMMARY")).startswith(("п. ", "Отменено: п. ", "✓ п. ")), f"{label}: summary {ev.get('SUMMARY')}")
    js = ical_js(path)
    check(js["method"] == "PUBLISH", f"{label}: ical.js reads METHOD")
    by_uid = {e["uid"]: e for e in js["events"]}
    check(len(by_uid) == len(js["events"]) == len(events), f"{label}: ical.js sees {len(js['events'])} events, "
                                                           f"python {len(events)}")
    for task_id, ev in events.items():
        e = by_uid.get(str(ev.get("UID")))
        if e is None:
            check(False, f"{label}: ical.js misses task {task_id}")
            continue
        check(e["start"]["isDate"] and e["start"]["value"] == dated[task_id]["due"],
              f"{label}: ical.js start of task {task_id}: {e['start']}")
        check(e["summary"] == str(ev.get("SUMMARY")) and e["description"] == str(ev.get("DESCRIPTION")),
              f"{label}: both parsers read the same texts for task {task_id}")
        # The end of the term in the body's zone, resolved by ical.js through the feed's own VTIMEZONE.
        deadline = ev.get("X-ROADMAP-DEADLINE")
        check(deadline is not None and deadline.params.get("TZID") == "Europe/Moscow",
              f"{label}: task {task_id} says when its term ends, in its zone: {deadline!r}")
        check(e["deadline"] and e["deadline"]["zone"] == "Europe/Moscow"
              and e["deadline"]["utc"] == end_of_term(dated[task_id]["due"], "Europe/Moscow"),
              f"{label}: ical.js places the end of task {task_id}'s term at 24:00 Moscow time: {e['deadline']}")
    check([str(z.get("TZID")) for z in cal.walk("VTIMEZONE")] == ["Europe/Moscow"],
          f"{label}: the all-day feed carries the one zone it refers to")
    return cal, events, js


try:
    os.makedirs(os.path.join(work, "plans"))
    shutil.copy(os.path.join(SRC, "plans", "002-levokumsky-objectivity-2023.yaml"), os.path.join(work, "plans"))
    shutil.copytree(os.path.join(SRC, "examples", "levokumsky"), os.path.join(work, "examples", "levokumsky"))
    run("load", os.path.join(work, "plans", "002-levokumsky-objectivity-2023.yaml"))

    # A task the school does not need any more stays in the feed as cancelled.
    school_tasks = tasks("--school", "sosh-1")
    dropped = next(t for t in school_tasks if t.get("due"))
    con = sqlite3.connect(db)
    con.execute("UPDATE tasks SET status='not_needed', version=version+1 WHERE id=?", (dropped["id"],))
    done = next(t for t in school_tasks if t.get("due") and t["id"] != dropped["id"])
    con.execute("UPDATE tasks SET status='done', done_on='2023-09-01', version=version+1 WHERE id=?", (done["id"],))
    con.commit()
    con.close()
    school_tasks = tasks("--school", "sosh-1")

    # 1. The school's feed.
    school_ics = os.path.join(work, "sosh-1.ics")
    out = run("ics", "--school", "sosh-1", "-o", school_ics).stdout
    check("sosh-1.ics" in out, "ics reports the file written: " + out)
    with open(school_ics, "rb") as f:
        raw = f.read()
    check(raw.startswith(b"BEGIN:VCALENDAR\r\n") and raw.endswith(b"END:VCALENDAR\r\n"), "CRLF calendar")
    check(all(len(line) <= 75 for line in raw.split(b"\r\n")), "lines folded at 75 octets")
    cal, events, _ = check_feed(school_ics, school_tasks, "school")
    check(str(events[dropped["id"]].get("STATUS")) == "CANCELLED", "the not-needed task is a cancelled event")
    check(str(events[done["id"]].get("SUMMARY")).startswith("✓ п. "), "a done task says so in its summary")

    # 2. A person's feed: the tasks of her body, with her as the attendee.
    person_tasks = tasks("--person", "zaitseva-ov")
    person_ics = os.path.join(work, "zaitseva.ics")
    run("ics", "--person", "zaitseva-ov", "-o", person_ics, "--base-url", "https://roadmap.example.ru/")
    _, pevents, js = check_feed(person_ics, person_tasks, "person")
    for ev in pevents.values():
        check(str(ev.get("URL")).startswith("https://roadmap.example.ru/tasks/"), "links use --base-url")
        att = ev.get("ATTENDEE")
        check(att is not None and str(att).lower() == "mailto:o.zaitseva@example.ru", f"attendee: {att}")
        check(str(ev.get("ORGANIZER")) == "mailto:noreply@roadmap.example.ru", f"organizer: {ev.get('ORGANIZER')}")
        break
    check(all(e["attendees"] and e["attendees"][0]["cn"] == "Зайцева Ольга Викторовна" for e in js["events"]),
          "ical.js reads the attendee's name")
    stdout_feed = run("ics", "--person", "o.zaitseva@example.ru").stdout
    check(stdout_feed.startswith("BEGIN:VCALENDAR") and stdout_feed.count("BEGIN:VEVENT") == len(pevents),
          "without -o the feed goes to stdout; a person by e-mail")

    # 3. The timed feed: events at 09:00 local with a complete VTIMEZONE.
    timed_ics = os.path.join(work, "timed.ics")
    run("ics", "--school", "sosh-1", "--timed", "-o", timed_ics)
    with open(timed_ics, "rb") as f:
        tcal = Calendar.from_ical(f.read())
    zones = [str(z.get("TZID")) for z in tcal.walk("VTIMEZONE")]
    check(zones == ["Europe/Moscow"], f"one VTIMEZONE for the zone used: {zones}")
    for ev in tcal.walk("VEVENT"):
        start = ev.get("DTSTART")
        task_id = int(str(ev.get("URL")).rsplit("/", 1)[1])
        due = next(t["due"] for t in school_tasks if t["id"] == task_id)
        check(start.params.get("TZID") == "Europe/Moscow" and start.dt.hour == 9 and start.dt.date().isoformat() == due,
              f"timed event of task {task_id}: {start.to_ical()} {start.params}")
    probes = ["2010-07-01T12:00:00", "2010-12-01T12:00:00", "2011-06-01T12:00:00", "2012-01-15T12:00:00",
              "2012-07-01T12:00:00", "2013-12-31T23:30:00", "2014-10-25T12:00:00", "2014-10-27T12:00:00",
              "2015-06-01T12:00:00", "2024-03-01T09:00:00"]
    js = ical_js(timed_ics, *[f"Europe/Moscow={p}" for p in probes])
    check(js["timezones"].get("Europe/Moscow", 0) > 10, f"ical.js reads the VTIMEZONE's observances: {js['timezones']}")
    moscow = zoneinfo.ZoneInfo("Europe/Moscow")
    for probe in js["probes"]:
        local = datetime.datetime.fromisoformat(probe["local"]).replace(tzinfo=moscow)
        check(probe.get("utc") == int(local.timestamp()),
              f"ical.js places {probe['local']} Moscow at {probe.get('utc')}, zoneinfo at {int(local.timestamp())} "
              f"({local.utcoffset()})")
    js_events = {e["uid"]: e for e in js["events"]}
    for ev in tcal.walk("VEVENT"):
        e = js_events.get(str(ev.get("UID")))
        start = ev.get("DTSTART").dt.replace(tzinfo=moscow)
        check(e is not None and e["start"]["zone"] == "Europe/Moscow" and e["start"]["utc"] == int(start.timestamp()),
              f"ical.js and python agree on the instant of {ev.get('UID')}")

    # 4. The VTODO feed.
    todo_ics = os.path.join(work, "todo.ics")
    run("ics", "--school", "sosh-1", "--todo", "-o", todo_ics)
    with open(todo_ics, "rb") as f:
        todos = list(Calendar.from_ical(f.read()).walk("VTODO"))
    check(len(todos) == len(school_tasks), f"every task is a VTODO ({len(todos)} of {len(school_tasks)})")
    by_url = {int(str(t.get("URL")).rsplit("/", 1)[1]): t for t in todos}
    done_todo = by_url.get(done["id"])
    check(done_todo is not None and str(done_todo.get("STATUS")) == "COMPLETED"
          and done_todo.get("COMPLETED").dt.astimezone(zoneinfo.ZoneInfo("Europe/Moscow")).date() == datetime.date(2023, 9, 1),
          f"the done task is a completed VTODO done on 2023-09-01: {done_todo and done_todo.get('COMPLETED')}")
    for task_id, todo in by_url.items():
        t = next(x for x in school_tasks if x["id"] == task_id)
        due = todo.get("DUE")
        check((due.dt.isoformat() if due else None) == t.get("due"), f"VTODO of task {task_id} is due {t.get('due')}")
    js = ical_js(todo_ics)
    check(len(js["todos"]) == len(todos), "ical.js reads the VTODOs")

    # 5. Usage errors.
    check(run("ics", ok=False).returncode == 2, "no scope is a usage error")
    check(run("ics", "--school", "sosh-1", "--body", "x", ok=False).returncode == 2, "two scopes are a usage error")
    p = run("ics", "--person", "nobody@example.ru", ok=False)
    check(p.returncode == 1 and "nobody@example.ru" in p.stderr, "an unknown person: " + p.stderr)
finally:
    shutil.rmtree(work, ignore_errors=True)

check.finish()
