#!/usr/bin/env python3
"""The web pages in a real browser (issue 7): Debian's chromium driven by playwright-core (npm, kept
in tests/e2e/browser), against the real `roadmap serve` and a real SMTP server (aiosmtpd) on
loopback. The story: a head signs in through the sign-in page and the mailed link and reads the
plan's completion; an executor of a school opens a task link from the digest `roadmap notify` mailed
them, is sent to sign in, signs in through the mailed link, lands on that task and marks it done; the
head's overview then shows exactly one more task done. On the way: the matrix and a report, plan
text with markup shown as text (no script may run), the task page on a phone-sized screen. One
screenshot a page is kept in <folder of ROADMAP>/../test-output/web/ for a person to look at.

This file sets the scene (database, seed 002, SMTP server, web server, the digests) and checks the
store afterwards; tests/e2e/browser/flow.mjs does what the people do in the browser.

Nothing is skipped: a missing chromium, node or npm is a failure saying how to install it.

Usage: web_browser.py ROADMAP SOURCE_TREE
"""
import email
import email.policy
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

import util

util.need("aiosmtpd")  # a Debian package: the suite runs under the system interpreter when this one lacks it

from aiosmtpd.controller import Controller  # noqa: E402
from util import free_port  # noqa: E402

ROADMAP, SRC = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
BROWSER_DIR = os.path.join(SRC, "tests", "e2e", "browser")
CHROMIUM = "/usr/bin/chromium"
PLAN = "levokumsky-objectivity-2023"
TODAY = "2023-12-01"                       # the server's "today" (--today)
DIGEST_NOW = "2023-11-30T07:00:00Z"        # the digest run: 10:00 in Moscow, a working Thursday
HEAD = {"id": "zaitseva-ov", "email": "o.zaitseva@example.ru", "name": "Зайцева Ольга Викторовна"}
EXECUTOR = {"id": "kovaleva-sa", "email": "sosh1.uvr@example.ru", "name": "Ковалёва Светлана Анатольевна",
            "school": "sosh-1", "school_name": "МКОУ СОШ №1", "body": "Отдел образования"}
# Markup put into the plan's text: the pages must show it as text, and nothing of it may run.
INJECTED_MEASURE = ' <script>alert("measure")</script><b onmouseover="alert(2)">жирный</b>'
INJECTED_RESULT = '<img src=x onerror="alert(3)">'

SHOTS = os.path.normpath(os.path.join(os.path.dirname(ROADMAP), "..", "test-output", "web"))
work = tempfile.mkdtemp(prefix="roadmap-browser-")
db = os.path.join(work, "roadmap.db")
mails_dir = os.path.join(work, "mails")


def fail(what):
    raise SystemExit("FAIL: " + what)


def need(cond, what):
    if not cond:
        fail(what)


def run(*args):
    return util.run_roadmap(ROADMAP, db, *args, env=util.roadmap_env(ROADMAP_USER="coordinator"), timeout=300)


def sql(q, *a):
    return util.sql(db, q, *a)


class MailDrop:
    """An aiosmtpd handler writing each message, as one JSON file a recipient, into a folder the
    browser script polls: the recipient, the decoded subject and text, and the http links in it."""

    def __init__(self, folder):
        self.folder = folder
        self.lock = threading.Lock()
        self.count = 0

    async def handle_DATA(self, server, session, envelope):
        msg = email.message_from_bytes(envelope.original_content or envelope.content, policy=email.policy.default)
        body = msg.get_body(("plain",))
        text = body.get_content() if body is not None else ""
        links = re.findall(r"https?://[^\s<>\"')]+", text)
        for rcpt in envelope.rcpt_tos:
            with self.lock:
                self.count += 1
                n = self.count
            # an invitation (iMIP: a text/calendar part) goes out as a message of its own beside the digest
            invite = any(part.get_content_type() == "text/calendar" for part in msg.walk())
            record = {"n": n, "to": rcpt.lower(), "subject": str(msg["subject"]), "text": text, "links": links,
                      "invite": invite}
            tmp = os.path.join(self.folder, f".{n:04}.json.tmp")
            with open(tmp, "w", encoding="utf-8") as f:
                json.dump(record, f, ensure_ascii=False)
            os.replace(tmp, os.path.join(self.folder, f"{n:04}.json"))  # the reader never sees half a file
        return "250 Message accepted for delivery"

    def messages(self):
        out = []
        for name in sorted(os.listdir(self.folder)):
            if name.endswith(".json") and not name.startswith("."):
                with open(os.path.join(self.folder, name), encoding="utf-8") as f:
                    out.append(json.load(f))
        return out


def tools():
    """chromium, node, npm and playwright-core: their absence fails the test and says what to do."""
    if not os.access(CHROMIUM, os.X_OK):
        fail(f"{CHROMIUM} is missing: apt-get install chromium (scripts/install-deps.sh installs it; "
             "scripts/test.sh runs that)")
    for tool in ("node", "npm"):
        if shutil.which(tool) is None:
            fail(f"{tool} is missing: apt-get install nodejs npm (scripts/install-deps.sh installs them)")
    if not os.path.isfile(os.path.join(BROWSER_DIR, "node_modules", "playwright-core", "package.json")):
        p = subprocess.run(["npm", "ci", "--prefix", BROWSER_DIR, "--no-audit", "--no-fund"],
                           capture_output=True, text=True, timeout=300)
        if p.returncode != 0:
            fail("cannot install playwright-core with `npm ci --prefix tests/e2e/browser` (the npm registry "
                 f"unreachable? run it once with network access):\n{p.stdout}\n{p.stderr}")


smtp = None
server = None
server_log = None
try:
    tools()
    os.makedirs(mails_dir)
    os.makedirs(SHOTS, exist_ok=True)
    for name in os.listdir(SHOTS):  # screenshots of an earlier run would mislead whoever looks
        if name.endswith(".png"):
            os.remove(os.path.join(SHOTS, name))

    # --- seed 002 with the examples' directory and events
    run("load", os.path.join(SRC, "plans", "002-levokumsky-objectivity-2023.yaml"))

    # --- the task the executor will mark: the school's oldest overdue one on the digest's day (the
    # digest lists overdue work longest first, so it is in the mail). Markup goes into its item's
    # text before the server starts, so no page can have been rendered from the clean text.
    rows = sql("SELECT id, item_key FROM tasks WHERE plan_id = ? AND assignee_kind = 'school' AND assignee = ? "
               "AND role = 'lead' AND status = 'planned' AND waiting = 'none' AND due < ? ORDER BY due, id LIMIT 1",
               PLAN, EXECUTOR["school"], DIGEST_NOW[:10])
    need(rows, f"seed 002 has an overdue task of {EXECUTOR['school']} before {DIGEST_NOW[:10]}")
    task_id, item_key = rows[0]
    measure = sql("SELECT measure FROM items WHERE plan_id = ? AND item_key = ?", PLAN, item_key)[0][0]
    con = sqlite3.connect(db)
    con.execute("UPDATE items SET measure = measure || ?, expected_result = expected_result || ? "
                "WHERE plan_id = ? AND item_key = ?", (INJECTED_MEASURE, INJECTED_RESULT, PLAN, item_key))
    con.commit()
    con.close()
    # A plan in use has cancelled tasks: one of another school, cancelled the way a coordinator does,
    # which no figure the head reads may count as work.
    other = sql("SELECT id FROM tasks WHERE plan_id = ? AND assignee = 'sosh-2' AND status = 'planned' "
                "AND waiting = 'none' AND due > ? ORDER BY due, id LIMIT 1", PLAN, TODAY)
    need(other, "seed 002 has a task of sosh-2 due after " + TODAY)
    run("cancel", str(other[0][0]), "--reason", "мероприятие исключено из плана школы")
    before = dict(sql("SELECT status, count(*) FROM tasks WHERE plan_id = ? GROUP BY status", PLAN))
    need(before.get("cancelled") == 1, f"one cancelled task: {before}")

    # --- the SMTP server
    drop = MailDrop(mails_dir)
    smtp_port = free_port()
    smtp = Controller(drop, hostname="127.0.0.1", port=smtp_port)
    smtp.start()
    smtp_url = f"smtp://127.0.0.1:{smtp_port}"

    # --- the web server on a free port; its first line says where
    server_log = open(os.path.join(work, "serve.log"), "w+", encoding="utf-8")
    policy_src = os.path.join(SRC, "plans", "notify", "policy.yaml")
    server, base = util.start_serve(ROADMAP, db, "--today", TODAY, "--smtp-url", smtp_url, "--no-notify",
                                    "--policy", policy_src, stderr=server_log)

    # --- the executors' digests, with links to this server: the shipped policy with its base_url
    # pointed here (the notifier takes the links' address from the policy file only).
    with open(policy_src, encoding="utf-8") as f:
        policy_text = f.read()
    policy_text, n = re.subn(r"(?m)^base_url:.*$", f"base_url: {base}", policy_text)
    need(n == 1, "plans/notify/policy.yaml has one base_url line to point at the test server")
    policy = os.path.join(work, "policy.yaml")
    with open(policy, "w", encoding="utf-8") as f:
        f.write(policy_text)
    out = run("notify", "--policy", policy, "--now", DIGEST_NOW, "--smtp-url", smtp_url).stdout
    queued = re.search(r"поставлено в очередь: (\d+)", out)
    need(queued and int(queued.group(1)) > 0, "roadmap notify queued digests: " + out)
    util.wait_for(lambda: len(drop.messages()) >= int(queued.group(1)), 30, step=0.1)
    arrived = drop.messages()
    need(len(arrived) == int(queued.group(1)), f"{queued.group(1)} messages arrived, got {len(arrived)}: {out}")
    digests = [d for d in arrived if not d["invite"]]
    for d in arrived:
        for link in d["links"]:
            need(link.startswith(base + "/tasks/"), f"every link of a digest points to the test server: {link} ({d['to']})")
    mine = [d for d in digests if d["to"] == EXECUTOR["email"]]
    need(len(mine) == 1, f"one digest for {EXECUTOR['email']}: {[d['to'] for d in digests]}")
    task_link = f"{base}/tasks/{task_id}"
    need(task_link in mine[0]["links"], f"the executor's digest links the task to mark ({task_link}): {mine[0]['links']}")

    # --- the browser
    result_text = "Проведено совещание с учителями 5–9 классов, протокол № 4 " + INJECTED_RESULT
    config = {
        "base": base, "mailsDir": mails_dir, "shotsDir": SHOTS, "profilesDir": os.path.join(work, "profiles"),
        "chromium": CHROMIUM, "plan": PLAN, "head": HEAD, "executor": EXECUTOR, "taskId": task_id,
        "itemKey": item_key, "measure": measure, "injectedMeasure": INJECTED_MEASURE.strip(),
        "injectedResult": INJECTED_RESULT, "resultText": result_text, "document": "приказ № 17 от 30.11.2023",
    }
    config_path = os.path.join(work, "config.json")
    with open(config_path, "w", encoding="utf-8") as f:
        json.dump(config, f, ensure_ascii=False)
    try:
        p = subprocess.run(["node", os.path.join(BROWSER_DIR, "flow.mjs"), config_path], capture_output=True,
                           text=True, timeout=300)
    except subprocess.TimeoutExpired as e:
        print(e.stdout or "", e.stderr or "", file=sys.stderr)
        fail("the browser flow did not finish in 300 s")
    print(p.stdout, end="")
    if p.returncode != 0:
        print(p.stderr, file=sys.stderr)
        fail(f"the browser flow failed (exit {p.returncode}); screenshots so far: {SHOTS}")
    report = json.loads(p.stdout.strip().splitlines()[-1])

    # --- the store agrees with what the pages showed
    status, result, done_on = sql("SELECT status, result, done_on FROM tasks WHERE id = ?", task_id)[0]
    need(status == "done", f"task {task_id} is done in the store: {status}")
    need(result == result_text, f"the result typed in the browser is stored as typed: {result!r}")
    need(done_on == TODAY, f"done on the server's today {TODAY}: {done_on}")
    actor = sql("SELECT actor FROM task_audit WHERE task_id = ? AND action = 'status' ORDER BY id DESC LIMIT 1", task_id)
    need(actor and actor[0][0] == EXECUTOR["id"], f"the audit names the executor: {actor}")
    after = dict(sql("SELECT status, count(*) FROM tasks WHERE plan_id = ? GROUP BY status", PLAN))
    need(after.get("done", 0) == before.get("done", 0) + 1, f"exactly one task more is done: {before} -> {after}")
    need(report["after"]["done"] == after.get("done", 0),
         f"the overview's done figure {report['after']['done']} is the store's {after.get('done', 0)}")
    counted = sum(v for k, v in after.items() if k not in ("cancelled", "not_needed"))
    need(report["after"]["total"] == counted, f"the overview's total {report['after']['total']} is the store's {counted}")
    # The matrix cell of the school and the item, by the rule of engine/reports (all done: done;
    # else anything overdue: overdue; else some done: partly; else open).
    cells = sql("SELECT status, due FROM tasks WHERE plan_id = ? AND item_key = ? AND assignee_kind = 'school' "
                "AND assignee = ? AND status NOT IN ('cancelled', 'not_needed')", PLAN, item_key, EXECUTOR["school"])
    n_done = sum(1 for s, _ in cells if s == "done")
    n_late = sum(1 for s, d in cells if s != "done" and d and d < TODAY)
    expected_cell = "done" if n_done == len(cells) else "overdue" if n_late else "partly" if n_done else "open"
    need(report["matrixCell"] == expected_cell,
         f"the matrix shows {report['matrixCell']!r} for {EXECUTOR['school_name']} × item {item_key}, the store says {expected_cell!r}")
    need(server.poll() is None, "the server is still running after the whole story")
finally:
    if server is not None:
        if server.poll() is None:
            server.send_signal(signal.SIGTERM)
            try:
                server.wait(15)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()
        if server.stdout:
            server.stdout.close()
    if smtp is not None:
        smtp.stop()
    if server_log is not None:
        server_log.seek(0)
        log = server_log.read()
        server_log.close()
        # The request log helps when a step failed; on success it is only noise.
        if sys.exc_info()[0] is not None:
            print("--- roadmap serve's log (last 60 lines):\n" + "\n".join(log.splitlines()[-60:]), file=sys.stderr)
    shutil.rmtree(work, ignore_errors=True)

print(f"screenshots: {SHOTS}")
print("web_browser: ok")
