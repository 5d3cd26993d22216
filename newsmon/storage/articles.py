"""Article reads and writes outside the crawl: recent fetch times, story members, and the
text housekeeping drops."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import Row, or_, select, update
from sqlalchemy.orm import Session

from newsmon.models import Article, Source


def recent_fetch_times(s: Session, source_id: int, limit: int = 50) -> list[datetime]:
    """When the source's newest `limit` articles were fetched, newest first."""
    return list(s.scalars(select(Article.fetched_at)
                          .where(Article.source_id == source_id)
                          .order_by(Article.id.desc()).limit(limit)))


def story_members(s: Session) -> Sequence[Row[Any]]:
    """Every article in a story (id, story_id, url, title, language, published, duplicate_of
    and its source's name), oldest published first."""
    return s.execute(select(Article.id, Article.story_id, Article.url, Article.title,
                            Article.language, Article.published, Article.duplicate_of,
                            Source.name)
                     .outerjoin(Source, Source.id == Article.source_id)
                     .where(Article.story_id.is_not(None))
                     .order_by(Article.published, Article.id)).all()


def drop_old_irrelevant_text(s: Session, cutoff: datetime) -> int:
    """Empty the text (and entities) of articles fetched before `cutoff` that are not relevant
    and in no story; their rows stay. Returns how many lost their text."""
    return s.execute(
        update(Article)
        .where(or_(Article.relevant.is_(False), Article.relevant.is_(None)),
               Article.story_id.is_(None), Article.fetched_at < cutoff,
               Article.text != "")
        .values(text="", entities=None)).rowcount or 0
