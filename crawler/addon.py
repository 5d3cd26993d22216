"""Turns newsmon's config into Scrapy settings, for `newsmon crawl` and `scrapy crawl` alike."""

from __future__ import annotations

from typing import Any

from scrapy.settings import BaseSettings

from crawler.context import config_from_settings


class NewsmonAddon:
    def update_settings(self, settings: BaseSettings) -> None:
        cfg = config_from_settings(settings)
        c = cfg.crawl
        values: dict[str, Any] = {
            "NEWSMON_CONFIG": cfg,
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
        for key, value in values.items():
            settings.set(key, value, priority="addon")
