"""Reads and writes of crawl data, and no judgement of it: dedup, stories and alerts are the
ingest workflow's (newsmon.ingest), which writes through the session methods here. Every write
is one short transaction, idempotent where a crash and a re-run could repeat it (articles are
keyed by canonical URL)."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import datetime
from typing import Any, TypeVar

from sqlalchemy import Engine, func, insert, select, text, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from newsmon.config import SourceConfig
from newsmon.db import open_database
from newsmon.models import Alert, Article, CrawlRun, FetchState, Page, Source, utcnow

T = TypeVar("T")


@dataclass(frozen=True)
class NewArticle:
    """An extracted article ready to store."""

    source: str
    url: str
    canonical_url: str
    title: str | None
    text: str
    language: str | None
    published: datetime | None
    authors: list[str]
    site_name: str | None
    description: str | None
    syndicated_from: str | None
    content_hash: str
    word_count: int
    aliases: tuple[str, ...] = ()  # other URLs of the same page (after redirects)
    relevance: dict[str, Any] | None = None  # Relevance.to_dict(), None when not classified
    fingerprint: dict[str, Any] | None = None  # newsmon.dedup.fingerprint(), None: not judged


def _relevance_columns(relevance: dict[str, Any] | None) -> dict[str, Any]:
    if relevance is None:
        return {}
    return {
        "relevant": bool(relevance["relevant"]),
        "relevance": {k: v for k, v in relevance.items() if k != "moves"},
        "moves": relevance.get("moves", []),
        "classified_at": utcnow(),
    }


class Store:
    """The crawl's window on the database.

    The `a*` coroutine wrappers run each call on one dedicated thread: the reactor never
    waits on the database, and SQLite sees a single writer from this process.
    """

    def __init__(self, engine: Engine):
        self.engine = engine
        self._executor: ThreadPoolExecutor | None = None
        self._source_ids: dict[str, int] = {}

    @classmethod
    def open(cls, url: str) -> Store:
        return cls(open_database(url))

    def close(self) -> None:
        if self._executor is not None:
            self._executor.shutdown(wait=True)
            self._executor = None
        self.engine.dispose()

    async def run(self, fn: Callable[..., T], *args: Any) -> T:
        if self._executor is None:
            self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="newsmon-db")
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._executor, fn, *args)

    @contextlib.contextmanager
    def write(self) -> Iterator[Session]:
        """A write transaction that takes SQLite's write lock up front (BEGIN IMMEDIATE)."""
        with self.engine.connect() as conn:
            conn = conn.execution_options(immediate=True)
            with conn.begin(), Session(bind=conn) as session:
                yield session
                session.flush()

    def read(self) -> Session:
        return Session(self.engine)

    def _insert(self, model: Any) -> Any:
        dialect = self.engine.dialect.name
        if dialect == "sqlite":
            return sqlite.insert(model)
        if dialect == "postgresql":
            return postgresql.insert(model)
        return insert(model)

    # --- sources and their fetch state ----------------------------------------------------

    def sync_sources(self, sources: Iterable[SourceConfig]) -> dict[str, int]:
        """Make a row for every configured source (URL and type follow the config)."""
        with self.write() as s:
            for src in sources:
                row = s.scalar(select(Source).where(Source.name == src.name))
                if row is None:
                    row = Source(name=src.name, url=src.url, type=src.type)
                    s.add(row)
                else:
                    row.url, row.type = src.url, src.type
                s.flush()
                self._source_ids[src.name] = row.id
        return dict(self._source_ids)

    def source_id(self, name: str, s: Session | None = None) -> int | None:
        """Cached; looked up in `s` when given (in a write: its connection, not a second one)."""
        if name not in self._source_ids:
            query = select(Source.id).where(Source.name == name)
            if s is not None:
                sid = s.scalar(query)
            else:
                with self.read() as r:
                    sid = r.scalar(query)
            if sid is None:
                return None
            self._source_ids[name] = sid
        return self._source_ids[name]

    def validators(self, source: str) -> dict[str, tuple[str | None, str | None]]:
        """ETag and Last-Modified per listing URL of a source, for conditional GET."""
        sid = self.source_id(source)
        with self.read() as s:
            rows = s.execute(select(FetchState.url, FetchState.etag, FetchState.last_modified)
                             .where(FetchState.source_id == sid)).all()
        return {u: (e, lm) for u, e, lm in rows}

    def save_validators(self, source: str, entries: dict[str, tuple[int, str | None, str | None]]
                        ) -> None:
        sid = self.source_id(source)
        if sid is None or not entries:
            return
        now = utcnow()
        with self.write() as s:
            for url, (status, etag, last_modified) in entries.items():
                row = s.scalar(select(FetchState).where(FetchState.source_id == sid,
                                                        FetchState.url == url))
                if row is None:
                    row = FetchState(source_id=sid, url=url)
                    s.add(row)
                if status != 304:
                    row.etag, row.last_modified = etag, last_modified
                row.last_status, row.fetched_at = status, now

    def record_source_result(self, source: str, ok: bool, error: str | None,
                             new_articles: int, status: str) -> None:
        now = utcnow()
        with self.write() as s:
            row = s.scalar(select(Source).where(Source.name == source))
            if row is None:
                return
            row.last_run_at = now
            row.last_status = status
            row.last_error = error
            row.consecutive_failures = 0 if ok else row.consecutive_failures + 1
            if new_articles:
                row.last_new_article_at = now

    # --- the URL ledger and articles -------------------------------------------------------

    def known_urls(self, urls: Iterable[str]) -> set[str]:
        """Which of these canonicalised URLs are settled (stored, non-article or gone)."""
        wanted = list(dict.fromkeys(urls))
        known: set[str] = set()
        with self.read() as s:
            for i in range(0, len(wanted), 500):
                chunk = wanted[i:i + 500]
                known.update(s.scalars(select(Page.url).where(Page.url.in_(chunk))))
                known.update(s.scalars(select(Article.canonical_url)
                                       .where(Article.canonical_url.in_(chunk))))
        return known

    def insert_article(self, s: Session, art: NewArticle) -> tuple[int, bool]:
        """Insert unless the canonical URL is known, in the caller's transaction (the ingest
        workflow judges a new article in the same one); returns (article id, created)."""
        sid = self.source_id(art.source, s)
        values = {
            "source_id": sid, "url": art.url, "canonical_url": art.canonical_url,
            "title": art.title, "text": art.text, "language": art.language,
            "published": art.published, "authors": art.authors, "site_name": art.site_name,
            "description": art.description, "syndicated_from": art.syndicated_from,
            "content_hash": art.content_hash, "word_count": art.word_count,
            "fetched_at": utcnow(),
            **_relevance_columns(art.relevance),
        }
        stmt = (self._insert(Article).values(**values)
                .on_conflict_do_nothing(index_elements=["canonical_url"])
                .returning(Article.id))
        new_id = s.scalar(stmt)
        created = new_id is not None
        if not created:
            new_id = s.scalar(select(Article.id)
                              .where(Article.canonical_url == art.canonical_url))
        for url in {art.url, art.canonical_url, *art.aliases}:
            s.execute(self._insert(Page).values(
                url=url, source_id=sid, kind="article", article_id=new_id,
                http_status=200, first_seen=utcnow(),
            ).on_conflict_do_nothing(index_elements=["url"]))
        return new_id, created

    def lock_dedup(self, s: Session) -> None:
        """One dedup decision at a time across processes: PostgreSQL lets two writers judge two
        copies of one page at once (SQLite's BEGIN IMMEDIATE already serialises them)."""
        if self.engine.dialect.name == "postgresql":
            s.execute(text("SELECT pg_advisory_xact_lock(7243001)"))

    def add_alerts(self, s: Session, rows: list[dict[str, Any]]) -> None:
        """Outbox rows, in the caller's transaction: the story and its alerts commit together.
        A row already queued (same story, channel, event and article) is left as it is."""
        if not rows:
            return
        s.execute(self._insert(Alert).values(rows).on_conflict_do_nothing(
            index_elements=["story_id", "channel", "event", "article_id"]))

    def record_page(self, source: str, url: str, kind: str, reason: str | None,
                    http_status: int | None) -> bool:
        """Settle a URL that is not an article; returns False when it was already settled."""
        with self.write() as s:
            res = s.execute(self._insert(Page).values(
                url=url, source_id=self.source_id(source), kind=kind, reason=reason,
                http_status=http_status, first_seen=utcnow(),
            ).on_conflict_do_nothing(index_elements=["url"]).returning(Page.id))
            return res.scalar() is not None

    def set_relevance(self, article_id: int, relevance: dict[str, Any]) -> None:
        with self.write() as s:
            s.execute(update(Article).where(Article.id == article_id)
                      .values(**_relevance_columns(relevance)))

    def find_article(self, key: str) -> Article | None:
        """By id, URL or canonical URL."""
        with self.read() as s:
            if key.isdigit():
                art = s.get(Article, int(key))
            else:
                art = s.scalar(select(Article).where(Article.canonical_url == key))
                if art is None:
                    art = s.scalar(select(Article).join(Page, Page.article_id == Article.id)
                                   .where(Page.url == key))
            if art is not None:
                s.expunge(art)
            return art

    # --- crawl runs ----------------------------------------------------------------------

    def start_run(self, sources: list[str]) -> int:
        with self.write() as s:
            run = CrawlRun(sources=sources, status="running", stats={}, started_at=utcnow())
            s.add(run)
            s.flush()
            return run.id

    def finish_run(self, run_id: int, status: str, stats: dict[str, Any]) -> None:
        with self.write() as s:
            s.execute(update(CrawlRun).where(CrawlRun.id == run_id)
                      .values(status=status, stats=stats, finished_at=utcnow()))

    # --- reading ---------------------------------------------------------------------------

    def iter_articles(self, batch: int = 500) -> Iterator[tuple[Article, str | None]]:
        """Every article with its source name, in id order, without loading all at once."""
        last = 0
        while True:
            with self.read() as s:
                rows = s.execute(
                    select(Article, Source.name).outerjoin(Source, Article.source_id == Source.id)
                    .where(Article.id > last).order_by(Article.id).limit(batch)
                ).all()
                for art, _ in rows:
                    s.expunge(art)
            if not rows:
                return
            for art, name in rows:
                yield art, name
            last = rows[-1][0].id

    def source_rows(self) -> list[tuple[Source, int]]:
        with self.read() as s:
            counts = dict(s.execute(select(Article.source_id, func.count())
                                    .group_by(Article.source_id)).all())
            rows = list(s.scalars(select(Source).order_by(Source.name)))
            for r in rows:
                s.expunge(r)
        return [(r, counts.get(r.id, 0)) for r in rows]

    def last_runs(self, limit: int = 1) -> list[CrawlRun]:
        with self.read() as s:
            rows = list(s.scalars(select(CrawlRun).order_by(CrawlRun.id.desc()).limit(limit)))
            for r in rows:
                s.expunge(r)
        return rows
