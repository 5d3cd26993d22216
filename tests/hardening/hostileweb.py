"""A loopback HTTP server that misbehaves on purpose: streamed bombs, slow drips, resets.

tests/scriptedweb.py answers with whole bodies; these routes write to the socket themselves,
so a 50 MB page or a gigabyte-sized gzip stream is produced piece by piece and never held in
memory, and a reply can stall, drip or be cut with a TCP reset.
"""

from __future__ import annotations

import contextlib
import socket
import struct
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

Route = Callable[[BaseHTTPRequestHandler], None]


@dataclass
class HostileWeb:
    """Routes map a path to a function that writes the whole reply to the handler."""

    host: str = "127.0.0.1"
    routes: dict[str, Route] = field(default_factory=dict)
    hits: list[str] = field(default_factory=list)

    def start(self) -> HostileWeb:
        web = self
        stopping = self._stopping = threading.Event()

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            timeout = 30

            def do_GET(self) -> None:
                web.hits.append(self.path)
                route = web.routes.get(self.path.split("?", 1)[0])
                try:
                    if route is None:
                        reply(self, 404, b"not here", "text/plain")
                    else:
                        self.stopping = stopping  # type: ignore[attr-defined]
                        route(self)
                except (BrokenPipeError, ConnectionResetError, ConnectionAbortedError):
                    self.close_connection = True  # the crawler gave up: what we want

            def log_message(self, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer((self.host, 0), Handler)
        self.server.daemon_threads = True
        self.server.block_on_close = False
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    def stop(self) -> None:
        self._stopping.set()
        self.server.shutdown()
        self.server.server_close()

    @property
    def base(self) -> str:
        return f"http://{self.host}:{self.server.server_address[1]}"

    def count(self, path: str) -> int:
        return sum(1 for p in self.hits if p.split("?", 1)[0] == path)


# --- replies -----------------------------------------------------------------------------

def reply(h: BaseHTTPRequestHandler, status: int, body: bytes, ctype: str,
          headers: dict[str, str] | None = None) -> None:
    h.send_response(status)
    h.send_header("Content-Type", ctype)
    h.send_header("Content-Length", str(len(body)))
    for k, v in (headers or {}).items():
        h.send_header(k, v)
    h.end_headers()
    h.wfile.write(body)


def fixed(status: int, body: bytes, ctype: str = "text/html; charset=utf-8",
          headers: dict[str, str] | None = None) -> Route:
    return lambda h: reply(h, status, body, ctype, headers)


def redirect(location: str, status: int = 302) -> Route:
    return lambda h: reply(h, status, b"", "text/plain", {"Location": location})


def stream(chunks: Callable[[], Iterable[bytes]], ctype: str, length: int | None = None,
           headers: dict[str, str] | None = None) -> Route:
    """A body written piece by piece; without `length` it ends with the connection."""

    def route(h: BaseHTTPRequestHandler) -> None:
        h.send_response(200)
        h.send_header("Content-Type", ctype)
        for k, v in (headers or {}).items():
            h.send_header(k, v)
        if length is not None:
            h.send_header("Content-Length", str(length))
        else:
            h.send_header("Connection", "close")
            h.close_connection = True
        h.end_headers()
        for chunk in chunks():
            h.wfile.write(chunk)

    return route


def from_file(path: Path, ctype: str, encoding: str | None = None) -> Route:
    headers = {"Content-Encoding": encoding} if encoding else {}

    def chunks() -> Iterable[bytes]:
        with path.open("rb") as f:
            while block := f.read(1 << 16):
                yield block

    return stream(chunks, ctype, path.stat().st_size, headers)


def drip(body: bytes, every: float) -> Route:
    """Headers at once, then one byte every `every` seconds (a slowloris in reverse)."""

    def route(h: BaseHTTPRequestHandler) -> None:
        h.send_response(200)
        h.send_header("Content-Type", "text/html; charset=utf-8")
        h.send_header("Content-Length", str(len(body)))
        h.end_headers()
        stopping: threading.Event = h.stopping  # type: ignore[attr-defined]
        for i in range(len(body)):
            h.wfile.write(body[i:i + 1])
            h.wfile.flush()
            if stopping.wait(every):
                return

    return route


def reset(h: BaseHTTPRequestHandler) -> None:
    """Close with a TCP RST before any byte of a reply."""
    h.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    h.close_connection = True
    with contextlib.suppress(OSError):
        h.connection.close()


def stall(seconds: float) -> Route:
    """Accept the request and say nothing for `seconds` (no headers at all)."""

    def route(h: BaseHTTPRequestHandler) -> None:
        h.stopping.wait(seconds)  # type: ignore[attr-defined]
        h.close_connection = True

    return route


# --- a canary: a listener that must never be reached --------------------------------------

class Canary:
    """A TCP listener counting connections; an SSRF test passes only if it counts none."""

    def __init__(self, host: str = "127.0.0.1") -> None:
        self.sock = socket.socket()
        self.sock.bind((host, 0))
        self.sock.listen(64)
        self.sock.settimeout(0.2)
        self.connections = 0
        self.data = b""
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    @property
    def port(self) -> int:
        return int(self.sock.getsockname()[1])

    def _serve(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self.sock.accept()
            except (TimeoutError, OSError):
                continue
            self.connections += 1
            with conn:
                conn.settimeout(1)
                with contextlib.suppress(OSError):
                    self.data += conn.recv(4096)
                with contextlib.suppress(OSError):
                    conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Length: 6\r\n"
                                 b"Content-Type: text/plain\r\n\r\nSECRET")

    def close(self) -> None:
        self._stop.set()
        self._thread.join(timeout=2)
        self.sock.close()


def wait_for(predicate: Callable[[], bool], timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.05)
    return predicate()
