"""A real HTTP webhook receiver for tests: verifies Standard Webhooks signatures with the
reference `standardwebhooks` package and answers a script of statuses."""

from __future__ import annotations

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from standardwebhooks import Webhook

SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"


class Receiver:
    """An HTTP receiver answering a script of statuses (then 200), recording every request."""

    def __init__(self) -> None:
        self.script: list[int | tuple[int, dict[str, str]]] = []
        self.delay = 0.0  # seconds to hold each answer (a slow receiver, or a kill window)
        self.received = threading.Event()
        self.requests: list[dict[str, Any]] = []
        self.verified: list[bool] = []
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers.get("content-length", 0)))
                headers = {k.lower(): v for k, v in self.headers.items()}
                try:
                    Webhook(SECRET).verify(body, headers)
                    ok = True
                except Exception:
                    ok = False
                receiver.requests.append({"headers": headers, "body": json.loads(body)})
                receiver.verified.append(ok)
                receiver.received.set()
                if receiver.delay:
                    time.sleep(receiver.delay)
                step = receiver.script.pop(0) if receiver.script else 200
                status, extra = (step, {}) if isinstance(step, int) else step
                self.send_response(status)
                for k, v in extra.items():
                    self.send_header(k, v)
                self.send_header("content-length", "0")
                self.end_headers()

            def log_message(self, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/hook"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def start(self) -> Receiver:
        self.thread.start()
        return self

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()
