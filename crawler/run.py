"""Running one crawl pass from Python (the CLI's `newsmon crawl`)."""

from __future__ import annotations

import logging
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from scrapy.crawler import AsyncCrawlerProcess
from scrapy.settings import Settings

from newsmon.config import Config


@dataclass
class CrawlSummary:
    elapsed_seconds: float
    finish_reason: str
    stats: dict[str, Any]
    sources: dict[str, dict[str, Any]] = field(default_factory=dict)

    def count(self, key: str) -> int:
        return int(self.stats.get(key, 0))

    def errors_by_kind(self) -> dict[str, int]:
        prefix = "newsmon/errors/"
        return {k[len(prefix):]: int(v) for k, v in sorted(self.stats.items())
                if k.startswith(prefix)}

    def to_dict(self) -> dict[str, Any]:
        return {
            "elapsed_seconds": round(self.elapsed_seconds, 3),
            "finish_reason": self.finish_reason,
            "pages_fetched": self.count("response_received_count"),
            "new_articles": self.count("newsmon/articles_new"),
            "relevant_articles": self.count("newsmon/articles_relevant"),
            "known_articles": self.count("newsmon/articles_known"),
            "skipped_known_links": self.count("newsmon/links_known"),
            "non_articles": self.count("newsmon/non_articles"),
            "not_modified_listings": self.count("newsmon/listings_not_modified"),
            "errors": self.errors_by_kind(),
            "sources": self.sources,
        }


def crawl_settings(cfg: Config, log_level: str = "WARNING", progress: bool = True) -> Settings:
    settings = Settings()
    settings.setmodule("crawler.settings", priority="project")
    settings.set("NEWSMON_CONFIG", cfg, priority="cmdline")
    settings.set("LOG_LEVEL", log_level, priority="cmdline")
    settings.set("NEWSMON_PROGRESS", progress, priority="cmdline")
    return settings


def run_crawl(cfg: Config, sources: Sequence[str] | None = None, log_level: str = "WARNING",
              progress: bool = True) -> CrawlSummary:
    """One pass over the sources in this process (the reactor can run only once per process)."""
    from crawler.spiders.news import NewsSpider
    from crawler.state import SourceState

    process = AsyncCrawlerProcess(crawl_settings(cfg, log_level, progress))
    if log_level == "WARNING":
        # These log a traceback per unreachable site; the summary already says it in one line.
        for name in ("scrapy.downloadermiddlewares.robotstxt", "scrapy.downloadermiddlewares.retry",
                     "scrapy.core.scraper"):
            logging.getLogger(name).setLevel(logging.CRITICAL)
    crawler = process.create_crawler(NewsSpider)
    process.crawl(crawler, sources=list(sources) if sources else None)
    started = time.monotonic()
    process.start()
    elapsed = time.monotonic() - started
    stats = dict(crawler.stats.get_stats()) if crawler.stats else {}
    try:
        state = crawler.get_extension(SourceState)
    except RuntimeError:  # the crawl never got as far as its extensions
        state = None
    return CrawlSummary(
        elapsed_seconds=elapsed,
        finish_reason=str(stats.get("finish_reason", "unknown")),
        stats=stats,
        sources=state.results if state else {},
    )
