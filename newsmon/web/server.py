"""Serving the app with uvicorn in a thread of its own: for `newsmon web` (whose main thread
waits for SIGINT/SIGTERM) and beside `newsmon run`'s scheduler. The thread has its own Store
(engine) and event loop, so a slow page never delays a crawl or a delivery, and uvicorn
installs no signal handlers off the main thread: the daemon's SIGTERM handling stays the
daemon's."""

from __future__ import annotations

import logging
import signal
import threading
import time

import uvicorn

from newsmon.config import Config
from newsmon.errors import UsageError
from newsmon.store import Store
from newsmon.web.app import create_app
from newsmon.web.security import resolve

logger = logging.getLogger("newsmon.web")


def _server(cfg: Config, store: Store, host: str | None, port: int | None) -> uvicorn.Server:
    bind = host or cfg.web.host
    secrets = resolve(cfg, bind)  # ConfigError (exit 2) for a public bind without secrets
    app = create_app(cfg, store, secrets)
    config = uvicorn.Config(app, host=bind, port=cfg.web.port if port is None else port,
                            log_level="warning", log_config=None, access_log=False,
                            proxy_headers=False, server_header=False)
    return uvicorn.Server(config)


def serve(cfg: Config, host: str | None = None, port: int | None = None) -> None:
    """`newsmon web`: serve until SIGINT or SIGTERM, then finish the requests in flight and
    return (exit 0). The server runs in its thread, as beside the daemon, and this thread
    waits for the signal."""
    server = BackgroundServer(cfg, host, port).start()
    print(f"newsmon web: serving on {server.url} (Ctrl-C stops)", flush=True)
    stop = threading.Event()
    previous = {sig: signal.signal(sig, lambda *_: stop.set())
                for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        while not stop.is_set() and server.thread.is_alive():
            stop.wait(0.5)
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
        server.stop()


def _url_host(host: str) -> str:
    return f"[{host}]" if ":" in host else host


class BackgroundServer:
    """The app in a daemon thread; `start()` returns once it listens, `stop()` ends it."""

    def __init__(self, cfg: Config, host: str | None = None, port: int | None = None):
        self.store = Store.open(cfg.database.url)
        try:
            self.server = _server(cfg, self.store, host, port)
        except BaseException:
            self.store.close()
            raise
        self.thread = threading.Thread(target=self.server.run, name="newsmon-web",
                                       daemon=True)

    @property
    def url(self) -> str:
        sockets = [s for srv in self.server.servers for s in srv.sockets]
        host, port = sockets[0].getsockname()[:2] if sockets else (self.server.config.host,
                                                                   self.server.config.port)
        return f"http://{_url_host(host)}:{port}/"

    def start(self, timeout: float = 10.0) -> BackgroundServer:
        self.thread.start()
        deadline = time.monotonic() + timeout
        while not self.server.started:
            if not self.thread.is_alive() or time.monotonic() > deadline:
                self.stop()
                raise UsageError(f"cannot serve on {self.server.config.host}:"
                                 f"{self.server.config.port}: the address is in use or not "
                                 "available on this machine")
            time.sleep(0.02)
        logger.info("event=web_started url=%s", self.url)
        return self

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=5)
        self.store.close()
