"""`newsmon run`: APScheduler on asyncio, one crawl subprocess per batch of due sources.

Why subprocesses and not crawls inside this process: Scrapy's reactor cannot restart, and
long-lived crawler processes are known to grow (Scrapy #3936, #5995). A crawl subprocess
can be stopped on a timeout, cannot leak into the daemon, and a crash in it (or in
trafilatura/lxml underneath) costs one run, not the monitor. Start-up costs about two
seconds, which is nothing next to an interval of minutes; sources due together share one
subprocess, so hundreds of sources do not mean hundreds of start-ups. bench/daemon_soak.py
measures the daemon's memory and file descriptors over hundreds of cycles.

The daemon itself only schedules, drains the alert outbox (it is the only sender while it
runs) and keeps the books: per-source next run and health, its own heartbeat.
"""

from __future__ import annotations

import asyncio
import contextlib
import ctypes
import json
import logging
import os
import signal
import socket
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from apscheduler.schedulers.asyncio import AsyncIOScheduler
from apscheduler.triggers.interval import IntervalTrigger
from sqlalchemy import select, update

from newsmon.alerts.outbox import deliver, send
from newsmon.config import Config, ConfigError, parse_config, sample_config_text
from newsmon.daemon.health import assess
from newsmon.daemon.housekeeping import housekeep
from newsmon.daemon.lock import DaemonLock
from newsmon.models import Article, DaemonState, Source, utcnow
from newsmon.store import Store

logger = logging.getLogger("newsmon.daemon")

HEARTBEAT = 30.0
BATCH_WINDOW = 0.5  # seconds
MAX_JITTER = 300.0


def config_text(cfg: Config) -> str:
    """The TOML a config was parsed from (crawl subprocesses get exactly this snapshot, so a
    half-edited file on disk never reaches them before a reload has validated it)."""
    if cfg.path.startswith("<"):
        return sample_config_text()
    return Path(cfg.path).read_text("utf-8")


def _die_with_parent() -> None:
    """In the crawl child: be killed if the daemon dies (kill -9 included), Linux only."""
    with contextlib.suppress(Exception):
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG


def kv(**fields: Any) -> str:
    """A log line that machines can parse and people can read: key=value, quoted if needed."""
    out = []
    for k, v in fields.items():
        s = json.dumps(v, ensure_ascii=False) if isinstance(v, (dict, list)) else str(v)
        if not s or any(c in s for c in " \"=\n"):
            s = json.dumps(s, ensure_ascii=False)
        out.append(f"{k}={s}")
    return " ".join(out)


class Daemon:
    def __init__(self, cfg: Config, text: str, store: Store, verbose: int = 0):
        self.cfg = cfg
        self.text = text
        self.store = store
        self.verbose = verbose
        self.pending: set[str] = set()  # sources due, waiting for a crawl slot
        self.in_flight: set[str] = set()
        self.procs: dict[int, asyncio.subprocess.Process] = {}
        self.crawls = 0  # crawls started and not finished (their processes may not exist yet)
        self._dispatch_soon: asyncio.TimerHandle | None = None
        self.tasks: set[asyncio.Task[Any]] = set()
        self.stopping = False
        self._stopped = asyncio.Event()
        self._draining = False
        self._drain_again = False
        self.scheduler: AsyncIOScheduler | None = None
        self.cycles = 0

    # --- life cycle -----------------------------------------------------------------------

    async def run(self) -> int:
        loop = asyncio.get_running_loop()
        loop.add_signal_handler(signal.SIGTERM, self.stop, "SIGTERM")
        loop.add_signal_handler(signal.SIGINT, self.stop, "SIGINT")
        loop.add_signal_handler(signal.SIGHUP, self.reload)
        self.scheduler = AsyncIOScheduler(event_loop=loop, timezone="UTC", job_defaults={
            "coalesce": True, "max_instances": 1, "misfire_grace_time": None})
        await asyncio.to_thread(self.store.sync_sources, self.cfg.sources)
        await self._schedule_sources()
        d = self.cfg.daemon
        self.scheduler.add_job(self.drain, IntervalTrigger(seconds=d.delivery_interval),
                               id="outbox", replace_existing=True, next_run_time=utcnow())
        self.scheduler.add_job(self.housekeeping, IntervalTrigger(seconds=d.housekeeping_interval),
                               id="housekeeping", replace_existing=True,
                               next_run_time=utcnow() + timedelta(seconds=60))
        self.scheduler.add_job(self.heartbeat, IntervalTrigger(seconds=HEARTBEAT), id="heartbeat",
                               replace_existing=True)
        self.scheduler.start()
        logger.info("%s", kv(event="started", pid=os.getpid(), sources=len(self.cfg.sources),
                             channels=len(self.cfg.alerts), config=self.cfg.path))
        await self._stopped.wait()
        await self._shutdown()
        return 0

    def stop(self, why: str = "stop") -> None:
        if self.stopping:
            return
        logger.info("%s", kv(event="stopping", signal=why,
                             crawls_in_flight=sorted(self.in_flight)))
        self.stopping = True
        self._stopped.set()

    async def _shutdown(self) -> None:
        """No new work; crawls in flight get shutdown_timeout to finish, then are cut."""
        assert self.scheduler is not None
        self.scheduler.shutdown(wait=False)
        deadline = time.monotonic() + self.cfg.daemon.shutdown_timeout
        for proc in self.procs.values():
            with contextlib.suppress(ProcessLookupError):
                proc.send_signal(signal.SIGINT)  # Scrapy: stop scheduling, finish what is open
        pending = [t for t in self.tasks if not t.done()]
        if pending:
            await asyncio.wait(pending, timeout=max(0.0, deadline - time.monotonic()))
        for proc in list(self.procs.values()):
            logger.warning("%s", kv(event="crawl_cut", pid=proc.pid,
                                    reason="still running at the shutdown timeout"))
            with contextlib.suppress(ProcessLookupError):
                os.killpg(proc.pid, signal.SIGKILL)
        pending = [t for t in self.tasks if not t.done()]
        if pending:
            await asyncio.wait(pending, timeout=5)
        await asyncio.to_thread(self._mark_stopped)
        logger.info("%s", kv(event="stopped", cycles=self.cycles))

    # --- scheduling -----------------------------------------------------------------------

    async def _schedule_sources(self) -> None:
        """One interval job per enabled source; its first run continues the rhythm recorded
        in the database, so a restart neither re-crawls everything nor skips a due source."""
        assert self.scheduler is not None
        last = await asyncio.to_thread(self._last_runs)
        wanted = {s.name: s for s in self.cfg.sources if s.enabled}
        for job in self.scheduler.get_jobs():
            if job.id.startswith("source:") and job.id[7:] not in wanted:
                job.remove()
                self.pending.discard(job.id[7:])
        now = utcnow()
        for name, src in wanted.items():
            jitter = min(src.interval * self.cfg.daemon.jitter, MAX_JITTER)
            job = self.scheduler.get_job(f"source:{name}")
            if job is not None and job.trigger.interval.total_seconds() == src.interval \
                    and (job.trigger.jitter or 0) == jitter:
                continue
            previous = last.get(name)
            first = now if previous is None else max(now, previous + timedelta(
                seconds=src.interval))
            self.scheduler.add_job(
                self.source_due, IntervalTrigger(seconds=src.interval, jitter=jitter or None),
                args=[name], id=f"source:{name}", replace_existing=True, next_run_time=first)
        await asyncio.to_thread(self._save_next_runs)

    def _last_runs(self) -> dict[str, datetime]:
        with self.store.read() as s:
            return {n: t for n, t in s.execute(select(Source.name, Source.last_run_at))
                    if t is not None}

    def _save_next_runs(self) -> None:
        if self.scheduler is None:
            return
        nexts = {j.id[7:]: j.next_run_time for j in self.scheduler.get_jobs()
                 if j.id.startswith("source:")}
        with self.store.write() as s:
            for row in s.scalars(select(Source)):
                row.next_run_at = nexts.get(row.name)

    async def source_due(self, name: str) -> None:
        if self.stopping:
            return
        self.pending.add(name)
        if self._dispatch_soon is None:  # sources due at the same moment share one crawl
            self._dispatch_soon = asyncio.get_running_loop().call_later(BATCH_WINDOW,
                                                                        self._dispatch)

    def _dispatch(self) -> None:
        """Start crawls for due sources that are not crawling now, within the parallel cap.

        A source that is due while its last crawl still runs stays pending: the runs
        coalesce into one, and a source's crawls never overlap.
        """
        self._dispatch_soon = None
        while not self.stopping and self.crawls < self.cfg.daemon.max_parallel_crawls:
            batch = sorted(self.pending - self.in_flight)
            if not batch:
                return
            self.pending -= set(batch)
            self.in_flight |= set(batch)
            self.crawls += 1
            self._spawn(self.crawl(batch))

    def _spawn(self, coro: Any) -> None:
        task = asyncio.get_running_loop().create_task(coro)
        self.tasks.add(task)
        task.add_done_callback(self.tasks.discard)

    # --- one crawl ------------------------------------------------------------------------

    async def crawl(self, batch: list[str]) -> None:
        try:
            await self._crawl(batch)
        except Exception:
            logger.exception("%s", kv(event="crawl_error", sources=batch))
        finally:
            self.crawls -= 1
            self.in_flight -= set(batch)
        if not self.stopping:
            self._dispatch()
            self._spawn(self.drain())

    async def _crawl(self, batch: list[str]) -> None:
        started = time.monotonic()
        summary: dict[str, Any] | None = None
        code: int | None = None
        with tempfile.TemporaryDirectory(prefix="newsmon-crawl-") as tmp:
            out = Path(tmp) / "summary.json"
            cmd = [sys.executable, "-m", "newsmon", "crawl", "--config", "-",
                   "--config-name", self.cfg.path, "--no-progress", "--no-alerts",
                   "--summary-json", str(out)]
            cmd += ["-v"] * self.verbose
            for name in batch:
                cmd += ["--source", name]
            try:
                proc = await asyncio.create_subprocess_exec(
                    *cmd, stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.DEVNULL,
                    start_new_session=True, preexec_fn=_die_with_parent)
            except OSError as exc:
                logger.error("%s", kv(event="crawl_failed", sources=batch,
                                      error=f"cannot start crawl process: {exc}"))
                return
            self.procs[proc.pid] = proc
            try:
                assert proc.stdin is not None
                proc.stdin.write(self.text.encode("utf-8"))
                with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                    await proc.stdin.drain()
                proc.stdin.close()
                try:
                    code = await asyncio.wait_for(proc.wait(),
                                                  timeout=self.cfg.daemon.crawl_timeout)
                except TimeoutError:
                    logger.error("%s", kv(event="crawl_timeout", sources=batch,
                                          timeout=self.cfg.daemon.crawl_timeout))
                    proc.send_signal(signal.SIGINT)
                    try:
                        code = await asyncio.wait_for(proc.wait(), timeout=30)
                    except TimeoutError:
                        os.killpg(proc.pid, signal.SIGKILL)
                        code = await proc.wait()
            finally:
                self.procs.pop(proc.pid, None)
            with contextlib.suppress(OSError, ValueError):
                summary = json.loads(out.read_text("utf-8"))
        self.cycles += 1
        await asyncio.to_thread(self._after_crawl, batch, summary, code,
                                time.monotonic() - started)

    def _after_crawl(self, batch: list[str], summary: dict[str, Any] | None, code: int | None,
                     elapsed: float) -> None:
        results = (summary or {}).get("sources", {})
        for name in batch:
            r = results.get(name)
            if r is None:
                error = (f"crawl process exited with code {code} before reporting"
                         if not self.stopping else "cut by shutdown")
                if not self.stopping:
                    self.store.record_source_result(name, False, error, 0, "failed")
                logger.error("%s", kv(event="crawl", source=name, status="failed",
                                      error=error, elapsed=f"{elapsed:.1f}s"))
            else:
                fields: dict[str, Any] = {"event": "crawl", "source": name,
                                          "status": r["status"], "new": r["new_articles"]}
                if summary is not None:
                    fields.update(pages=summary["pages_fetched"],
                                  relevant=summary["relevant_articles"],
                                  skipped=summary["skipped_known_links"],
                                  errors=sum(summary["errors"].values()))
                fields["elapsed"] = f"{elapsed:.1f}s"
                if r.get("error"):
                    fields["error"] = r["error"]
                logger.log(logging.WARNING if r["status"] == "failed" else logging.INFO,
                           "%s", kv(**fields))
        self._check_health(batch)
        self._save_next_runs()

    # --- health ---------------------------------------------------------------------------

    def _check_health(self, names: list[str]) -> None:
        d = self.cfg.daemon
        now = utcnow()
        turned_bad: list[tuple[str, str]] = []
        with self.store.write() as s:
            for row in s.scalars(select(Source).where(Source.name.in_(names))):
                try:
                    src = self.cfg.source(row.name)
                except KeyError:
                    continue
                times = list(s.scalars(select(Article.fetched_at)
                                       .where(Article.source_id == row.id)
                                       .order_by(Article.id.desc()).limit(50)))
                h = assess(now, src.interval, row.consecutive_failures, row.last_error,
                           row.last_new_article_at, row.created_at, times,
                           d.failure_threshold, d.stale_factor)
                if not h.ok and row.health != h.state:
                    turned_bad.append((row.name, f"{h.state}: {h.reason}"))
                    logger.warning("%s", kv(event="source_unhealthy", source=row.name,
                                            health=h.state, reason=h.reason))
                elif h.ok and row.health not in (None, "ok"):
                    logger.info("%s", kv(event="source_recovered", source=row.name))
                row.health, row.health_reason = h.state, h.reason
        if turned_bad and d.health_channel:
            self._tell_operator(turned_bad)

    def _tell_operator(self, problems: list[tuple[str, str]]) -> None:
        """Once per transition to unhealthy, straight to the operator's channel."""
        channel = next((c for c in self.cfg.alerts if c.name == self.cfg.daemon.health_channel),
                       None)
        if channel is None:
            return
        payload = {"type": "source.unhealthy", "timestamp": utcnow().isoformat(),
                   "data": {"sources": [{"name": n, "problem": p} for n, p in problems]}}
        key = "msg_health_" + "_".join(n for n, _ in problems)[:40] + f"_{int(time.time())}"
        try:
            outcome = send(self.cfg, channel, key, payload)
        except Exception as exc:  # the operator notice must never take the daemon down
            logger.error("%s", kv(event="health_alert_failed", channel=channel.name, error=exc))
            return
        if not outcome.ok:
            logger.error("%s", kv(event="health_alert_failed", channel=channel.name,
                                  error=outcome.error))

    # --- outbox, housekeeping, heartbeat --------------------------------------------------

    async def drain(self) -> None:
        """Send what the outbox holds; one drain at a time, another right after if asked."""
        if self._draining:
            self._drain_again = True
            return
        self._draining = True
        try:
            while not self.stopping:
                self._drain_again = False
                report = await asyncio.to_thread(deliver, self.store, self.cfg, 0.0,
                                                 stop=lambda: self.stopping)
                if report.sent or report.failed or report.dead:
                    logger.info("%s", kv(event="alerts", sent=report.sent,
                                         retrying=report.failed, dead=report.dead,
                                         pending=report.pending))
                for e in report.errors:
                    logger.warning("%s", kv(event="alert_error", error=e))
                if not self._drain_again:
                    break
        except Exception:
            logger.exception("alert delivery failed; retrying at the next drain")
        finally:
            self._draining = False

    async def housekeeping(self) -> None:
        try:
            await asyncio.to_thread(housekeep, self.store, self.cfg.daemon.retention)
        except Exception:
            logger.exception("housekeeping failed; retrying at the next run")

    async def heartbeat(self) -> None:
        try:
            await asyncio.to_thread(self._beat)
        except Exception:
            logger.exception("heartbeat failed")

    def _beat(self) -> None:
        with self.store.write() as s:
            s.execute(update(DaemonState).where(DaemonState.id == 1)
                      .values(heartbeat_at=utcnow()))
        self._save_next_runs()

    def mark_started(self) -> None:
        now = utcnow()
        with self.store.write() as s:
            row = s.get(DaemonState, 1)
            if row is None:
                row = DaemonState(id=1)
                s.add(row)
            row.pid, row.host, row.config_path = os.getpid(), socket.gethostname(), self.cfg.path
            row.started_at = row.heartbeat_at = now
            row.stopped_at = None

    def _mark_stopped(self) -> None:
        with self.store.write() as s:
            s.execute(update(DaemonState).where(DaemonState.id == 1)
                      .values(stopped_at=utcnow(), heartbeat_at=utcnow()))
            s.execute(update(Source).values(next_run_at=None))

    # --- reload ---------------------------------------------------------------------------

    def reload(self) -> None:
        """SIGHUP: re-read the config; apply it if valid, else keep running on the old one."""
        if self.cfg.path.startswith("<"):
            logger.warning("%s", kv(event="reload_skipped",
                                    reason="running on the built-in sample config"))
            return
        try:
            text = Path(self.cfg.path).read_text("utf-8")
            new = parse_config(text, self.cfg.path)
        except (OSError, UnicodeDecodeError) as exc:
            logger.error("%s", kv(event="reload_refused", config=self.cfg.path,
                                  error=f"cannot read: {exc}", kept="the running config"))
            return
        except ConfigError as exc:
            for problem in exc.problems:
                logger.error("%s", kv(event="reload_refused", config=self.cfg.path,
                                      problem=problem))
            logger.error("%s", kv(event="reload_refused", kept="the running config"))
            return
        if new.database.url != self.cfg.database.url:
            logger.error("%s", kv(event="reload_refused", config=self.cfg.path,
                                  problem="[database] url changed; restart the daemon to use it",
                                  kept="the running config"))
            return
        old = {s.name for s in self.cfg.sources}
        self.cfg, self.text = new, text
        names = {s.name for s in new.sources}
        logger.info("%s", kv(event="reloaded", config=new.path, added=sorted(names - old),
                             removed=sorted(old - names), sources=len(names),
                             channels=len(new.alerts)))
        self._spawn(self._apply_reload())

    async def _apply_reload(self) -> None:
        await asyncio.to_thread(self.store.sync_sources, self.cfg.sources)
        await self._schedule_sources()


def run_daemon(cfg: Config, verbose: int = 0) -> int:
    """Take the database's daemon lock, then run until SIGTERM/SIGINT."""
    text = config_text(cfg)
    store = Store.open(cfg.database.url)
    lock = DaemonLock(store.engine, cfg.database.url)
    try:
        lock.acquire(f"pid {os.getpid()} on {socket.gethostname()}, started "
                     f"{utcnow():%Y-%m-%d %H:%M:%S}Z")
        daemon = Daemon(cfg, text, store, verbose)
        daemon.mark_started()
        return asyncio.run(daemon.run())
    finally:
        lock.release()
        store.close()
