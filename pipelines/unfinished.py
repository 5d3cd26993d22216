"""A page fetched but not finished (not extracted, not stored) is not settled.

It must not enter the URL ledger, and its source must not save the listing's conditional-GET
validators, or the next pass would get a 304 and never see the page again. Counting it as a
transient error of its source does both (crawler/extensions.py saves validators only for
listings whose sources had none).
"""

from __future__ import annotations

import logging
from typing import Any

from scrapy.exceptions import DropItem

logger = logging.getLogger(__name__)


def unfinished(crawler: Any, item: Any, kind: str, message: str) -> DropItem:
    """Count the page against its source and return the DropItem that ends its journey."""
    crawler.stats.inc_value(f"newsmon/errors/{kind}")
    source = getattr(item, "source", None)
    progress = getattr(crawler.spider, "progress", {}).get(source)
    logger.error("source %r: %s", source, message)
    if progress is not None:
        progress.unfinished(message)
    return DropItem(message)
