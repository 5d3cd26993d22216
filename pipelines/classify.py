"""Relevance: is this article about the topic, and who moved where.

The verdict is computed in the worker pool with the extraction (newsmon.analyze); this step
reports a classification that failed and counts the relevant articles."""

from __future__ import annotations

import logging
from typing import Any

from crawler.items import PageItem

logger = logging.getLogger(__name__)


class ClassifyPipeline:
    def __init__(self, crawler: Any):
        self.stats = crawler.stats

    @classmethod
    def from_crawler(cls, crawler: Any) -> ClassifyPipeline:
        return cls(crawler)

    def process_item(self, item: Any) -> Any:
        if not isinstance(item, PageItem) or item.extraction is None \
                or item.extraction.kind != "article":
            return item
        error = item.analysis_errors.get("classify")
        if error:  # an unclassified article is stored and can be reclassified later
            logger.error("classification failed for %s\n%s", item.final_url, error)
            self.stats.inc_value("newsmon/errors/classify")
        elif item.relevance and item.relevance["relevant"]:
            self.stats.inc_value("newsmon/articles_relevant")
        return item
