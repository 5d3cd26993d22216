"""Downloader middlewares: the address policy against SSRF, and Retry-After-aware retries.
(A failed callback's source is kept unfinished by crawler.state.SourceState, on spider_error.)"""

from __future__ import annotations

import asyncio
import logging
from typing import Any
from urllib.parse import urlsplit

from pydispatch import dispatcher
from scrapy import Request
from scrapy.downloadermiddlewares.retry import RetryMiddleware, get_retry_request
from scrapy.exceptions import CannotResolveHostError, IgnoreRequest
from scrapy.http import Response
from twisted.internet.error import DNSLookupError

from crawler import signals
from crawler.resolver import normalise_host
from newsmon.http_dates import retry_after_seconds
from newsmon.netpolicy import RefusedAddress, check_url

logger = logging.getLogger(__name__)


class RefusedRequest(IgnoreRequest):
    """A request the address policy refused; the message says why."""


class AddressPolicyMiddleware:
    """Refuse non-http(s) schemes and private address literals, for every request: sources,
    discovered links, robots.txt and each redirect hop (redirects re-enter the chain).

    A name that resolves to a private address is refused by the resolver (crawler.resolver),
    whose failure Twisted reports as a plain DNS failure; the resolver announces each refusal
    (signals.address_refused), and a DNS failure for a host so refused becomes RefusedRequest
    here, with the resolver's reason."""

    MAX_REFUSED_HOSTS = 10_000

    def __init__(self, allow_private: bool, stats: Any):
        self.allow_private = allow_private
        self.stats = stats
        self.refused_hosts: dict[str, str] = {}  # host -> why the resolver refused it

    @classmethod
    def from_crawler(cls, crawler: Any) -> AddressPolicyMiddleware:
        mw = cls(crawler.settings.getbool("NEWSMON_ALLOW_PRIVATE_ADDRESSES"), crawler.stats)
        crawler.signals.connect(mw.address_refused, signal=signals.address_refused,
                                sender=dispatcher.Any)
        return mw

    def address_refused(self, host: str, message: str) -> None:
        if len(self.refused_hosts) >= self.MAX_REFUSED_HOSTS:
            self.refused_hosts.clear()
        self.refused_hosts[host] = message

    def process_request(self, request: Request) -> None:
        try:
            check_url(request.url, self.allow_private)
        except RefusedAddress as exc:
            self.stats.inc_value("newsmon/refused")
            logger.warning("refused %s: %s", request.url, exc)
            raise RefusedRequest(str(exc)) from exc

    def process_exception(self, request: Request, exception: Exception) -> None:
        if isinstance(exception, (CannotResolveHostError, DNSLookupError)):
            host = urlsplit(request.url).hostname
            message = self.refused_hosts.get(normalise_host(host)) if host else None
            if message is not None:
                raise RefusedRequest(message) from exception


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

