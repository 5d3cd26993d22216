"""A tiny scripted HTTP server for tests of one behaviour (retries, delays, limits).

The fixture web (tests/fixtureweb) is a whole news landscape; this is for cases where a test
wants to say exactly what the n-th request to a path gets.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

Reply = tuple[int, dict[str, str], bytes]


@dataclass
class Hit:
    path: str
    time: float
    headers: dict[str, str]


@dataclass
class ScriptedWeb:
    """Routes map a path to a reply, or to a function of the hit count giving one."""

    routes: dict[str, Reply | Callable[[int], Reply]] = field(default_factory=dict)
    hits: list[Hit] = field(default_factory=list)
    host: str = "127.0.0.1"

    def start(self) -> ScriptedWeb:
        web = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self) -> None:
                with lock:
                    web.hits.append(Hit(self.path, time.monotonic(), dict(self.headers)))
                    count = sum(1 for h in web.hits if h.path == self.path)
                route = web.routes.get(self.path)
                if route is None:
                    status, headers, body = 404, {"Content-Type": "text/plain"}, b"not found"
                else:
                    status, headers, body = route(count) if callable(route) else route
                self.send_response(status)
                for k, v in headers.items():
                    self.send_header(k, v)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: object) -> None:
                pass

        lock = threading.Lock()
        self.server = ThreadingHTTPServer((self.host, 0), Handler)
        self.server.daemon_threads = True
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    @property
    def base(self) -> str:
        return f"http://{self.host}:{self.server.server_address[1]}"

    def times(self, path: str) -> list[float]:
        return [h.time for h in self.hits if h.path == path]


def rss(base: str, paths: list[str]) -> Reply:
    items = "".join(f"<item><title>Story {i}</title><link>{base}{p}</link></item>"
                    for i, p in enumerate(paths))
    body = (f'<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>'
            f"<link>{base}/</link>{items}</channel></rss>").encode()
    return 200, {"Content-Type": "application/rss+xml"}, body


def article(title: str, words: int = 120) -> Reply:
    text = " ".join(f"word{i % 50}" for i in range(words))
    body = (f"<html lang='en'><head><title>{title}</title></head><body><article><h1>{title}"
            f"</h1><p>{text}.</p><p>{text}, again in other words.</p></article></body></html>")
    return 200, {"Content-Type": "text/html; charset=utf-8"}, body.encode()
