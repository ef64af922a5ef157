#!/usr/bin/env python3
"""E-mail notifications with the real binary and a real SMTP server on loopback (aiosmtpd from
python3-aiosmtpd, started here on a free port): load the Левокумский plan (seed 002) into a
temporary database and run `roadmap notify --now ...` against it. Checks:
- --dry-run lists who would get what and writes nothing;
- the digests arrive, one per person, parse with Python's email package (policy.default), the
  RFC 2047 subjects decode to the right Russian text, the Date and Message-ID are there, every
  part is UTF-8, the text links to the task pages;
- the text/calendar parts are valid iCalendar for python3-icalendar (METHOD:REQUEST), one VEVENT
  per task whose DTSTART is the task's due date as `roadmap tasks --format json` gives it;
- running again the same day sends nothing new; a moved due date sends the invite again with
  SEQUENCE + 1 and the new date; a cancelled task sends METHOD:CANCEL with a higher SEQUENCE to
  those it was sent to;
- a mailbox the server refuses (550) is 'rejected', shown by `roadmap outbox`, never retried;
- the server down: everything stays queued with a back-off and the error; back up: every message
  is delivered exactly once;
- `roadmap notify` killed (SIGKILL) in the middle of a batch and run again: nothing is lost and at
  most one message arrives twice.

Usage: notify.py ROADMAP SOURCE_TREE
"""
import os
import sys

# python3-aiosmtpd and python3-icalendar are Debian packages: run under the system interpreter
# when this one lacks them.
try:
    import aiosmtpd  # noqa: F401
    import icalendar  # noqa: F401
except ImportError:
    if os.path.exists("/usr/bin/python3") and os.path.realpath(sys.executable) != os.path.realpath("/usr/bin/python3") \
            and not os.environ.get("ROADMAP_NOTIFY_REEXEC"):
        os.environ["ROADMAP_NOTIFY_REEXEC"] = "1"
        os.execv("/usr/bin/python3", ["/usr/bin/python3", *sys.argv])
    raise SystemExit("FAIL: python3-aiosmtpd / python3-icalendar are missing (scripts/install-deps.sh installs them)")

import asyncio
import collections
import datetime
import email
import email.header
import email.policy
import email.utils
import json
import re
import shutil
import signal
import socket
import sqlite3
import subprocess
import tempfile
import threading
import time

import icalendar
from aiosmtpd.controller import Controller

ROADMAP, SRC = sys.argv[1], sys.argv[2]
work = tempfile.mkdtemp(prefix="roadmap-notify-")
db = os.path.join(work, "roadmap.db")
failures = []


def check(cond, what):
    if not cond:
        failures.append(what)
        print("FAIL:", what, file=sys.stderr)


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


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


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
    con = sqlite3.connect(db)
    try:
        return con.execute(q, a).fetchall()
    finally:
        con.close()


HOLIDAYS_2023 = {datetime.date(2023, 11, 6), datetime.date(2023, 6, 12), datetime.date(2023, 5, 1),
                 datetime.date(2023, 5, 8), datetime.date(2023, 5, 9), datetime.date(2023, 2, 23),
                 datetime.date(2023, 2, 24), datetime.date(2023, 3, 8)}


def working(d):
    return d.weekday() < 5 and d not in HOLIDAYS_2023 and not (d.month == 1 and d.day <= 8)


try:
    os.makedirs(os.path.join(work, "plans"))
    plan_path = os.path.join(work, "plans", "002-levokumsky.yaml")
    shutil.copy(os.path.join(SRC, "plans", "002-levokumsky-objectivity-2023.yaml"), plan_path)
    shutil.copytree(os.path.join(SRC, "examples", "levokumsky"), os.path.join(work, "examples", "levokumsky"))
    run("load", plan_path)
    tasks = {t["id"]: t for t in json.loads(run("tasks", "--format", "json").stdout)}
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
    check(planned >= 3, "the dry run plans several digests: " + dry)
    check("@example.ru" in dry and "Дорожные карты" in dry, "the dry run shows addresses and subjects: " + dry)
    check(sql("SELECT count(*) FROM outbox")[0][0] == 0, "the dry run writes nothing")

    # --- one refused mailbox
    addresses = re.findall(r"\S+@example\.ru", dry)
    refused = addresses[-1]
    box.refuse.add(refused)

    # --- send
    server_up()
    out = notify(now).stdout
    check(f"поставлено в очередь: {planned}" in out, "every planned digest is queued: " + out)
    check(box.count() == planned - 1, f"{planned - 1} messages arrived, got {box.count()}: {out}")
    check("отклонено сервером: 1" in out, "the refused mailbox is reported: " + out)

    people = {r[0]: (r[1], r[2]) for r in sql("SELECT email, name, language FROM dir_people")}
    invited = {}   # rcpt -> {task id: (uid, sequence)}
    dt = datetime.date.fromisoformat(day.isoformat())
    ru_date = dt.strftime("%d.%m.%Y")
    ids = set()
    for rcpt, raw in box.messages:
        msg = parse(raw)
        subj = str(msg["subject"])
        check(raw.decode("ascii", "strict") is not None, "the message is 7-bit")
        check(b"=?UTF-8?B?" in raw.split(b"\r\n\r\n", 1)[0], "the subject is RFC 2047 encoded")
        check(subj.startswith(f"Дорожные карты, {ru_date}"), f"the subject decodes to Russian: {subj!r}")
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
        for part in msg.walk():
            if part.get_content_type() != "text/calendar":
                continue
            check(part.get_param("method") == "REQUEST", "the invite is METHOD=REQUEST in the Content-Type")
            cal = icalendar.Calendar.from_ical(part.get_content())
            check(str(cal["METHOD"]) == "REQUEST", "the calendar is METHOD:REQUEST")
            for ev in cal.walk("VEVENT"):
                tid = int(str(ev["URL"]).rsplit("/", 1)[1])
                t = tasks[tid]
                start = ev["DTSTART"].dt
                check(start == datetime.date.fromisoformat(t["due"]), f"task {tid}: DTSTART {start} is its due {t['due']}")
                check(ev["ORGANIZER"].lower() == "mailto:roadmap@levokumsky.example.ru", "the organizer")
                check(str(ev["ATTENDEE"]).lower() == "mailto:" + rcpt, "the attendee is the recipient")
                invited.setdefault(rcpt, {})[tid] = (str(ev["UID"]), int(ev["SEQUENCE"]))
    check(len(ids) == box.count(), "every Message-ID is unique")
    check(len(invited) > 0, "some digests carry invites")
    check(len({r for r, _ in box.messages}) == box.count(), "one digest a person")

    ob = outbox()
    states = collections.Counter(x["state"] for x in ob)
    check(states == {"sent": planned - 1, "rejected": 1}, f"outbox states: {states}")
    rej = [x for x in ob if x["state"] == "rejected"][0]
    check(rej["email"] == refused and "550" in rej["last_error"], f"the rejected one says why: {rej}")
    table = run("outbox", "--state", "rejected").stdout
    check(refused in table and "отклонено" in table and "550" in table, "roadmap outbox shows the rejection: " + table)
    shown = run("outbox", "--show", str(ob[0]["id"])).stdout
    check(shown.startswith("From: ") and "Message-ID: <" in shown, "roadmap outbox --show prints the message")

    # --- the same day again: nothing new, the rejected one is not retried
    before = box.count()
    out = notify(f"{day.isoformat()}T12:00:00Z").stdout
    check("поставлено в очередь: 0" in out and box.count() == before, "a second run the same day sends nothing: " + out)
    check(box.rcpt_attempts[refused] == 1, "a rejected mailbox is never tried again")
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
    check(queued2 >= 1, "the next day has digests (overdue work, the cancel): " + out)
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
    cancels = []
    for rcpt, raw in new:
        for part in parse(raw).walk():
            if part.get_content_type() == "text/calendar" and part.get_param("method") == "CANCEL":
                cal = icalendar.Calendar.from_ical(part.get_content())
                check(str(cal["METHOD"]) == "CANCEL", "the cancel calendar is METHOD:CANCEL")
                for ev in cal.walk("VEVENT"):
                    cancels.append((rcpt, str(ev["UID"]), int(ev["SEQUENCE"]), str(ev["STATUS"])))
    requests = []
    for rcpt, raw in new:
        for part in parse(raw).walk():
            if part.get_content_type() == "text/calendar" and part.get_param("method") == "REQUEST":
                for ev in icalendar.Calendar.from_ical(part.get_content()).walk("VEVENT"):
                    requests.append((rcpt, str(ev["UID"]), int(ev["SEQUENCE"]), ev["DTSTART"].dt))
    again = [r for r in requests if r[0] == rcpt0 and r[1] == moved_uid]
    check(len(again) == 1, f"the moved task is invited again: {requests}")
    if again:
        check(again[0][2] == moved_seq + 1, f"with SEQUENCE {moved_seq} + 1: {again[0][2]}")
        check(again[0][3] == datetime.date.fromisoformat(new_due), f"on the new date {new_due}: {again[0][3]}")
    check((rcpt0, uid0) in {(r, u) for r, u, _, _ in cancels}, f"the invited person gets the cancel: {cancels}")
    for r, u, s, st in cancels:
        if (r, u) == (rcpt0, uid0):
            check(s > seq0, f"the cancel's SEQUENCE {s} is above the invite's {seq0}")
            check(st == "CANCELLED", "the cancelled event is STATUS:CANCELLED")

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

if failures:
    print(f"{len(failures)} check(s) failed", file=sys.stderr)
    sys.exit(1)
print("notify: ok")
