"""Is a source healthy? Failing crawls, or silence much longer than the source's usual rhythm.

A feed that publishes twice a day and a sitemap that publishes every ten minutes go quiet at
different rates, so staleness is judged against each source's own history of new articles.
"""

from __future__ import annotations

import itertools
import statistics
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from newsmon.units import format_span

MIN_HISTORY = 3  # new-article crawls needed before a source has a rhythm of its own


@dataclass(frozen=True)
class Health:
    state: str  # ok | failing | stale
    reason: str | None = None

    @property
    def ok(self) -> bool:
        return self.state == "ok"


def usual_gap(new_article_times: Sequence[datetime], interval: float) -> float | None:
    """Median seconds between crawls that found something new (articles of one crawl are
    one arrival), or None without enough history."""
    times = sorted(new_article_times)
    arrivals: list[datetime] = []
    for t in times:
        if not arrivals or (t - arrivals[-1]).total_seconds() >= interval / 2:
            arrivals.append(t)
    if len(arrivals) < MIN_HISTORY:
        return None
    return statistics.median((b - a).total_seconds() for a, b in itertools.pairwise(arrivals))


def assess(now: datetime, interval: float, consecutive_failures: int, last_error: str | None,
           last_new_at: datetime | None, watched_since: datetime,
           new_article_times: Sequence[datetime], failure_threshold: int,
           stale_factor: float) -> Health:
    if consecutive_failures >= failure_threshold:
        return Health("failing", f"{consecutive_failures} crawls failed in a row"
                      + (f"; last error: {last_error}" if last_error else ""))
    gap = usual_gap(new_article_times, interval)
    # a source with a rhythm gets stale_factor of its usual gaps (and never fewer intervals);
    # one without gets stale_factor intervals, and at least a day
    if gap is None:
        allowed = max(stale_factor * interval, 86400.0)
    else:
        allowed = stale_factor * max(gap, interval)
    since = last_new_at or watched_since
    quiet = (now - since).total_seconds()
    if quiet > allowed:
        what = "nothing new" if last_new_at else "no article yet"
        usual = f"usually every {format_span(gap)}" if gap is not None else "no history yet"
        return Health("stale", f"{what} for {format_span(quiet)} ({usual})")
    return Health("ok")
