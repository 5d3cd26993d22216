"""Dedup fingerprints: computed in the worker pool with the extraction (newsmon.analyze); the
decision itself is taken when the article is stored, inside the same transaction
(newsmon.ingest), so concurrent copies cannot race. This step reports a failed fingerprint."""

from __future__ import annotations

import logging
from typing import Any

from crawler.items import PageItem

logger = logging.getLogger(__name__)


class DedupePipeline:
    def __init__(self, crawler: Any):
        self.stats = crawler.stats

    @classmethod
    def from_crawler(cls, crawler: Any) -> DedupePipeline:
        return cls(crawler)

    def process_item(self, item: Any) -> Any:
        if not isinstance(item, PageItem) or item.extraction is None \
                or item.extraction.kind != "article":
            return item
        error = item.analysis_errors.get("fingerprint")
        if error:  # stored without a dedup decision rather than lost
            logger.error("dedup fingerprint failed for %s\n%s", item.final_url, error)
            self.stats.inc_value("newsmon/errors/fingerprint")
        return item
