"""Crawl bookkeeping: the crawl-run record, per-source outcomes, and a live progress line."""

from __future__ import annotations

import logging
import sys
import time
from typing import Any

from scrapy import signals
from sqlalchemy.exc import SQLAlchemyError
from twisted.internet import task

from crawler.context import close_store, store_for
from newsmon.db import db_error

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
    """Writes the crawl_runs row and each source's outcome, and saves conditional-GET
    validators only for sources whose pass completed: a feed answered 304 next time must
    not hide articles this pass failed to fetch."""

    def __init__(self, crawler: Any):
        self.crawler = crawler
        self.run_id: int | None = None
        self.results: dict[str, dict[str, Any]] = {}
        crawler.signals.connect(self.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(self.spider_closed, signal=signals.spider_closed)

    @classmethod
    def from_crawler(cls, crawler: Any) -> CrawlRunRecorder:
        ext = cls(crawler)
        crawler.newsmon_recorder = ext
        return ext

    async def spider_opened(self, spider: Any) -> None:
        store = store_for(self.crawler)
        names = [s.name for s in spider.selected_sources()]
        try:
            self.run_id = await store.run(store.start_run, names)
        except SQLAlchemyError as exc:  # the spider reports it per source; no run row then
            logger.error("cannot record the crawl run: %s", db_error(exc))

    async def spider_closed(self, spider: Any, reason: str) -> None:
        store = store_for(self.crawler)
        stats = self.crawler.stats
        finished = reason == "finished"
        db_down = False
        try:
            for name, prog in getattr(spider, "progress", {}).items():
                new = stats.get_value(f"newsmon/source/{name}/articles_new", 0)
                ok = prog.listing_ok
                error = prog.listing_error
                if not prog.listing_ok and error is None:
                    error = "crawl ended before the source was read" if not finished else \
                        "no listing was read"
                status = ("not_modified" if prog.not_modified else "ok") if ok else "failed"
                self.results[name] = {"status": status, "error": error, "new_articles": new,
                                      "links_found": prog.links_found,
                                      "errors": prog.transient_errors}
                stats.inc_value("newsmon/sources_ok" if ok else "newsmon/sources_failed")
                if db_down:  # each write would wait busy_timeout again, for nothing
                    continue
                try:
                    await store.run(store.record_source_result, name, ok, error, new, status)
                    # a listing fetched but not parsed (or not followed) is not settled
                    if finished and ok and prog.complete and prog.validators:
                        await store.run(store.save_validators, name, prog.validators)
                except SQLAlchemyError as exc:  # no validators saved: the next pass re-reads
                    db_down = True
                    logger.error("cannot record source results: %s", db_error(exc))
            if self.run_id is not None and not db_down:
                summary = newsmon_stats(stats.get_stats())
                summary["sources"] = self.results
                try:
                    await store.run(store.finish_run, self.run_id,
                                    "finished" if finished else reason, summary)
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
