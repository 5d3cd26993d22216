"""crawler/failures.py: failures are told apart by their type, never by their message."""

from __future__ import annotations

import asyncio
import gzip
from typing import Any

import pytest
from scrapy import Request
from scrapy.exceptions import CannotResolveHostError, DownloadCancelledError, IgnoreRequest
from scrapy.http import HtmlResponse, Response
from scrapy.spidermiddlewares.httperror import HttpError
from scrapy.utils.signal import send_catch_log
from scrapy.utils.test import get_crawler
from twisted.python.failure import Failure

from crawler import signals
from crawler.failures import (
    DecompressedTooLarge,
    ForbiddenByRobots,
    TooManyRedirects,
    TypedHttpCompressionMiddleware,
    TypedRedirectMiddleware,
    TypedRobotsTxtMiddleware,
    describe_failure,
)
from crawler.middlewares import AddressPolicyMiddleware, RefusedRequest


def _failure(exc: BaseException) -> Failure:
    try:
        raise exc
    except BaseException:
        return Failure()


@pytest.mark.parametrize(("exc", "kind"), [
    (TooManyRedirects("max redirections reached"), "redirects"),
    (ForbiddenByRobots("Forbidden by robots.txt"), "robots"),
    (DecompressedTooLarge("exceeded DOWNLOAD_MAXSIZE"), "too_large"),
    (RefusedRequest("127.0.0.1 is a non-public address"), "refused"),
    (DownloadCancelledError("Cancelling download: expected 3000000 > 1000000"), "too_large"),
    (CannotResolveHostError("no results for hostname lookup"), "dns"),
])
def test_each_failure_is_told_by_its_type(exc: Exception, kind: str) -> None:
    assert describe_failure(_failure(exc))[0] == kind


@pytest.mark.parametrize("message", ["max redirections reached", "Forbidden by robots.txt",
                                     "exceeded DOWNLOAD_MAXSIZE during decompression",
                                     "resolves to a non-public address"])
def test_a_plain_ignore_request_is_not_read_for_its_message(message: str) -> None:
    assert describe_failure(_failure(IgnoreRequest(message))) == ("ignored", message)


def test_an_http_error_names_its_status() -> None:
    response = Response("http://127.0.0.1/a", status=503)
    assert describe_failure(_failure(HttpError(response))) == ("http_503", "HTTP 503")


# --- the typed replacements of Scrapy's middlewares -----------------------------------------

def test_too_many_redirects_is_typed() -> None:
    crawler = get_crawler(settings_dict={"REDIRECT_MAX_TIMES": 1})
    mw = TypedRedirectMiddleware.from_crawler(crawler)
    first = Request("http://127.0.0.1/a")
    hop = mw.process_response(first, Response(first.url, status=302,
                                              headers={"Location": "/b"}))
    assert isinstance(hop, Request) and hop.url == "http://127.0.0.1/b"
    with pytest.raises(TooManyRedirects):
        mw.process_response(hop, Response(hop.url, status=302, headers={"Location": "/a"}))


def test_a_compression_bomb_is_typed() -> None:
    crawler = get_crawler(settings_dict={"DOWNLOAD_MAXSIZE": 10_000})
    mw = TypedHttpCompressionMiddleware.from_crawler(crawler)
    request = Request("http://127.0.0.1/bomb")
    body = gzip.compress(b"\0" * 1_000_000)
    with pytest.raises(DecompressedTooLarge):
        mw.process_response(request, Response(request.url, body=body,
                                              headers={"Content-Encoding": "gzip"}))
    small = gzip.compress(b"<html>fine</html>")
    out = mw.process_response(request, HtmlResponse(request.url, body=small,
                                                    headers={"Content-Encoding": "gzip"}))
    assert out.body == b"<html>fine</html>"


def test_forbidden_by_robots_is_typed(monkeypatch: pytest.MonkeyPatch) -> None:
    class Disallow:
        def allowed(self, url: str, user_agent: Any) -> bool:
            return not url.endswith("/private")

    async def parser(self: Any, request: Request) -> Disallow:
        return Disallow()

    monkeypatch.setattr(TypedRobotsTxtMiddleware, "robot_parser", parser)
    mw = TypedRobotsTxtMiddleware.from_crawler(get_crawler(settings_dict={"ROBOTSTXT_OBEY": True}))
    assert asyncio.run(mw.process_request(Request("http://127.0.0.1/public"))) is None
    with pytest.raises(ForbiddenByRobots):
        asyncio.run(mw.process_request(Request("http://127.0.0.1/private")))


# --- refusals of the resolver reach the address policy by signal -----------------------------

def test_a_dns_failure_for_a_refused_host_becomes_a_refusal() -> None:
    crawler = get_crawler()
    mw = AddressPolicyMiddleware.from_crawler(crawler)
    why = "intranet.test resolves to 10.1.2.3: 10.1.2.3 is a non-public address"
    send_catch_log(signal=signals.address_refused, sender=object(), host="intranet.test",
                   address="10.1.2.3", message=why)
    with pytest.raises(RefusedRequest, match="non-public address"):
        mw.process_exception(Request("http://Intranet.Test.:8080/feed"),
                             CannotResolveHostError("no results for hostname lookup"))
    # another host's DNS failure stays a DNS failure, and other failures are not touched
    assert mw.process_exception(Request("http://missing.test/"),
                                CannotResolveHostError("no results")) is None
    assert mw.process_exception(Request("http://intranet.test/"), TimeoutError()) is None


def test_a_refusal_is_heard_by_every_crawler_of_the_process() -> None:
    """The resolver serves the whole process; each crawler's middleware keeps what it heard."""
    first, second = (AddressPolicyMiddleware.from_crawler(get_crawler()) for _ in range(2))
    send_catch_log(signal=signals.address_refused, sender=object(), host="meta.test",
                   address="169.254.169.254", message="refused")
    assert first.refused_hosts == second.refused_hosts == {"meta.test": "refused"}
