"""Story reads for the story view."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from newsmon.models import Story


def live_stories(s: Session) -> list[Story]:
    """Every story not merged into another, last seen first."""
    return list(s.scalars(select(Story).where(Story.merged_into.is_(None))
                          .order_by(Story.last_seen.desc(), Story.id.desc())))
