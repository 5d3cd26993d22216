"""Property tests (hypothesis, derandomized so CI is reproducible): URL identity, durations and
sizes, Retry-After values, feed/sitemap/robots/section parsing and the dedup text normaliser
never crash on any input, and are idempotent where a second pass must change nothing.

NEWSMON_FUZZ_EXAMPLES scales the example counts (default 200) for a longer local run.
"""

from __future__ import annotations

import math
import os
from urllib.parse import urlsplit

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsmon import discovery
from newsmon.boilerplate import fold
from newsmon.dedup.fingerprint import entities, fingerprint, words
from newsmon.http_dates import retry_after_seconds
from newsmon.units import format_duration, parse_duration, parse_size
from newsmon.urls import canonicalize

EXAMPLES = int(os.environ.get("NEWSMON_FUZZ_EXAMPLES", "200"))
FUZZ = settings(max_examples=EXAMPLES, derandomize=True, deadline=None, database=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])

# --- URL identity -------------------------------------------------------------------------

URL_CHARS = st.sampled_from([*"abcXYZ019-._~%/?#&=+:@[]!$'()*,; \\\t\n",
                             "é", "ß", "日", "\u202e", "\x00", "％", "。", "①"])
hosts = st.one_of(
    st.sampled_from(["example.com", "EXAMPLE.com", "www.example.com", "127.0.0.1", "[::1]",
                     "xn--bcher-kva.example", "bücher.example", "a.b.c.example", "example.com.",
                     "2130706433", "[::ffff:10.0.0.1]", "user:pw@example.com", "example.com:8080",
                     "example.com:0", "example.com:99999", "[", "exa mple.com", ""]),
    st.text(URL_CHARS, max_size=20))
paths = st.lists(st.sampled_from(["a", "b", ".", "..", "", "%2e", "%2F", "index.html", "é",
                                  "a b", "x;y", "日本"]), max_size=6).map("/".join)
queries = st.lists(st.tuples(st.sampled_from(["utm_source", "utm_medium", "fbclid", "gclid",
                                              "id", "page", "q", "ref", "a", "Z"]),
                             st.text(URL_CHARS, max_size=6)), max_size=5).map(
    lambda kv: "&".join(f"{k}={v}" for k, v in kv))
urls = st.builds(lambda s, h, p, q, f: f"{s}://{h}/{p}" + (f"?{q}" if q else "") + f,
                 st.sampled_from(["http", "https", "HTTP", "ftp", "javascript", "file"]),
                 hosts, paths, queries, st.sampled_from(["", "#frag", "#", "#a?b"]))
any_text = st.one_of(urls, st.text(URL_CHARS, max_size=60), st.text(max_size=60))


@FUZZ
@given(any_text, st.one_of(st.none(), urls))
def test_canonicalize_never_crashes_and_is_idempotent(url: str, base: str | None) -> None:
    out = canonicalize(url, base)
    if out is None:
        return
    parts = urlsplit(out)
    assert parts.scheme in ("http", "https") and parts.hostname
    assert "#" not in out
    assert not any(k.startswith("utm_") for k in parts.query.split("&"))
    assert canonicalize(out) == out, out
    assert canonicalize(out, base) == out, out


# --- durations and sizes -----------------------------------------------------------------

DUR_UNITS = ["ms", "s", "m", "h", "d"]
durations = st.lists(st.tuples(st.integers(0, 10**6), st.sampled_from(DUR_UNITS)),
                     min_size=1, max_size=4)


@FUZZ
@given(durations)
def test_duration_sums_its_parts(parts: list[tuple[int, str]]) -> None:
    text = "".join(f"{n}{u}" for n, u in parts)
    scale = {"ms": 0.001, "s": 1, "m": 60, "h": 3600, "d": 86400}
    assert math.isclose(parse_duration(text), sum(n * scale[u] for n, u in parts))
    assert parse_duration(text.upper()) == parse_duration(text)


@FUZZ
@given(st.one_of(st.text(max_size=30), st.text(st.sampled_from("0123456789.msdhkKMGiBb -+e"),
                                               max_size=16),
                 st.integers(-10**20, 10**20), st.floats(allow_nan=True),
                 st.booleans()))
def test_duration_and_size_parsers_raise_only_value_errors(value: object) -> None:
    for parse in (parse_duration, parse_size):
        try:
            out = parse(value)  # type: ignore[arg-type]
        except ValueError:
            continue
        assert isinstance(out, (int, float)) and math.isfinite(out) and out >= 0, (value, out)


@FUZZ
@given(st.floats(0, 10**9, allow_nan=False))
def test_format_duration_never_crashes(seconds: float) -> None:
    assert format_duration(seconds)


@FUZZ
@given(st.integers(0, 10**12), st.sampled_from(["", "b", "KB", "MB", "GB", "KiB", "MiB", "GiB",
                                                 "kb", " MB"]))
def test_size_round_trip(n: int, unit: str) -> None:
    mult = {"": 1, "b": 1, "kb": 1000, "mb": 10**6, "gb": 10**9, "kib": 1024, "mib": 1024**2,
            "gib": 1024**3}[unit.strip().lower()]
    assert parse_size(f"{n}{unit}") == n * mult


# --- Retry-After (the crawler's retries and the webhook sender share the parser) -----------

# no delta-seconds: digits to str.isdigit() that float() refuses, and other numbers
NOT_DELTA_SECONDS: list[str | bytes] = [
    "³", "²¹", "¹", b"\xb3", b"\xb2\xb9", "٣", "३", "１２０", "①", "½", "Ⅻ", "\u202e120",
    "1_000", "+5", "-5", "5.0", "1e3", "0x10", "nan", "inf", "Infinity", "120, 30", "120 s",
    "\x00", "1\x00", b"\xff\xfe\x00"]
# and numbers and dates out of range, and broken dates
HOSTILE_RETRY_AFTER: list[str | bytes] = [
    *NOT_DELTA_SECONDS, "9" * 5000,
    "Fri, 31 Dec 9999 23:59:59 GMT", "Mon, 01 Jan 0001 00:00:00 +2359",
    "Fri, 15 Jan 2027 25:61:61 GMT", "Fri, 15 Jan 99999 08:00:00 GMT",
    "Fri, 15 Jan 2027 08:00:00 +9999", "Fri, 15 Jan 2027 08:00:00 +", "Fri, 15 Jan",
    "Fri, 00 Jan 2027 08:00:00 GMT", "Fri Jan 15 08:02:00 0", "³ Jan 2027 08:00:00 GMT",
]


def _wait_or_none(value: str | bytes) -> None:
    out = retry_after_seconds(value, now=1_800_000_000.0)
    assert out is None or (isinstance(out, float) and out >= 0), (value, out)  # no NaN either


@pytest.mark.parametrize("value", HOSTILE_RETRY_AFTER)
def test_hostile_retry_after_values_never_crash(value: str | bytes) -> None:
    _wait_or_none(value)


@pytest.mark.parametrize("value", NOT_DELTA_SECONDS)
def test_only_ascii_digits_are_delta_seconds(value: str | bytes) -> None:
    assert retry_after_seconds(value, now=1_800_000_000.0) is None


@FUZZ
@given(st.one_of(st.text(max_size=40), st.binary(max_size=40),
                 st.text(st.sampled_from([*"0123456789 ,:+-.GMTFriJanDec", "³", "²", "٣", "①",
                                          "½", "\x00", "\xa0", "\u202e"]), max_size=40),
                 st.sampled_from(HOSTILE_RETRY_AFTER)))
def test_retry_after_never_crashes(value: str | bytes) -> None:
    _wait_or_none(value)


# --- listings ----------------------------------------------------------------------------

XML_BITS = ["<rss version='2.0'>", "<channel>", "</channel>", "</rss>", "<item>", "</item>",
            "<title>", "</title>", "<link>", "</link>", "<feed xmlns='http://www.w3.org/2005/Atom'>",
            "</feed>", "<entry>", "</entry>", "<link href='/x'/>", "<author>", "</author>",
            "<pubDate>", "</pubDate>", "Tue, 10 Jun 2025 04:00:00 GMT", "2025-13-45T99:99",
            "<![CDATA[", "]]>", "&amp;", "&bogus;", "&#0;", "&#x110000;", "<!DOCTYPE rss [",
            "<!ENTITY e 'x'>", "]>", "&e;", "<?xml version='1.0' encoding='utf-16'?>",
            "<?xml version='1.0'?>", "<urlset xmlns='http://www.sitemaps.org/schemas/sitemap/0.9'>",
            "</urlset>", "<url>", "</url>", "<loc>", "</loc>", "<sitemapindex>", "<sitemap>",
            "http://ex.example/a", "/rel", "javascript:x", "<news:news>", "\x00", "\ufeff",
            "é", "<", ">", "\"", "'", " ", "\n"]
xml_docs = st.lists(st.sampled_from(XML_BITS), max_size=40).map("".join)
bodies = st.one_of(xml_docs.map(lambda s: s.encode("utf-8")), st.binary(max_size=300),
                   xml_docs.map(lambda s: s.encode("utf-16")),
                   xml_docs.map(lambda s: s.encode("latin-1", "replace")))


def _check(found: discovery.Discovery) -> None:
    assert isinstance(found, discovery.Discovery)
    for link in found.links:
        assert canonicalize(link.url) == link.url
    for url in found.listings:
        assert urlsplit(url).scheme in ("http", "https")


@FUZZ
@given(bodies, st.sampled_from([None, "application/rss+xml", "text/html",
                                "application/xml; charset=utf-16", "text/xml; charset=bogus"]))
def test_parse_feed_never_crashes(body: bytes, ctype: str | None) -> None:
    _check(discovery.parse_feed(body, "http://ex.example/feed.xml", ctype))


@FUZZ
@given(bodies)
def test_parse_sitemap_never_crashes(body: bytes) -> None:
    _check(discovery.parse_sitemap(body, "http://ex.example/sitemap.xml"))


@FUZZ
@given(st.text(max_size=300))
def test_robots_sitemap_lines_never_crash(text: str) -> None:
    for url in discovery.sitemaps_from_robots(text, "http://ex.example/robots.txt"):
        assert canonicalize(url) == url


HTML_BITS = ["<a href='", "'>", "</a>", "/2025/06/10/a-long-story-slug-here", "#top",
             "javascript:void(0)", "http://other.example/x", "<nav>", "</nav>", "<article>",
             "</article>", "<base href='http://ex.example/sub/'>", "<footer>", "</footer>",
             "/page/2", "Four words in anchor", "<div class='menu-main'>", "</div>", "\x00",
             "<", ">", "é", "<html>", "<body>", "<!--", "-->", "<script>", "</script>"]


@FUZZ
@given(st.one_of(st.lists(st.sampled_from(HTML_BITS), max_size=40).map("".join),
                 st.text(max_size=200)),
       st.one_of(st.none(), st.sampled_from([r"/20\d\d/", "(", "[a-z]+", ""])))
def test_section_links_never_crash(html: str, follow: str | None) -> None:
    try:
        found = discovery.section_links(html, "http://ex.example/news/", follow)
    except Exception as exc:  # a bad `follow` regex is a config error, checked at load time
        assert follow == "(", exc
        return
    _check(found)


# --- the dedup normaliser ----------------------------------------------------------------

texts = st.one_of(st.text(max_size=200),
                  st.text(st.sampled_from([*"AaÉéßẞİıΣσςǅﬁ’'-.,;: \n\t0123456789日本",
                                           "\u0301", "\u0345", "\u200b", "\u202e", "\ufb01"]),
                          max_size=80))


@FUZZ
@given(texts)
def test_words_is_idempotent(text: str) -> None:
    tokens = words(text)
    assert words(" ".join(tokens)) == tokens


@FUZZ
@given(texts)
def test_fold_is_idempotent(text: str) -> None:
    once = fold(text)
    assert fold(once) == once


@FUZZ
@given(st.one_of(st.none(), st.text(max_size=40)), texts,
       st.sampled_from([None, "en", "fr", "de", "xx", ""]))
def test_fingerprint_never_crashes(title: str | None, text: str, lang: str | None) -> None:
    fp = fingerprint(title, text, lang)
    assert fp["words"] == len(words(text))
    assert all(isinstance(b, int) and -(2**63) <= b < 2**63 for b in fp["bands"])
    assert entities(text, lang) == fp["entities"]


def test_overlong_numbers_are_errors_not_infinity() -> None:
    for text in ("9" * 400 + "s", "1" * 400 + "d"):
        try:
            out = parse_duration(text)
        except ValueError:
            continue
        raise AssertionError(f"{text[:8]}... parsed as {out}")
