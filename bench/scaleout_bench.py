"""Scale-out: sources/s and pages/s of `newsmon crawl` in one process against 1, 2 and 4
`newsmon worker` processes of the distributed mode, on a local web of slow sites.

Each source is its own site on its own loopback address (127.0.1.N), whose every answer is
held `--delay` seconds: an I/O-bound crawl, as of real sites far away. Every run gets a
fresh PostgreSQL database. One process: `newsmon crawl --no-alerts` over every source,
timed from its start to its exit. N workers: started and idle first, then every source is
queued at once (as `newsmon run` does when they fall due) and the time runs until the
queue is empty. Pages are the requests the sites answered. Medians over `--runs`, with each
mode's ratio to the one-process figure of the same round.

    python bench/scaleout_bench.py [--sources 8] [--articles 4] [--delay 0.5] [--runs 3]
        [--workers 1,2,4] [--json]

Needs PostgreSQL (NEWSMON_TEST_POSTGRES_URL, else postgres@127.0.0.1:5432).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.conftest import PG_ADMIN_URL, newsmon_env, write_config  # noqa: E402

TEXT = ("the lab said its new research team would work on planning agents and on safety "
        "evaluations for the models it trains in Paris London and Zurich over the year")
WORDS = TEXT.split()


def article_html(site: int, n: int) -> bytes:
    """A plain article page, long enough to be stored (distinct text: no duplicates)."""
    paragraphs = []
    for p in range(5):
        words = [WORDS[(site * 7 + n * 3 + p + i) % len(WORDS)] for i in range(40)]
        paragraphs.append(f"<p>Site {site} story {n} part {p}: {' '.join(words)}.</p>")
    return (f"<html lang='en'><head><title>Site {site} story {n}</title></head><body>"
            f"<article><h1>Site {site} story {n}</h1>{''.join(paragraphs)}</article>"
            "</body></html>").encode()


def feed_xml(base: str, articles: int) -> bytes:
    items = "".join(f"<item><title>Story {n}</title><link>{base}/a{n}.html</link></item>"
                    for n in range(articles))
    return (f"<?xml version='1.0'?><rss version='2.0'><channel><title>t</title>"
            f"<link>{base}/</link>{items}</channel></rss>").encode()


class SlowSites:
    """One HTTP server per source on 127.0.1.N; every answer waits `delay` seconds."""

    def __init__(self, sources: int, articles: int, delay: float):
        self.sources, self.articles, self.delay = sources, articles, delay
        self.pages = 0
        self._lock = threading.Lock()
        self.servers: list[ThreadingHTTPServer] = []

    def start(self) -> SlowSites:
        for i in range(self.sources):
            self.servers.append(self._serve(i))
        return self

    def _serve(self, site: int) -> ThreadingHTTPServer:
        web = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self) -> None:
                time.sleep(web.delay)
                base = f"http://{self.server.server_address[0]}:{self.server.server_address[1]}"
                if self.path == "/feed.xml":
                    status, ctype, body = 200, "application/rss+xml", feed_xml(base,
                                                                               web.articles)
                elif self.path.startswith("/a") and self.path.endswith(".html"):
                    status, ctype, body = 200, "text/html; charset=utf-8", article_html(
                        site, int(self.path[2:-5]))
                else:
                    status, ctype, body = 404, "text/plain", b"not found"
                with web._lock:
                    web.pages += 1
                self.send_response(status)
                self.send_header("Content-Type", ctype)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: object) -> None:
                pass

        server = ThreadingHTTPServer((f"127.0.1.{site + 1}", 0), Handler)
        server.daemon_threads = True
        threading.Thread(target=server.serve_forever, daemon=True).start()
        return server

    def config_sources(self) -> list[dict[str, Any]]:
        return [{"name": f"s{i}", "type": "feed", "interval": "1h",
                 "url": f"http://{s.server_address[0]}:{s.server_address[1]}/feed.xml"}
                for i, s in enumerate(self.servers)]

    def stop(self) -> None:
        for s in self.servers:
            s.shutdown()
            s.server_close()


@contextmanager
def fresh_database() -> Iterator[str]:
    from sqlalchemy import create_engine, text

    admin = create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")
    name = f"newsmon_bench_{uuid.uuid4().hex[:10]}"
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield f"{PG_ADMIN_URL.rsplit('/', 1)[0]}/{name}"
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def write(tmp: Path, db_url: str, sites: SlowSites, cluster: bool) -> Path:
    config = write_config(tmp / f"bench-{uuid.uuid4().hex[:6]}.toml", db_url,
                          sites.config_sources(),
                          crawl={"per_domain_concurrency": 2, "timeout": "30s"},
                          extraction={"workers": 1})
    if cluster:
        with config.open("a") as f:
            f.write('\n[cluster]\nenabled = true\nheartbeat = "2s"\npoll_interval = "1s"\n')
    return config


def one_process(tmp: Path, sites: SlowSites) -> tuple[float, int]:
    with fresh_database() as db:
        config = write(tmp, db, sites, cluster=False)
        subprocess.run([sys.executable, "-m", "newsmon", "check", "--config", str(config)],
                       env=newsmon_env(), check=True, capture_output=True)
        before = sites.pages
        t0 = time.perf_counter()
        subprocess.run([sys.executable, "-m", "newsmon", "crawl", "--config", str(config),
                        "--no-alerts", "--no-progress"], env=newsmon_env(), check=True,
                       capture_output=True)
        return time.perf_counter() - t0, sites.pages - before


def open_jobs(db_url: str) -> int:
    import psycopg

    from newsmon.cluster.app import conninfo

    with psycopg.connect(conninfo(db_url)) as conn:
        row = conn.execute("SELECT count(*) FROM procrastinate_jobs"
                           " WHERE status IN ('todo', 'doing')").fetchone()
    return int(row[0]) if row else 0


def queue_all(db_url: str, names: list[str]) -> None:
    from newsmon.cluster.app import new_app
    from newsmon.cluster.queue import defer_crawl

    async def go() -> None:
        app = new_app(db_url)
        async with app.open_async():
            for n in names:
                await defer_crawl(app, n)
    asyncio.run(go())


def workers(tmp: Path, sites: SlowSites, n: int) -> tuple[float, int]:
    with fresh_database() as db:
        config = write(tmp, db, sites, cluster=True)
        logs = [tmp / f"w{i}-{uuid.uuid4().hex[:6]}.log" for i in range(n)]
        procs = [subprocess.Popen([sys.executable, "-m", "newsmon", "worker", "--config",
                                   str(config)], env=newsmon_env(), stdout=log.open("wb"),
                                  stderr=subprocess.STDOUT) for log in logs]
        try:
            deadline = time.monotonic() + 120
            while not all("event=worker_started" in log.read_text() for log in logs):
                if time.monotonic() > deadline or any(p.poll() is not None for p in procs):
                    raise RuntimeError("workers did not start:\n" + logs[0].read_text())
                time.sleep(0.1)
            before = sites.pages
            t0 = time.perf_counter()
            queue_all(db, [s["name"] for s in sites.config_sources()])
            while open_jobs(db):
                time.sleep(0.05)
            return time.perf_counter() - t0, sites.pages - before
        finally:
            for p in procs:
                p.terminate()
            for p in procs:
                p.wait(60)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sources", type=int, default=8)
    ap.add_argument("--articles", type=int, default=4, help="articles per source")
    ap.add_argument("--delay", type=float, default=0.5, help="seconds each answer waits")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--workers", default="1,2,4")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    counts = [int(x) for x in args.workers.split(",")]
    sites = SlowSites(args.sources, args.articles, args.delay).start()
    results: dict[str, list[dict[str, float]]] = {}
    try:
        with tempfile.TemporaryDirectory(prefix="newsmon-scaleout-") as d:
            tmp = Path(d)
            for run in range(args.runs):
                elapsed, pages = one_process(tmp, sites)
                base = args.sources / elapsed
                results.setdefault("one process", []).append(
                    {"seconds": elapsed, "sources_s": base, "pages_s": pages / elapsed,
                     "ratio": 1.0})
                for n in counts:
                    elapsed, pages = workers(tmp, sites, n)
                    results.setdefault(f"{n} worker{'s' if n > 1 else ''}", []).append(
                        {"seconds": elapsed, "sources_s": args.sources / elapsed,
                         "pages_s": pages / elapsed,
                         "ratio": (args.sources / elapsed) / base})
                print(f"run {run + 1}/{args.runs} done", file=sys.stderr)
    finally:
        sites.stop()
    summary = {mode: {k: statistics.median(r[k] for r in rows) for k in rows[0]}
               for mode, rows in results.items()}
    if args.json:
        print(json.dumps({"params": vars(args), "cpus": os.cpu_count(), "median": summary,
                          "runs": results}, indent=2))
        return 0
    print(f"{args.sources} sources x ({args.articles} articles + feed), {args.delay}s per "
          f"answer, {os.cpu_count()} CPUs, median of {args.runs} runs")
    print(f"{'mode':<12} {'seconds':>8} {'sources/s':>10} {'pages/s':>8} {'vs one':>7}")
    for mode, m in summary.items():
        print(f"{mode:<12} {m['seconds']:>8.1f} {m['sources_s']:>10.3f} {m['pages_s']:>8.2f} "
              f"{m['ratio']:>7.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
