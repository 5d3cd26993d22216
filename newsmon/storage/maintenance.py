"""The database's own upkeep: SQLite checkpoints its WAL and refreshes planner statistics,
PostgreSQL analyses."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import text

if TYPE_CHECKING:
    from newsmon.store import Store


def maintain(store: Store) -> None:
    if store.engine.dialect.name == "sqlite":
        raw = store.engine.raw_connection()  # outside any BEGIN: a checkpoint needs that
        try:
            raw.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            raw.execute("PRAGMA optimize")
        finally:
            raw.close()
    elif store.engine.dialect.name == "postgresql":
        with store.engine.connect() as conn:
            conn.execute(text("ANALYZE"))
            conn.commit()
