"""Each source's state during a crawl, and its one owner: the SourceState extension.

As Scrapy's SpiderState extension does with `spider.state`, SourceState loads the state on
spider_opened (the sources' rows synced to the config, the conditional-GET validators of their
listings) and hands it to the spider as `spider.progress`; on spider_closed it records each
source's outcome and saves the validators of the sources whose pass completed. The spider
reads the validators and keeps the count of what it fetches; everything else reaches the state
by signal, never by reaching into the spider:

- response_received: the ETag and Last-Modified of a conditional listing the spider reads;
- request_skipped: a request the spider yielded that will not be fetched (already requested,
  stored, over budget: crawler/incremental.py), so the source does not wait for it;
- item_dropped with UnfinishedPage (a pipeline could not finish a page), item_error (a
  pipeline raised), spider_error (a callback raised): the source's pass is unfinished.
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass, field
from typing import Any

from scrapy import signals
from scrapy.http import Request, Response
from sqlalchemy.exc import SQLAlchemyError
from twisted.python.failure import Failure

from crawler import signals as newsmon_signals
from crawler.context import config_from_settings, store_for
from crawler.failures import UnfinishedPage
from newsmon.db import db_error
from newsmon.storage import sources

logger = logging.getLogger(__name__)

Validators = tuple[str | None, str | None]  # ETag, Last-Modified


@dataclass
class SourceProgress:
    """How one source's pass is going."""

    name: str
    pending: int = 0  # requests the spider yielded and has not been called back for
    listing_ok: bool = False
    listing_error: str | None = None
    transient_errors: int = 0
    not_modified: bool = False
    links_found: int = 0
    known_validators: dict[str, Validators] = field(default_factory=dict)  # the last pass's
    validators: dict[str, tuple[int, str | None, str | None]] = field(default_factory=dict)

    @property
    def complete(self) -> bool:
        return self.pending == 0 and self.transient_errors == 0

    def unfinished(self, message: str) -> None:
        """Something of this source's pass was not done: its listings' validators are not
        saved (a 304 next pass would hide what was missed), and the first reason is kept."""
        self.transient_errors += 1
        self.listing_error = self.listing_error or message

    def conditional_headers(self, url: str) -> dict[str, str]:
        etag, last_modified = self.known_validators.get(url, (None, None))
        headers = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        return headers


def processing_error(failure: Failure, url: str) -> str:
    return f"{type(failure.value).__name__}: {failure.value} (processing {url})"


class SourceState:
    def __init__(self, crawler: Any):
        self.crawler = crawler
        self.stats = crawler.stats
        self.progress: dict[str, SourceProgress] = {}
        self.results: dict[str, dict[str, Any]] = {}  # each source's outcome, once closed
        self.database_down = False  # the outcomes could not all be recorded
        self.saved = asyncio.Event()  # set once spider_closed is done with the database
        for handler, signal in ((self.spider_opened, signals.spider_opened),
                                (self.spider_closed, signals.spider_closed),
                                (self.response_received, signals.response_received),
                                (self.item_dropped, signals.item_dropped),
                                (self.item_error, signals.item_error),
                                (self.spider_error, signals.spider_error),
                                (self.request_skipped, newsmon_signals.request_skipped)):
            crawler.signals.connect(handler, signal=signal)

    @classmethod
    def from_crawler(cls, crawler: Any) -> SourceState:
        return cls(crawler)

    # --- loading and saving ---------------------------------------------------------------

    async def spider_opened(self, spider: Any) -> None:
        store = store_for(self.crawler)
        self.progress = {s.name: SourceProgress(s.name) for s in spider.selected_sources()}
        spider.progress = self.progress
        try:
            await store.run(sources.sync, store,
                            config_from_settings(self.crawler.settings).sources)
            for prog in self.progress.values():
                prog.known_validators = await store.run(sources.validators, store, prog.name)
        except SQLAlchemyError as exc:  # locked by another writer past busy_timeout, gone...
            message = f"database unavailable, nothing crawled: {db_error(exc)}"
            logger.error("%s", message)
            self.stats.inc_value("newsmon/errors/database")
            for prog in self.progress.values():
                prog.listing_error = message  # the spider fetches nothing of such a source

    async def spider_closed(self, spider: Any, reason: str) -> None:
        """Each source's outcome, and the validators of the sources whose pass completed: a
        feed answered 304 next time must not hide articles this pass failed to fetch."""
        store = store_for(self.crawler)
        finished = reason == "finished"
        try:
            for name, prog in self.progress.items():
                new = self.stats.get_value(f"newsmon/source/{name}/articles_new", 0)
                ok = prog.listing_ok
                error = prog.listing_error
                if not prog.listing_ok and error is None:
                    error = "crawl ended before the source was read" if not finished else \
                        "no listing was read"
                status = ("not_modified" if prog.not_modified else "ok") if ok else "failed"
                self.results[name] = {"status": status, "error": error, "new_articles": new,
                                      "links_found": prog.links_found,
                                      "errors": prog.transient_errors}
                self.stats.inc_value("newsmon/sources_ok" if ok else "newsmon/sources_failed")
                if self.database_down:  # each write would wait busy_timeout again, for nothing
                    continue
                try:
                    await store.run(sources.record_result, store, name, ok, error, new,
                                    status)
                    # a listing fetched but not parsed (or not followed) is not settled
                    if finished and ok and prog.complete and prog.validators:
                        await store.run(sources.save_validators, store, name, prog.validators)
                except SQLAlchemyError as exc:  # no validators saved: the next pass re-reads
                    self.database_down = True
                    logger.error("cannot record source results: %s", db_error(exc))
        finally:
            self.saved.set()

    # --- what happens to a source, by signal -----------------------------------------------

    def response_received(self, response: Response, request: Request) -> None:
        """The validators of a conditional listing that reaches its callback (2xx, 304)."""
        prog = self.progress.get(request.meta.get("source"))
        if prog is None or not request.meta.get("conditional") or \
                not (200 <= response.status < 300 or response.status == 304):
            return
        etag = response.headers.get(b"ETag")
        last_modified = response.headers.get(b"Last-Modified")
        requested_url = request.meta.get("redirect_urls", [response.url])[0]
        prog.validators[requested_url] = (
            response.status,
            etag.decode("latin-1") if etag else None,
            last_modified.decode("latin-1") if last_modified else None,
        )

    def request_skipped(self, request: Request, reason: str) -> None:
        """A request the spider yielded will not be fetched (crawler/incremental.py)."""
        prog = self.progress.get(request.meta.get("source"))
        if prog is not None:
            prog.pending -= 1
            if reason == "requested":  # found by another listing first, and counted there
                prog.links_found -= 1

    def _unfinished(self, source: str | None, message: str) -> None:
        prog = self.progress.get(source) if source else None
        if prog is not None:
            prog.unfinished(message)

    def item_dropped(self, item: Any, exception: BaseException) -> None:
        if isinstance(exception, UnfinishedPage):
            source = getattr(item, "source", None)
            self.stats.inc_value(f"newsmon/errors/{exception.kind}")
            logger.error("source %r: %s", source, exception)
            self._unfinished(source, str(exception))

    def item_error(self, item: Any, failure: Failure) -> None:
        """A pipeline raised (CrawlRunRecorder counts and logs it): the page is not settled."""
        self._unfinished(getattr(item, "source", None),
                         processing_error(failure, getattr(item, "url", "?")))

    def spider_error(self, failure: Failure, response: Any) -> None:
        """A callback raised (the database cut while a listing was being followed, a parser
        bug): its source is unfinished. Scrapy logs the exception itself."""
        if not isinstance(response, Response) or response.request is None:
            return  # an errback's failure
        source = response.meta.get("source")
        message = processing_error(failure, response.url)
        self.stats.inc_value("newsmon/errors/callback")
        logger.error("source %r: %s", source, message)
        self._unfinished(source, message)
