"""Helpers the end-to-end suites share (not a test itself: tests/CMakeLists.txt leaves it out).

- need(): run the suite under Debian's /usr/bin/python3 when this interpreter lacks a Debian
  package the suite uses (python3-aiosmtpd, python3-icalendar);
- Checks: collect failed checks, report them all, exit 1 when any failed;
- free_port(): a free TCP port on 127.0.0.1 (network tests stay on loopback);
- roadmap_env(), run_roadmap(): the executable on a database, in Russian, failing the suite on an error;
- start_serve(): `roadmap serve` started and its address read from its first line;
- read_first_line(), wait_for(), sql(): waiting on a process or a condition, reading the database;
- expected_uid(): the UID notifiers/calendar/invite.hpp promises for a task key;
- ical_js(): what ical.js, Thunderbird's iCalendar parser (npm, tests/e2e/node), reads from a file.
"""
import importlib.util
import json
import os
import re
import shutil
import socket
import sqlite3
import subprocess
import sys
import threading
import time

NODE_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "node")


def need(*modules):
    """Re-executes the running script under /usr/bin/python3 when one of `modules` is missing here
    (they are Debian packages); fails when it is missing there too."""
    missing = [m for m in modules if importlib.util.find_spec(m) is None]
    if not missing:
        return
    system = "/usr/bin/python3"
    if os.path.exists(system) and os.path.realpath(sys.executable) != os.path.realpath(system) \
            and not os.environ.get("ROADMAP_E2E_REEXEC"):
        os.environ["ROADMAP_E2E_REEXEC"] = "1"
        os.execv(system, [system, *sys.argv])
    raise SystemExit(f"FAIL: {', '.join(missing)} missing (scripts/install-deps.sh installs python3-"
                     f"{' python3-'.join(missing)})")


class Checks:
    """check(cond, what) records a failure and goes on, so one run reports every broken promise."""

    def __init__(self, name):
        self.name = name
        self.failures = []

    def __call__(self, cond, what):
        if not cond:
            self.failures.append(what)
            print("FAIL:", what, file=sys.stderr)
        return cond

    def finish(self):
        if self.failures:
            print(f"{len(self.failures)} check(s) failed", file=sys.stderr)
            sys.exit(1)
        print(f"{self.name}: ok")


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def roadmap_env(**extra):
    """The environment the suites run roadmap in: Russian messages, no SMTP server of the caller's
    environment, and `extra` (e.g. ROADMAP_USER="coordinator")."""
    env = {**os.environ, "ROADMAP_LANG": "ru", **extra}
    env.pop("ROADMAP_SMTP_URL", None)
    return env


def run_roadmap(roadmap, db, *args, env=None, timeout=None):
    """`roadmap --db DB ARGS...` to its end; a non-zero exit fails the suite with what it printed."""
    p = subprocess.run([roadmap, "--db", db, *args], capture_output=True, text=True, env=env or roadmap_env(),
                       timeout=timeout)
    if p.returncode != 0:
        print(p.stdout, p.stderr, file=sys.stderr)
        raise SystemExit(f"FAIL: roadmap {' '.join(args)} exited {p.returncode}")
    return p


def read_first_line(proc, seconds):
    """The first stdout line of a process, or None after `seconds` (the process may hang)."""
    box = []
    t = threading.Thread(target=lambda: box.append(proc.stdout.readline()), daemon=True)
    t.start()
    t.join(seconds)
    return box[0] if box else None


def start_serve(roadmap, db, *args, listen="127.0.0.1:0", stderr=subprocess.PIPE, env=None, seconds=60):
    """Starts `roadmap --db DB serve --listen LISTEN ARGS...` and reads its first line, which names
    the address it listens on (a port of its choice with ":0"). Returns the process and that address
    ("http://127.0.0.1:PORT"); a server that says nothing within `seconds` or no such address is
    killed and fails the suite."""
    p = subprocess.Popen([roadmap, "--db", db, "serve", "--listen", listen, *args], stdout=subprocess.PIPE,
                         stderr=stderr, text=True, env=env or roadmap_env())
    line = read_first_line(p, seconds)
    m = re.search(r"http://127\.0\.0\.1:(\d+)", line or "")
    if m and int(m.group(1)) > 0:
        return p, m.group(0)
    p.kill()
    p.wait()
    said = p.stderr.read() if stderr == subprocess.PIPE else ""
    raise SystemExit(f"FAIL: roadmap serve named no http://127.0.0.1:PORT address within {seconds} s: {line!r} {said}")


def wait_for(pred, seconds=30, step=0.2):
    """The first true value of pred() within `seconds`, else None."""
    end = time.time() + seconds
    while time.time() < end:
        v = pred()
        if v:
            return v
        time.sleep(step)
    return None


def sql(db, q, *a):
    """The rows of one query on the suite's database (a connection of its own, closed after)."""
    con = sqlite3.connect(db)
    try:
        return con.execute(q, a).fetchall()
    finally:
        con.close()


def _fnv1a(data, h):
    for b in data:
        h ^= b
        h = (h * 1099511628211) & 0xFFFFFFFFFFFFFFFF
    return h


def expected_uid(key):
    """The UID the design promises (notifiers/calendar/invite.hpp): two FNV-1a hashes of the key."""
    basis = 14695981039346656037
    raw = key.encode("utf-8")
    a = _fnv1a(raw, basis)
    b = _fnv1a(raw, _fnv1a(b"roadmap task uid", basis))
    return f"roadmap-{a:016x}{b:016x}@roadmap"


def ical_js(path, *probes):
    """What ical.js reads from the file (see tests/e2e/node/parse_ics.mjs), or None when it cannot
    parse it. Installs ical.js with `npm ci` on first use."""
    if not os.path.isdir(os.path.join(NODE_DIR, "node_modules", "ical.js")):
        if shutil.which("npm") is None:
            raise SystemExit("FAIL: npm is missing (scripts/install-deps.sh installs nodejs and npm)")
        p = subprocess.run(["npm", "ci", "--prefix", NODE_DIR, "--no-audit", "--no-fund"],
                           capture_output=True, text=True, timeout=300)
        if p.returncode != 0:
            raise SystemExit("FAIL: cannot install ical.js with `npm ci` into tests/e2e/node (offline? run it once "
                             f"with network access):\n{p.stdout}\n{p.stderr}")
    p = subprocess.run(["node", os.path.join(NODE_DIR, "parse_ics.mjs"), path, *probes],
                       capture_output=True, text=True)
    if p.returncode != 0:
        print(p.stdout, p.stderr, file=sys.stderr)
        return None
    return json.loads(p.stdout)
