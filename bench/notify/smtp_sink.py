#!/usr/bin/env python3
"""An SMTP server on loopback that accepts and counts every message (aiosmtpd, python3-aiosmtpd):
the other end of the notification benchmark. Prints the port, then runs until stdin closes, then
prints the number of messages and bytes it took.

    smtp_sink.py
"""
import os
import socket
import sys
import threading

try:
    from aiosmtpd.controller import Controller
except ImportError:
    if os.path.exists("/usr/bin/python3") and os.path.realpath(sys.executable) != "/usr/bin/python3" \
            and not os.environ.get("ROADMAP_SINK_REEXEC"):
        os.environ["ROADMAP_SINK_REEXEC"] = "1"
        os.execv("/usr/bin/python3", ["/usr/bin/python3", *sys.argv])
    raise


class Sink:
    def __init__(self):
        self.lock = threading.Lock()
        self.count = 0
        self.bytes = 0

    async def handle_DATA(self, server, session, envelope):
        with self.lock:
            self.count += 1
            self.bytes += len(envelope.original_content or envelope.content)
        return "250 OK"


s = socket.socket()
s.bind(("127.0.0.1", 0))
port = s.getsockname()[1]
s.close()
sink = Sink()
ctl = Controller(sink, hostname="127.0.0.1", port=port, data_size_limit=0)
ctl.start()
print(port, flush=True)
sys.stdin.read()
ctl.stop()
print(f"{sink.count} {sink.bytes}", flush=True)
