"""Crawl-run records."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete
from sqlalchemy.orm import Session

from newsmon.models import CrawlRun


def delete_finished_before(s: Session, cutoff: datetime) -> int:
    """Delete the records of runs started before `cutoff` that are not running; how many."""
    return s.execute(delete(CrawlRun).where(CrawlRun.started_at < cutoff,
                                            CrawlRun.status != "running")).rowcount or 0
