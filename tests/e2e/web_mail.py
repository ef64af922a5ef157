#!/usr/bin/env python3
"""The server's own clock and mail, with a real SMTP server on loopback (aiosmtpd, started here):
`roadmap serve --now 2023-11-30T07:00:00Z --smtp-url ...` on seed 002. Checks:
- without cron, the server's clock plans the day's digests at start (10:00 in Moscow, past the
  policy's 9:00) and delivers them: they arrive, and their task links point at this server;
- the sign-in page mails a link at once; the link opens a session once; the task page a digest
  links to opens for its executor; the same e-mail asked for too often gets no more mails;
- a second start of the server the same day sends no digest twice (the outbox remembers).

Usage: web_mail.py ROADMAP SOURCE_TREE
"""
import email
import email.policy
import http.client
import os
import re
import shutil
import signal
import sys
import tempfile
import threading
import time

import util

util.need("aiosmtpd")

from aiosmtpd.controller import Controller  # noqa: E402
from util import free_port, wait_for  # noqa: E402

ROADMAP, SRC = sys.argv[1], sys.argv[2]
work = tempfile.mkdtemp(prefix="roadmap-webmail-")
db = os.path.join(work, "roadmap.db")
check = util.Checks("web_mail")


class Box:
    def __init__(self):
        self.lock = threading.Lock()
        self.mails = []  # (recipient, email.message.EmailMessage)

    async def handle_DATA(self, server, session, envelope):
        msg = email.message_from_bytes(envelope.original_content or envelope.content, policy=email.policy.default)
        with self.lock:
            for r in envelope.rcpt_tos:
                self.mails.append((r.lower(), msg))
        return "250 OK"

    def to(self, address):
        with self.lock:
            return [m for r, m in self.mails if r == address.lower()]


def text_of(msg):
    part = msg.get_body(preferencelist=("plain",))
    return part.get_content() if part else ""


def run(*args):
    return util.run_roadmap(ROADMAP, db, *args).stdout


run("load", os.path.join(SRC, "plans", "002-levokumsky-objectivity-2023.yaml"))
box = Box()
smtp_port = free_port()
smtp = Controller(box, hostname="127.0.0.1", port=smtp_port)
smtp.start()
web_port = free_port()
BASE = f"http://127.0.0.1:{web_port}"
policy = os.path.join(work, "policy.yaml")
with open(policy, "w", encoding="utf-8") as f:
    f.write("local_hour: 9\nfrom: {name: Дорожные карты, email: roadmap@example.ru}\n")


def start_server():
    p, base = util.start_serve(ROADMAP, db, "--now", "2023-11-30T07:00:00Z", "--smtp-url", f"smtp://127.0.0.1:{smtp_port}",
                               "--policy", policy, "--quiet", listen=f"127.0.0.1:{web_port}")
    if base != BASE:
        p.kill()
        raise SystemExit(f"FAIL: serve did not start on {BASE}: {base}")
    return p


def request(method, path, body=None, cookie=None, ctype=None):
    c = http.client.HTTPConnection("127.0.0.1", web_port, timeout=30)
    h = {}
    if cookie:
        h["Cookie"] = cookie
    if ctype:
        h["Content-Type"] = ctype
    c.request(method, path, body=body.encode() if isinstance(body, str) else body, headers=h)
    r = c.getresponse()
    data = r.read().decode("utf-8", "replace")
    cookies = r.msg.get_all("Set-Cookie") or []
    c.close()
    return r.status, dict((k.lower(), v) for k, v in r.getheaders()), cookies, data


server = start_server()
try:
    # The clock's first run: digests for everyone whose local 9:00 has passed, delivered.
    executor = "sosh1.uvr@example.ru"  # Ковалёва С. А., МКОУ СОШ №1
    SIGNIN = "Вход в «Дорожные карты»"
    digests = wait_for(lambda: [m for m in box.to(executor) if m["Subject"] != SIGNIN], 60)
    check(bool(digests), "the server's clock sent the executor a digest without cron")
    links = re.findall(re.escape(BASE) + r"/tasks/(\d+)", text_of(digests[0])) if digests else []
    check(bool(links), "the digest links to this server's task pages")
    # The coordinator hears of work late by 5 working days or more (heads: weekly, on Mondays).
    escalation = wait_for(lambda: box.to("m.petrova@example.ru"), 30)
    check(bool(escalation), "the coordinator got the escalation digest too")
    check(not box.to("o.zaitseva@example.ru"), "the head's weekly digest waits for Monday (30.11.2023 is a Thursday)")
    count_before = len(box.mails)

    # Following a task link without a session leads to the sign-in page, which mails a link.
    task = links[0] if links else "1"
    status, headers, _, _ = request("GET", f"/tasks/{task}")
    check(status == 303 and headers.get("location") == f"/login?next=%2Ftasks%2F{task}", f"to sign-in first: {headers}")
    status, _, cookies, page = request("GET", f"/login?next=/tasks/{task}")
    login_cookie = next(c.split(";")[0] for c in cookies if c.startswith("rm_login="))
    token = re.search(r'name="login_csrf" value="([^"]+)"', page).group(1)
    status, _, _, page = request("POST", "/login", body=f"login_csrf={token}&next=%2Ftasks%2F{task}&email={executor}",
                                 cookie=login_cookie, ctype="application/x-www-form-urlencoded")
    check(status == 200 and "отправлена ссылка для входа" in page, "the sign-in page says a link was sent")
    signin = wait_for(lambda: [m for m in box.to(executor) if m["Subject"] == SIGNIN], 30)
    check(bool(signin), "the sign-in mail arrived at once")
    if signin:
        msg = signin[-1]
        html = msg.get_body(preferencelist=("html",))
        check(html is not None and "/auth/" in html.get_content(), "the mail's HTML part carries the link too")
        link = re.search(re.escape(BASE) + r"/auth/([A-Za-z0-9_-]{43})", text_of(msg))
        check(link is not None, "the mail carries a sign-in link to this server")
        secret = link.group(1)
        status, _, _, page = request("GET", f"/auth/{secret}")
        check(status == 200 and "Ковалёва" in page, "the link's page names the person")
        status, headers, cookies, _ = request("POST", "/auth", body=f"token={secret}", ctype="application/x-www-form-urlencoded")
        session = next((c.split(";")[0] for c in cookies if c.startswith("rm_session=")), "")
        check(status == 303 and headers.get("location") == f"/tasks/{task}" and session, "signed in, back to the task")
        status, _, _, page = request("GET", f"/tasks/{task}", cookie=session)
        check(status == 200 and "Отметить выполненным" in page, "the executor's task page, with the form to mark it done")
        status, _, _, _ = request("POST", "/auth", body=f"token={secret}", ctype="application/x-www-form-urlencoded")
        check(status == 403, "the link works once")
    # Asking too often: the page says the same, no more mails than the limit (5 an hour).
    for _ in range(6):
        request("POST", "/login", body=f"login_csrf={token}&next=%2F&email={executor}", cookie=login_cookie,
                ctype="application/x-www-form-urlencoded")
    time.sleep(3)
    signins = [m for m in box.to(executor) if m["Subject"] == SIGNIN]
    check(len(signins) == 5, f"at most 5 sign-in mails an hour: {len(signins)}")

    # Restarting the same day sends no digest again.
    server.send_signal(signal.SIGTERM)
    check(server.wait(timeout=20) == 0, "SIGTERM: exit 0")
    before = len(box.mails)
    server = start_server()
    time.sleep(5)
    check(len(box.mails) == before, f"no digest twice on the same day: {len(box.mails) - before} more")
finally:
    if server.poll() is None:
        server.kill()
    smtp.stop()
    shutil.rmtree(work, ignore_errors=True)

check.finish()
