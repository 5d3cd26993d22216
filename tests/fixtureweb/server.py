"""Serve the rendered fake sites over real HTTP on loopback addresses.

One ThreadingHTTPServer per site, each on its own 127.0.0.x address when the OS allows it, so the
crawler sees distinct hosts (per-host politeness, robots.txt, dedup across sites) without ever
leaving the machine. Rendering lives in ``templates``; this module only serves, validates
conditional requests and logs what the crawler asked for.
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import socket
import threading
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import format_datetime, parsedate_to_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from urllib.parse import urlsplit

from . import content, templates
from .content import Article, ExpectedArticle, SiteInfo
from .templates import Resource, SiteRenderer

SITE_ORDER = ("wire", "courrier", "beobachter", "ledger", "economie")


@dataclass(frozen=True)
class RequestRecord:
    """One request as the fixture web saw it (for politeness and conditional-GET assertions)."""

    site: str
    method: str
    path: str  # request target including the query string
    headers: dict[str, str]
    status: int
    time: float  # time.time() when the request arrived


@dataclass(frozen=True)
class _Validators:
    etag: str
    last_modified: float  # epoch seconds, whole seconds (HTTP dates have 1 s resolution)


class _SiteState:
    """Mutable per-site state: article list, rendered resources and their validators."""

    def __init__(self, info: SiteInfo, articles: tuple[Article, ...]) -> None:
        self.info = info
        self.articles: list[Article] = list(articles)
        self.renderer: SiteRenderer | None = None
        self.resources: dict[str, Resource] = {}
        self.validators: dict[str, _Validators] = {}
        self.lock = threading.Lock()

    def render(self, base_url: str) -> None:
        """Re-render the site; keep Last-Modified for unchanged bodies, bump it for changed."""
        renderer = templates.renderer_for(self.info.key, tuple(self.articles), base_url)
        resources = renderer.resources()
        now = float(int(time.time()))
        validators: dict[str, _Validators] = {}
        for path, res in resources.items():
            if not res.conditional:
                continue
            etag = '"' + hashlib.sha1(res.body).hexdigest()[:20] + '"'
            old = self.validators.get(path)
            if old is not None and old.etag == etag:
                validators[path] = old
            elif old is not None:
                validators[path] = _Validators(etag, max(old.last_modified + 1, now))
            else:
                hint = res.modified_hint if res.modified_hint is not None else now
                validators[path] = _Validators(etag, float(int(hint)))
        self.renderer, self.resources, self.validators = renderer, resources, validators

    def lookup(self, path: str) -> tuple[Resource, _Validators | None]:
        with self.lock:
            res = self.resources.get(path)
            if res is not None:
                return res, self.validators.get(path)
            renderer = self.renderer
        assert renderer is not None
        return renderer.fallback(path), None


class _SiteServer(ThreadingHTTPServer):
    """HTTP server for one site; tracks open connections so stop() can cut keep-alives."""

    daemon_threads = True
    block_on_close = False  # never wait for handler threads (slow endpoint, keep-alive)
    allow_reuse_address = True

    def __init__(self, address: tuple[str, int], web: FixtureWeb, site: str) -> None:
        self.web = web
        self.site_key = site
        self._open: set[socket.socket] = set()
        self._open_lock = threading.Lock()
        super().__init__(address, _Handler)

    def get_request(self) -> tuple[socket.socket, object]:
        sock, addr = super().get_request()
        with self._open_lock:
            self._open.add(sock)
        return sock, addr

    def shutdown_request(self, request: socket.socket) -> None:  # type: ignore[override]
        with self._open_lock:
            self._open.discard(request)
        super().shutdown_request(request)

    def cut_connections(self) -> None:
        with self._open_lock:
            socks = list(self._open)
        for sock in socks:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, like real news sites
    server_version = "FixtureWeb/1.0"
    timeout = 15  # idle keep-alive connections end on their own
    server: _SiteServer

    def do_GET(self) -> None:
        self._serve(head=False)

    def do_HEAD(self) -> None:
        self._serve(head=True)

    def log_message(self, format: str, *args: object) -> None:
        """Keep test output clean; requests are recorded in FixtureWeb.requests instead."""

    def _serve(self, *, head: bool) -> None:
        arrived = time.time()
        web = self.server.web
        site = self.server.site_key
        path = urlsplit(self.path).path or "/"
        res, validators = web._state(site).lookup(path)
        status = res.status
        if validators is not None and _not_modified(self.headers, validators):
            status = 304
        web._record(
            RequestRecord(
                site, self.command, self.path, dict(self.headers.items()), status, arrived
            )
        )
        if res.slow and status != 304 and not web._wait(web.slow_seconds):
            self.close_connection = True  # shutting down: drop the request
            return
        try:
            self.send_response(status)
            if validators is not None:
                self.send_header("ETag", validators.etag)
                self.send_header("Last-Modified", _http_date(validators.last_modified))
                self.send_header("Cache-Control", "max-age=0, must-revalidate")
            if status == 304:
                self.end_headers()
                return
            self.send_header("Content-Type", res.content_type)
            self.send_header("Content-Length", str(len(res.body)))
            if status >= 500:
                self.send_header("Connection", "close")
                self.close_connection = True
            self.end_headers()
            if not head:
                self.wfile.write(res.body)
        except (BrokenPipeError, ConnectionResetError):
            self.close_connection = True  # the client gave up (e.g. download timeout)


def _http_date(epoch: float) -> str:
    return format_datetime(datetime.fromtimestamp(epoch, UTC), usegmt=True)


def _not_modified(headers: object, validators: _Validators) -> bool:
    """RFC 9110 precedence: If-None-Match wins; otherwise compare If-Modified-Since."""
    get = headers.get  # type: ignore[attr-defined]
    inm = get("If-None-Match")
    if inm is not None:
        tags = [t.strip() for t in inm.split(",")]
        return any(t == "*" or t.removeprefix("W/") == validators.etag for t in tags)
    ims = get("If-Modified-Since")
    if ims:
        try:
            since = parsedate_to_datetime(ims)
        except (TypeError, ValueError, IndexError):
            return False
        if since.tzinfo is None:
            since = since.replace(tzinfo=UTC)
        return validators.last_modified <= since.timestamp()
    return False


class FixtureWeb:
    """Five fake news sites on loopback for end-to-end crawl tests.

    Usage::

        with FixtureWeb(slow_seconds=2) as web:
            crawl(web.sources)
            assert ...web.articles..., web.requests
    """

    def __init__(self, slow_seconds: float = 10.0) -> None:
        self.slow_seconds = slow_seconds
        self._sites = {
            key: _SiteState(content.SITES[key], content.ARTICLES[key]) for key in SITE_ORDER
        }
        self._servers: dict[str, _SiteServer] = {}
        self._threads: list[threading.Thread] = []
        self._base_urls: dict[str, str] = {}
        self._log_lock = threading.Lock()
        self._records: list[RequestRecord] = []
        self._stopping = threading.Event()

    # --- lifecycle --------------------------------------------------------------------------
    def start(self) -> None:
        """Bind one server per site (127.0.0.2-6, else 127.0.0.1) and start serving."""
        if self._servers:
            raise RuntimeError("FixtureWeb already started")
        self._stopping.clear()
        try:
            for key in SITE_ORDER:
                server = self._bind(key)
                self._servers[key] = server
                host, port = server.server_address[:2]
                self._base_urls[key] = f"http://{host}:{port}"
            for key, state in self._sites.items():
                with state.lock:
                    state.render(self._base_urls[key])
            for key, server in self._servers.items():
                thread = threading.Thread(
                    target=server.serve_forever,
                    kwargs={"poll_interval": 0.05},
                    name=f"fixtureweb-{key}",
                    daemon=True,
                )
                thread.start()
                self._threads.append(thread)
        except BaseException:
            self.stop()
            raise

    def _bind(self, key: str) -> _SiteServer:
        preferred = content.SITES[key].host
        for host in (preferred, "127.0.0.1"):
            if not host.startswith("127."):
                raise ValueError(f"refusing to bind a non-loopback address: {host}")
            try:
                return _SiteServer((host, 0), self, key)
            except OSError:
                continue  # no such loopback alias (e.g. macOS); fall back to 127.0.0.1
        raise OSError(f"could not bind a loopback address for {key}")

    def stop(self) -> None:
        """Stop all servers promptly: end the slow wait, close sockets, join loop threads."""
        self._stopping.set()
        for server in self._servers.values():
            server.shutdown()
            server.cut_connections()
            server.server_close()
        for thread in self._threads:
            thread.join(timeout=2)
        self._servers.clear()
        self._threads.clear()

    def __enter__(self) -> FixtureWeb:
        self.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()

    # --- addresses --------------------------------------------------------------------------
    @property
    def base_urls(self) -> dict[str, str]:
        """Site key -> "http://127.0.0.x:PORT"."""
        self._require_started()
        return dict(self._base_urls)

    def url(self, site: str, path: str) -> str:
        """Absolute URL of ``path`` on ``site``."""
        self._require_started()
        return self._base_urls[site] + ("" if path.startswith("/") else "/") + path

    @property
    def sources(self) -> list[dict[str, str]]:
        """One crawl entry point per site, in newsmon's source-config shape."""
        return [self._renderer(key).source() for key in SITE_ORDER]

    # --- expectations -----------------------------------------------------------------------
    @property
    def articles(self) -> list[ExpectedArticle]:
        """Every page that must be stored as an article."""
        expected: list[ExpectedArticle] = []
        by_slug: dict[str, ExpectedArticle] = {}
        pending: list[tuple[int, str]] = []
        for key in SITE_ORDER:
            state = self._sites[key]
            renderer = self._renderer(key)
            with state.lock:
                site_articles = list(state.articles)
            for article in site_articles:
                exp = renderer.expected(article)
                by_slug.setdefault(article.slug, exp)
                if article.translation_of:
                    pending.append((len(expected), article.translation_of))
                expected.append(exp)
        for index, slug in pending:
            original = by_slug.get(slug)
            if original is not None:
                expected[index] = dataclasses.replace(
                    expected[index], translation_of=original.canonical_url
                )
        return expected

    @property
    def non_articles(self) -> list[str]:
        """URLs that must not be stored as articles (404, binary, paywall, slow, 500).

        Listed as linked; when the link carries tracking parameters the stripped form follows.
        """
        urls: list[str] = []
        for key in SITE_ORDER:
            for url in self._renderer(key).hostile().values():
                urls.append(url)
                bare = url.split("?", 1)[0]
                if bare != url:
                    urls.append(bare)
        return urls

    @property
    def hostile_urls(self) -> dict[str, str]:
        """Role -> URL of each trap: not_found, binary, slow, paywall, server_error, forbidden."""
        roles: dict[str, str] = {}
        for key in SITE_ORDER:
            roles.update(self._renderer(key).hostile())
        forbidden = self.forbidden_urls
        if forbidden:
            roles["forbidden"] = forbidden[0]
        return roles

    @property
    def forbidden_urls(self) -> list[str]:
        """URLs a robots.txt-obeying crawler must never request."""
        return [u for key in SITE_ORDER for u in self._renderer(key).forbidden()]

    @property
    def listing_links(self) -> list[str]:
        """Non-article links on the ledger section page (nav, tags, authors, pagination...)."""
        return [u for key in SITE_ORDER for u in self._renderer(key).listing_links()]

    # --- request log ------------------------------------------------------------------------
    @property
    def requests(self) -> list[RequestRecord]:
        """Snapshot copy of every request received so far."""
        with self._log_lock:
            return list(self._records)

    def clear_log(self) -> None:
        """Forget logged requests (e.g. between a first and a second crawl)."""
        with self._log_lock:
            self._records.clear()

    # --- runtime changes --------------------------------------------------------------------
    def add_article(
        self,
        site: str,
        article: Article | None = None,
        *,
        title: str | None = None,
        paragraphs: tuple[str, ...] | list[str] | None = None,
        authors: tuple[str, ...] | None = None,
        published: str | None = None,
        slug: str | None = None,
        tags: tuple[str, ...] = (),
        event: str = "",
    ) -> ExpectedArticle:
        """Publish a new article on ``site`` now; its feed/sitemap/section page and ETag change.

        Pass a ready ``Article`` or just ``title`` and ``paragraphs`` (the rest gets defaults:
        slug from the title, publication time now in UTC).
        """
        self._require_started()
        if site not in self._sites:
            raise KeyError(site)
        if article is None:
            if not title or not paragraphs:
                raise ValueError("add_article needs an Article or a title and paragraphs")
            article = Article(
                slug=slug or templates.slugify(title),
                title=title,
                authors=tuple(authors or ("Newsroom Staff",)),
                published=published or datetime.now(UTC).replace(microsecond=0).isoformat(),
                paragraphs=tuple(paragraphs),
                tags=tuple(tags),
                event=event,
            )
        state = self._sites[site]
        with state.lock:
            if any(a.slug == article.slug for a in state.articles):
                raise ValueError(f"{site} already has an article with slug {article.slug!r}")
            state.articles.append(article)
            state.render(self._base_urls[site])
            renderer = state.renderer
        assert renderer is not None
        return renderer.expected(article)

    # --- internals used by the handler --------------------------------------------------------
    def _state(self, site: str) -> _SiteState:
        return self._sites[site]

    def _renderer(self, site: str) -> SiteRenderer:
        self._require_started()
        state = self._sites[site]
        with state.lock:
            renderer = state.renderer
        assert renderer is not None
        return renderer

    def _record(self, record: RequestRecord) -> None:
        with self._log_lock:
            self._records.append(record)

    def _wait(self, seconds: float) -> bool:
        """Sleep in small steps; False if stop() was called meanwhile."""
        deadline = time.monotonic() + seconds
        while (left := deadline - time.monotonic()) > 0:
            if self._stopping.wait(min(0.05, left)):
                return False
        return True

    def _require_started(self) -> None:
        if not self._base_urls:
            raise RuntimeError("FixtureWeb is not started; call start() or use `with`")
