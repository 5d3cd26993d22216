"""`newsmon run`'s side of the distributed mode: due sources go to the queue, not to a crawl
subprocess of its own; stalled jobs are requeued every heartbeat."""

from __future__ import annotations

import logging
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

    async def recover(self) -> None:
        await recover(self.app, self.cfg.cluster.stalled_after)

    async def close(self) -> None:
        if self.app is not None:
            await self.app.close_async()
            self.app = None
