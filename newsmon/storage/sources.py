"""Source rows: synced to the config, their conditional-GET validators (fetch state), each
crawl's outcome, when each was last and will next be crawled, and their health."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from newsmon.models import Article, FetchState, Source, utcnow

if TYPE_CHECKING:
    from newsmon.config import SourceConfig
    from newsmon.store import Store


def sync(store: Store, configured: Iterable[SourceConfig]) -> dict[str, int]:
    """Make a row for every configured source (URL and type follow the config)."""
    with store.write() as s:
        for src in configured:
            row = s.scalar(select(Source).where(Source.name == src.name))
            if row is None:
                row = Source(name=src.name, url=src.url, type=src.type)
                s.add(row)
            else:
                row.url, row.type = src.url, src.type
            s.flush()
            store.source_ids[src.name] = row.id
    return dict(store.source_ids)


def source_id(store: Store, name: str, s: Session | None = None) -> int | None:
    """Cached on the store; looked up in `s` when given (in a write: its connection, not a
    second one)."""
    if name not in store.source_ids:
        query = select(Source.id).where(Source.name == name)
        if s is not None:
            sid = s.scalar(query)
        else:
            with store.read() as r:
                sid = r.scalar(query)
        if sid is None:
            return None
        store.source_ids[name] = sid
    return store.source_ids[name]


def validators(store: Store, source: str) -> dict[str, tuple[str | None, str | None]]:
    """ETag and Last-Modified per listing URL of a source, for conditional GET."""
    sid = source_id(store, source)
    with store.read() as s:
        rows = s.execute(select(FetchState.url, FetchState.etag, FetchState.last_modified)
                         .where(FetchState.source_id == sid)).all()
    return {u: (e, lm) for u, e, lm in rows}


def save_validators(store: Store, source: str,
                    entries: dict[str, tuple[int, str | None, str | None]]) -> None:
    """Each listing's (status, ETag, Last-Modified); a 304 keeps the validators it had."""
    sid = source_id(store, source)
    if sid is None or not entries:
        return
    now = utcnow()
    with store.write() as s:
        for url, (status, etag, last_modified) in entries.items():
            row = s.scalar(select(FetchState).where(FetchState.source_id == sid,
                                                    FetchState.url == url))
            if row is None:
                row = FetchState(source_id=sid, url=url)
                s.add(row)
            if status != 304:
                row.etag, row.last_modified = etag, last_modified
            row.last_status, row.fetched_at = status, now


def record_result(store: Store, source: str, ok: bool, error: str | None,
                  new_articles: int, status: str) -> None:
    """A crawl's outcome for the source; failures in a row are counted for the health check."""
    now = utcnow()
    with store.write() as s:
        row = s.scalar(select(Source).where(Source.name == source))
        if row is None:
            return
        row.last_run_at = now
        row.last_status = status
        row.last_error = error
        row.consecutive_failures = 0 if ok else row.consecutive_failures + 1
        if new_articles:
            row.last_new_article_at = now


def with_article_counts(store: Store) -> list[tuple[Source, int]]:
    """Every source row (detached) by name, with how many articles it has stored."""
    with store.read() as s:
        counts = dict(s.execute(select(Article.source_id, func.count())
                                .group_by(Article.source_id)).all())
        rows = list(s.scalars(select(Source).order_by(Source.name)))
        for r in rows:
            s.expunge(r)
    return [(r, counts.get(r.id, 0)) for r in rows]


def by_name(s: Session) -> dict[str, Source]:
    """Every source row by its name."""
    return {r.name: r for r in s.scalars(select(Source))}


def named(s: Session, names: Collection[str]) -> list[Source]:
    """The rows of these sources (those that have one)."""
    return list(s.scalars(select(Source).where(Source.name.in_(names))))


def set_health(row: Source, state: str, reason: str | None) -> None:
    """Record a source's health on its row (written when the caller's transaction commits)."""
    row.health, row.health_reason = state, reason


def last_run_times(store: Store) -> dict[str, datetime]:
    """When each source that has run was last crawled."""
    with store.read() as s:
        return {n: t for n, t in s.execute(select(Source.name, Source.last_run_at))
                if t is not None}


def save_next_runs(store: Store, next_runs: Mapping[str, datetime | None]) -> None:
    """Every source's next run: the one given for its name, else none."""
    with store.write() as s:
        for row in s.scalars(select(Source)):
            row.next_run_at = next_runs.get(row.name)


def clear_next_runs(s: Session) -> None:
    """No source has a next run (no daemon schedules them)."""
    s.execute(update(Source).values(next_run_at=None))
