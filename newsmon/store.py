"""Reads and writes of crawl data. Every write is one short transaction, idempotent where a
crash and a re-run could repeat it (articles are keyed by canonical URL)."""

from __future__ import annotations

import asyncio
import contextlib
import uuid
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import datetime
from typing import Any, TypeVar

from sqlalchemy import Engine, func, insert, select, text, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from newsmon import stories
from newsmon.config import SourceConfig
from newsmon.db import open_database
from newsmon.dedup import index as dedup_index
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


def wants(channel: Any, art: Article) -> bool:
    """A channel's filters (languages, organisations, minimum score) on a story's first article."""
    if getattr(channel, "languages", ()) and art.language not in channel.languages:
        return False
    orgs = {o.casefold() for o in getattr(channel, "organisations", ())}
    if orgs and not any((m.get(k) or "").casefold() in orgs
                        for m in art.moves or [] for k in ("from", "to")):
        return False
    score = float((art.relevance or {}).get("score") or 0.0)
    return score >= getattr(channel, "min_score", 0.0)


class Store:
    """The crawl's window on the database.

    The `a*` coroutine wrappers run each call on one dedicated thread: the reactor never
    waits on the database, and SQLite sees a single writer from this process.
    """

    def __init__(self, engine: Engine):
        self.engine = engine
        self._executor: ThreadPoolExecutor | None = None
        self._source_ids: dict[str, int] = {}
        self.channels: tuple[Any, ...] = ()  # alert channel configs a new story is queued for

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

    def source_id(self, name: str) -> int | None:
        if name not in self._source_ids:
            with self.read() as s:
                sid = s.scalar(select(Source.id).where(Source.name == name))
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

    def store_article(self, art: NewArticle) -> tuple[int, bool]:
        """Insert unless the canonical URL is known; returns (article id, created)."""
        sid = self.source_id(art.source)
        values = {
            "source_id": sid, "url": art.url, "canonical_url": art.canonical_url,
            "title": art.title, "text": art.text, "language": art.language,
            "published": art.published, "authors": art.authors, "site_name": art.site_name,
            "description": art.description, "syndicated_from": art.syndicated_from,
            "content_hash": art.content_hash, "word_count": art.word_count,
            "fetched_at": utcnow(),
            **_relevance_columns(art.relevance),
        }
        with self.write() as s:
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
            if created and art.fingerprint is not None:
                self._dedupe(s, new_id, art.fingerprint)
        return new_id, created

    def replay_dedup(self, s: Session, article_id: int, fp: dict[str, Any]) -> None:
        """The dedup decision and story of a stored article, replayed in id order by
        `newsmon restory` (only earlier articles count as already seen)."""
        self._dedupe(s, article_id, fp, earlier_only=True)

    def _dedupe(self, s: Session, article_id: int, fp: dict[str, Any],
                earlier_only: bool = False) -> None:
        """Duplicate-or-original and story, in the transaction that stores the article."""
        if self.engine.dialect.name == "postgresql":  # one dedup decision at a time
            s.execute(text("SELECT pg_advisory_xact_lock(7243001)"))
        art = s.get(Article, article_id)
        assert art is not None
        art.entities = fp.get("entities") or []
        art.story_signals = fp.get("lead")
        s.flush()
        decision = dedup_index.decide(s, art, fp, earlier_only=earlier_only)
        art.duplicate_of = decision.duplicate_of
        art.dedup = decision.to_dict()
        if decision.supersedes is not None:
            dedup_index.repoint(s, art, decision.supersedes, decision)
        for other in decision.also_supersedes:
            dedup_index.repoint(s, art, other, decision, kind="translation")
        dedup_index.index(s, art, fp)
        self._place_in_story(s, art, decision.supersedes)

    def _place_in_story(self, s: Session, art: Article, copy_of_me: int | None = None) -> None:
        if not art.relevant:
            return
        when = art.published or art.fetched_at or utcnow()
        for other in (art.duplicate_of, copy_of_me):  # an article and its copies: one story
            if other is None:
                continue
            root = s.get(Article, other)
            if root is not None and stories.join_duplicate(s, art, root, when) is not None:
                return  # a copy is never news, not even an update
        if art.story_signals is None:  # classified after it was stored (`reclassify`)
            from newsmon.stories.signals import lead_signals

            art.story_signals = lead_signals(art.title, art.text, art.language)
        placed = stories.assign(s, art, when)
        art.dedup = {**(art.dedup or {}), "story": {
            "created": placed.created, "score": round(placed.score, 3),
            "matched": placed.matched, "merged": placed.merged, **placed.explain}}
        if placed.created:
            self.queue_alerts(s, placed.story_id, "story.created", art)
        else:
            self.queue_alerts(s, placed.story_id, "story.updated", art)

    def queue_alerts(self, s: Session, story_id: int, event: str, art: Article) -> None:
        """Outbox rows, in the caller's transaction: the story and its alerts commit together."""
        from newsmon.alerts.schedule import first_attempt

        chosen = [c for c in self.channels if wants(c, art)
                  and (event == "story.created" or getattr(c, "updates", "none") != "none")]
        if not chosen:
            return
        now = utcnow()
        s.execute(self._insert(Alert).values([
            {"story_id": story_id, "channel": c.name, "event": event, "article_id": art.id,
             "key": f"msg_{uuid.uuid4().hex}", "status": "pending", "attempts": 0,
             "next_attempt_at": first_attempt(c, now, event), "created_at": now}
            for c in chosen
        ]).on_conflict_do_nothing(
            index_elements=["story_id", "channel", "event", "article_id"]))

    def assign_missing_stories(self) -> int:
        """Stories for relevant articles that have none (after `reclassify`), oldest first."""
        done = 0
        while True:
            with self.write() as s:
                ids = list(s.scalars(select(Article.id).where(
                    Article.relevant.is_(True), Article.story_id.is_(None))
                    .order_by(Article.published, Article.id).limit(200)))
                for aid in ids:
                    art = s.get(Article, aid)
                    if art is not None:
                        self._place_in_story(s, art)
                        if art.story_id is None:  # nothing to join: keep it from looping
                            return done
                        done += 1
            if not ids:
                return done

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
