"""Extraction in the worker pool: the reactor only waits on a future, never on trafilatura.

The job also classifies and fingerprints the article (newsmon.analyze: one round trip per
page); the classify and dedupe pipelines that follow take up those results."""

from __future__ import annotations

import asyncio
import logging
from typing import Any

from crawler.context import config_from_settings
from crawler.failures import UnfinishedPage
from crawler.items import PageItem
from newsmon.analyze import RelevanceOptions, analyze_page
from newsmon.extract import Extraction, ExtractOptions
from newsmon.workers import get_pool, start_forkserver

logger = logging.getLogger(__name__)

EXTRACT_TIMEOUT = 120.0


class ExtractPipeline:
    def __init__(self, crawler: Any):
        cfg = config_from_settings(crawler.settings)
        self.stats = crawler.stats
        self.workers = cfg.extraction.workers
        self.options = ExtractOptions(min_words=cfg.extraction.min_words,
                                      favor=cfg.extraction.favor, fast=cfg.extraction.fast)
        self.relevance = RelevanceOptions(cfg.relevance.profiles, cfg.base_dir,
                                          cfg.relevance.min_score)

    @classmethod
    def from_crawler(cls, crawler: Any) -> ExtractPipeline:
        return cls(crawler)

    def open_spider(self, spider: Any = None) -> None:
        start_forkserver()  # load the workers' models while the first listings download
        get_pool(self.workers)

    async def process_item(self, item: Any) -> Any:
        if not isinstance(item, PageItem):
            return item
        if item.html is None:
            what = item.content_type or "no content type"
            item.extraction = Extraction("non_article", f"not HTML ({what})")
            return item
        pool = get_pool(self.workers)
        future = pool.submit(analyze_page, item.html, item.final_url, self.options, item.hints,
                             self.relevance)
        item.html = None  # the text is in the worker now; don't keep two copies alive
        try:
            analysis = await asyncio.wait_for(asyncio.wrap_future(future), EXTRACT_TIMEOUT)
        except TimeoutError:
            item.extraction = Extraction("non_article", "extraction timed out")
            self.stats.inc_value("newsmon/errors/extract_timeout")
            return item
        except Exception as exc:
            # A worker that crashed (or could not start: a full disk, no memory) says nothing
            # about the page: it is retried next pass, not recorded as a non-article.
            logger.debug("extraction failed for %s", item.final_url, exc_info=True)
            raise UnfinishedPage("extract",
                                 f"extraction failed for {item.final_url}: {exc!r}") from exc
        item.extraction = analysis.extraction
        item.relevance = analysis.relevance
        item.fingerprint = analysis.fingerprint
        item.analysis_errors = analysis.errors
        return item
