"""Relevance in the worker pool: is this article about the topic, and who moved where."""

from __future__ import annotations

import asyncio
import logging
from typing import Any

from crawler.context import config_from_settings
from crawler.items import PageItem
from newsmon.relevance import classify_article
from newsmon.workers import get_pool

logger = logging.getLogger(__name__)


class ClassifyPipeline:
    def __init__(self, crawler: Any):
        cfg = config_from_settings(crawler.settings)
        self.stats = crawler.stats
        self.workers = cfg.extraction.workers
        self.args = (cfg.relevance.profiles, cfg.base_dir, cfg.relevance.min_score)

    @classmethod
    def from_crawler(cls, crawler: Any) -> ClassifyPipeline:
        return cls(crawler)

    async def process_item(self, item: Any) -> Any:
        if not isinstance(item, PageItem) or item.extraction is None \
                or item.extraction.kind != "article":
            return item
        ex = item.extraction
        future = get_pool(self.workers).submit(classify_article, ex.title, ex.text, ex.language,
                                               *self.args)
        try:
            item.relevance = await asyncio.wrap_future(future)
        except Exception:  # an unclassified article is stored and can be reclassified later
            logger.exception("classification failed for %s", item.final_url)
            self.stats.inc_value("newsmon/errors/classify")
            return item
        if item.relevance["relevant"]:
            self.stats.inc_value("newsmon/articles_relevant")
        return item
