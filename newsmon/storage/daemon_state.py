"""The daemon's own row (there is one, id 1): who runs, since when, its last heartbeat."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import update
from sqlalchemy.orm import Session

from newsmon.models import DaemonState, utcnow
from newsmon.storage import sources

if TYPE_CHECKING:
    from newsmon.store import Store


def current(s: Session) -> DaemonState | None:
    """The running or last daemon's row, None when no daemon ever ran on the database."""
    return s.get(DaemonState, 1)


def mark_started(store: Store, pid: int, host: str, config_path: str) -> None:
    now = utcnow()
    with store.write() as s:
        row = s.get(DaemonState, 1)
        if row is None:
            row = DaemonState(id=1)
            s.add(row)
        row.pid, row.host, row.config_path = pid, host, config_path
        row.started_at = row.heartbeat_at = now
        row.stopped_at = None


def beat(store: Store) -> None:
    """The daemon is alive now."""
    with store.write() as s:
        s.execute(update(DaemonState).where(DaemonState.id == 1)
                  .values(heartbeat_at=utcnow()))


def mark_stopped(store: Store) -> None:
    """The daemon stopped now; in the same transaction no source has a next run any more."""
    with store.write() as s:
        s.execute(update(DaemonState).where(DaemonState.id == 1)
                  .values(stopped_at=utcnow(), heartbeat_at=utcnow()))
        sources.clear_next_runs(s)
