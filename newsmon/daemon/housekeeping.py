"""Keeping a months-old database small and fast.

Irrelevant articles keep their row (URL, hash, decision), so they are never fetched again,
but lose their text after the retention period; old crawl-run records go. Then the
database's own upkeep: SQLite checkpoints its WAL and refreshes planner statistics,
PostgreSQL analyses.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import delete, or_, text, update

from newsmon.models import Article, CrawlRun, utcnow
from newsmon.store import Store

logger = logging.getLogger(__name__)


@dataclass
class HousekeepingReport:
    texts_dropped: int = 0
    runs_deleted: int = 0

    def __str__(self) -> str:
        return (f"housekeeping: dropped the text of {self.texts_dropped} old irrelevant "
                f"articles, deleted {self.runs_deleted} old crawl-run records")


def housekeep(store: Store, retention: float) -> HousekeepingReport:
    report = HousekeepingReport()
    if retention > 0:
        cutoff = utcnow() - timedelta(seconds=retention)
        with store.write() as s:
            report.texts_dropped = s.execute(
                update(Article)
                .where(or_(Article.relevant.is_(False), Article.relevant.is_(None)),
                       Article.story_id.is_(None), Article.fetched_at < cutoff,
                       Article.text != "")
                .values(text="", entities=None)).rowcount or 0
            report.runs_deleted = s.execute(
                delete(CrawlRun).where(CrawlRun.started_at < cutoff,
                                       CrawlRun.status != "running")).rowcount or 0
    maintain(store)
    logger.info("%s", report)
    return report


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
