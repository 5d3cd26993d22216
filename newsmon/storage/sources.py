"""Source rows: when each was last and will next be crawled, and its health."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from newsmon.models import Source

if TYPE_CHECKING:
    from newsmon.store import Store


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
