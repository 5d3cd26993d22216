"""Crawl bookkeeping: the crawl-run record and a live progress line (each source's state and
outcome is crawler.state.SourceState's)."""

from __future__ import annotations

import logging
import sys
import time
from typing import Any

from scrapy import signals
from sqlalchemy.exc import SQLAlchemyError
from twisted.internet import task
from twisted.python.failure import Failure

from crawler.context import close_store, store_for
from crawler.state import SourceState
from newsmon.db import db_error
from newsmon.storage import runs

logger = logging.getLogger(__name__)


def newsmon_stats(stats: dict[str, Any]) -> dict[str, Any]:
    """The JSON-safe part of Scrapy's stats that a user reads."""
    out: dict[str, Any] = {}
    for key, value in stats.items():
        if isinstance(value, (int, float, str)) and (
            key.startswith(("newsmon/", "downloader/response_status_count/", "robotstxt/"))
            or key in ("downloader/request_count", "downloader/response_count",
                       "response_received_count", "item_scraped_count", "elapsed_time_seconds",
                       "finish_reason", "retry/count", "retry/max_reached")
        ):
            out[key] = value
    return out


class CrawlRunRecorder:
    """Writes the crawl_runs row (with each source's outcome, from SourceState) and counts the
    exceptions of item pipelines; closes the crawl's store last."""

    def __init__(self, crawler: Any):
        self.crawler = crawler
        self.run_id: int | None = None
        crawler.signals.connect(self.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(self.spider_closed, signal=signals.spider_closed)
        crawler.signals.connect(self.item_error, signal=signals.item_error)

    @classmethod
    def from_crawler(cls, crawler: Any) -> CrawlRunRecorder:
        return cls(crawler)

    async def spider_opened(self, spider: Any) -> None:
        store = store_for(self.crawler)
        names = [s.name for s in spider.selected_sources()]
        try:
            self.run_id = await store.run(runs.start, store, names)
        except SQLAlchemyError as exc:  # SourceState reports it per source; no run row then
            logger.error("cannot record the crawl run: %s", db_error(exc))

    def item_error(self, item: Any, failure: Failure) -> None:
        """A pipeline raised something other than DropItem: Scrapy logs the traceback; the
        summary counts it, and this line says whose page it was."""
        self.crawler.stats.inc_value("newsmon/errors/pipeline")
        logger.error("source %r: a pipeline failed on %s: %s: %s", getattr(item, "source", None),
                     getattr(item, "url", item), type(failure.value).__name__, failure.value)

    async def spider_closed(self, spider: Any, reason: str) -> None:
        store = store_for(self.crawler)
        state = self.crawler.get_extension(SourceState)
        try:
            if state is not None:
                await state.saved.wait()  # its spider_closed records the sources' outcomes
            if self.run_id is None or (state is not None and state.database_down):
                return
            summary = newsmon_stats(self.crawler.stats.get_stats())
            summary["sources"] = state.results if state is not None else {}
            try:
                await store.run(runs.finish, store, self.run_id,
                                "finished" if reason == "finished" else reason, summary)
            except SQLAlchemyError as exc:
                logger.error("cannot record the end of the crawl run: %s", db_error(exc))
        finally:
            close_store(self.crawler)


class ProgressDisplay:
    """One self-rewriting status line on stderr while crawling, only when it is a terminal."""

    def __init__(self, crawler: Any):
        self.stats = crawler.stats
        self.loop: task.LoopingCall | None = None
        self.started = time.monotonic()
        crawler.signals.connect(self.opened, signal=signals.spider_opened)
        crawler.signals.connect(self.closed, signal=signals.spider_closed)

    @classmethod
    def from_crawler(cls, crawler: Any) -> ProgressDisplay:
        return cls(crawler)

    def opened(self, spider: Any) -> None:
        if sys.stderr.isatty() and spider.settings.getbool("NEWSMON_PROGRESS", True):
            self.loop = task.LoopingCall(self.show)
            self.loop.start(0.5, now=False)

    def show(self) -> None:
        g = self.stats.get_value
        errors = sum(v for k, v in self.stats.get_stats().items()
                     if k.startswith("newsmon/errors/"))
        line = (f"\r{time.monotonic() - self.started:5.0f}s"
                f"  pages {g('response_received_count', 0)}"
                f"  new articles {g('newsmon/articles_new', 0)}"
                f"  skipped {g('newsmon/links_known', 0)}"
                f"  non-articles {g('newsmon/non_articles', 0)}"
                f"  errors {errors}")
        sys.stderr.write(line[:140] + "\x1b[K")
        sys.stderr.flush()

    def closed(self, spider: Any) -> None:
        if self.loop is not None and self.loop.running:
            self.loop.stop()
            sys.stderr.write("\r\x1b[K")
            sys.stderr.flush()
