"""A local news site on 127.0.0.1 serving benchmark pages behind an RSS feed and a sitemap.

Benchmarks must crawl real pages without any request leaving the machine, so the pages are served
from a threaded HTTP server on an ephemeral port. Each page is published under several URLs
(``/c{k}/{id}.html``) to get a crawl large enough to time; ``/feed.xml`` (RSS 2.0) and
``/sitemap.xml`` list every one of them and ``/robots.txt`` allows everything.

The server doubles as a guard proxy: pointed at it through ``http_proxy``/``https_proxy`` (with
``no_proxy`` for 127.0.0.1), a crawler that tries to reach the pages' real sites gets a 403 here
instead, and the attempt is counted in `LocalSite.stats` so it shows up in the report.
"""

from __future__ import annotations

import html as html_lib
import re
import sys
import threading
from collections import Counter
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit
from xml.sax.saxutils import escape

__all__ = ["LocalSite", "ServedPage", "rewrite_self_urls"]

HTML_TYPE = "text/html; charset=utf-8"
ROBOTS_TXT = b"User-agent: *\nDisallow:\n"

# Tags that may carry the page's own URL. Quoted values may contain '>', hence the alternation.
_TAG_RE = re.compile(r"""<(link|meta|base)\b(?:[^>"']|"[^"]*"|'[^']*')*>""", re.IGNORECASE)
_TITLE_RE = re.compile(r"<title\b[^>]*>(.*?)</title>", re.IGNORECASE | re.DOTALL)


def _attr_re(name: str) -> re.Pattern[str]:
    # (?<![\w:-]) so that "content" does not match inside "data-content" or "og:content".
    return re.compile(
        rf"""(?<![\w:-]){name}\s*=\s*("[^"]*"|'[^']*'|[^\s"'>]+)""", re.IGNORECASE
    )


_ATTRS = {n: _attr_re(n) for n in ("rel", "href", "property", "name", "content", "hreflang")}


def _attr(tag: str, name: str) -> str | None:
    m = _ATTRS[name].search(tag)
    return m.group(1).strip("\"'").strip() if m else None


def _replace_attr(tag: str, name: str, value: str) -> str:
    return _ATTRS[name].sub(lambda _m: f'{name}="{value}"', tag, count=1)


def _rewrite_tag(tag: str, kind: str, url: str) -> str:
    """The tag with its self-URL attribute set to `url`, or unchanged if it carries none."""
    if kind == "link":
        rel = (_attr(tag, "rel") or "").lower().split()
        x_default = "alternate" in rel and (_attr(tag, "hreflang") or "").lower() == "x-default"
        if ("canonical" in rel or x_default) and _attr(tag, "href") is not None:
            return _replace_attr(tag, "href", url)
    elif kind == "meta":
        prop = (_attr(tag, "property") or _attr(tag, "name") or "").lower()
        if prop in ("og:url", "twitter:url") and _attr(tag, "content") is not None:
            return _replace_attr(tag, "content", url)
    elif kind == "base":
        href = _attr(tag, "href") or ""
        if href.lower().startswith(("http:", "https:", "//")):
            return _replace_attr(tag, "href", url)
    return tag


def rewrite_self_urls(html: str, url: str) -> tuple[str, int]:
    """Point the page's self-references at `url`; return the new HTML and how many changed.

    Real pages name their original address in ``<link rel=canonical>`` and ``og:url`` (and, as
    fallbacks trafilatura also reads, ``twitter:url``, ``rel=alternate hreflang=x-default`` and
    an absolute ``<base href>``). A crawler that honours them would fold every copy of a page
    onto one canonical URL on the original site, so the copies would not stay distinct and the
    stored URL would point off this machine. Rewriting them to the served URL keeps each copy
    its own article. Done once per copy at load time so serving is just a dict lookup.
    """
    count = 0

    def sub(m: re.Match[str]) -> str:
        nonlocal count
        new = _rewrite_tag(m.group(0), m.group(1).lower(), url)
        count += new != m.group(0)
        return new

    return _TAG_RE.sub(sub, html), count


def page_title(html: str, default: str) -> str:
    """The page's <title> text (whitespace collapsed), for the feed item."""
    m = _TITLE_RE.search(html)
    title = " ".join(html_lib.unescape(m.group(1)).split()) if m else ""
    return title or default


@dataclass(frozen=True)
class ServedPage:
    """One served copy of a benchmark page."""

    page_id: str
    copy: int
    path: str
    url: str
    title: str


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, as a crawler's connection pool expects
    server: _Server

    def log_message(self, format: str, *args: object) -> None:
        pass  # quiet: thousands of requests per run

    def _send(self, status: int, body: bytes, ctype: str = "text/plain; charset=utf-8",
              head: bool = False) -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if not head:
            self.wfile.write(body)

    def _target_path(self) -> str | None:
        """Local path of the request, or None for a proxied request to another host."""
        if not self.path.startswith(("http://", "https://")):
            return self.path
        parts = urlsplit(self.path)  # absolute form: we are being used as a proxy
        if parts.netloc == self.server.netloc:
            return parts.path + (f"?{parts.query}" if parts.query else "")
        return None

    def _serve(self, head: bool) -> None:
        path = self._target_path()
        if path is None:
            self.server.site.count("blocked", urlsplit(self.path).netloc)
            self._send(403, b"newsmon bench: requests off 127.0.0.1 are blocked\n", head=head)
            return
        resource = self.server.site.resource(path.split("?", 1)[0])
        if resource is None:
            self.server.site.count("not_found", path)
            self._send(404, b"not found\n", head=head)
            return
        kind, body, ctype = resource
        self.server.site.count(kind)
        self._send(200, body, ctype, head=head)

    def do_GET(self) -> None:
        self._serve(head=False)

    def do_HEAD(self) -> None:
        self._serve(head=True)

    def do_CONNECT(self) -> None:
        self.server.site.count("blocked", self.path)
        self._send(403, b"newsmon bench: requests off 127.0.0.1 are blocked\n")
        self.close_connection = True


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 128
    site: LocalSite
    netloc: str

    def handle_error(self, request: object, client_address: object) -> None:
        """Crawlers drop keep-alive connections at will: not worth a traceback."""
        if isinstance(sys.exc_info()[1], ConnectionError | TimeoutError):
            return
        super().handle_error(request, client_address)  # type: ignore[arg-type]


class LocalSite:
    """Serves `pages` (id -> HTML) `copies` times each; use as a context manager.

    The port is bound in the constructor because the served URLs, which are written into the
    pages, must be known before the pages are prepared.
    """

    def __init__(self, pages: Mapping[str, str], copies: int = 1, host: str = "127.0.0.1"):
        if copies < 1:
            raise ValueError("copies must be at least 1")
        self._server = _Server((host, 0), _Handler, bind_and_activate=True)
        self._server.site = self
        port = self._server.server_address[1]
        self._server.netloc = f"{host}:{port}"
        self.base_url = f"http://{host}:{port}"
        self.feed_url = f"{self.base_url}/feed.xml"
        self.sitemap_url = f"{self.base_url}/sitemap.xml"
        self._lock = threading.Lock()
        self.stats: Counter[str] = Counter()
        self.blocked: Counter[str] = Counter()
        self.not_found: Counter[str] = Counter()
        self.rewritten_pages = 0
        self.pages: list[ServedPage] = []
        self._bodies: dict[str, tuple[str, bytes, str]] = {}
        self._thread: threading.Thread | None = None
        self._load(pages, copies)

    def _load(self, pages: Mapping[str, str], copies: int) -> None:
        for k in range(copies):
            for page_id, html in pages.items():
                path = f"/c{k}/{page_id}.html"
                url = self.base_url + path
                body, changed = rewrite_self_urls(html, url)
                self.rewritten_pages += bool(changed) and k == 0
                self.pages.append(ServedPage(page_id, k, path, url, page_title(html, page_id)))
                self._bodies[path] = ("page", body.encode("utf-8"), HTML_TYPE)
        self._bodies["/feed.xml"] = ("feed", self._rss(), "application/rss+xml; charset=utf-8")
        self._bodies["/sitemap.xml"] = ("sitemap", self._sitemap(), "application/xml")
        self._bodies["/robots.txt"] = ("robots", ROBOTS_TXT, "text/plain; charset=utf-8")

    def _rss(self) -> bytes:
        """RSS 2.0 listing every copy, newest first, one minute apart, all dated today."""
        now = datetime.now(UTC).replace(microsecond=0)
        items = []
        for i, p in enumerate(self.pages):
            date = format_datetime(now - timedelta(minutes=i), usegmt=True)
            items.append(
                f"<item><title>{escape(p.title)}</title><link>{escape(p.url)}</link>"
                f'<guid isPermaLink="true">{escape(p.url)}</guid><pubDate>{date}</pubDate></item>'
            )
        xml = (
            '<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0"><channel>'
            f"<title>newsmon bench</title><link>{self.base_url}/</link>"
            "<description>Article-extraction benchmark pages served locally</description>"
            + "\n".join(items)
            + "</channel></rss>\n"
        )
        return xml.encode("utf-8")

    def _sitemap(self) -> bytes:
        urls = "\n".join(f"<url><loc>{escape(p.url)}</loc></url>" for p in self.pages)
        return (
            '<?xml version="1.0" encoding="utf-8"?>\n'
            '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
            f"{urls}\n</urlset>\n"
        ).encode()

    def resource(self, path: str) -> tuple[str, bytes, str] | None:
        """(kind, body, content type) served at `path`, or None."""
        return self._bodies.get(path)

    def count(self, kind: str, detail: str | None = None) -> None:
        with self._lock:
            self.stats[kind] += 1
            if kind == "blocked" and detail is not None:
                self.blocked[detail] += 1
            elif kind == "not_found" and detail is not None:
                self.not_found[detail] += 1

    def reset_stats(self) -> dict[str, object]:
        """Return and clear the request counters (one snapshot per crawl)."""
        with self._lock:
            snap: dict[str, object] = {
                **self.stats,
                "blocked_hosts": dict(self.blocked.most_common(20)),
                "not_found_paths": dict(self.not_found.most_common(20)),
            }
            self.stats.clear()
            self.blocked.clear()
            self.not_found.clear()
        return snap

    def page_bodies(self) -> Iterator[tuple[ServedPage, bytes]]:
        """Each served copy with the exact bytes the server sends for it."""
        for p in self.pages:
            yield p, self._bodies[p.path][1]

    def start(self) -> LocalSite:
        self._thread = threading.Thread(target=self._server.serve_forever,
                                        name="local-site", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._thread is not None:
            self._server.shutdown()
            self._thread.join()
            self._thread = None
        self._server.server_close()

    def __enter__(self) -> LocalSite:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()
