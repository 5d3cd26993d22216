"""Turns newsmon's config into Scrapy settings, for `newsmon crawl` and `scrapy crawl` alike."""

from __future__ import annotations

from typing import Any

from scrapy.settings import BaseSettings

from crawler.context import resolve_config


class NewsmonAddon:
    @classmethod
    def update_pre_crawler_settings(cls, settings: BaseSettings) -> None:
        """The crawler process's settings: the config is parsed here, once per process, so the
        DNS resolver (built from these settings, not a crawler's) and every crawler (each
        copies them) share the one parse."""
        resolve_config(settings)

    def update_settings(self, settings: BaseSettings) -> None:
        cfg = resolve_config(settings)  # already parsed, unless no crawler process ran first
        c = cfg.crawl
        values: dict[str, Any] = {
            "CONCURRENT_REQUESTS": c.concurrency,
            "CONCURRENT_REQUESTS_PER_DOMAIN": c.per_domain_concurrency,
            "DOWNLOAD_DELAY": c.per_domain_delay,
            "DOWNLOAD_TIMEOUT": c.timeout,
            "DNS_TIMEOUT": c.timeout,
            "DOWNLOAD_MAXSIZE": c.max_page_size,
            "DOWNLOAD_WARNSIZE": c.max_page_size // 2,
            "USER_AGENT": c.user_agent,
            "ROBOTSTXT_OBEY": c.obey_robots_txt,
            "RETRY_TIMES": c.retry_times,
            "NEWSMON_ALLOW_PRIVATE_ADDRESSES": c.allow_private_addresses,
            "NEWSMON_MAX_RETRY_AFTER": c.max_retry_after,
        }
        for key, value in values.items():  # a -s KEY=VALUE on the command line still wins
            settings.set(key, value, priority="addon")
