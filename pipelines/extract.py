"""Extraction in the worker pool: the reactor only waits on a future, never on trafilatura."""

from __future__ import annotations

import asyncio
import logging
from typing import Any

from crawler.context import config_from_settings
from crawler.items import PageItem
from newsmon.extract import Extraction, ExtractOptions, extract_article
from newsmon.workers import get_pool
from pipelines.unfinished import unfinished

logger = logging.getLogger(__name__)

EXTRACT_TIMEOUT = 120.0


class ExtractPipeline:
    def __init__(self, crawler: Any):
        cfg = config_from_settings(crawler.settings)
        self.crawler = crawler
        self.stats = crawler.stats
        self.workers = cfg.extraction.workers
        self.options = ExtractOptions(min_words=cfg.extraction.min_words,
                                      favor=cfg.extraction.favor, fast=cfg.extraction.fast)

    @classmethod
    def from_crawler(cls, crawler: Any) -> ExtractPipeline:
        return cls(crawler)

    def open_spider(self, spider: Any = None) -> None:
        get_pool(self.workers)  # start the workers while the first listings download

    async def process_item(self, item: Any) -> Any:
        if not isinstance(item, PageItem):
            return item
        if item.html is None:
            what = item.content_type or "no content type"
            item.extraction = Extraction("non_article", f"not HTML ({what})")
            return item
        pool = get_pool(self.workers)
        future = pool.submit(extract_article, item.html, item.final_url, self.options, item.hints)
        item.html = None  # the text is in the worker now; don't keep two copies alive
        try:
            item.extraction = await asyncio.wait_for(asyncio.wrap_future(future), EXTRACT_TIMEOUT)
        except TimeoutError:
            item.extraction = Extraction("non_article", "extraction timed out")
            self.stats.inc_value("newsmon/errors/extract_timeout")
        except Exception as exc:
            # A worker that crashed (or could not start: a full disk, no memory) says nothing
            # about the page: it is retried next pass, not recorded as a non-article.
            logger.debug("extraction failed for %s", item.final_url, exc_info=True)
            raise unfinished(self.crawler, item, "extract",
                             f"extraction failed for {item.final_url}: {exc!r}") from exc
        return item
