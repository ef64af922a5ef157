#!/usr/bin/env python3
"""The web server over real HTTP on loopback: `roadmap serve` on seed 002 (Левокумский) with the
examples' directory, "today" pinned to 01.12.2023. Checks, each against the running process:
- the JSON API: who am I, plans, one plan, the overview, tasks with filters and paging, one task,
  a status change with the version check (409 for a stale version, nothing written), reports in
  JSON and CSV (a byte-order mark for Excel), the OpenAPI document;
- calendar feeds: python3-icalendar reads a school's feed, ETag and If-None-Match give 304;
- refused or harmless: no session (401, or the sign-in page), another body's session (404 for what
  they may not see, 403 for what they may see but not change), a forged CSRF token, script in a
  plan's text (escaped), an oversized body (413), oversized headers (431), a malformed request
  (400), slow clients holding connections open (cut after the read timeout while everybody else is
  answered), a bad API token;
- SIGTERM: the server answers what it was answering and exits 0.

Usage: web_api.py ROADMAP SOURCE_TREE
"""
import http.client
import json
import os
import re
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time

import util

util.need("icalendar", "yaml")

import icalendar  # noqa: E402
import yaml  # noqa: E402

ROADMAP, SRC = sys.argv[1], sys.argv[2]
PLAN = "levokumsky-objectivity-2023"
work = tempfile.mkdtemp(prefix="roadmap-web-")
db = os.path.join(work, "roadmap.db")
check = util.Checks("web_api")


def run(*args):
    return util.run_roadmap(ROADMAP, db, *args).stdout


run("load", os.path.join(SRC, "plans", "002-levokumsky-objectivity-2023.yaml"))
# Script in a plan's text: it must reach every page as text.
with sqlite3.connect(db) as c:
    c.execute("UPDATE items SET measure = '<script>alert(\"xss\")</script>Семинар' WHERE plan_id = ? AND item_key = '2'", (PLAN,))

server, BASE = util.start_serve(ROADMAP, db, "--today", "2023-12-01", "--no-notify", "--read-timeout", "3",
                                "--max-body-kb", "64", "--threads", "4")
PORT = int(BASE.rsplit(":", 1)[1])
log_lines = []
threading.Thread(target=lambda: log_lines.extend(server.stderr), daemon=True).start()


def request(method, path, body=None, headers=None, cookie=None):
    c = http.client.HTTPConnection("127.0.0.1", PORT, timeout=30)
    h = dict(headers or {})
    if cookie:
        h["Cookie"] = cookie
    if isinstance(body, (dict, list)):
        body = json.dumps(body).encode()
        h.setdefault("Content-Type", "application/json")
    elif isinstance(body, str):
        body = body.encode()
    c.request(method, path, body=body, headers=h)
    r = c.getresponse()
    data = r.read()
    c.close()
    headers = {k.lower(): v for k, v in r.getheaders()}
    headers["set-cookie"] = r.msg.get_all("Set-Cookie") or []
    return r.status, headers, data


def sign_in(person):
    """A sign-in link from `roadmap access link`, opened and confirmed as a browser would."""
    link = run("access", "link", person, "--base-url", BASE).strip()
    token = link.rsplit("/", 1)[1]
    status, _, page = request("GET", f"/auth/{token}")
    check(status == 200 and "Войти" in page.decode(), f"the link page of {person}")
    status, headers, _ = request("POST", "/auth", body=f"token={token}",
                                 headers={"Content-Type": "application/x-www-form-urlencoded"})
    check(status == 303, f"signing in {person}: {status}")
    cookie = next((c.split(";")[0] for c in headers["set-cookie"] if c.startswith("rm_session=")), "")
    check(cookie.startswith("rm_session="), f"a session cookie for {person}")
    # The CSRF token is in every form of the pages.
    _, _, home = request("GET", "/my", cookie=cookie)
    csrf = re.search(r'name="csrf" value="([^"]+)"', home.decode())
    check(csrf is not None, f"a CSRF token on {person}'s pages")
    return cookie, csrf.group(1) if csrf else ""


def js(method, path, body=None, cookie=None, headers=None):
    status, h, data = request(method, path, body=body, cookie=cookie, headers=headers)
    try:
        return status, json.loads(data) if data else None
    except json.JSONDecodeError:
        return status, data


def task_id(where):
    with sqlite3.connect(db) as c:
        row = c.execute(f"SELECT id FROM tasks WHERE plan_id = ? AND {where} ORDER BY id LIMIT 1", (PLAN,)).fetchone()
    if not row:
        raise SystemExit(f"FAIL: no task where {where}")
    return row[0]


def status_of(tid):
    with sqlite3.connect(db) as c:
        return c.execute("SELECT status, version FROM tasks WHERE id = ?", (tid,)).fetchone()


try:
    head, head_csrf = sign_in("zaitseva-ov")            # head of Отдел образования
    imc, imc_csrf = sign_in("vasilieva-es")             # executor of МКУ «ИМЦСО ЛМО СК»
    school, school_csrf = sign_in("kovaleva-sa")        # executor of МКОУ СОШ №1

    # --- the API -------------------------------------------------------------------------------
    status, me = js("GET", "/api/v1/me", cookie=head)
    check(status == 200 and me["role"] == "head" and me["sees"]["unit"] == "directory", f"me: {me}")
    status, plans = js("GET", "/api/v1/plans", cookie=head)
    check(status == 200 and [p["id"] for p in plans["plans"]] == [PLAN], f"plans: {plans}")
    status, plan = js("GET", f"/api/v1/plans/{PLAN}", cookie=head)
    check(status == 200 and len(plan["item_list"]) == plan["items"] > 0, "the plan's items")
    check(any(i["number"] == "8" and "Август 2023, 2024" in i["deadline"] for i in plan["item_list"]),
          "item 8 with its deadline as written")
    status, ov = js("GET", f"/api/v1/plans/{PLAN}/overview", cookie=head)
    with sqlite3.connect(db) as c:
        total = c.execute("SELECT count(*) FROM tasks WHERE plan_id = ? AND status NOT IN ('cancelled', 'not_needed')",
                          (PLAN,)).fetchone()[0]
        overdue = c.execute("SELECT count(*) FROM tasks WHERE plan_id = ? AND status IN ('planned', 'in_progress') "
                            "AND waiting = 'none' AND due < '2023-12-01'", (PLAN,)).fetchone()[0]
    check(status == 200 and ov["totals"]["total"] == total and ov["totals"]["overdue"] == overdue,
          f"overview totals {ov.get('totals')} vs {total} tasks, {overdue} overdue")
    check(sum(b["total"] for b in ov["bodies"]) == total, "completion by body adds up")
    check(ov["overdue"]["tasks"] == overdue and ov["overdue"]["by_body"], "overdue and whose")
    check(all(r["due"] < "2023-12-01" for r in ov["overdue"]["oldest"]), "the oldest overdue are past due")

    # Paging: two pages are disjoint and ordered by due date; the total is the same on both.
    s1, p1 = js("GET", f"/api/v1/tasks?plan={PLAN}&page_size=20&page=1", cookie=head)
    s2, p2 = js("GET", f"/api/v1/tasks?plan={PLAN}&page_size=20&page=2", cookie=head)
    ids1, ids2 = [t["id"] for t in p1["tasks"]], [t["id"] for t in p2["tasks"]]
    check(s1 == s2 == 200 and len(ids1) == len(ids2) == 20 and not set(ids1) & set(ids2), "two pages of tasks")
    check(p1["total"] == p2["total"] == total, f"the total behind the pages: {p1['total']}")
    dues = [t["due"] for t in p1["tasks"] + p2["tasks"] if t["due"]]
    check(dues == sorted(dues), "tasks come by due date")
    s, od = js("GET", f"/api/v1/tasks?plan={PLAN}&status=overdue&page_size=1000", cookie=head)
    check(s == 200 and od["total"] == overdue and all(t["due"] < "2023-12-01" for t in od["tasks"]), "status=overdue")
    s, bad = js("GET", "/api/v1/tasks?month=2024-13", cookie=head)
    check(s == 400 and "error" in bad, f"a month that does not exist: {s}")

    # A status change by the executor of a school's task, with the version check.
    tid = task_id("assignee = 'sosh-1' AND status = 'planned' AND due < '2023-12-01'")
    s, t = js("GET", f"/api/v1/tasks/{tid}", cookie=school)
    check(s == 200 and t["can_change"] and "done" in t["allowed"], f"the school's task {tid}")
    s, done = js("POST", f"/api/v1/tasks/{tid}/transitions", cookie=school, headers={"X-CSRF-Token": school_csrf},
                 body={"action": "done", "version": t["version"], "result": {"text": "Проведено", "link": "https://school.example.ru/report"}})
    check(s == 200 and done["status"] == "done" and done["version"] == t["version"] + 1, f"done: {s} {done}")
    s, stale = js("POST", f"/api/v1/tasks/{tid}/transitions", cookie=school, headers={"X-CSRF-Token": school_csrf},
                  body={"action": "reopen", "version": t["version"], "reason": "ошибка"})
    check(s == 409 and "error" in stale and status_of(tid) == ("done", t["version"] + 1), f"a stale version: {s}")
    s, ov2 = js("GET", f"/api/v1/plans/{PLAN}/overview", cookie=head)
    check(ov2["totals"]["done"] == ov["totals"]["done"] + 1, "the head's overview counts the new completion")

    # Reports.
    s, rep = js("GET", f"/api/v1/reports/execution?plan={PLAN}&period=2023", cookie=head)
    check(s == 200 and rep.get("report") == "execution" and rep["tables"], f"the execution report: {s}")
    s, h, csv = request("GET", f"/api/v1/reports/overdue?plan={PLAN}&format=csv", cookie=head)
    check(s == 200 and csv.startswith(b"\xef\xbb\xbf") and "text/csv" in h.get("content-type", ""), "CSV with a BOM")
    s, _, page = request("GET", f"/reports/completion?plan={PLAN}", cookie=head)
    check(s == 200 and "<table" in page.decode(), "the completion report page")
    s, _, doc = request("GET", "/api/openapi.yaml")
    check(s == 200, "the OpenAPI document is served")
    spec = yaml.safe_load(doc)
    check(str(spec.get("openapi", "")).startswith("3."), "an OpenAPI 3 document")

    def refs(node):
        if isinstance(node, dict):
            for k, v in node.items():
                if k == "$ref":
                    yield v
                else:
                    yield from refs(v)
        elif isinstance(node, list):
            for v in node:
                yield from refs(v)

    for ref in refs(spec):
        target = spec
        for part in ref.lstrip("#/").split("/"):
            target = target.get(part) if isinstance(target, dict) else None
        check(target is not None, f"the OpenAPI $ref {ref} resolves")
    documented = set(spec["paths"])
    for called in ("/api/v1/me", "/api/v1/plans", "/api/v1/plans/{plan}", "/api/v1/plans/{plan}/overview", "/api/v1/tasks",
                   "/api/v1/tasks/{task}", "/api/v1/tasks/{task}/transitions", "/api/v1/reports/{kind}",
                   "/ics/person/{id}.ics", "/ics/body/{id}.ics", "/ics/school/{id}.ics"):
        check(called in documented, f"{called} is documented")
    for path, ops in spec["paths"].items():
        for method, op in ops.items():
            check("responses" in op and "summary" in op, f"{method.upper()} {path}: summary and responses")

    # --- calendar feeds ------------------------------------------------------------------------
    feed_url = run("access", "feed", "kovaleva-sa", "--base-url", BASE).strip()
    path = feed_url[len(BASE):]
    s, h, ics = request("GET", path.replace("/ics/person/kovaleva-sa.ics", "/ics/school/sosh-1.ics"))
    check(s == 200 and "text/calendar" in h.get("content-type", ""), f"the school's feed: {s}")
    cal = icalendar.Calendar.from_ical(ics)
    events = [e for e in cal.walk("VEVENT")]
    with sqlite3.connect(db) as c:
        dated = c.execute("SELECT count(*) FROM tasks WHERE assignee = 'sosh-1' AND due IS NOT NULL").fetchone()[0]
    check(len(events) == dated, f"one event a dated task of the school: {len(events)} vs {dated}")
    etag = h.get("etag")
    s, h2, body = request("GET", path.replace("/ics/person/kovaleva-sa.ics", "/ics/school/sosh-1.ics"),
                          headers={"If-None-Match": etag})
    check(s == 304 and body == b"", f"If-None-Match: {s}")
    s, _, mine = request("GET", path)
    check(s == 200 and b"BEGIN:VCALENDAR" in mine, "the person's own feed")
    s, _, _ = request("GET", path.replace("/ics/person/kovaleva-sa.ics", "/ics/school/sosh-2.ics"))
    check(s == 403, f"another school's feed with this token: {s}")

    # --- refused or harmless ---------------------------------------------------------------------
    s, _ = js("GET", "/api/v1/tasks")
    check(s == 401, f"the API without a session: {s}")
    s, h, _ = request("GET", "/tasks")
    check(s == 303 and h.get("location", "").startswith("/login?next="), "a page without a session goes to sign-in")
    s, _ = js("GET", "/api/v1/me", headers={"Authorization": "Bearer " + "A" * 43})
    check(s == 401, "a made-up API token")
    token = run("access", "token", "sokolov-dn").strip()
    s, me2 = js("GET", "/api/v1/me", headers={"Authorization": "Bearer " + token})
    check(s == 200 and me2["id"] == "sokolov-dn", "an API token from roadmap access token")

    dept = task_id("assignee = 'Отдел образования' AND status = 'planned'")
    before = status_of(dept)
    # Another body's executor: the task does not exist for them.
    s, _ = js("POST", f"/api/v1/tasks/{dept}/transitions", cookie=imc, headers={"X-CSRF-Token": imc_csrf},
              body={"action": "start"})
    check(s == 404 and status_of(dept) == before, f"another body's executor: {s}")
    s, _, _ = request("POST", f"/tasks/{dept}", cookie=imc, body=f"csrf={imc_csrf}&action=start",
                      headers={"Content-Type": "application/x-www-form-urlencoded"})
    check(s == 404 and status_of(dept) == before, f"another body's executor, the page's form: {s}")
    # A head of another body sees the ИМЦ's task but may not mark it.
    imc_task = task_id("assignee = 'МКУ «ИМЦСО ЛМО СК»' AND status = 'planned'")
    s, _ = js("POST", f"/api/v1/tasks/{imc_task}/transitions", cookie=head, headers={"X-CSRF-Token": head_csrf},
              body={"action": "start"})
    check(s == 403 and status_of(imc_task)[0] == "planned", f"a head marking another body's task: {s}")
    # A forged CSRF token, or none.
    own = task_id("assignee = 'МКУ «ИМЦСО ЛМО СК»' AND status = 'planned'")
    for hdr in ({"X-CSRF-Token": "forged" + imc_csrf[6:]}, {}):
        s, _ = js("POST", f"/api/v1/tasks/{own}/transitions", cookie=imc, headers=hdr, body={"action": "start"})
        check(s == 403 and status_of(own)[0] == "planned", f"CSRF {hdr}: {s}")
    s, _, _ = request("POST", f"/tasks/{own}", cookie=imc, body="csrf=x&action=start",
                      headers={"Content-Type": "application/x-www-form-urlencoded", "Origin": "http://evil.example"})
    check(s == 403 and status_of(own)[0] == "planned", f"a form from another site: {s}")
    # Script in plan text: shown as text on every page it appears on.
    xss = task_id("item_key = '2' AND assignee = 'Отдел образования'")
    for p in (f"/tasks/{xss}", f"/plans/{PLAN}", f"/reports/execution?plan={PLAN}", f"/tasks?plan={PLAN}&item=2"):
        s, _, page = request("GET", p, cookie=head)
        text = page.decode()
        check(s == 200 and "<script>" not in text, f"no script on {p}")
    s, _, page = request("GET", f"/tasks/{xss}", cookie=head)
    check("&lt;script&gt;alert(&quot;xss&quot;)&lt;/script&gt;Семинар" in page.decode(), "the script shown as text")
    # Too large.
    s, _, _ = request("POST", f"/api/v1/tasks/{own}/transitions", cookie=imc, headers={"X-CSRF-Token": imc_csrf},
                      body={"action": "done", "result": {"text": "x" * 200_000}})
    check(s == 413 and status_of(own)[0] == "planned", f"a body over the limit: {s}")
    s, _, _ = request("GET", "/", headers={"X-Padding": "y" * 40_000})
    check(s == 431, f"headers over the limit: {s}")

    def raw(data, read=True):
        sock = socket.create_connection(("127.0.0.1", PORT), timeout=10)
        sock.sendall(data)
        out = sock.recv(4096) if read else b""
        sock.close()
        return out

    check(raw(b"GARBAGE\r\n\r\n").startswith(b"HTTP/1.1 400"), "a malformed request line")
    check(raw(b"GET /a%00b HTTP/1.1\r\nHost: x\r\n\r\n").startswith(b"HTTP/1.1 400"), "a NUL in the path")

    # Slow clients: 40 connections that send a byte now and then never finish their request.
    slow = []
    for _ in range(40):
        sk = socket.create_connection(("127.0.0.1", PORT), timeout=20)
        sk.sendall(b"GET /api/v1/me HTTP/1.1\r\nHost: x\r\n")
        slow.append(sk)
    stop = threading.Event()

    def drip():
        while not stop.is_set():
            for sk in slow:
                try:
                    sk.sendall(b"X")
                except OSError:
                    pass
            time.sleep(0.5)

    dripper = threading.Thread(target=drip, daemon=True)
    dripper.start()
    answered = 0
    for i in range(30):
        s, _ = js("GET", "/api/v1/me", cookie=head)
        answered += s == 200
    check(answered == 30, f"everybody else is answered while slow clients hold connections: {answered}/30")
    # The server cuts them after its read timeout (3 s here), whatever they keep sending.
    time.sleep(4.5)
    stop.set()
    closed = 0
    for sk in slow:
        try:
            sk.settimeout(5)
            closed += sk.recv(1024) == b""
        except (ConnectionResetError, BrokenPipeError):
            closed += 1
        except socket.timeout:
            pass
        sk.close()
    check(closed == len(slow), f"slow clients cut after the read timeout: {closed}/{len(slow)}")

    # Keep-alive: many requests on one connection.
    c = http.client.HTTPConnection("127.0.0.1", PORT, timeout=10)
    ok = 0
    for _ in range(10):
        c.request("GET", "/api/v1/me", headers={"Cookie": head})
        r = c.getresponse()
        r.read()
        ok += r.status == 200
    check(ok == 10, "ten requests on one kept-alive connection")

    # --- stopping -----------------------------------------------------------------------------
    server.send_signal(signal.SIGTERM)
    try:
        code = server.wait(timeout=20)
    except subprocess.TimeoutExpired:
        server.kill()
        code = None
    c.close()
    check(code == 0, f"SIGTERM: the server exits 0 (got {code})")
    time.sleep(0.2)
    log = "".join(log_lines)
    check("остановлен" in log, "the server says it stopped")
    check(re.search(r"GET /api/v1/me 200 \d+ms zaitseva-ov", log) is not None, "one log line a request, with who asked")
    check("token=" not in log and "/auth/" + "A" not in log, "no secret in the log")
finally:
    if server.poll() is None:
        server.kill()
    shutil.rmtree(work, ignore_errors=True)

check.finish()
