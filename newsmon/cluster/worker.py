"""`newsmon worker`: takes due source crawls from the queue until SIGTERM/SIGINT.

Any number of workers, on any machine that reaches the database and the sources, share the
queue. Each registers with procrastinate and beats every `[cluster] heartbeat`; each also
requeues the jobs of workers silent for `stalled_after`, so a dead worker's crawl runs
elsewhere without an operator. On SIGTERM a worker takes no new job, its crawls get
`[daemon] shutdown_timeout` to finish (SIGINT: Scrapy closes what is open), then are cut.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import signal
import socket
from typing import Any

from newsmon.cluster.app import QUEUE, ensure_schema, new_app, require_cluster
from newsmon.cluster.queue import recover
from newsmon.cluster.task import CONTEXT, WorkerState
from newsmon.config import Config
from newsmon.daemon.crawl_job import config_text
from newsmon.daemon.logfmt import kv
from newsmon.store import Store

logger = logging.getLogger("newsmon.cluster")


def worker_name() -> str:
    """host:pid, the name in logs and job contexts."""
    return f"{socket.gethostname()}:{os.getpid()}"


async def recover_forever(app: Any, cfg: Config) -> None:
    """Requeue stalled jobs every heartbeat, until cancelled."""
    while True:
        await recover(app, cfg.cluster.stalled_after)
        await asyncio.sleep(cfg.cluster.heartbeat)


async def _serve(cfg: Config, state: WorkerState, concurrency: int) -> int:
    app = new_app(cfg.database.url, pool_size=concurrency + 4)
    async with app.open_async():
        loop = asyncio.get_running_loop()
        work = asyncio.ensure_future(app.run_worker_async(
            queues=[QUEUE], name=state.name, concurrency=concurrency,
            fetch_job_polling_interval=cfg.cluster.poll_interval,
            update_heartbeat_interval=cfg.cluster.heartbeat,
            stalled_worker_timeout=cfg.cluster.stalled_after,
            shutdown_graceful_timeout=cfg.daemon.shutdown_timeout,
            delete_jobs="always", install_signal_handlers=False,
            additional_context={CONTEXT: state}))
        recovery = asyncio.ensure_future(recover_forever(app, cfg))

        def stop(why: str) -> None:
            if state.stopping:
                return
            state.stopping = True
            logger.info("%s", kv(event="stopping", signal=why, worker=state.name,
                                 crawls_in_flight=len(state.procs)))
            for proc in state.procs.values():  # Scrapy: stop scheduling, finish what is open
                with contextlib.suppress(ProcessLookupError):
                    proc.send_signal(signal.SIGINT)
            work.cancel()  # procrastinate: no new job, wait shutdown_graceful_timeout

        loop.add_signal_handler(signal.SIGTERM, stop, "SIGTERM")
        loop.add_signal_handler(signal.SIGINT, stop, "SIGINT")
        logger.info("%s", kv(event="worker_started", worker=state.name,
                             concurrency=concurrency, sources=len(cfg.sources)))
        try:
            with contextlib.suppress(asyncio.CancelledError):
                await work
        finally:
            recovery.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await recovery
    logger.info("%s", kv(event="worker_stopped", worker=state.name))
    return 0


def run_worker(cfg: Config, concurrency: int | None = None, verbose: int = 0) -> int:
    """Refuse unless the distributed mode is on PostgreSQL; then serve until SIGTERM."""
    require_cluster(cfg)
    ensure_schema(cfg.database.url)
    store = Store.open(cfg.database.url)
    try:
        state = WorkerState(cfg=cfg, text=config_text(cfg), store=store, name=worker_name(),
                            verbose=verbose)
        return asyncio.run(_serve(cfg, state, concurrency or cfg.cluster.concurrency))
    finally:
        store.close()
