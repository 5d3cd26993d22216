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

from newsmon.models import utcnow
from newsmon.storage import articles, runs
from newsmon.storage.maintenance import maintain
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
            report.texts_dropped = articles.drop_old_irrelevant_text(s, cutoff)
            report.runs_deleted = runs.delete_finished_before(s, cutoff)
    maintain(store)
    logger.info("%s", report)
    return report

