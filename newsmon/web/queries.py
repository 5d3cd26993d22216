"""The reads the pages, feeds and API make, each in one short read transaction. Rows come
back as plain dataclasses and dicts, so nothing lazy-loads after the session closes."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import func, select

from newsmon.models import Alert, Article, Source, Story, utcnow
from newsmon.store import Store
from newsmon.web import search
from newsmon.web.filters import StoryFilter


@dataclass
class StoryRow:
    id: int
    title: str | None
    moves: list[dict[str, Any]]
    languages: list[str]
    article_count: int
    first_seen: datetime
    last_seen: datetime
    updated: datetime  # when it last grew: its newest member's fetch time
    sources: list[str] = field(default_factory=list)


def _story_row(st: Story) -> StoryRow:
    return StoryRow(st.id, st.title, list(st.moves or []), list(st.languages or []),
                    st.article_count, st.first_seen, st.last_seen, st.last_seen)


def list_stories(store: Store, f: StoryFilter, limit: int = 50,
                 offset: int = 0) -> tuple[list[StoryRow], bool]:
    """One page of stories, newest first (last seen), and whether there are more."""
    dialect = store.engine.dialect.name
    with store.read() as s:
        found = list(s.scalars(select(Story).where(*search.where(dialect, f))
                               .order_by(Story.last_seen.desc(), Story.id.desc())
                               .limit(limit + 1).offset(offset)))
        rows = [_story_row(st) for st in found[:limit]]
        _add_members(s, rows)
    return rows, len(found) > limit


def _add_members(s: Any, rows: list[StoryRow]) -> None:
    """Each story's source names and when it last grew, in one query for the page."""
    by_id = {r.id: r for r in rows}
    if not by_id:
        return
    for sid, name, fetched in s.execute(
            select(Article.story_id, Source.name, Article.fetched_at)
            .outerjoin(Source, Source.id == Article.source_id)
            .where(Article.story_id.in_(by_id))):
        row = by_id[sid]
        if name and name not in row.sources:
            row.sources.append(name)
        if fetched and fetched > row.updated:
            row.updated = fetched


@dataclass
class ArticleRow:
    id: int
    story_id: int | None
    url: str
    title: str | None
    source: str | None
    language: str | None
    published: datetime | None
    fetched_at: datetime
    duplicate_of: int | None
    kind: str  # original | copy | translation

    def as_dict(self) -> dict[str, Any]:
        return {k: (v.isoformat() if isinstance(v, datetime) else v)
                for k, v in self.__dict__.items()}


def _kind(duplicate_of: int | None, dedup: dict[str, Any] | None) -> str:
    if duplicate_of is None:
        return "original"
    return "translation" if (dedup or {}).get("kind") == "translation" else "copy"


def _article_query() -> Any:
    return (select(Article.id, Article.story_id, Article.url, Article.title, Source.name,
                   Article.language, Article.published, Article.fetched_at,
                   Article.duplicate_of, Article.dedup)
            .outerjoin(Source, Source.id == Article.source_id))


def _article_row(r: Any) -> ArticleRow:
    return ArticleRow(r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], r[8], _kind(r[8], r[9]))


def story(store: Store, story_id: int) -> tuple[StoryRow, list[ArticleRow], int | None] | None:
    """A story, its articles (oldest published first) and the story it was merged into."""
    with store.read() as s:
        st = s.get(Story, story_id)
        if st is None:
            return None
        row = _story_row(st)
        arts = [_article_row(r) for r in s.execute(
            _article_query().where(Article.story_id == story_id)
            .order_by(Article.published, Article.id))]
    for a in arts:
        row.updated = max(row.updated, a.fetched_at)
        if a.source and a.source not in row.sources:
            row.sources.append(a.source)
    return row, arts, st.merged_into


def articles(store: Store, story_id: int | None, limit: int, offset: int) -> list[ArticleRow]:
    """Stored articles, newest fetched first (of one story when given)."""
    q = _article_query().order_by(Article.id.desc()).limit(limit).offset(offset)
    if story_id is not None:
        q = q.where(Article.story_id == story_id)
    with store.read() as s:
        return [_article_row(r) for r in s.execute(q)]


def sources_health(store: Store, days: int = 7) -> list[dict[str, Any]]:
    """Each source row with its stored articles and new articles per day over `days`."""
    since = utcnow() - timedelta(days=days)
    with store.read() as s:
        totals = dict(s.execute(select(Article.source_id, func.count())
                                .group_by(Article.source_id)).all())
        recent: dict[int, list[int]] = defaultdict(lambda: [0] * days)
        for sid, fetched in s.execute(select(Article.source_id, Article.fetched_at)
                                      .where(Article.fetched_at >= since)):
            if sid is not None:
                age = min(days - 1, max(0, (utcnow() - fetched).days))
                recent[sid][days - 1 - age] += 1
        rows = list(s.scalars(select(Source).order_by(Source.name)))
        return [{"name": r.name, "url": r.url, "type": r.type, "last_run_at": r.last_run_at,
                 "last_status": r.last_status, "last_error": r.last_error,
                 "consecutive_failures": r.consecutive_failures,
                 "last_new_article_at": r.last_new_article_at, "health": r.health,
                 "health_reason": r.health_reason, "next_run_at": r.next_run_at,
                 "articles": totals.get(r.id, 0), "per_day": recent[r.id],
                 "per_day_mean": round(sum(recent[r.id]) / days, 2)} for r in rows]


def outbox(store: Store, status: str | None = None, limit: int = 200) -> list[dict[str, Any]]:
    """Alerts not yet sent (pending, failed = pending after a failed try, dead), newest
    first, with their story's title; `status` picks one of the three."""
    q = (select(Alert, Story.title).outerjoin(Story, Story.id == Alert.story_id)
         .order_by(Alert.id.desc()).limit(limit))
    if status == "failed":
        q = q.where(Alert.status == "pending", Alert.attempts > 0)
    elif status == "pending":
        q = q.where(Alert.status == "pending", Alert.attempts == 0)
    elif status == "dead":
        q = q.where(Alert.status == "dead")
    else:
        q = q.where(Alert.status.in_(("pending", "dead")))
    with store.read() as s:
        return [{"id": a.id, "story_id": a.story_id, "title": title, "channel": a.channel,
                 "event": a.event, "attempts": a.attempts, "last_error": a.last_error,
                 "next_attempt_at": a.next_attempt_at, "created_at": a.created_at,
                 "status": "failed" if a.status == "pending" and a.attempts else a.status}
                for a, title in s.execute(q)]


def outbox_counts(store: Store) -> dict[str, int]:
    with store.read() as s:
        rows = s.execute(select(Alert.status, Alert.attempts, func.count())
                         .where(Alert.status.in_(("pending", "dead")))
                         .group_by(Alert.status, Alert.attempts)).all()
    counts = {"pending": 0, "failed": 0, "dead": 0}
    for status, attempts, n in rows:
        counts["failed" if status == "pending" and attempts else status] += n
    return counts


def moves_between(store: Store, since: datetime | None,
                  until: datetime | None) -> list[tuple[int, str | None, datetime,
                                                        list[dict[str, Any]]]]:
    """(story id, title, first seen, moves) of the live stories first seen in the period."""
    q = select(Story.id, Story.title, Story.first_seen, Story.moves).where(
        Story.merged_into.is_(None)).order_by(Story.first_seen)
    if since:
        q = q.where(Story.first_seen >= since)
    if until:
        q = q.where(Story.first_seen < until)
    with store.read() as s:
        return [(i, t, fs, list(m or [])) for i, t, fs, m in s.execute(q)]
