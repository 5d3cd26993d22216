"""`newsmon stories` and `newsmon dedupe` as text: stories with their moves and articles, and
page text kept from reshaping the terminal."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

from newsmon import storyview
from newsmon.ingest import Ingest
from newsmon.store import Store
from tests.newsmon.test_stories import T0, article, filler, move


def test_stories_listed_with_moves_and_copies(db_url: str,
                                              wire_store: Callable[[str], Store]) -> None:
    store = wire_store(db_url)
    try:
        ingest = Ingest(store, ())
        hired = dict(move("Ann\x1b Lee", "hired", "OpenAI", None), role="chief\nscientist")
        ingest.store_article(article("lee-joins", filler(1), [hired], T0))
        ingest.store_article(article("lee-joins-copy", filler(1), [hired],
                                     T0 + timedelta(hours=1)))
        rows = storyview.story_rows(store)
        assert [len(r["articles"]) for r in rows] == [2]
        assert [a["copy"] for a in rows[0]["articles"]] == [False, True]
        lines = storyview.format_table(rows).splitlines()
        assert lines[0] == f"story {rows[0]['id']}: lee-joins"
        assert lines[2] == "  move: Ann  Lee hired from OpenAI to ? as chief scientist"
        assert lines[4].endswith("(copy of 1) https://news.example/lee-joins-copy")
        assert "duplicate of article 1" in (storyview.explain(store, "2") or "")
        assert storyview.explain(store, "https://news.example/none") is None
    finally:
        store.close()


def test_no_stories_yet() -> None:
    assert storyview.format_table([]).startswith("no stories yet")
