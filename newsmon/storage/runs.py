"""Crawl-run records: one per crawl, from its start to its outcome and stats."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import delete, update
from sqlalchemy.orm import Session

from newsmon.models import CrawlRun, utcnow

if TYPE_CHECKING:
    from newsmon.store import Store


def start(store: Store, sources: list[str]) -> int:
    """A running crawl of these sources; returns its run id."""
    with store.write() as s:
        run = CrawlRun(sources=sources, status="running", stats={}, started_at=utcnow())
        s.add(run)
        s.flush()
        return run.id


def finish(store: Store, run_id: int, status: str, stats: dict[str, Any]) -> None:
    with store.write() as s:
        s.execute(update(CrawlRun).where(CrawlRun.id == run_id)
                  .values(status=status, stats=stats, finished_at=utcnow()))


def delete_finished_before(s: Session, cutoff: datetime) -> int:
    """Delete the records of runs started before `cutoff` that are not running; how many."""
    return s.execute(delete(CrawlRun).where(CrawlRun.started_at < cutoff,
                                            CrawlRun.status != "running")).rowcount or 0
