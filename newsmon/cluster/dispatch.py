"""`newsmon run`'s side of the distributed mode: due sources go to the queue, not to a crawl
subprocess of its own; stalled jobs are requeued every heartbeat; and every heartbeat the
sources the workers crawled since the last look have their health judged here, so that the
operator is told by the scheduler alone, as in single-process mode."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from datetime import datetime
from typing import Any

from newsmon.cluster.app import ensure_schema, new_app, require_cluster
from newsmon.cluster.queue import defer_crawl, recover
from newsmon.config import Config
from newsmon.daemon.logfmt import kv

logger = logging.getLogger("newsmon.daemon")


class QueueDispatch:
    """The scheduler's handle on the job queue, open from start to shutdown."""

    def __init__(self, cfg: Config):
        require_cluster(cfg)
        self.cfg = cfg
        self.app: Any = None
        self.judged: dict[str, datetime] = {}  # source -> the last run its health was judged on

    async def open(self) -> None:
        import asyncio

        await asyncio.to_thread(ensure_schema, self.cfg.database.url)
        self.app = new_app(self.cfg.database.url, pool_size=3)
        await self.app.open_async()

    async def due(self, source: str) -> None:
        """Queue the source's crawl (once: a source already waiting is not queued again)."""
        try:
            job = await defer_crawl(self.app, source)
        except Exception as exc:  # the database is away: the next interval queues it
            logger.error("%s", kv(event="queue_failed", source=source, error=exc))
            return
        if job is not None:
            logger.info("%s", kv(event="crawl_queued", source=source, job=job))

    def crawled_since_judged(self, last_runs: Mapping[str, datetime]) -> list[str]:
        """The sources whose last run (as the workers recorded it) is not the one their health
        was last judged on: crawled since. No clocks are compared across machines; the first
        look takes every source that has run (a crawl may have ended while no scheduler ran)."""
        return sorted(n for n, t in last_runs.items() if self.judged.get(n) != t)

    def mark_judged(self, last_runs: Mapping[str, datetime], names: list[str]) -> None:
        self.judged.update((n, last_runs[n]) for n in names)

    async def recover(self) -> None:
        await recover(self.app, self.cfg.cluster.stalled_after)

    async def close(self) -> None:
        if self.app is not None:
            await self.app.close_async()
            self.app = None
