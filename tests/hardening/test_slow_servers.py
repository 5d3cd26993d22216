"""Slow and broken servers: a slow drip, a server that never answers, a redirect loop,
connection resets, 503 with Retry-After, and a feed whose author fields make feedparser's
e-mail regex quadratic. The pass ends within the configured timeouts, every failure is
reported against its source, and the healthy source is stored.
"""

from __future__ import annotations

import itertools
import time
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler
from pathlib import Path

import pytest

from newsmon.discovery import parse_feed
from tests.conftest import export_articles
from tests.hardening.conftest import crawl
from tests.hardening.hostileweb import HostileWeb, drip, fixed, redirect, reset, stall
from tests.scriptedweb import article

SLOW_AUTHOR = "a@" + "a." * 32000  # ~10 s in feedparser 6.0.14's author regex, unbounded

AUTHOR_FIELDS = {
    "rss author": "<author>{}</author>",
    "dc:creator": "<dc:creator>{}</dc:creator>",
    "dc:publisher": "<dc:publisher>{}</dc:publisher>",
    "itunes:author": "<itunes:author>{}</itunes:author>",
    "cdata author": "<author><![CDATA[x<{}]]></author>",
    "digits": "<author>{}</author>",
}


def author_feed(field: str, link: str, value: str = SLOW_AUTHOR) -> bytes:
    if field == "digits":
        value = "1" * 64000
    tpl = AUTHOR_FIELDS[field]
    return ('<?xml version="1.0"?><rss version="2.0" '
            'xmlns:dc="http://purl.org/dc/elements/1.1/" '
            'xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd"><channel><title>T</title>'
            f"<link>http://slow.example/</link><managingEditor>{value}</managingEditor>"
            f"<item><title>Slow author</title><link>{link}</link>{tpl.format(value)}</item>"
            "</channel></rss>").encode()


def atom_author_feed(link: str) -> bytes:
    return ('<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>T</title>'
            f"<entry><title>Slow author</title><link href='{link}'/>"
            f"<author><name>{SLOW_AUTHOR}</name><email>{SLOW_AUTHOR}</email></author>"
            f"<contributor><name>{SLOW_AUTHOR}</name></contributor></entry></feed>").encode()


@pytest.mark.timeout(60)
@pytest.mark.parametrize("field", sorted(AUTHOR_FIELDS))
def test_author_fields_parse_in_bounded_time(field: str) -> None:
    started = time.monotonic()
    found = parse_feed(author_feed(field, "http://slow.example/a"), "http://slow.example/feed")
    assert time.monotonic() - started < 2.0
    assert [lk.url for lk in found.links] == ["http://slow.example/a"]


@pytest.mark.timeout(60)
def test_atom_author_fields_parse_in_bounded_time() -> None:
    started = time.monotonic()
    found = parse_feed(atom_author_feed("http://slow.example/a"), "http://slow.example/feed")
    assert time.monotonic() - started < 2.0
    assert [lk.url for lk in found.links] == ["http://slow.example/a"]


def test_ordinary_authors_survive() -> None:
    body = author_feed("rss author", "http://slow.example/a", "ana@example.com (Ana Lima)")
    (link,) = parse_feed(body, "http://slow.example/feed").links
    assert link.authors == [] or link.authors == ["Ana Lima"]  # RSS author has no <name>
    atom = (b'<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>T</title>'
            b"<entry><title>x</title><link href='http://slow.example/b'/>"
            b"<author><name>Jonas Weber</name></author></entry></feed>")
    (link,) = parse_feed(atom, "http://slow.example/feed").links
    assert link.authors == ["Jonas Weber"]


def _feed(base: str, paths: list[str]) -> bytes:
    items = "".join(f"<item><title>Item {p}</title><link>{base}{p}</link></item>" for p in paths)
    return (f'<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>'
            f"<link>{base}/</link>{items}</channel></rss>").encode()


def then(first: Callable[[BaseHTTPRequestHandler], None],
         rest: Callable[[BaseHTTPRequestHandler], None]) -> Callable[[BaseHTTPRequestHandler], None]:
    """The first request gets `first`, later ones `rest`."""
    counter = itertools.count()
    return lambda h: (first if next(counter) == 0 else rest)(h)


@pytest.mark.timeout(300)
def test_a_pass_over_broken_servers_ends_and_reports_each(tmp_path: Path,
                                                          hostile: HostileWeb) -> None:
    w, base = hostile, hostile.base
    rss = "application/rss+xml"
    page = b"<html><body><article><p>" + b"slow words " * 400 + b"</p></article></body></html>"
    w.routes["/drip-feed.xml"] = drip(_feed(base, ["/fine-1"]), every=2.0)
    w.routes["/silent-feed.xml"] = stall(60)
    w.routes["/loop-feed.xml"] = redirect("/loop-b")
    w.routes["/loop-b"] = redirect("/loop-feed.xml")
    w.routes["/reset-feed.xml"] = reset
    w.routes["/busy-feed.xml"] = fixed(503, b"busy", "text/plain", {"Retry-After": "3600"})
    w.routes["/author-feed.xml"] = fixed(200, author_feed("dc:creator", f"{base}/fine-2"), rss)
    w.routes["/atom-author.xml"] = fixed(200, atom_author_feed(f"{base}/fine-3"),
                                         "application/atom+xml")
    links = ["/drip", "/silent", "/loop", "/reset", "/busy-once", "/busy-long", "/fine-4"]
    w.routes["/articles.xml"] = fixed(200, _feed(base, links), rss)
    w.routes["/drip"] = drip(page, every=2.0)
    w.routes["/silent"] = stall(60)
    w.routes["/loop"] = redirect("/loop")
    w.routes["/reset"] = reset
    busy = fixed(503, b"busy", "text/plain", {"Retry-After": "1"})
    _, _, body = article("Back after a short wait", 160)
    w.routes["/busy-once"] = then(busy, fixed(200, body))
    w.routes["/busy-long"] = fixed(503, b"busy", "text/plain", {"Retry-After": "86400"})
    for i in range(1, 5):
        _, _, body = article(f"Healthy article number {i}", 150 + i)
        w.routes[f"/fine-{i}"] = fixed(200, body)

    names = {"drip": "/drip-feed.xml", "silent": "/silent-feed.xml", "loop": "/loop-feed.xml",
             "reset": "/reset-feed.xml", "busy": "/busy-feed.xml", "author": "/author-feed.xml",
             "atom_author": "/atom-author.xml", "articles": "/articles.xml"}
    sources = [{"name": n, "url": f"{base}{p}", "type": "feed"} for n, p in names.items()]
    run = crawl(tmp_path, sources, timeout="3s", retry_times=1, max_retry_after="5s")

    print("broken servers crawl:", round(run.elapsed, 1), "s", run.summary["errors"])
    # bounded: every wait is a 3 s timeout (twice with the retry) or a 1 s Retry-After
    assert run.elapsed < 60, run.elapsed
    assert run.summary["finish_reason"] == "finished"
    expected_errors = {"drip": "timed out", "silent": "timed out", "loop": "redirect",
                       "reset": "connection", "busy": "HTTP 503"}
    for name, words in expected_errors.items():
        result = run.source(name)
        assert result["status"] == "failed", (name, result)
        assert words in result["error"], (name, result)
        assert f"{name} " in run.proc.stdout  # the summary names the source
    for name in ("author", "atom_author", "articles"):
        assert run.source(name)["status"] == "ok", (name, run.source(name))
    titles = sorted(a["title"] for a in export_articles(run.config))
    assert titles == ["Back after a short wait", "Healthy article number 2",
                      "Healthy article number 3", "Healthy article number 4"]
    errors = run.summary["errors"]
    assert errors.get("timeout", 0) >= 4 and errors.get("redirects", 0) >= 2, errors
    assert errors.get("connection", 0) >= 2 and errors.get("http_503", 0) >= 2, errors
    assert w.count("/busy-long") == 1  # a day's Retry-After is not waited for, nor hammered
    assert w.count("/busy-once") == 2  # waited, then fetched
