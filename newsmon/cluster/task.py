"""One job: a crawl of one source, run exactly as `newsmon run` runs it (a `newsmon crawl`
subprocess with the config on stdin, cut at `[daemon] crawl_timeout`, killed with its
worker), then its results on the source's row.

A worker sends nothing: its crawls run with `--no-alerts`, and the source's health is judged
from its row by the scheduler (newsmon.cluster.dispatch), which alone tells the operator;
`newsmon run` is the one sender of alerts and notices.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import signal
import time
from dataclasses import dataclass, field
from typing import Any

from newsmon.config import Config
from newsmon.daemon.crawl_job import record_results, run_crawl
from newsmon.daemon.logfmt import kv
from newsmon.store import Store

logger = logging.getLogger("newsmon.cluster")

CONTEXT = "newsmon"  # the key of WorkerState in the job context's additional_context


@dataclass
class WorkerState:
    """What a worker's jobs share: its config and its snapshot text, the store, the crawl
    processes running now (by pid, for the shutdown to signal)."""

    cfg: Config
    text: str
    store: Store
    name: str
    verbose: int = 0
    stopping: bool = False
    procs: dict[int, asyncio.subprocess.Process] = field(default_factory=dict)


async def crawl_source(context: Any, source: str) -> None:
    """The task procrastinate runs; a crawl that fails is recorded, not raised (the next
    interval queues the source again), so only a worker's death makes a job run twice."""
    state: WorkerState = context.additional_context[CONTEXT]
    job = context.job
    fields = {"source": source, "job": job.id, "attempt": job.attempts + 1,
              "worker": state.name}
    try:
        state.cfg.source(source)
    except KeyError:
        logger.warning("%s", kv(event="crawl_skipped", **fields,
                                reason="not in this worker's config"))
        return
    logger.info("%s", kv(event="crawl_started", **fields))
    started = time.monotonic()
    try:
        ran = await run_crawl(state.cfg, state.text, [source], state.verbose, state.procs)
    except asyncio.CancelledError:  # shutdown past its timeout: cut the crawl with us
        for proc in list(state.procs.values()):
            with contextlib.suppress(ProcessLookupError):
                os.killpg(proc.pid, signal.SIGKILL)
        raise
    if ran is None:  # could not start (logged)
        return
    summary, code = ran
    elapsed = time.monotonic() - started
    await asyncio.to_thread(record_results, state.store, [source], summary, code, elapsed,
                            state.stopping)
    logger.info("%s", kv(event="crawl_done", **fields, code=code, elapsed=f"{elapsed:.1f}s"))
