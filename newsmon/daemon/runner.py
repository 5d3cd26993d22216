"""`newsmon run`: APScheduler on asyncio, one crawl subprocess per batch of due sources.

Why subprocesses and not crawls inside this process: Scrapy's reactor cannot restart, and
long-lived crawler processes are known to grow (Scrapy #3936, #5995). A crawl subprocess
can be stopped on a timeout, cannot leak into the daemon, and a crash in it (or in
trafilatura/lxml underneath) costs one run, not the monitor. Start-up costs about two
seconds, which is nothing next to an interval of minutes; sources due together share one
subprocess, so hundreds of sources do not mean hundreds of start-ups. bench/daemon_soak.py
measures the daemon's memory and file descriptors over hundreds of cycles.

With `[cluster] enabled` a due source becomes a job in PostgreSQL instead, crawled by one
of the `newsmon worker` processes (newsmon.cluster.dispatch); the daemon still schedules,
sends and keeps the books.

The daemon itself only schedules, drains the alert outbox (it is the only sender while it
runs) and keeps the books: per-source next run and health, its own heartbeat. This module
holds its life cycle and the dispatch of due sources; the scheduler's jobs are in
`schedule`, one crawl in `crawl_job`, health notices in `health_notice`, the outbox job in
`delivery`, the config reload in `reload`, housekeeping in `housekeeping`.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import signal
import socket
import time
from typing import Any

from apscheduler.schedulers.asyncio import AsyncIOScheduler

from newsmon.cluster.dispatch import QueueDispatch
from newsmon.config import Config
from newsmon.daemon import reload as reloading
from newsmon.daemon.crawl_job import config_text, record_results, run_crawl
from newsmon.daemon.delivery import OutboxDrain
from newsmon.daemon.health_notice import check_health
from newsmon.daemon.housekeeping import housekeep
from newsmon.daemon.lock import DaemonLock
from newsmon.daemon.logfmt import kv
from newsmon.daemon.schedule import (
    add_cluster_jobs,
    add_upkeep_jobs,
    new_scheduler,
    next_runs,
    schedule_sources,
)
from newsmon.models import utcnow
from newsmon.storage import daemon_state, sources
from newsmon.store import Store
from newsmon.web.embed import start_beside_daemon

__all__ = ["BATCH_WINDOW", "Daemon", "config_text", "kv", "run_daemon"]

logger = logging.getLogger("newsmon.daemon")

BATCH_WINDOW = 0.5  # seconds


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
        self.outbox = OutboxDrain(store, lambda: self.cfg, lambda: self.stopping)
        self.scheduler: AsyncIOScheduler | None = None
        self.cycles = 0
        # [cluster] enabled: due sources go to the workers' queue (a restart applies a change)
        self.queue = QueueDispatch(cfg) if cfg.cluster.enabled else None

    # --- life cycle -----------------------------------------------------------------------

    async def run(self) -> int:
        loop = asyncio.get_running_loop()
        loop.add_signal_handler(signal.SIGTERM, self.stop, "SIGTERM")
        loop.add_signal_handler(signal.SIGINT, self.stop, "SIGINT")
        loop.add_signal_handler(signal.SIGHUP, self.reload)
        self.scheduler = new_scheduler(loop)
        if self.queue is not None:
            await self.queue.open()
            add_cluster_jobs(self.scheduler, self.cfg.cluster.heartbeat, self.queue.recover,
                             self.judge_workers_crawls)
        await asyncio.to_thread(sources.sync, self.store, self.cfg.sources)
        await self._schedule_sources()
        add_upkeep_jobs(self.scheduler, self.cfg.daemon, self.drain, self.housekeeping,
                        self.heartbeat)
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
        if self.queue is not None:
            await self.queue.close()
        await asyncio.to_thread(daemon_state.mark_stopped, self.store)
        logger.info("%s", kv(event="stopped", cycles=self.cycles))

    def mark_started(self) -> None:
        daemon_state.mark_started(self.store, os.getpid(), socket.gethostname(), self.cfg.path)

    # --- scheduling -----------------------------------------------------------------------

    async def _schedule_sources(self) -> None:
        """One job per enabled source, continuing the rhythm recorded in the database."""
        assert self.scheduler is not None
        last = await asyncio.to_thread(sources.last_run_times, self.store)
        for name in schedule_sources(self.scheduler, self.cfg, last, self.source_due):
            self.pending.discard(name)
        await asyncio.to_thread(self._save_next_runs)

    def _save_next_runs(self) -> None:
        if self.scheduler is None:
            return
        sources.save_next_runs(self.store, next_runs(self.scheduler))

    async def source_due(self, name: str) -> None:
        if self.stopping:
            return
        if self.queue is not None:
            await self.queue.due(name)
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
        ran = await run_crawl(self.cfg, self.text, batch, self.verbose, self.procs)
        if ran is None:  # the process could not start (logged)
            return
        summary, code = ran
        self.cycles += 1
        await asyncio.to_thread(self._after_crawl, batch, summary, code,
                                time.monotonic() - started)

    def _after_crawl(self, batch: list[str], summary: dict[str, Any] | None, code: int | None,
                     elapsed: float) -> None:
        record_results(self.store, batch, summary, code, elapsed, self.stopping)
        self._check_health(batch)
        self._save_next_runs()

    def _check_health(self, names: list[str]) -> None:
        check_health(self.store, self.cfg, names)

    async def judge_workers_crawls(self) -> None:
        """Distributed mode: the workers record their crawls, the scheduler judges the health
        of the sources they crawled and tells the operator (a worker sends nothing)."""
        try:
            await asyncio.to_thread(self._judge_workers_crawls)
        except Exception:
            logger.exception("health check failed; retrying at the next heartbeat")

    def _judge_workers_crawls(self) -> None:
        assert self.queue is not None
        last = sources.last_run_times(self.store)
        names = self.queue.crawled_since_judged(last)
        if names:
            self._check_health(names)
            self.queue.mark_judged(last, names)

    # --- outbox, housekeeping, heartbeat --------------------------------------------------

    async def drain(self) -> None:
        """Send what the outbox holds; one drain at a time, another right after if asked."""
        await self.outbox.drain()

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
        daemon_state.beat(self.store)
        self._save_next_runs()

    # --- reload ---------------------------------------------------------------------------

    def reload(self) -> None:
        """SIGHUP: re-read the config; apply it if valid, else keep running on the old one."""
        reread = reloading.reread(self.cfg)
        if reread is None:
            return
        new, text = reread
        old, self.cfg, self.text = self.cfg, new, text
        reloading.log_reloaded(old, new)
        self._spawn(self._apply_reload())

    async def _apply_reload(self) -> None:
        await asyncio.to_thread(sources.sync, self.store, self.cfg.sources)
        await self._schedule_sources()


def run_daemon(cfg: Config, verbose: int = 0) -> int:
    """Take the database's daemon lock, then run until SIGTERM/SIGINT."""
    text = config_text(cfg)
    store = Store.open(cfg.database.url)
    lock = DaemonLock(store.engine, cfg.database.url)
    web = None
    try:
        lock.acquire(f"pid {os.getpid()} on {socket.gethostname()}, started "
                     f"{utcnow():%Y-%m-%d %H:%M:%S}Z")
        web = start_beside_daemon(cfg)  # [web] enabled: the dashboard in a thread
        daemon = Daemon(cfg, text, store, verbose)
        daemon.mark_started()
        return asyncio.run(daemon.run())
    finally:
        if web is not None:
            web.stop()
        lock.release()
        store.close()
