"""Why a request failed or a page was not finished, told by the exception's type.

Scrapy raises a specific exception for most failures. Where it only says why in a message (a
plain IgnoreRequest), the middleware that raises it is subclassed here to raise a typed one
instead, at that one point; describe_failure() then never reads a message.
"""

from __future__ import annotations

import asyncio
from typing import Any

from scrapy import exceptions as se
from scrapy.downloadermiddlewares.httpcompression import HttpCompressionMiddleware
from scrapy.downloadermiddlewares.redirect import RedirectMiddleware
from scrapy.downloadermiddlewares.robotstxt import RobotsTxtMiddleware
from scrapy.exceptions import DropItem, IgnoreRequest
from scrapy.http import Request, Response
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.internet import error as te
from twisted.python.failure import Failure

from crawler.middlewares import RefusedRequest


class UnfinishedPage(DropItem):
    """A pipeline could not finish a fetched page (not extracted, not stored: a worker that
    died, the database locked). The page is not settled: it must not enter the URL ledger, and
    its source's listings must not save their validators, or the next pass would get a 304 and
    never see it again; SourceState (crawler/state.py) keeps the source unfinished."""

    def __init__(self, kind: str, message: str):
        super().__init__(message)
        self.kind = kind  # counted as newsmon/errors/<kind>


class TooManyRedirects(IgnoreRequest):
    """More redirects than REDIRECT_MAX_TIMES (a redirect loop?)."""


class ForbiddenByRobots(IgnoreRequest):
    """robots.txt does not allow this URL."""


class DecompressedTooLarge(IgnoreRequest):
    """The body grew past DOWNLOAD_MAXSIZE while being decompressed (a compression bomb)."""


class _TypedResponseIgnore:
    """Mixin over a Scrapy downloader middleware whose process_response raises IgnoreRequest
    for one reason only: raise `raises` instead."""

    raises: type[IgnoreRequest]

    def process_response(self, request: Request, response: Response,
                         spider: Any = None) -> Request | Response:
        try:
            return super().process_response(request, response)  # type: ignore[misc]
        except IgnoreRequest as exc:
            raise self.raises(str(exc)) from exc


class TypedRedirectMiddleware(_TypedResponseIgnore, RedirectMiddleware):
    """Scrapy's RedirectMiddleware; its only IgnoreRequest is "max redirections reached"."""

    raises = TooManyRedirects


class TypedHttpCompressionMiddleware(_TypedResponseIgnore, HttpCompressionMiddleware):
    """Scrapy's HttpCompressionMiddleware; its only IgnoreRequest is a body past
    DOWNLOAD_MAXSIZE once decompressed."""

    raises = DecompressedTooLarge


class TypedRobotsTxtMiddleware(RobotsTxtMiddleware):
    """Scrapy's RobotsTxtMiddleware; its only IgnoreRequest is "Forbidden by robots.txt"."""

    async def process_request(self, request: Request, spider: Any = None) -> None:
        try:
            await super().process_request(request)
        except IgnoreRequest as exc:
            raise ForbiddenByRobots(str(exc)) from exc


def describe_failure(failure: Failure) -> tuple[str, str]:
    """A short kind (for statistics) and a message a user understands."""
    exc = failure.value
    if failure.check(HttpError):
        status = exc.response.status
        return f"http_{status}", f"HTTP {status}"
    if failure.check(RefusedRequest):  # the address policy, by URL or by resolved address
        return "refused", str(exc)
    if failure.check(DecompressedTooLarge):
        return "too_large", f"larger than crawl.max_page_size once decompressed: {exc}"
    if failure.check(TooManyRedirects):
        return "redirects", "too many redirects (a redirect loop?)"
    if failure.check(ForbiddenByRobots):
        return "robots", "forbidden by robots.txt"
    if failure.check(IgnoreRequest):
        return "ignored", str(exc) or "request ignored"
    if failure.check(se.DownloadTimeoutError, te.TimeoutError, te.TCPTimedOutError,
                     asyncio.TimeoutError):
        return "timeout", "timed out"
    if failure.check(se.CannotResolveHostError, te.DNSLookupError):
        return "dns", f"cannot resolve host ({exc})"
    if failure.check(se.DownloadConnectionRefusedError, te.ConnectionRefusedError):
        return "connection_refused", "connection refused"
    if failure.check(se.DownloadCancelledError):
        return "too_large", f"larger than crawl.max_page_size: {exc}"
    if failure.check(se.ResponseDataLossError, se.DownloadFailedError, te.ConnectionLost,
                     te.ConnectionDone):
        return "connection", f"connection failed: {exc}"
    return "error", f"{type(exc).__name__}: {exc}"
