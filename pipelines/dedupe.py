"""Dedup fingerprints in the worker pool; the decision itself is taken when the article is
stored, inside the same transaction (newsmon.store), so concurrent copies cannot race."""

from __future__ import annotations

import asyncio
import logging
from typing import Any

from crawler.context import config_from_settings
from crawler.items import PageItem
from newsmon.dedup import fingerprint
from newsmon.workers import get_pool

logger = logging.getLogger(__name__)


class DedupePipeline:
    def __init__(self, crawler: Any):
        self.stats = crawler.stats
        self.workers = config_from_settings(crawler.settings).extraction.workers

    @classmethod
    def from_crawler(cls, crawler: Any) -> DedupePipeline:
        return cls(crawler)

    async def process_item(self, item: Any) -> Any:
        if not isinstance(item, PageItem) or item.extraction is None \
                or item.extraction.kind != "article":
            return item
        ex = item.extraction
        future = get_pool(self.workers).submit(fingerprint, ex.title, ex.text, ex.language)
        try:
            item.fingerprint = await asyncio.wrap_future(future)
        except Exception:  # stored without a dedup decision rather than lost
            logger.exception("dedup fingerprint failed for %s", item.final_url)
            self.stats.inc_value("newsmon/errors/fingerprint")
        return item
