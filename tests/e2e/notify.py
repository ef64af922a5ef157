#!/usr/bin/env python3
"""E-mail notifications with the real binary and a real SMTP server on loopback (aiosmtpd from
python3-aiosmtpd, started here on a free port): load the Левокумский plan (seed 002) into a
temporary database and run `roadmap notify --now ...` against it. Checks:
- --dry-run lists who would get what and writes nothing;
- the messages arrive -- one digest per person, and each calendar invite or cancel as a message of
  its own --, parse with Python's email package (policy.default), the RFC 2047 subjects decode to
  the right Russian text, the Date and Message-ID are there, every part is UTF-8, the text links to
  the task pages; a digest carries no calendar;
- every invite message is iMIP with one calendar: exactly one text/calendar part (beside its text
  in the multipart/alternative, its method parameter = the object's METHOD) and the same object
  as an application/ics attachment; each is read by python3-icalendar and by ical.js
  (Thunderbird's parser, tests/e2e/node), which agree: one VEVENT, UID from the task's key alone,
  SEQUENCE = version - 1, DTSTART = the task's due date as `roadmap tasks --format json` gives it,
  the end of the term (X-ROADMAP-DEADLINE) at 24:00 Moscow time by the message's own VTIMEZONE,
  and that VTIMEZONE placing Moscow times of 2010-2015 where Python's zoneinfo does;
- running again the same day sends nothing new; a moved due date sends the invite again with the
  same UID, SEQUENCE + 1 and the new date; a cancelled task sends METHOD:CANCEL with a higher
  SEQUENCE to those it was sent to;
- a mailbox the server refuses (550) is 'rejected', shown by `roadmap outbox`, never retried;
- the server down: everything stays queued with a back-off and the error; back up: every message
  is delivered exactly once;
- `roadmap notify` killed (SIGKILL) in the middle of a batch and run again: nothing is lost and at
  most one message arrives twice.

Usage: notify.py ROADMAP SOURCE_TREE
"""
import asyncio
import collections
import datetime
import email
import email.header
import email.policy
import email.utils
import json
import os
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
import zoneinfo

import util

util.need("aiosmtpd", "icalendar")

import icalendar  # noqa: E402
from aiosmtpd.controller import Controller  # noqa: E402

from util import expected_uid, free_port  # noqa: E402

ROADMAP, SRC = sys.argv[1], sys.argv[2]
work = tempfile.mkdtemp(prefix="roadmap-notify-")
db = os.path.join(work, "roadmap.db")
check = util.Checks("notify")
MOSCOW = zoneinfo.ZoneInfo("Europe/Moscow")


class Mailbox:
    """An aiosmtpd handler keeping every message; refuses some mailboxes, may be slow."""

    def __init__(self):
        self.lock = threading.Lock()
        self.messages = []   # (rcpt, raw bytes)
        self.refuse = set()
        self.delay = 0.0
        self.rcpt_attempts = collections.Counter()

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        with self.lock:
            self.rcpt_attempts[address] += 1
        if address in self.refuse:
            return "550 5.1.1 <%s>: mailbox unavailable" % address
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        if self.delay:
            await asyncio.sleep(self.delay)
        with self.lock:
            for r in envelope.rcpt_tos:
                self.messages.append((r, envelope.original_content or envelope.content))
        return "250 Message accepted for delivery"

    def count(self):
        with self.lock:
            return len(self.messages)


box = Mailbox()
port = free_port()
server = None


def server_up():
    global server
    server = Controller(box, hostname="127.0.0.1", port=port)
    server.start()


def server_down():
    global server
    if server:
        server.stop()
        server = None


def run(*args, ok=True, lang="ru"):
    env = {**os.environ, "ROADMAP_LANG": lang, "ROADMAP_USER": "coordinator"}
    env.pop("ROADMAP_SMTP_URL", None)
    p = subprocess.run([ROADMAP, "--db", db, *args], capture_output=True, text=True, env=env)
    if ok and p.returncode not in (0, 3):
        print(p.stdout, p.stderr, file=sys.stderr)
        raise SystemExit(f"FAIL: roadmap {' '.join(args)} exited {p.returncode}")
    return p


policy = os.path.join(work, "notify.yaml")
with open(policy, "w", encoding="utf-8") as f:
    f.write("""local_hour: 9
base_url: http://roadmap.test
from: {name: Дорожные карты Левокумского округа, email: roadmap@levokumsky.example.ru}
reminders: {before_due: [14, 3, 1]}
escalation: {executor_daily: true, head_weekly: monday, coordinator_after: 5}
invites: {enabled: true, horizon_days: 60}
""")


def notify(now, *extra):
    return run("notify", "--policy", policy, "--now", now, "--smtp-url", f"smtp://127.0.0.1:{port}", *extra)


def outbox():
    return json.loads(run("outbox", "--format", "json").stdout)


def parse(raw):
    return email.message_from_bytes(raw, policy=email.policy.default)


def rfc2047(raw, name):
    """A header of the raw message decoded by email.header (RFC 2047 rules)."""
    value = email.message_from_bytes(raw, policy=email.policy.compat32)[name]
    return str(email.header.make_header(email.header.decode_header(value)))


def sql(q, *a):
    return util.sql(db, q, *a)


HOLIDAYS_2023 = {datetime.date(2023, 11, 6), datetime.date(2023, 6, 12), datetime.date(2023, 5, 1),
                 datetime.date(2023, 5, 8), datetime.date(2023, 5, 9), datetime.date(2023, 2, 23),
                 datetime.date(2023, 2, 24), datetime.date(2023, 3, 8)}


def working(d):
    return d.weekday() < 5 and d not in HOLIDAYS_2023 and not (d.month == 1 and d.day <= 8)


def current_tasks():
    """Task id -> what `roadmap tasks --format json` says, with the key, version and zone stored."""
    out = {t["id"]: t for t in json.loads(run("tasks", "--format", "json").stdout)}
    for tid, key, version, zone in sql("SELECT id, key, version, timezone FROM tasks"):
        out[tid].update(key=key, version=version, zone=zone)
    return out


def end_of_term(due, zone):
    """24:00 of the due day in the zone, as a Unix time by Python's zoneinfo."""
    local = datetime.datetime.combine(datetime.date.fromisoformat(due) + datetime.timedelta(days=1), datetime.time(0))
    return int(local.replace(tzinfo=zoneinfo.ZoneInfo(zone)).timestamp())


# Moscow wall times across the rules of past years: summer time until 2010, UTC+4 all year from
# March 2011 to October 2014, UTC+3 since.
PROBES = ["2010-07-01T12:00:00", "2010-12-01T12:00:00", "2011-06-01T12:00:00", "2012-01-15T12:00:00",
          "2013-12-31T23:30:00", "2014-10-27T12:00:00", "2023-06-01T09:00:00"]


def read_invite(rcpt, msg, tasks, label):
    """The one calendar of an iMIP message, read by python3-icalendar and by ical.js and checked
    against the task it names; returns (method, task id, uid, sequence, start date, status)."""
    calendars = [p for p in msg.walk() if p.get_content_type() == "text/calendar"]
    copies = [p for p in msg.walk() if p.get_content_type() == "application/ics"]
    if not check(len(calendars) == 1 and len(copies) == 1,
                 f"{label}: one text/calendar part and one application/ics copy, got {len(calendars)} + {len(copies)}"):
        return None
    part = calendars[0]
    alternative = [p for p in msg.walk() if p.get_content_type() == "multipart/alternative"]
    check(len(alternative) == 1 and part in alternative[0].get_payload()
          and [p.get_content_type() for p in alternative[0].get_payload()] == ["text/plain", "text/html", "text/calendar"],
          f"{label}: the scheduling part sits beside its text in the multipart/alternative")
    check(part.get_content_disposition() is None, f"{label}: the scheduling part is inline")
    check(copies[0].get_content_disposition() == "attachment" and copies[0].get_filename() in ("invite.ics", "cancel.ics"),
          f"{label}: the copy is an attachment to import: {copies[0].get_filename()}")
    raw = part.get_payload(decode=True)
    check(copies[0].get_payload(decode=True) == raw, f"{label}: the attachment is the same object")
    method = part.get_param("method")
    cal = icalendar.Calendar.from_ical(raw)
    check(str(cal["METHOD"]) == method and method in ("REQUEST", "CANCEL"),
          f"{label}: Content-Type method={method} is the object's METHOD {cal.get('METHOD')}")
    events = list(cal.walk("VEVENT"))
    if not check(len(events) == 1, f"{label}: one VEVENT, got {len(events)}"):
        return None
    ev = events[0]
    tid = int(str(ev["URL"]).rsplit("/", 1)[1])
    t = tasks[tid]
    uid, seq, start, status = str(ev["UID"]), int(ev["SEQUENCE"]), ev["DTSTART"].dt, str(ev["STATUS"])
    check(start == datetime.date.fromisoformat(t["due"]) and not isinstance(start, datetime.datetime),
          f"{label}: task {tid} is an all-day event on its due date {t['due']}: {start!r}")
    check(uid == expected_uid(t["key"]), f"{label}: task {tid}'s UID comes from its key alone")
    check(seq == t["version"] - 1, f"{label}: task {tid} SEQUENCE {seq} = version {t['version']} - 1")
    check(status == ("CANCELLED" if method == "CANCEL" else "CONFIRMED"), f"{label}: task {tid} STATUS {status}")
    check(ev["ORGANIZER"].lower() == "mailto:roadmap@levokumsky.example.ru", f"{label}: the organizer")
    check(str(ev["ATTENDEE"]).lower() == "mailto:" + rcpt, f"{label}: the attendee is the recipient")
    check([str(z["TZID"]) for z in cal.walk("VTIMEZONE")] == [t["zone"]] and t["zone"] == "Europe/Moscow",
          f"{label}: the invite carries the VTIMEZONE of the task's zone {t['zone']}")
    check(ev["X-ROADMAP-DEADLINE"].params.get("TZID") == t["zone"], f"{label}: the end of the term names its zone")

    # ical.js, Thunderbird's parser, reads the same object the same way.
    path = os.path.join(work, "invite.ics")
    with open(path, "wb") as f:
        f.write(raw)
    js = util.ical_js(path, *[f"{t['zone']}={p}" for p in PROBES])
    if not check(js is not None, f"{label}: ical.js parses the invite"):
        return None
    check(js["method"] == method and len(js["events"]) == 1, f"{label}: ical.js reads {method} and one event")
    e = js["events"][0] if js["events"] else {}
    check(e.get("uid") == uid and e.get("sequence") == seq and e.get("status") == status,
          f"{label}: ical.js reads UID, SEQUENCE and STATUS as python-icalendar does: {e}")
    check(e.get("start") == {"value": t["due"], "isDate": True, "zone": "floating", "utc": None},
          f"{label}: ical.js sees an all-day event on {t['due']}: {e.get('start')}")
    check(e.get("summary") == str(ev["SUMMARY"]) and e.get("description") == str(ev["DESCRIPTION"]),
          f"{label}: both parsers read the same texts")
    check(e.get("attendees") and e["attendees"][0]["value"].lower() == "mailto:" + rcpt, f"{label}: ical.js's attendee")
    deadline = e.get("deadline") or {}
    check(deadline.get("zone") == t["zone"] and deadline.get("utc") == end_of_term(t["due"], t["zone"]),
          f"{label}: ical.js ends task {tid}'s term at 24:00 of {t['due']} in {t['zone']}: {deadline}")
    check(js["timezones"].get(t["zone"], 0) > 10, f"{label}: the VTIMEZONE is complete: {js['timezones']}")
    for probe in js["probes"]:
        local = datetime.datetime.fromisoformat(probe["local"]).replace(tzinfo=MOSCOW)
        check(probe.get("utc") == int(local.timestamp()),
              f"{label}: ical.js places {probe['local']} Moscow at {probe.get('utc')}, zoneinfo at "
              f"{int(local.timestamp())} ({local.utcoffset()})")
    return method, tid, uid, seq, start, status


def is_invite(msg):
    return any(p.get_content_type() in ("text/calendar", "application/ics") for p in msg.walk())


try:
    os.makedirs(os.path.join(work, "plans"))
    plan_path = os.path.join(work, "plans", "002-levokumsky.yaml")
    shutil.copy(os.path.join(SRC, "plans", "002-levokumsky-objectivity-2023.yaml"), plan_path)
    shutil.copytree(os.path.join(SRC, "examples", "levokumsky"), os.path.join(work, "examples", "levokumsky"))
    run("load", plan_path)
    tasks = current_tasks()
    dues = sorted({datetime.date.fromisoformat(t["due"]) for t in tasks.values() if t["due"]})
    check(len(dues) > 10, "seed 002 has dated tasks")
    # A working day with work due within three working days and work already overdue.
    day = None
    for d in dues:
        cand = d - datetime.timedelta(days=2)
        if working(cand) and cand.year == 2023 and cand.month >= 3 and any(x < cand for x in dues):
            day = cand
            break
    check(day is not None, "a day with work due and overdue")
    now = f"{day.isoformat()}T07:00:00Z"  # 10:00 in Moscow (the plan's zone)

    # --- the hour has not come yet: nothing
    early = run("notify", "--policy", policy, "--now", f"{day.isoformat()}T03:00:00Z", "--dry-run").stdout
    check("писем к отправке: 0" in early, "before 9:00 local nothing goes out: " + early)

    # --- dry run: who would get what; nothing written
    dry = run("notify", "--policy", policy, "--now", now, "--dry-run").stdout
    m = re.search(r"писем к отправке: (\d+)", dry)
    planned = int(m.group(1)) if m else 0
    check(planned >= 3, "the dry run plans several messages: " + dry)
    check("@example.ru" in dry and "Дорожные карты" in dry, "the dry run shows addresses and subjects: " + dry)
    check(sql("SELECT count(*) FROM outbox")[0][0] == 0, "the dry run writes nothing")

    # --- one refused mailbox (its digest and its invites)
    addresses = re.findall(r"\S+@example\.ru", dry)
    refused = addresses[-1]
    n_refused = addresses.count(refused)
    box.refuse.add(refused)

    # --- send
    server_up()
    out = notify(now).stdout
    check(f"поставлено в очередь: {planned}" in out, "every planned message is queued: " + out)
    check(box.count() == planned - n_refused, f"{planned - n_refused} messages arrived, got {box.count()}: {out}")
    check(f"отклонено сервером: {n_refused}" in out, "the refused mailbox is reported: " + out)

    people = {r[0]: (r[1], r[2]) for r in sql("SELECT email, name, language FROM dir_people")}
    invited = {}   # rcpt -> {task id: (uid, sequence)}
    dt = datetime.date.fromisoformat(day.isoformat())
    ru_date = dt.strftime("%d.%m.%Y")
    ids = set()
    digests = collections.Counter()
    for rcpt, raw in box.messages:
        msg = parse(raw)
        subj = str(msg["subject"])
        check(raw.decode("ascii", "strict") is not None, "the message is 7-bit")
        check(b"=?UTF-8?B?" in raw.split(b"\r\n\r\n", 1)[0], "the subject is RFC 2047 encoded")
        check(msg["to"].addresses[0].addr_spec == rcpt, f"To is the recipient {rcpt}")
        # Display names are read with email.header (RFC 2047 section 6.2: white space between encoded
        # words is dropped); policy.default's address parser keeps it, splitting names Python itself
        # folds the same way.
        check(rfc2047(raw, "To") == f"{people[rcpt][0]} <{rcpt}>", f"the display name decodes: {rfc2047(raw, 'To')}")
        check(rfc2047(raw, "From") == "Дорожные карты Левокумского округа <roadmap@levokumsky.example.ru>",
              "From's name decodes: " + rfc2047(raw, "From"))
        check(email.utils.parsedate_to_datetime(str(msg["date"])) == datetime.datetime(
            dt.year, dt.month, dt.day, 7, 0, tzinfo=datetime.timezone.utc), f"the Date is the moment: {msg['date']}")
        check(str(msg["date"]).endswith("+0300"), f"the Date is in Moscow time: {msg['date']}")
        mid = str(msg["message-id"])
        check(re.fullmatch(r"<[0-9a-f]{24}@levokumsky\.example\.ru>", mid) is not None, f"Message-ID: {mid}")
        ids.add(mid)
        plain = msg.get_body(("plain",)).get_content()
        html = msg.get_body(("html",)).get_content()
        check(plain.startswith(f"Здравствуйте, {people[rcpt][0]}!"), "the text greets the person")
        check("<html>" in html and "http://roadmap.test/tasks/" in html, "the HTML links to the task pages")
        check(re.search(r"http://roadmap\.test/tasks/\d+", plain) is not None, "the text links to the task pages")
        for link in re.findall(r"http://roadmap\.test/tasks/(\d+)", plain):
            check(int(link) in tasks, f"a link to an existing task {link}")
        if not is_invite(msg):
            digests[rcpt] += 1
            check(subj.startswith(f"Дорожные карты, {ru_date}: "), f"the digest's subject decodes to Russian: {subj!r}")
            continue
        got = read_invite(rcpt, msg, tasks, f"invite to {rcpt}")
        if got is None:
            continue
        method, tid, uid, seq, start, _ = got
        check(method == "REQUEST", f"the first day only invites: {method}")
        check(subj.startswith(f"Срок {start.strftime('%d.%m.%Y')}: п. "), f"the invite's subject decodes to Russian: {subj!r}")
        check(f"http://roadmap.test/tasks/{tid}" in plain, "the invite's text links to its task")
        check(tid not in invited.get(rcpt, {}), f"one invite a task for {rcpt}: {tid}")
        invited.setdefault(rcpt, {})[tid] = (uid, seq)
    check(len(ids) == box.count(), "every Message-ID is unique")
    check(len(invited) > 0, "some people get invites")
    check(digests and max(digests.values()) == 1, f"one digest a person: {digests}")
    check(box.count() == sum(digests.values()) + sum(len(v) for v in invited.values()),
          "every message is a digest or an invite")

    ob = outbox()
    states = collections.Counter(x["state"] for x in ob)
    check(states == {"sent": planned - n_refused, "rejected": n_refused}, f"outbox states: {states}")
    rejected = [x for x in ob if x["state"] == "rejected"]
    check(all(x["email"] == refused and "550" in x["last_error"] for x in rejected),
          f"the rejected ones say why: {rejected}")
    check(collections.Counter(x["kind"] for x in ob if x["state"] == "sent")
          == {"digest": sum(digests.values()), "invite": sum(len(v) for v in invited.values())},
          f"the outbox knows each message's kind: {collections.Counter(x['kind'] for x in ob)}")
    table = run("outbox", "--state", "rejected").stdout
    check(refused in table and "отклонено" in table and "550" in table, "roadmap outbox shows the rejection: " + table)
    shown = run("outbox", "--show", str(ob[0]["id"])).stdout
    check(shown.startswith("From: ") and "Message-ID: <" in shown, "roadmap outbox --show prints the message")

    # --- the same day again: nothing new, the rejected one is not retried
    before = box.count()
    out = notify(f"{day.isoformat()}T12:00:00Z").stdout
    check("поставлено в очередь: 0" in out and box.count() == before, "a second run the same day sends nothing: " + out)
    check(box.rcpt_attempts[refused] == n_refused, "a rejected mailbox is never tried again")
    box.refuse.clear()  # the mailbox is fixed: later digests reach it

    # --- a cancelled task: METHOD:CANCEL with a higher SEQUENCE to whoever was invited to it
    rcpt0, inv0 = sorted(invited.items())[0]
    cancelled_id, (uid0, seq0) = sorted(inv0.items())[0]
    run("cancel", str(cancelled_id), "--reason", "мероприятие перенесено в другой план")
    # --- a moved date: the invite goes again with SEQUENCE + 1. The move is what a re-plan writes
    # (store::apply_tasks: new due, version + 1), done here in SQL to pick the task.
    moved = [(tid, v) for tid, v in sorted(inv0.items()) if tid != cancelled_id]
    check(len(moved) >= 1, f"{rcpt0} was invited to a second task")
    moved_id, (moved_uid, moved_seq) = moved[0]
    new_due = (datetime.date.fromisoformat(tasks[moved_id]["due"]) + datetime.timedelta(days=7)).isoformat()
    con = sqlite3.connect(db)
    con.execute("UPDATE tasks SET due = ?, version = version + 1 WHERE id = ?", (new_due, moved_id))
    con.commit()
    con.close()

    # --- the next working day with the server down: everything waits with a back-off
    day2 = day + datetime.timedelta(days=1)
    while not working(day2):
        day2 += datetime.timedelta(days=1)
    now2 = f"{day2.isoformat()}T07:00:00Z"
    server_down()
    before = box.count()
    out = notify(now2).stdout
    m = re.search(r"поставлено в очередь: (\d+)", out)
    queued2 = int(m.group(1)) if m else 0
    check(queued2 >= 2, "the next day has messages (overdue work, the moved invite, the cancel): " + out)
    waiting = [x for x in outbox() if x["state"] == "queued"]
    check(len(waiting) == queued2, f"all {queued2} wait in the outbox: {len(waiting)}")
    check(all(x["attempts"] == 1 and x["last_error"] and x["next_attempt_at"] == f"{day2.isoformat()}T07:01:00Z"
              for x in waiting), f"each waits a minute with the error: {waiting[:2]}")
    table = run("outbox", "--state", "queued").stdout
    check("в очереди" in table, "roadmap outbox lists the waiting ones: " + table)
    out = notify(f"{day2.isoformat()}T07:00:30Z").stdout
    check("отправлено: 0; отложено для повтора: 0" in out, "nothing is tried before the back-off is over: " + out)
    server_up()
    out = notify(f"{day2.isoformat()}T07:02:00Z").stdout
    check(f"отправлено: {queued2}" in out, "back up: every waiting message is sent: " + out)
    new = box.messages[before:]
    check(len(new) == queued2, f"{queued2} arrived once each: {len(new)}")
    check(len({parse(raw)["message-id"] for _, raw in new}) == len(new), "no duplicates after the outage")
    tasks = current_tasks()  # the moved date, the versions after the move and the cancel
    check(tasks[moved_id]["due"] == new_due, f"roadmap tasks shows the new date: {tasks[moved_id]['due']}")
    cancels, requests = [], []
    for rcpt, raw in new:
        msg = parse(raw)
        if not is_invite(msg):
            check(str(msg["subject"]).startswith(f"Дорожные карты, {day2.strftime('%d.%m.%Y')}: "),
                  f"a digest of the second day: {msg['subject']}")
            continue
        got = read_invite(rcpt, msg, tasks, f"day 2, {rcpt}")
        if got is None:
            continue
        method, tid, uid, seq, start, status = got
        (cancels if method == "CANCEL" else requests).append((rcpt, tid, uid, seq, start, str(msg["subject"])))
    again = [r for r in requests if r[0] == rcpt0 and r[1] == moved_id]
    check(len(again) == 1, f"the moved task is invited again: {requests}")
    if again:
        _, _, uid, seq, start, subject = again[0]
        check(uid == moved_uid, f"under the same UID {moved_uid}: {uid}")
        check(seq == moved_seq + 1, f"with SEQUENCE {moved_seq} + 1: {seq}")
        check(start == datetime.date.fromisoformat(new_due), f"on the new date {new_due}: {start}")
        check(subject.startswith(f"Новый срок {start.strftime('%d.%m.%Y')}: п. "), f"the subject says so: {subject!r}")
    mine = [c for c in cancels if c[0] == rcpt0 and c[1] == cancelled_id]
    check(len(mine) == 1, f"the invited person gets the cancel: {cancels}")
    if mine:
        _, _, uid, seq, _, subject = mine[0]
        check(uid == uid0, f"the cancel names the invite's UID {uid0}: {uid}")
        check(seq > seq0, f"the cancel's SEQUENCE {seq} is above the invite's {seq0}")
        check(subject.startswith("Отменено: п. "), f"the cancel's subject: {subject!r}")
    check(all(c[0] in invited and c[1] in invited[c[0]] for c in cancels), f"cancels go to the invited only: {cancels}")

    # --- killed in the middle of a batch, then run again
    day3 = day2 + datetime.timedelta(days=1)
    while not working(day3):
        day3 += datetime.timedelta(days=1)
    now3 = f"{day3.isoformat()}T07:00:00Z"
    run("notify", "--policy", policy, "--now", now3, "--queue-only")
    batch = [x for x in outbox() if x["state"] == "queued"]
    check(len(batch) >= 3, f"a batch of several messages for the kill test: {len(batch)}")
    before = box.count()
    box.delay = 0.4
    env = {**os.environ, "ROADMAP_LANG": "ru"}
    p = subprocess.Popen([ROADMAP, "--db", db, "notify", "--policy", policy, "--now", now3, "--smtp-url",
                          f"smtp://127.0.0.1:{port}"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    deadline = time.time() + 60
    while box.count() < before + 2 and time.time() < deadline:
        time.sleep(0.02)
    time.sleep(0.2)  # the next one is on its way (inside DATA)
    p.send_signal(signal.SIGKILL)
    p.wait()
    got = box.count() - before
    check(0 < got < len(batch), f"killed in the middle: {got} of {len(batch)} arrived")
    check(sql("SELECT count(*) FROM outbox WHERE state = 'sending'")[0][0] <= 1, "at most one message is 'sending'")
    time.sleep(box.delay + 0.2)  # let the server finish the message it was given
    box.delay = 0.0
    notify(f"{day3.isoformat()}T07:05:00Z")
    new = box.messages[before:]
    per_id = collections.Counter(str(parse(raw)["message-id"]) for _, raw in new)
    check(len(per_id) == len(batch), f"nothing lost: {len(per_id)} distinct of {len(batch)}")
    dups = sum(c - 1 for c in per_id.values())
    check(dups <= 1, f"at most one message repeated: {dups}")
    check(all(x["state"] in ("sent", "rejected") for x in outbox()), "every message is sent or rejected at the end")
finally:
    server_down()
    shutil.rmtree(work, ignore_errors=True)

check.finish()
