"""Downloader middlewares (the address policy against SSRF, Retry-After-aware retries) and a
spider middleware that keeps a failed callback's source unfinished."""

from __future__ import annotations

import asyncio
import email.utils
import logging
import re
import time
from datetime import UTC
from typing import Any

from scrapy import Request
from scrapy.downloadermiddlewares.retry import RetryMiddleware, get_retry_request
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Response

from newsmon.netpolicy import RefusedAddress, check_url

logger = logging.getLogger(__name__)


class RefusedRequest(IgnoreRequest):
    """A request the address policy refused; the message says why."""


class AddressPolicyMiddleware:
    """Refuse non-http(s) schemes and private address literals, for every request: sources,
    discovered links, robots.txt and each redirect hop (redirects re-enter the chain)."""

    def __init__(self, allow_private: bool, stats: Any):
        self.allow_private = allow_private
        self.stats = stats

    @classmethod
    def from_crawler(cls, crawler: Any) -> AddressPolicyMiddleware:
        return cls(crawler.settings.getbool("NEWSMON_ALLOW_PRIVATE_ADDRESSES"), crawler.stats)

    def process_request(self, request: Request) -> None:
        try:
            check_url(request.url, self.allow_private)
        except RefusedAddress as exc:
            self.stats.inc_value("newsmon/refused")
            logger.warning("refused %s: %s", request.url, exc)
            raise RefusedRequest(str(exc)) from exc


def retry_after_seconds(value: bytes | str | None, now: float | None = None) -> float | None:
    """Seconds to wait from a Retry-After header: delta-seconds or an HTTP date."""
    if not value:
        return None
    text = value.decode("latin-1") if isinstance(value, bytes) else value
    text = text.strip()
    if re.fullmatch(r"[0-9]+", text):
        return float(text)
    try:
        when = email.utils.parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None
    if when is None:
        return None
    if when.tzinfo is None:  # asctime and "-0000" dates are UTC by definition (RFC 9110)
        when = when.replace(tzinfo=UTC)
    return max(0.0, when.timestamp() - (now if now is not None else time.time()))


class RetryAfterMiddleware(RetryMiddleware):
    """Scrapy's retries, plus: on 429/503 wait as long as Retry-After asks before retrying.

    A wait longer than crawl.max_retry_after gives the page up for this pass (it is retried on
    the next one) rather than holding the crawl open.
    """

    def __init__(self, settings: Any):
        super().__init__(settings)
        self.max_wait = settings.getfloat("NEWSMON_MAX_RETRY_AFTER", 600.0)

    async def process_response(self, request: Request, response: Response) -> Any:
        if response.status in (429, 503) and b"Retry-After" in response.headers:
            if request.meta.get("dont_retry", False):
                return response
            wait = retry_after_seconds(response.headers.get(b"Retry-After"))
            if wait is not None:
                if wait > self.max_wait:
                    logger.info("%s asks to retry after %.0fs (> max_retry_after): giving up "
                                "for this pass", request.url, wait)
                    return response
                retry = get_retry_request(request, spider=self.crawler.spider,
                                          reason=f"{response.status} Retry-After {wait:.0f}s",
                                          max_retry_times=self.max_retry_times)
                if retry is None:
                    return response
                self.crawler.stats.inc_value("newsmon/retry_after_waits")
                await asyncio.sleep(wait)
                return retry
        return super().process_response(request, response)


class UnfinishedCallbackMiddleware:
    """A spider middleware: a callback that raised (the database cut while a listing was being
    followed, a parser bug) leaves its source unfinished. Counted as a transient error of the
    source, the listing's validators are not saved, so the next pass reads it again instead of
    getting a 304 that would hide its articles for good. Scrapy still logs the exception."""

    def __init__(self, crawler: Any):
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Any) -> UnfinishedCallbackMiddleware:
        return cls(crawler)

    def process_spider_exception(self, response: Response, exception: Exception,
                                 spider: Any = None) -> None:
        # `spider` optional: Scrapy 2.19 warns when it is required, and will stop passing it
        source = response.meta.get("source")
        progress = getattr(self.crawler.spider, "progress", {}).get(source)
        message = f"{type(exception).__name__}: {exception} (processing {response.url})"
        self.crawler.stats.inc_value("newsmon/errors/callback")
        logger.error("source %r: %s", source, message)
        if progress is not None:
            progress.unfinished(message)
