"""The alert outbox and channel state: rows queued by the ingest workflow, read by `newsmon
status`, `alerts list` and `export` (sending is newsmon.alerts.outbox's)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import Row, func, select
from sqlalchemy.orm import Session

from newsmon.models import Alert, ChannelState

if TYPE_CHECKING:
    from newsmon.store import Store


def add_alerts(store: Store, s: Session, rows: list[dict[str, Any]]) -> None:
    """Outbox rows, in the caller's transaction: the story and its alerts commit together.
    A row already queued (same story, channel, event and article) is left as it is."""
    if not rows:
        return
    s.execute(store.insert(Alert).values(rows).on_conflict_do_nothing(
        index_elements=["story_id", "channel", "event", "article_id"]))


def backlog(s: Session) -> Sequence[Row[Any]]:
    """(channel, status, count) of the pending and dead alerts."""
    return s.execute(select(Alert.channel, Alert.status, func.count())
                     .where(Alert.status.in_(("pending", "dead")))
                     .group_by(Alert.channel, Alert.status)).all()


def failing_counts(s: Session) -> dict[str, int]:
    """Per channel, the pending alerts that have failed at least once."""
    return dict(s.execute(select(Alert.channel, func.count())
                          .where(Alert.status == "pending", Alert.attempts > 0)
                          .group_by(Alert.channel)).all())


def disabled_channels(s: Session) -> dict[str, str | None]:
    """The disabled channels and why."""
    return {c.name: c.disabled_reason for c in s.scalars(
        select(ChannelState).where(ChannelState.disabled_at.is_not(None)))}


def alerts(store: Store, channel: str | None = None) -> list[Alert]:
    """Every alert (of one channel when named), in id order."""
    with store.read() as s:
        q = select(Alert).order_by(Alert.id)
        if channel:
            q = q.where(Alert.channel == channel)
        return list(s.scalars(q))


def first_sent_at(store: Store) -> dict[int, datetime]:
    """Story id -> when its first alert was delivered (on any channel)."""
    with store.read() as s:
        rows = s.execute(select(Alert.story_id, func.min(Alert.sent_at))
                         .where(Alert.status == "sent").group_by(Alert.story_id)).all()
    return {sid: when for sid, when in rows if when is not None}
