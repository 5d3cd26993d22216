"""A pipeline with a real fault, for crawls that must meet one (tests/crawler/test_item_errors.py):
it raises on the fixture page at /explodes, as a bug in a pipeline would."""

from __future__ import annotations

from typing import Any

from crawler.items import PageItem


class ExplodingPipeline:
    def process_item(self, item: Any) -> Any:
        if isinstance(item, PageItem) and item.url.endswith("/explodes"):
            published = (item.extraction.published if item.extraction else None) or "never"
            int(published)  # ValueError: not a number, as a pipeline that misreads a field
        return item
