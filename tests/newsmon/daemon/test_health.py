"""Source health: failing streaks, and silence judged against the source's own rhythm."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from newsmon.daemon.health import assess, usual_gap

NOW = datetime(2026, 11, 28, 12, 0, tzinfo=UTC)
HOUR = 3600.0


def _assess(**kw: object) -> object:
    args = {"now": NOW, "interval": 900.0, "consecutive_failures": 0, "last_error": None,
            "last_new_at": NOW - timedelta(hours=1), "watched_since": NOW - timedelta(days=30),
            "new_article_times": [], "failure_threshold": 5, "stale_factor": 10.0}
    args.update(kw)
    return assess(**args)  # type: ignore[arg-type]


def test_articles_of_one_crawl_are_one_arrival() -> None:
    crawl_times = [NOW - timedelta(hours=h) for h in (0, 2, 4, 6)]
    times = [t + timedelta(seconds=s) for t in crawl_times for s in (0, 1, 2)]
    assert usual_gap(times, 900.0) == 2 * HOUR
    assert usual_gap(times[:6], 900.0) is None  # two arrivals: no rhythm yet


def test_failing_after_the_threshold_with_the_last_error() -> None:
    assert _assess(consecutive_failures=4).state == "ok"
    h = _assess(consecutive_failures=5, last_error="HTTP 503")
    assert h.state == "failing" and "5 crawls failed" in h.reason and "HTTP 503" in h.reason


def test_stale_is_relative_to_the_usual_gap() -> None:
    hourly = [NOW - timedelta(hours=h + 1) for h in range(10)]
    fine = _assess(new_article_times=hourly, last_new_at=NOW - timedelta(hours=9))
    assert fine.state == "ok"
    stale = _assess(new_article_times=hourly, last_new_at=NOW - timedelta(hours=11))
    assert stale.state == "stale" and "usually every 1.0h" in stale.reason
    daily = [NOW - timedelta(days=d + 1) for d in range(10)]
    assert _assess(new_article_times=daily, last_new_at=NOW - timedelta(days=3)).state == "ok"


def test_a_new_source_gets_at_least_a_day() -> None:
    young = _assess(last_new_at=None, watched_since=NOW - timedelta(hours=20))
    assert young.state == "ok"
    old = _assess(last_new_at=None, watched_since=NOW - timedelta(days=2))
    assert old.state == "stale" and "no article yet" in old.reason
