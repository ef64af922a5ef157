"""Helpers the end-to-end suites share (not a test itself: tests/CMakeLists.txt leaves it out).

- need(): run the suite under Debian's /usr/bin/python3 when this interpreter lacks a Debian
  package the suite uses (python3-aiosmtpd, python3-icalendar);
- Checks: collect failed checks, report them all, exit 1 when any failed;
- free_port(): a free TCP port on 127.0.0.1 (network tests stay on loopback);
- expected_uid(): the UID notifiers/calendar/invite.hpp promises for a task key;
- ical_js(): what ical.js, Thunderbird's iCalendar parser (npm, tests/e2e/node), reads from a file.
"""
import importlib.util
import json
import os
import shutil
import socket
import subprocess
import sys

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
