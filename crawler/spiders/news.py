"""The one spider: reads every configured source's listings and fetches their new articles.

It finds and fetches; it does not parse article bodies (pipelines do), and it never touches
the database: each source's state (validators, progress) is crawler.state.SourceState's, which
links are already stored or over budget is crawler.incremental.IncrementalMiddleware's.
Listings (feeds, sitemaps, section pages) are parsed in the worker pool, so the reactor never
waits on them.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator, Iterable, Iterator
from typing import Any

import scrapy
from scrapy.http import Response, TextResponse
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.python.failure import Failure

from crawler.context import config_from_settings
from crawler.failures import describe_failure
from crawler.items import FailedPageItem, PageItem
from crawler.state import SourceProgress
from newsmon import discovery
from newsmon.config import Config, SourceConfig
from newsmon.workers import get_pool

logger = logging.getLogger(__name__)

LISTING_TIMEOUT = 60.0  # seconds a feed/sitemap/section parse may take in a worker
MAX_CHILD_SITEMAPS = 10
MAX_SECTION_PAGES = 5
HTML_TYPES = ("text/html", "application/xhtml+xml")
PERMANENT_STATUSES = (404, 410)


class NewsSpider(scrapy.Spider):
    name = "news"
    config: Config  # parsed once, by the add-on; set in from_crawler

    def __init__(self, *args: Any, sources: str | Iterable[str] | None = None, **kwargs: Any):
        super().__init__(*args, **kwargs)
        if isinstance(sources, str):
            sources = [s.strip() for s in sources.split(",") if s.strip()]
        self.only = list(sources) if sources else None
        self.progress: dict[str, SourceProgress] = {}  # SourceState's, set on spider_opened
        self.sections_requested: set[str] = set()

    @classmethod
    def from_crawler(cls, crawler: Any, *args: Any, **kwargs: Any) -> NewsSpider:
        spider = super().from_crawler(crawler, *args, **kwargs)
        spider.config = config_from_settings(crawler.settings)
        return spider

    def selected_sources(self) -> list[SourceConfig]:
        cfg = self.config
        if self.only:
            unknown = [n for n in self.only if n not in {s.name for s in cfg.sources}]
            if unknown:
                raise ValueError(f"unknown source(s): {', '.join(unknown)}")
            return [s for s in cfg.sources if s.name in self.only]
        return [s for s in cfg.sources if s.enabled]

    async def start(self) -> AsyncIterator[Any]:
        for src in self.selected_sources():
            if self.progress[src.name].listing_error is not None:
                continue  # its state could not be loaded (the database is unavailable)
            if src.type == "feed":
                yield self._listing(src, src.url, self.parse_feed)
            elif src.type == "sitemap":
                if src.url.rstrip("/").endswith("/robots.txt"):
                    yield self._listing(src, src.url, self.parse_robots, conditional=False)
                else:
                    yield self._listing(src, src.url, self.parse_sitemap)
            else:
                yield self._listing(src, src.url, self.parse_section, depth=0)

    # --- requests ---------------------------------------------------------------------------

    def _listing(self, src: SourceConfig, url: str, callback: Any, conditional: bool = True,
                 depth: int = 0, entry: bool = True) -> scrapy.Request:
        prog = self.progress[src.name]
        prog.pending += 1
        return scrapy.Request(
            url, callback=callback, errback=self.listing_failed, dont_filter=True,
            headers=prog.conditional_headers(url) if conditional else {}, priority=10,
            meta={"source": src.name, "entry": entry, "depth": depth,
                  "conditional": conditional, "handle_httpstatus_list": [304]},
        )

    def _article(self, src: SourceConfig, link: discovery.Link) -> scrapy.Request:
        self.progress[src.name].pending += 1
        return scrapy.Request(
            link.url, callback=self.parse_article, errback=self.article_failed,
            dont_filter=True,  # deduped by IncrementalMiddleware: a filtered one never calls back
            meta={"source": src.name, "hints": link.hints(), "article": True},
        )

    # --- listings -------------------------------------------------------------------------

    def _listing_response(self, response: Response) -> tuple[SourceConfig, SourceProgress, bool]:
        """Bookkeeping common to all listings; returns (source, progress, changed?)."""
        src = self.config.source(response.meta["source"])
        prog = self.progress[src.name]
        prog.pending -= 1
        if response.meta.get("entry"):
            prog.listing_ok = True
        if response.status == 304:
            self.crawler.stats.inc_value("newsmon/listings_not_modified")
            if response.meta.get("entry"):
                prog.not_modified = True
            return src, prog, False
        self.crawler.stats.inc_value("newsmon/listings_fetched")
        return src, prog, True

    async def _in_worker(self, fn: Any, *args: Any) -> discovery.Discovery:
        pool = get_pool(self.config.extraction.workers)
        future = asyncio.wrap_future(pool.submit(fn, *args))
        try:
            return await asyncio.wait_for(future, LISTING_TIMEOUT)
        except TimeoutError:
            return discovery.Discovery(error=f"parsing took longer than {LISTING_TIMEOUT:.0f}s")
        except Exception as exc:  # the pool broke (a worker died, a full disk...): the source
            return discovery.Discovery(error=f"could not parse the listing: {exc!r}")  # fails

    async def parse_feed(self, response: Response) -> AsyncIterator[Any]:
        src, prog, changed = self._listing_response(response)
        if not changed:
            return
        ctype = response.headers.get(b"Content-Type", b"").decode("latin-1") or None
        found = await self._in_worker(discovery.parse_feed, response.body, response.url, ctype)
        for request in self._follow_links(src, prog, response, found):
            yield request

    async def parse_sitemap(self, response: Response) -> AsyncIterator[Any]:
        src, prog, changed = self._listing_response(response)
        if not changed:
            return
        body, error = self._sitemap_body(response)
        if body is None:
            found = discovery.Discovery(error=error)
        else:
            found = await self._in_worker(discovery.parse_sitemap, body, response.url)
        for child in found.listings[:MAX_CHILD_SITEMAPS]:
            yield self._listing(src, child, self.parse_sitemap, entry=False)
        for request in self._follow_links(src, prog, response, found):
            yield request

    def _sitemap_body(self, response: Response) -> tuple[bytes | None, str | None]:
        """The body, gunzipped within max_page_size (a .xml.gz is a gzip file, not a
        Content-Encoding, so Scrapy's own bomb check never sees it); or why not."""
        from scrapy.utils.gz import gunzip, gzip_magic_number

        if not gzip_magic_number(response):
            return response.body, None
        limit = self.settings.getint("DOWNLOAD_MAXSIZE")
        try:
            return gunzip(response.body, max_size=limit), None
        except (OSError, EOFError) as exc:
            return None, f"sitemap is not valid gzip: {exc}"
        except ValueError:  # scrapy's _DecompressionMaxSizeExceeded
            self.crawler.stats.inc_value("newsmon/errors/too_large")
            return None, (f"gzipped sitemap larger than crawl.max_page_size ({limit} bytes) "
                          "once decompressed")

    async def parse_robots(self, response: Response) -> AsyncIterator[Any]:
        src, prog, _ = self._listing_response(response)
        text = response.text if isinstance(response, TextResponse) else ""
        sitemaps = discovery.sitemaps_from_robots(text, response.url)
        if not sitemaps:
            self._listing_failed(prog, response.meta, f"no Sitemap: line in {response.url}")
            return
        for url in sitemaps[:MAX_CHILD_SITEMAPS]:
            yield self._listing(src, url, self.parse_sitemap, entry=False)

    async def parse_section(self, response: Response) -> AsyncIterator[Any]:
        src, prog, changed = self._listing_response(response)
        if not changed:
            return
        if not isinstance(response, TextResponse):
            self._listing_failed(prog, response.meta, f"section page is not HTML: {response.url}")
            return
        found = await self._in_worker(discovery.section_links, response.text, response.url,
                                      src.follow, self.config.max_articles(src))
        depth = response.meta.get("depth", 0) + 1
        if depth < self.config.page_depth(src):
            for url in found.listings[:MAX_SECTION_PAGES]:
                if url not in self.sections_requested:
                    self.sections_requested.add(url)
                    yield self._listing(src, url, self.parse_section, conditional=False,
                                        depth=depth, entry=False)
        for request in self._follow_links(src, prog, response, found):
            yield request

    def _follow_links(self, src: SourceConfig, prog: SourceProgress, response: Response,
                      found: discovery.Discovery) -> Iterator[scrapy.Request]:
        """A request per link, newest first; the IncrementalMiddleware (crawler/incremental.py)
        drops those already requested, already stored, or past the source's budget."""
        if found.error:
            self._listing_failed(prog, response.meta, f"{found.error} ({response.url})")
            return
        links = sorted(found.links, key=lambda lk: lk.published or "", reverse=True)
        prog.links_found += len(links)
        for link in links:
            yield self._article(src, link)

    def _listing_failed(self, prog: SourceProgress, meta: dict[str, Any], message: str) -> None:
        self.crawler.stats.inc_value("newsmon/listing_errors")
        logger.warning("source %r: %s", prog.name, message)
        if meta.get("entry"):
            prog.listing_ok = False
            prog.listing_error = message
        else:
            prog.unfinished(message)

    def listing_failed(self, failure: Failure) -> None:
        request = failure.request  # type: ignore[attr-defined]
        prog = self.progress[request.meta["source"]]
        prog.pending -= 1
        kind, message = describe_failure(failure)
        self.crawler.stats.inc_value(f"newsmon/errors/{kind}")
        self._listing_failed(prog, request.meta, f"{message} fetching {request.url}")

    # --- articles -------------------------------------------------------------------------

    def parse_article(self, response: Response) -> PageItem:
        source = response.meta["source"]
        self.progress[source].pending -= 1
        ctype = response.headers.get(b"Content-Type", b"").decode("latin-1").lower()
        is_html = isinstance(response, TextResponse) and (
            not ctype or any(t in ctype for t in HTML_TYPES)
        )
        return PageItem(
            source=source,
            url=response.request.url if response.request else response.url,
            final_url=response.url,
            status=response.status,
            content_type=ctype,
            html=response.text if is_html else None,
            hints=response.meta.get("hints", {}),
        )

    def article_failed(self, failure: Failure) -> FailedPageItem:
        request = failure.request  # type: ignore[attr-defined]
        source = request.meta["source"]
        prog = self.progress[source]
        prog.pending -= 1
        kind, message = describe_failure(failure)
        status = failure.value.response.status if failure.check(HttpError) else None
        permanent = status in PERMANENT_STATUSES
        if not permanent and kind not in ("robots", "refused"):
            prog.transient_errors += 1  # retried next pass, so keep the listing's validators
        self.crawler.stats.inc_value(f"newsmon/errors/{kind}")
        logger.info("source %r: %s fetching %s", source, message, request.url)
        return FailedPageItem(source=source, url=request.url, kind=kind, message=message,
                              http_status=status, permanent=permanent)

