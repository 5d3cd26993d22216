"""End to end: `newsmon crawl` over the fixture web, as a user runs it, checked as a user would."""

from __future__ import annotations

import csv
import io
import json
import re
import sqlite3
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import export_articles, run_newsmon, write_config
from tests.fixtureweb import FixtureWeb


def token_f1(predicted: str, truth: str) -> float:
    p = Counter(re.findall(r"\w+", predicted.lower()))
    t = Counter(re.findall(r"\w+", truth.lower()))
    tp = sum((p & t).values())
    return 0.0 if not tp else 2 * tp / (sum(p.values()) + sum(t.values()))


@dataclass
class TwoCrawls:
    web: FixtureWeb
    config: Path
    db: Path
    first: Any  # CompletedProcess of the first pass
    first_summary: dict[str, Any]
    first_requests: list[Any]
    articles: list[dict[str, Any]]
    second: Any
    second_summary: dict[str, Any]
    second_requests: list[Any]


@pytest.fixture(scope="module")
def crawled(tmp_path_factory: pytest.TempPathFactory) -> TwoCrawls:
    """Two passes over the fixture web with one database (each pass takes seconds)."""
    tmp = tmp_path_factory.mktemp("crawl")
    web = FixtureWeb(slow_seconds=6.0)
    web.start()
    try:
        db = tmp / "newsmon.db"
        config = write_config(tmp / "newsmon.toml", f"sqlite:///{db}", web.sources)
        first = run_newsmon("crawl", "--config", str(config), "--summary-json",
                            str(tmp / "s1.json"), check=True)
        first_requests = web.requests
        articles = export_articles(config)
        web.clear_log()
        second = run_newsmon("crawl", "--config", str(config), "--summary-json",
                             str(tmp / "s2.json"), check=True)
        return TwoCrawls(
            web=web, config=config, db=db, first=first,
            first_summary=json.loads((tmp / "s1.json").read_text()),
            first_requests=first_requests, articles=articles, second=second,
            second_summary=json.loads((tmp / "s2.json").read_text()),
            second_requests=web.requests,
        )
    finally:
        web.stop()


def by_canonical(crawled: TwoCrawls) -> dict[str, dict[str, Any]]:
    return {a["canonical_url"]: a for a in crawled.articles}


def test_every_article_stored_exactly_once(crawled: TwoCrawls) -> None:
    stored = [a["canonical_url"] for a in crawled.articles]
    assert len(stored) == len(set(stored))
    assert set(stored) == {e.canonical_url for e in crawled.web.articles}


def test_body_text_matches_what_a_reader_sees(crawled: TwoCrawls) -> None:
    stored = by_canonical(crawled)
    scores = {e.canonical_url: token_f1(stored[e.canonical_url]["text"], e.text)
              for e in crawled.web.articles}
    low = {u: round(s, 3) for u, s in scores.items() if s < 0.95}
    assert not low, f"token F1 below 0.95: {low}"


def test_metadata(crawled: TwoCrawls) -> None:
    stored = by_canonical(crawled)
    problems = []
    for e in crawled.web.articles:
        a = stored[e.canonical_url]
        got = (a["title"], (a["published"] or "")[:10], a["language"], tuple(a["authors"]),
               a["site_name"], a["syndicated_from"])
        want = (e.title, e.published[:10], e.language, tuple(e.authors), e.site_name,
                e.syndicated_from)
        if got != want:
            problems.append(f"{e.canonical_url}: got {got}, want {want}")
    assert not problems, "\n".join(problems)


def test_identity_is_the_canonical_url_without_tracking(crawled: TwoCrawls) -> None:
    for a in crawled.articles:
        assert "utm_" not in a["canonical_url"] and "#" not in a["canonical_url"]
        assert "utm_" not in a["url"]
    assert any(e.url != e.canonical_url for e in crawled.web.articles)  # the test means something


def test_latin1_site_decoded(crawled: TwoCrawls) -> None:
    economie = [a for a in crawled.articles if a["source"] == "economie"]
    assert economie
    text = " ".join(a["title"] + a["text"] for a in economie)
    assert "é" in text and "Ã" not in text and "\ufffd" not in text


def test_non_articles_are_not_stored_as_articles(crawled: TwoCrawls) -> None:
    stored = {a["canonical_url"] for a in crawled.articles} | {a["url"] for a in crawled.articles}
    assert not stored & set(crawled.web.non_articles)
    with sqlite3.connect(crawled.db) as conn:
        pages = dict(conn.execute("select url, kind from pages where kind != 'article'"))
    kinds = {role: pages.get(url.split("?")[0]) for role, url in crawled.web.hostile_urls.items()
             if role in ("not_found", "binary", "paywall")}
    assert kinds == {"not_found": "gone", "binary": "non_article", "paywall": "non_article"}


def test_robots_txt_obeyed(crawled: TwoCrawls) -> None:
    requested = {f"{crawled.web.base_urls[r.site]}{r.path}" for r in crawled.first_requests}
    assert crawled.web.forbidden_urls
    assert not requested & set(crawled.web.forbidden_urls)
    assert {r.site for r in crawled.first_requests if r.path == "/robots.txt"} == \
        set(crawled.web.base_urls)


def test_section_page_follows_only_article_links(crawled: TwoCrawls) -> None:
    ledger = {r.path for r in crawled.first_requests if r.site == "ledger"}
    listing_paths = {u.split("/", 3)[3] for u in crawled.web.listing_links}
    assert not {"/" + p for p in listing_paths} & ledger


def test_summary_reports_pass_and_errors(crawled: TwoCrawls) -> None:
    s = crawled.first_summary
    assert s["new_articles"] == len(crawled.web.articles)
    assert all(r["status"] == "ok" for r in s["sources"].values()), s["sources"]
    assert s["errors"].get("http_404") == 1 and s["errors"].get("http_500") == 1
    assert s["errors"].get("timeout") == 1  # the slow endpoint, bounded by the 3 s timeout
    assert "new articles 17" in crawled.first.stdout.replace(
        f"new articles {len(crawled.web.articles)}", "new articles 17")


def test_second_pass_fetches_no_article_again(crawled: TwoCrawls) -> None:
    article_paths = {(e.site, e.url.split("/", 3)[3].split("?")[0]) for e in crawled.web.articles}
    refetched = [(r.site, r.path) for r in crawled.second_requests
                 if (r.site, r.path.lstrip("/").split("?")[0]) in article_paths]
    assert refetched == []
    assert crawled.second_summary["new_articles"] == 0


def test_second_pass_gets_304_for_unchanged_listings(crawled: TwoCrawls) -> None:
    statuses = {(r.site, r.path): r.status for r in crawled.second_requests}
    # sources whose first pass settled every article keep validators and get 304s
    assert statuses[("wire", "/feed.xml")] == 304
    assert statuses[("courrier", "/atom.xml")] == 304
    assert statuses[("ledger", "/section/ai/")] == 304
    wire_feed = next(r for r in crawled.second_requests if r.path == "/feed.xml")
    assert "If-None-Match" in wire_feed.headers or "If-Modified-Since" in wire_feed.headers


def test_listing_with_failed_article_is_read_again(crawled: TwoCrawls) -> None:
    # economie's feed listed a page that answered 500: it must be retried, not hidden by a 304
    statuses = [(r.path, r.status) for r in crawled.second_requests if r.site == "economie"]
    assert ("/rss.xml", 200) in statuses
    assert any(status == 500 for _, status in statuses)


def test_csv_export_is_well_formed(crawled: TwoCrawls) -> None:
    proc = run_newsmon("export", "--config", str(crawled.config), "--format", "csv", check=True)
    rows = list(csv.DictReader(io.StringIO(proc.stdout)))
    assert len(rows) == len(crawled.articles)
    assert {"id", "url", "canonical_url", "title", "text", "published"} <= set(rows[0])


def test_sources_command_shows_last_status(crawled: TwoCrawls) -> None:
    proc = run_newsmon("sources", "--config", str(crawled.config), check=True)
    for name in crawled.web.base_urls:
        assert re.search(rf"^{name}\s+\w+\s+\d+\s+\d{{4}}-", proc.stdout, re.M), proc.stdout


NOT_STAFFING = {"ai-salary-survey", "mistral-albatros-launch", "kontextwerk-funding"}


def test_relevance_of_crawled_articles(crawled: TwoCrawls) -> None:
    stored = by_canonical(crawled)
    wrong = []
    for e in crawled.web.articles:
        a = stored[e.canonical_url]
        if a["relevant"] != (e.event not in NOT_STAFFING):
            wrong.append(f"{e.title!r}: relevant={a['relevant']} score={a['relevance']['score']}")
    assert not wrong, "\n".join(wrong)
    assert all(a["relevance"]["reasons"] for a in crawled.articles if a["relevant"])
    assert crawled.first_summary["relevant_articles"] == sum(a["relevant"]
                                                             for a in crawled.articles)


def test_moves_extracted_from_crawled_articles(crawled: TwoCrawls) -> None:
    moves = {(m["person"], m["from"], m["to"]) for a in crawled.articles for m in a["moves"]}
    assert ("Mara Lindqvist", "OpenAI", "Anthropic") in moves
    assert ("Tomasz Wierzbicki", "Google DeepMind", "Microsoft") in moves
    assert any(p == "Rafael Okonkwo" and t == "Anthropic" for p, _, t in moves)


def _copies(crawled: TwoCrawls) -> dict[str, str]:
    """canonical URL of each syndicated copy or translation -> canonical URL of its original."""
    by_slug = {e.canonical_url.rstrip("/").rsplit("/", 1)[-1]: e for e in crawled.web.articles}
    out = {}
    for e in crawled.web.articles:
        if e.translation_of:
            original = next(o for o in crawled.web.articles
                            if o.canonical_url == e.translation_of
                            or o.canonical_url.rstrip("/").endswith(e.translation_of))
            out[e.canonical_url] = original.canonical_url
        elif e.syndicated_from:
            original = next(o for o in crawled.web.articles if o.event == e.event
                            and o.site_name == e.syndicated_from)
            out[e.canonical_url] = original.canonical_url
    assert by_slug and out, "the fixture web has copies and translations"
    return out


def test_copies_and_translations_are_duplicates_of_their_original(crawled: TwoCrawls) -> None:
    stored = by_canonical(crawled)
    ids = {a["id"]: a["canonical_url"] for a in crawled.articles}
    copies = _copies(crawled)
    for copy, original in copies.items():
        assert stored[copy]["duplicate_of"] is not None, f"{copy} not matched"
        assert ids[stored[copy]["duplicate_of"]] == original
    originals = [a for a in crawled.articles if a["canonical_url"] not in copies]
    assert all(a["duplicate_of"] is None for a in originals), \
        [a["title"] for a in originals if a["duplicate_of"] is not None]


def test_one_story_per_event_across_outlets_and_languages(crawled: TwoCrawls) -> None:
    stored = by_canonical(crawled)
    story_of_event: dict[str, set[int]] = {}
    for e in crawled.web.articles:
        a = stored[e.canonical_url]
        if e.event in NOT_STAFFING:
            assert a["story_id"] is None, f"{e.title!r} is not staffing news but has a story"
            continue
        story_of_event.setdefault(e.event, set()).add(a["story_id"])
    assert all(len(s) == 1 and None not in s for s in story_of_event.values()), story_of_event
    all_stories = [next(iter(s)) for s in story_of_event.values()]
    assert len(set(all_stories)) == len(all_stories), "two events share a story"


def test_stories_command_lists_every_article(crawled: TwoCrawls) -> None:
    out = run_newsmon("stories", "--format", "json", "--config", str(crawled.config), check=True)
    stories = json.loads(out.stdout)
    assert sum(len(s["articles"]) for s in stories) == sum(
        1 for a in crawled.articles if a["story_id"] is not None)
    lindqvist = next(s for s in stories
                     if any(m["person"] == "Mara Lindqvist" for m in s["moves"]))
    assert set(lindqvist["languages"]) == {"en", "fr"}
    assert any(a["copy"] for a in lindqvist["articles"])
    table = run_newsmon("stories", "--config", str(crawled.config), check=True).stdout
    assert "Mara Lindqvist" in table and "copy of" in table


def test_dedupe_explain_says_why(crawled: TwoCrawls) -> None:
    copy = next(iter(_copies(crawled)))
    out = run_newsmon("dedupe", "--explain", copy, "--config", str(crawled.config),
                      check=True).stdout
    assert "duplicate of article" in out
    original = next(a for a in crawled.articles if a["duplicate_of"] is None and a["relevant"])
    out = run_newsmon("dedupe", "--explain", str(original["id"]), "--config",
                      str(crawled.config), check=True).stdout
    assert "original" in out and "story" in out
