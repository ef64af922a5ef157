#!/usr/bin/env python3
"""E-mail over TLS with AUTH, against aiosmtpd on loopback with a certificate made here (openssl):
- STARTTLS required by the server, AUTH (LOGIN/PLAIN) only over TLS: `roadmap notify --starttls
  --smtp-user U` with $ROADMAP_SMTP_PASSWORD and `--ca` delivers;
- implicit TLS (smtps://) delivers;
- a wrong password, or no STARTTLS where the server demands it, is the sender's configuration:
  the messages wait for a retry (never 'rejected'), with the server's reply in last_error;
- a certificate that does not verify (no --ca) is refused by the client: nothing is sent in clear.

Usage: notify_tls.py ROADMAP SOURCE_TREE
"""
import json
import os
import shutil
import ssl
import subprocess
import sys
import tempfile
import threading

import util

util.need("aiosmtpd")

from aiosmtpd.controller import Controller  # noqa: E402
from aiosmtpd.smtp import AuthResult  # noqa: E402

from util import free_port  # noqa: E402

ROADMAP, SRC = sys.argv[1], sys.argv[2]
work = tempfile.mkdtemp(prefix="roadmap-notify-tls-")
check = util.Checks("notify_tls")


class Box:
    def __init__(self):
        self.lock = threading.Lock()
        self.messages = []
        self.tls = []

    async def handle_DATA(self, server, session, envelope):
        with self.lock:
            self.messages.append(envelope.rcpt_tos[0])
            self.tls.append(session.ssl is not None)
        return "250 OK"


def authenticator(server, session, envelope, mechanism, auth_data):
    ok = getattr(auth_data, "login", None) == b"roadmap" and getattr(auth_data, "password", None) == "секрет-42".encode()
    return AuthResult(success=ok)


cert, key = os.path.join(work, "cert.pem"), os.path.join(work, "key.pem")
subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", cert, "-days", "2",
                "-subj", "/CN=localhost", "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost"],
               check=True, capture_output=True)
ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
ctx.load_cert_chain(cert, key)


def load(db):
    os.makedirs(os.path.join(work, "plans"), exist_ok=True)
    plan = os.path.join(work, "plans", "002.yaml")
    shutil.copy(os.path.join(SRC, "plans", "002-levokumsky-objectivity-2023.yaml"), plan)
    if not os.path.exists(os.path.join(work, "examples")):
        shutil.copytree(os.path.join(SRC, "examples", "levokumsky"), os.path.join(work, "examples", "levokumsky"))
    subprocess.run([ROADMAP, "--db", db, "load", plan], check=True, capture_output=True)


def run(db, *args, password="секрет-42"):
    env = {**os.environ, "ROADMAP_LANG": "ru", "ROADMAP_SMTP_PASSWORD": password}
    env.pop("ROADMAP_SMTP_URL", None)
    return subprocess.run([ROADMAP, "--db", db, *args], capture_output=True, text=True, env=env)


def outbox(db):
    return json.loads(run(db, "outbox", "--format", "json").stdout)


NOW = "2023-03-28T07:00:00Z"
servers = []
try:
    # --- STARTTLS required, AUTH only over TLS
    box = Box()
    port = free_port()
    srv = Controller(box, hostname="127.0.0.1", port=port, tls_context=ctx, require_starttls=True,
                     authenticator=authenticator, auth_required=True, auth_require_tls=True)
    srv.start()
    servers.append(srv)
    db = os.path.join(work, "a.db")
    load(db)
    url = f"smtp://127.0.0.1:{port}"
    # no STARTTLS asked for: the server refuses (530) -- waits, not rejected
    p = run(db, "notify", "--now", NOW, "--smtp-url", url, "--smtp-user", "roadmap")
    ob = outbox(db)
    check(len(ob) > 0 and all(x["state"] == "queued" and x["attempts"] == 1 for x in ob),
          f"without STARTTLS: every message waits: {[(x['state'], x['last_error']) for x in ob][:2]} {p.stdout}")
    check(not box.messages, "nothing was delivered in clear")
    # STARTTLS with a certificate the client cannot verify: refused by the client
    p = run(db, "notify", "--now", "2023-03-28T07:02:00Z", "--smtp-url", url, "--starttls", "--smtp-user", "roadmap")
    check(not box.messages and all(x["state"] == "queued" for x in outbox(db)), "an unverified certificate sends nothing")
    # the wrong password: waits
    p = run(db, "notify", "--now", "2023-03-28T07:10:00Z", "--smtp-url", url, "--starttls", "--ca", cert,
            "--smtp-user", "roadmap", password="wrong")
    ob = outbox(db)
    check(not box.messages and all(x["state"] == "queued" for x in ob), f"a wrong password sends nothing: {p.stdout}")
    check(all(x["last_error"] for x in ob), f"the error is kept: {[x['last_error'] for x in ob][:1]}")
    # right: delivered over TLS
    p = run(db, "notify", "--now", "2023-03-28T09:00:00Z", "--smtp-url", url, "--starttls", "--ca", cert,
            "--smtp-user", "roadmap")
    ob = outbox(db)
    check(all(x["state"] == "sent" for x in ob), f"STARTTLS + AUTH: every message sent: {p.stdout} {p.stderr}")
    check(len(box.messages) == len(ob) and all(box.tls), "each arrived once, over TLS")

    # --- implicit TLS (smtps://)
    box2 = Box()
    port2 = free_port()
    # (aiosmtpd counts only STARTTLS as TLS for auth_require_tls; the whole session is TLS here)
    srv2 = Controller(box2, hostname="127.0.0.1", port=port2, ssl_context=ctx, authenticator=authenticator,
                      auth_required=True, auth_require_tls=False)
    srv2.start()
    servers.append(srv2)
    db2 = os.path.join(work, "b.db")
    load(db2)
    p = run(db2, "notify", "--now", NOW, "--smtp-url", f"smtps://127.0.0.1:{port2}", "--ca", cert,
            "--smtp-user", "roadmap")
    ob = outbox(db2)
    check(len(ob) > 0 and all(x["state"] == "sent" for x in ob),
          f"smtps: every message sent: {p.stdout} {[x['last_error'] for x in ob][:1]}")
    check(len(box2.messages) == len(ob), "smtps: each arrived once")
finally:
    for s in servers:
        s.stop()
    shutil.rmtree(work, ignore_errors=True)

check.finish()
