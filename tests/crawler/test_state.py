"""crawler/state.py and crawler/incremental.py: each piece of crawl state has one owner, and
what happens to a source reaches that owner by signal."""

from __future__ import annotations

import asyncio
import re
import warnings
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
from scrapy import Request, signals
from scrapy.core.spidermw import SpiderMiddlewareManager
from scrapy.exceptions import DropItem, ScrapyDeprecationWarning
from scrapy.http import HtmlResponse, Response
from scrapy.utils.test import get_crawler
from twisted.python.failure import Failure

from crawler import signals as newsmon_signals
from crawler.context import close_store, store_for
from crawler.failures import UnfinishedPage
from crawler.incremental import IncrementalMiddleware
from crawler.items import PageItem
from crawler.state import SourceProgress, SourceState
from newsmon.config import load_config
from newsmon.storage import ledger, sources
from tests.conftest import ROOT, write_config


def _failure(exc: BaseException) -> Failure:
    try:
        raise exc
    except BaseException:
        return Failure()


@pytest.fixture
def state() -> SourceState:
    ext = SourceState.from_crawler(get_crawler())
    ext.progress = {"wire": SourceProgress("wire")}
    return ext


def _item(url: str = "http://127.0.0.1/a") -> PageItem:
    return PageItem(source="wire", url=url, final_url=url, status=200,
                    content_type="text/html", html=None)


def _send(state: SourceState, signal: Any, **kwargs: Any) -> None:
    state.crawler.signals.send_catch_log(signal=signal, **kwargs)


def test_a_page_a_pipeline_could_not_finish_leaves_its_source_unfinished(
        state: SourceState) -> None:
    _send(state, signals.item_dropped, item=_item(), response=None, spider=None,
          exception=UnfinishedPage("storage", "could not store http://127.0.0.1/a: locked"))
    prog = state.progress["wire"]
    assert not prog.complete and prog.listing_error == "could not store http://127.0.0.1/a: locked"
    assert state.stats.get_value("newsmon/errors/storage") == 1


def test_an_ordinary_drop_is_not_a_failure(state: SourceState) -> None:
    _send(state, signals.item_dropped, item=_item(), response=None, spider=None,
          exception=DropItem("duplicate"))
    assert state.progress["wire"].complete and state.progress["wire"].listing_error is None


def test_a_pipeline_exception_leaves_its_source_unfinished(state: SourceState) -> None:
    _send(state, signals.item_error, item=_item(), response=None, spider=None,
          failure=_failure(ValueError("bad date")))
    prog = state.progress["wire"]
    assert prog.transient_errors == 1
    assert prog.listing_error == "ValueError: bad date (processing http://127.0.0.1/a)"


def test_a_failed_callback_leaves_its_source_unfinished(state: SourceState) -> None:
    response = HtmlResponse("http://127.0.0.1/section", body=b"<html></html>",
                            request=Request("http://127.0.0.1/section", meta={"source": "wire"}))
    _send(state, signals.spider_error, failure=_failure(ValueError("bad listing")),
          response=response, spider=None)
    prog = state.progress["wire"]
    assert not prog.complete
    assert prog.listing_error == "ValueError: bad listing (processing http://127.0.0.1/section)"
    assert state.stats.get_value("newsmon/errors/callback") == 1


def test_validators_are_taken_from_conditional_listings_the_spider_reads(
        state: SourceState) -> None:
    def received(url: str, status: int, meta: dict[str, Any], **headers: str) -> None:
        request = Request(url, meta={"source": "wire", **meta})
        _send(state, signals.response_received, request=request, spider=None,
              response=Response(url, status=status, headers=headers, request=request))

    received("http://127.0.0.1/feed", 200, {"conditional": True}, ETag='"v1"')
    received("http://127.0.0.1/atom", 304, {"conditional": True})
    received("http://127.0.0.1/moved-to", 200,
             {"conditional": True, "redirect_urls": ["http://127.0.0.1/moved"]},
             **{"Last-Modified": "Wed, 18 Nov 2026 09:00:00 GMT"})
    received("http://127.0.0.1/broken", 500, {"conditional": True}, ETag='"x"')  # an errback's
    received("http://127.0.0.1/section", 200, {"conditional": False}, ETag='"y"')
    assert state.progress["wire"].validators == {
        "http://127.0.0.1/feed": (200, '"v1"', None),
        "http://127.0.0.1/atom": (304, None, None),
        "http://127.0.0.1/moved": (200, None, "Wed, 18 Nov 2026 09:00:00 GMT"),
    }


def test_the_last_passs_validators_make_a_conditional_request() -> None:
    prog = SourceProgress("wire", known_validators={
        "http://127.0.0.1/feed": ('"v1"', "Wed, 18 Nov 2026 09:00:00 GMT")})
    assert prog.conditional_headers("http://127.0.0.1/feed") == {
        "If-None-Match": '"v1"', "If-Modified-Since": "Wed, 18 Nov 2026 09:00:00 GMT"}
    assert prog.conditional_headers("http://127.0.0.1/other") == {}


def test_a_skipped_request_is_not_waited_for(state: SourceState) -> None:
    prog = state.progress["wire"]
    prog.pending, prog.links_found = 3, 3
    for reason in ("known", "over_budget", "requested"):
        _send(state, newsmon_signals.request_skipped,
              request=Request("http://127.0.0.1/a", meta={"source": "wire"}), reason=reason)
    assert prog.pending == 0 and prog.complete
    assert prog.links_found == 2  # one was found by another listing first


# --- IncrementalMiddleware -----------------------------------------------------------------

@pytest.fixture
def incremental(tmp_path: Path) -> Any:
    cfg = load_config(str(write_config(
        tmp_path / "n.toml", f"sqlite:///{tmp_path / 'n.db'}",
        [{"name": "wire", "url": "http://127.0.0.1/feed", "type": "feed", "max_articles": 2},
         {"name": "other", "url": "http://127.0.0.1/other", "type": "feed"}])))
    crawler = get_crawler(settings_dict={"NEWSMON_CONFIG": cfg})
    store = store_for(crawler)
    sources.sync(store, cfg.sources)
    ledger.record_page(store, "wire", "http://127.0.0.1/stored", "non_article", "not HTML", 200)
    skipped: list[tuple[str, str]] = []

    def on_skip(request: Request, reason: str) -> None:
        skipped.append((request.url, reason))

    crawler.signals.connect(on_skip, signal=newsmon_signals.request_skipped)
    yield IncrementalMiddleware.from_crawler(crawler), skipped
    close_store(crawler)


def _through(mw: IncrementalMiddleware, source: str, *outputs: Any) -> list[Any]:
    async def spider_output() -> AsyncIterator[Any]:
        for out in outputs:
            yield out

    async def run() -> list[Any]:
        response = Response(f"http://127.0.0.1/{source}")
        return [out async for out in mw.process_spider_output(response, spider_output())]

    return asyncio.run(run())


def _article(url: str, source: str = "wire") -> Request:
    return Request(url, meta={"source": source, "article": True})


def test_stored_requested_and_over_budget_links_are_dropped(incremental: Any) -> None:
    mw, skipped = incremental
    listing = Request("http://127.0.0.1/sitemap-2.xml", meta={"source": "wire"})
    out = _through(mw, "wire", listing, _article("http://127.0.0.1/new1"),
                   _article("http://127.0.0.1/stored"), _article("http://127.0.0.1/new2"),
                   _article("http://127.0.0.1/new3"))
    assert [r.url for r in out] == ["http://127.0.0.1/sitemap-2.xml", "http://127.0.0.1/new1",
                                    "http://127.0.0.1/new2"]
    assert skipped == [("http://127.0.0.1/stored", "known"),
                       ("http://127.0.0.1/new3", "over_budget")]
    stats = mw.crawler.stats
    assert stats.get_value("newsmon/links_known") == 1
    assert stats.get_value("newsmon/links_over_budget") == 1

    # another source's listing with a link already requested: not asked for twice, and its
    # over-budget link (new3) is fetched under a source with budget left
    skipped.clear()
    out = _through(mw, "other", _article("http://127.0.0.1/new1", "other"),
                   _article("http://127.0.0.1/new3", "other"))
    assert [r.url for r in out] == ["http://127.0.0.1/new3"]
    assert skipped == [("http://127.0.0.1/new1", "requested")]


def test_items_pass_untouched(incremental: Any) -> None:
    mw, skipped = incremental
    item = _item()
    assert _through(mw, "wire", item) == [item] and skipped == []


def test_the_incremental_middleware_needs_no_spider_argument() -> None:
    """Scrapy warns on every crawl about middlewares that require `spider` (deprecated)."""
    crawler = get_crawler()
    with warnings.catch_warnings():
        warnings.simplefilter("error", ScrapyDeprecationWarning)
        SpiderMiddlewareManager(IncrementalMiddleware(crawler), crawler=crawler)


def test_the_spider_and_the_pipelines_keep_to_their_part() -> None:
    """Spiders find and fetch: no database. Pipelines and middlewares raise or signal: no
    reaching into the spider's state. The resolver keeps no module-level table."""
    spider = (ROOT / "crawler" / "spiders" / "news.py").read_text()
    assert not re.search(r"store_for|newsmon\.store|sqlalchemy", spider)
    for path in [*(ROOT / "pipelines").glob("*.py"), ROOT / "crawler" / "middlewares.py",
                 ROOT / "crawler" / "incremental.py", ROOT / "crawler" / "extensions.py"]:
        assert not re.search(r"\.progress\b|[\"']progress[\"']", path.read_text()), path
    assert "_refusals" not in (ROOT / "crawler" / "resolver.py").read_text()
