"""Housekeeping keeps the rows that make crawls incremental and drops only old text."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import update

from newsmon.daemon.housekeeping import housekeep
from newsmon.ingest import Ingest
from newsmon.models import Article, utcnow
from newsmon.storage import ledger
from newsmon.storage.articles import NewArticle
from newsmon.store import Store


def _article(n: int, relevant: bool) -> NewArticle:
    return NewArticle(source="s", url=f"https://example.com/{n}",
                      canonical_url=f"https://example.com/{n}", title=f"t{n}",
                      text=f"body {n} " * 80, language="en", published=None, authors=[],
                      site_name=None, description=None, syndicated_from=None,
                      content_hash=f"h{n}", word_count=160, aliases=(),
                      relevance={"relevant": relevant, "score": 0.0, "reasons": [],
                                 "moves": [], "topic": "t"}, fingerprint=None)


def test_old_irrelevant_text_dropped_rows_kept(db_url: str) -> None:
    store = Store.open(db_url)
    try:
        ingest = Ingest(store, ())
        ids = [ingest.store_article(_article(n, relevant=n == 0))[0] for n in range(3)]
        with store.write() as s:  # 0 relevant and old, 1 irrelevant and old, 2 irrelevant, new
            s.execute(update(Article).where(Article.id.in_(ids[:2]))
                      .values(fetched_at=utcnow() - timedelta(days=100)))
        report = housekeep(store, retention=90 * 86400.0)
        assert report.texts_dropped == 1
        with store.read() as s:
            texts = {a.id: a.text for a in s.query(Article)}
        assert texts[ids[0]] and not texts[ids[1]] and texts[ids[2]]
        assert ledger.known_urls(store, ["https://example.com/1"]) == {"https://example.com/1"}
    finally:
        store.close()
