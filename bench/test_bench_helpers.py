"""Checks for the benchmark helpers (no benchmark data needed): `pytest bench`."""

from __future__ import annotations

import sys
import urllib.error
import urllib.request
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from crawl_bench import page_key, parse_export
from extraction_metric import page_counts, score, shingles, tokenize
from local_site import LocalSite, rewrite_self_urls

TEXT = "The quick brown fox jumps over the lazy dog near the river bank"


def test_tokenize_is_unicode() -> None:
    assert tokenize("Привет, мир! 東京 café-bar") == ["Привет", "мир", "東京", "café", "bar"]


def test_shingles_multiset_and_short_text() -> None:
    assert shingles("a b c d a b c d")[("a", "b", "c", "d")] == 2
    assert shingles("a b") == {("a", "b"): 1}
    assert shingles("") == {}


def test_perfect_and_disjoint() -> None:
    assert score([(TEXT, TEXT)]).f1 == 1.0
    s = score([(TEXT, "completely different words that share nothing at all")])
    assert s.precision == 0.0 and s.recall == 0.0 and s.f1 == 0.0


def test_counts_are_normalised() -> None:
    c = page_counts(TEXT, TEXT + " and then some more words")
    assert c.tp + c.fp + c.fn == pytest.approx(1.0)
    assert c.fn == 0 and c.fp > 0


def test_empty_prediction_counts_against_both() -> None:
    s = score([(TEXT, None), (TEXT, TEXT)])
    assert s.precision == pytest.approx(0.5) and s.recall == pytest.approx(0.5)
    up = score([(TEXT, None), (TEXT, TEXT)], upstream=True)
    assert up.precision == 1.0 and up.recall == pytest.approx(0.5)


def test_empty_truth() -> None:
    assert score([("", "")]).f1 == 1.0
    s = score([("", TEXT)])
    assert s.precision == 0.0 and s.recall == 1.0


def test_rewrite_self_urls() -> None:
    html = (
        '<head><link rel="canonical" href="https://orig/a"><LINK HREF=https://orig/b REL=canonical>'
        "<meta content='https://orig/c' property='og:url'><meta name=\"twitter:url\" "
        'content="https://orig/d"><meta data-content="x" property="og:title" content="T">'
        '<link rel="stylesheet" href="/s.css"><base href="/"></head>'
    )
    out, n = rewrite_self_urls(html, "http://127.0.0.1:1/c0/x.html")
    assert n == 4
    assert "orig" not in out
    assert 'content="T"' in out and 'href="/s.css"' in out and '<base href="/">' in out


def test_page_key() -> None:
    assert page_key("http://127.0.0.1:8/c3/abc123.html") == (3, "abc123")
    assert page_key("http://127.0.0.1:8/c3/abc123.html?utm=1#x") == (3, "abc123")
    assert page_key("http://elsewhere/") is None
    assert page_key(None) is None


def test_parse_export_skips_noise() -> None:
    assert parse_export('note\n{"url": "u"}\n[1]\n{bad\n') == [{"url": "u"}]


def test_local_site_serves_and_guards() -> None:
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    html = '<html><head><title>T &amp; U</title><link rel="canonical" href="https://o/p">'
    with LocalSite({"p1": html + "</head><body>x</body></html>"}, copies=2) as site:
        feed = opener.open(site.feed_url).read().decode()
        assert f"{site.base_url}/c1/p1.html" in feed and "T &amp; U" in feed
        with opener.open(f"{site.base_url}/c1/p1.html") as resp:
            assert resp.headers["Content-Type"] == "text/html; charset=utf-8"
            assert f'href="{site.base_url}/c1/p1.html"' in resp.read().decode()
        assert b"Disallow:\n" in opener.open(f"{site.base_url}/robots.txt").read()
        proxied = urllib.request.build_opener(
            urllib.request.ProxyHandler({"http": site.base_url}))
        with pytest.raises(urllib.error.HTTPError) as err:
            proxied.open("http://example.invalid/x")
        assert err.value.code == 403
        stats = site.reset_stats()
        assert stats["blocked"] == 1 and stats["page"] == 1 and stats["feed"] == 1
