"""URL identity: newsmon/urls.py canonicalize()."""

from __future__ import annotations

from urllib.parse import parse_qsl, urlsplit

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsmon.urls import canonicalize


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        # tracking parameters go, meaningful ones stay
        ("https://example.com/story?utm_source=rss&utm_medium=feed", "https://example.com/story"),
        ("https://example.com/story?utm_campaign=autumn", "https://example.com/story"),
        ("https://example.com/story?fbclid=IwAR0abc", "https://example.com/story"),
        ("https://example.com/story?gclid=Cj0KCQ", "https://example.com/story"),
        ("https://example.com/story?id=3", "https://example.com/story?id=3"),
        ("https://example.com/story?id=3&utm_source=x&fbclid=y", "https://example.com/story?id=3"),
        ("https://example.com/list?page=2&utm_medium=z", "https://example.com/list?page=2"),
        # fragments go
        ("https://example.com/story#comments", "https://example.com/story"),
        ("https://example.com/story?id=3#top", "https://example.com/story?id=3"),
        # the query is sorted
        ("https://example.com/s?b=2&a=1", "https://example.com/s?a=1&b=2"),
        ("https://example.com/s?z=9&m=5&a=1", "https://example.com/s?a=1&m=5&z=9"),
        # scheme and host are lowercased, the path is not
        ("HTTPS://News.Example.COM/World/Story", "https://news.example.com/World/Story"),
        ("Http://EXAMPLE.com/a", "http://example.com/a"),
        # default ports go, others stay
        ("https://example.com:443/a", "https://example.com/a"),
        ("http://example.com:80/a", "http://example.com/a"),
        ("https://example.com:8443/a", "https://example.com:8443/a"),
        ("http://example.com:443/a", "http://example.com:443/a"),
        # dot segments are resolved
        ("https://example.com/a/./b", "https://example.com/a/b"),
        ("https://example.com/a/b/../c", "https://example.com/a/c"),
        ("https://example.com/a/./b/../c/", "https://example.com/a/c/"),
        ("https://example.com/a/../../b", "https://example.com/b"),
        # an empty path is "/"
        ("https://example.com", "https://example.com/"),
        ("  https://example.com/padded  ", "https://example.com/padded"),
    ],
)
def test_canonicalize(url: str, expected: str) -> None:
    assert canonicalize(url) == expected


@pytest.mark.parametrize(
    ("href", "base", "expected"),
    [
        ("/2026/11/18/story/", "https://example.com/news/", "https://example.com/2026/11/18/story/"),
        ("story.html", "https://example.com/news/index.html", "https://example.com/news/story.html"),
        ("./story", "https://example.com/news/", "https://example.com/news/story"),
        ("../sport/match", "https://example.com/news/world/", "https://example.com/news/sport/match"),
        ("../b/c.html?x=1#y", "https://example.com/news/2026/a.html",
         "https://example.com/news/b/c.html?x=1"),
        ("//cdn.example.org/p", "https://example.com/news/", "https://cdn.example.org/p"),
        ("?id=7&utm_source=nl", "https://example.com/article", "https://example.com/article?id=7"),
        ("https://other.example/x", "https://example.com/news/", "https://other.example/x"),
    ],
)
def test_canonicalize_relative_against_base(href: str, base: str, expected: str) -> None:
    assert canonicalize(href, base) == expected


@pytest.mark.parametrize(
    "url",
    ["mailto:desk@example.com", "javascript:alert(1)", "javascript:void(0)",
     "ftp://files.example.com/report.pdf", "data:text/html,<b>hi</b>", "file:///etc/passwd",
     "tel:+331234", "", "   ", "https://", "http:///path-without-host", "example.com/no-scheme"],
)
def test_canonicalize_rejects_non_http(url: str) -> None:
    assert canonicalize(url) is None


@pytest.mark.parametrize("href", ["mailto:desk@example.com", "javascript:void(0)", "ftp://x.org/f"])
def test_canonicalize_rejects_non_http_even_with_base(href: str) -> None:
    assert canonicalize(href, "https://example.com/news/") is None


def test_canonicalize_none_is_none() -> None:
    assert canonicalize(None) is None  # type: ignore[arg-type]


@pytest.mark.parametrize("href", ["http://[::1", "http://[example.com]/story"])
def test_canonicalize_malformed_link_with_base_is_none(href: str) -> None:
    assert canonicalize(href, "https://example.com/news/") is None


@pytest.mark.parametrize("href", ["http://[::1", "http://[example.com]/story"])
def test_canonicalize_malformed_link_without_base_is_none(href: str) -> None:
    assert canonicalize(href) is None


def test_trailing_dot_segment_resolves_to_a_directory() -> None:
    assert canonicalize("https://example.com/news/x/..") == canonicalize("https://example.com/news/")
    assert canonicalize("https://example.com/news/.") == canonicalize("https://example.com/news/")



# --- property: canonicalize is idempotent -----------------------------------------------

SEGMENT = st.lists(
    st.sampled_from(["a", "b", "news", "2026", "11", "story-title", "x_y", "%41", "%7e", "é", "~",
                     ".", "..", "index.html", "a b", "c;d", "e=f", "@", "!", "+", ":", ""]),
    min_size=1, max_size=3,
).map("".join)
QUERY_KEY = st.sampled_from(["id", "page", "q", "a", "B", "lang", "ref", "utm_source",
                             "utm_medium", "fbclid", "gclid", "x y", "é"])
QUERY_VALUE = st.lists(st.sampled_from(["1", "abc", "%20", "+", "é", "-", ".", "/", "?", "%26"]),
                       max_size=4).map("".join)


@st.composite
def http_urls(draw: st.DrawFn) -> str:
    scheme = draw(st.sampled_from(["http", "https", "HTTP", "Https"]))
    host = draw(st.sampled_from(["example.com", "Example.COM", "www.news.example.org",
                                 "sub.example.co.uk", "93.184.216.34", "[2001:db8::1]"]))
    port = draw(st.sampled_from(["", ":80", ":443", ":8080"]))
    path = "/".join(draw(st.lists(SEGMENT, max_size=5)))
    if draw(st.booleans()):
        path += "/"
    pairs = draw(st.lists(st.tuples(QUERY_KEY, QUERY_VALUE), max_size=4))
    query = "&".join(f"{k}={v}" for k, v in pairs)
    fragment = draw(st.sampled_from(["", "#top", "#a=b"]))
    return f"{scheme}://{host}{port}/{path}" + (f"?{query}" if query else "") + fragment


@settings(max_examples=300)
@given(http_urls())
def test_canonicalize_is_idempotent(url: str) -> None:
    once = canonicalize(url)
    assert once is not None
    assert canonicalize(once) == once


@settings(max_examples=200)
@given(http_urls())
def test_canonical_form_has_no_tracking_or_fragment(url: str) -> None:
    result = canonicalize(url)
    assert result is not None
    parts = urlsplit(result)
    assert parts.fragment == ""
    assert parts.scheme in ("http", "https")
    assert parts.hostname == parts.hostname.lower()
    keys = [k for k, _ in parse_qsl(parts.query, keep_blank_values=True)]
    assert not [k for k in keys if k.startswith("utm_") or k in ("fbclid", "gclid")]
    assert keys == sorted(keys)
    assert "/./" not in parts.path and "/../" not in parts.path
