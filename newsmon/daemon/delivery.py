"""The daemon's outbox job: while it runs, the daemon is the only sender of alerts."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable

from newsmon.alerts.outbox import deliver
from newsmon.config import Config
from newsmon.daemon.logfmt import kv
from newsmon.store import Store

logger = logging.getLogger("newsmon.daemon")


class OutboxDrain:
    """Sends what the outbox holds, on the config of the moment (it changes on reload) and
    until `stopping()`; one drain at a time, another right after if one was asked for
    meanwhile."""

    def __init__(self, store: Store, config: Callable[[], Config],
                 stopping: Callable[[], bool]):
        self.store = store
        self.config = config
        self.stopping = stopping
        self._draining = False
        self._drain_again = False

    async def drain(self) -> None:
        if self._draining:
            self._drain_again = True
            return
        self._draining = True
        try:
            while not self.stopping():
                self._drain_again = False
                report = await asyncio.to_thread(deliver, self.store, self.config(), 0.0,
                                                 stop=self.stopping)
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
