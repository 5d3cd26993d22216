"""Which of the links a spider found are fetched: a spider middleware, as zyte-spider-templates'
incremental crawl middleware skips what earlier crawls saw.

The spider yields a request for every article link its listings show, newest first
(meta["article"]). Between it and the engine, IncrementalMiddleware drops those already
requested in this crawl, those the database has settled (stored, non-article or gone: asked in
one query per listing), and those past their source's crawl budget (max_articles). It owns
that state; each request it drops is announced with signals.request_skipped, so that the
source's state (crawler.state.SourceState) does not wait for it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import AsyncIterator
from typing import Any

from scrapy import Request
from scrapy.http import Response

from crawler import signals
from crawler.context import config_from_settings, store_for
from newsmon.storage import ledger


class IncrementalMiddleware:
    def __init__(self, crawler: Any):
        self.crawler = crawler
        self.config = config_from_settings(crawler.settings)
        self.requested: set[str] = set()  # article URLs let through in this crawl
        self.admitted: Counter[str] = Counter()  # of them, per source

    @classmethod
    def from_crawler(cls, crawler: Any) -> IncrementalMiddleware:
        return cls(crawler)

    async def process_spider_output(self, response: Response,
                                    result: AsyncIterator[Any]) -> AsyncIterator[Any]:
        articles: list[Request] = []
        async for out in result:
            if isinstance(out, Request) and out.meta.get("article"):
                articles.append(out)
            else:
                yield out
        fresh = [r for r in articles if r.url not in self.requested]
        for request in articles:
            if request.url in self.requested:
                self._skip(request, "requested")
        if not fresh:
            return
        store = store_for(self.crawler)
        known = await store.run(ledger.known_urls, store, [r.url for r in fresh])
        for request in fresh:
            source = request.meta["source"]
            if request.url in known:
                self._skip(request, "known", "newsmon/links_known")
            elif self.admitted[source] >= self.budget(source):
                self._skip(request, "over_budget", "newsmon/links_over_budget")
            else:
                self.admitted[source] += 1
                self.requested.add(request.url)
                yield request

    def budget(self, source: str) -> int:
        return self.config.max_articles(self.config.source(source))

    def _skip(self, request: Request, reason: str, stat: str | None = None) -> None:
        if stat:
            self.crawler.stats.inc_value(stat)
        self.crawler.signals.send_catch_log(signal=signals.request_skipped, request=request,
                                            reason=reason)
