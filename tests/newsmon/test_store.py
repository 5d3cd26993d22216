"""The store and its storage functions (newsmon.storage) on a real SQLite file and on
PostgreSQL (when reachable)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect, select, text

from newsmon.config import SourceConfig
from newsmon.db import open_database
from newsmon.models import Base, CrawlRun
from newsmon.storage import articles, ledger, runs, sources
from newsmon.storage.articles import NewArticle
from newsmon.store import Store


def _article(url: str = "https://news.example/a/1", **kw: object) -> NewArticle:
    values: dict[str, object] = dict(
        source="wire", url=url + "?utm_source=x", canonical_url=url, title="Title",
        text="Body text of the article.", language="en",
        published=datetime(2026, 11, 18, 9, 30, tzinfo=timezone(timedelta(hours=1))),
        authors=["Jane Doe"], site_name="Wire", description=None, syndicated_from=None,
        content_hash="h" * 64, word_count=5,
    )
    values.update(kw)
    return NewArticle(**values)  # type: ignore[arg-type]


def _insert(store: Store, art: NewArticle) -> tuple[int, bool]:
    """The row alone, as the ingest workflow writes it (tests/newsmon/test_ingest.py: the rest)."""
    with store.write() as s:
        return articles.insert(store, s, art)


@pytest.fixture
def store(db_url: str) -> Store:
    s = Store.open(db_url)
    sources.sync(s, [SourceConfig(name="wire", url="https://news.example/feed.xml", type="feed")])
    yield s
    s.close()


def test_migrations_create_exactly_the_models(db_url: str) -> None:
    engine = open_database(db_url)
    try:
        with engine.connect() as conn:
            diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
            tables = set(inspect(conn).get_table_names())
        assert diff == []
        assert {"articles", "pages", "sources", "fetch_state", "crawl_runs"} <= tables
        open_database(db_url).dispose()  # a second start is a no-op, not an error
    finally:
        engine.dispose()


def test_sqlite_runs_in_wal_mode(sqlite_url: str) -> None:
    engine = open_database(sqlite_url)
    with engine.connect() as conn:
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert conn.execute(text("PRAGMA busy_timeout")).scalar() == 5000
    engine.dispose()


def test_insert_article_is_idempotent_on_canonical_url(store: Store) -> None:
    first_id, created = _insert(store, _article())
    again_id, created_again = _insert(store, _article(title="Other title"))
    assert created and not created_again
    assert again_id == first_id
    rows = list(articles.with_source_names(store))
    assert len(rows) == 1
    art, source = rows[0]
    assert source == "wire" and art.title == "Title"
    assert art.published == datetime(2026, 11, 18, 8, 30, tzinfo=UTC)  # stored as UTC
    assert art.authors == ["Jane Doe"]


def test_known_urls_cover_link_canonical_and_settled_pages(store: Store) -> None:
    _insert(store, _article(aliases=("https://news.example/redirected",)))
    ledger.record_page(store, "wire", "https://news.example/gone", "gone", "HTTP 404", 404)
    asked = ["https://news.example/a/1", "https://news.example/a/1?utm_source=x",
             "https://news.example/redirected", "https://news.example/gone",
             "https://news.example/new"]
    assert ledger.known_urls(store, asked) == set(asked[:4])


def test_record_page_reports_whether_it_was_new(store: Store) -> None:
    assert ledger.record_page(store, "wire", "https://news.example/p", "non_article", "too short", 200)
    assert not ledger.record_page(store, "wire", "https://news.example/p", "non_article", "x", 200)


def test_validators_round_trip_and_304_keeps_them(store: Store) -> None:
    url = "https://news.example/feed.xml"
    sources.save_validators(store, "wire", {url: (200, '"v1"', "Wed, 18 Nov 2026 09:00:00 GMT")})
    sources.save_validators(store, "wire", {url: (304, None, None)})
    assert sources.validators(store, "wire") == {url: ('"v1"', "Wed, 18 Nov 2026 09:00:00 GMT")}


def test_source_results_count_consecutive_failures(store: Store) -> None:
    sources.record_result(store, "wire", False, "HTTP 500", 0, "failed")
    sources.record_result(store, "wire", False, "HTTP 500", 0, "failed")
    (row, _count), = sources.with_article_counts(store)
    assert row.consecutive_failures == 2 and row.last_error == "HTTP 500"
    sources.record_result(store, "wire", True, None, 3, "ok")
    (row, _count), = sources.with_article_counts(store)
    assert row.consecutive_failures == 0 and row.last_new_article_at is not None


def test_crawl_runs_are_recorded(store: Store) -> None:
    run = runs.start(store, ["wire"])
    runs.finish(store, run, "finished", {"newsmon/articles_new": 3})
    with store.read() as s:
        (last,) = s.scalars(select(CrawlRun))
    assert last.status == "finished" and last.stats == {"newsmon/articles_new": 3}
    assert last.finished_at is not None and last.finished_at >= last.started_at


def test_many_articles_export_in_batches(store: Store) -> None:
    for i in range(1205):
        _insert(store, _article(f"https://news.example/a/{i}"))
    ids = [a.id for a, _ in articles.with_source_names(store, batch=500)]
    assert len(ids) == 1205 and ids == sorted(ids)
