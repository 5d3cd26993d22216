"""Source health: failing streaks, and silence judged against the source's own rhythm."""

from __future__ import annotations

import textwrap
from datetime import UTC, datetime, timedelta
from pathlib import Path

from newsmon.daemon.health import assess, usual_gap
from tests.webhookreceiver import SECRET, Receiver

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


def test_operator_told_once_when_a_source_turns_failing(tmp_path: Path,
                                                        webhook_receiver: Receiver) -> None:
    from newsmon.config import parse_config
    from newsmon.daemon.runner import Daemon
    from newsmon.store import Store

    text = textwrap.dedent(f"""\
        [database]
        url = "sqlite:///{tmp_path / 'n.db'}"
        [crawl]
        allow_private_addresses = true
        [daemon]
        failure_threshold = 3
        health_channel = "ops"
        [[sources]]
        name = "flaky"
        url = "https://flaky.example/feed.xml"
        type = "feed"
        [[alerts]]
        type = "webhook"
        name = "ops"
        settle = "0s"
        url = "{webhook_receiver.url}"
        secret = "{SECRET}"
        """)
    cfg = parse_config(text, str(tmp_path / "newsmon.toml"))
    store = Store.open(cfg.database.url)
    try:
        store.sync_sources(cfg.sources)
        daemon = Daemon(cfg, text, store)
        for _ in range(3):
            store.record_source_result("flaky", False, "HTTP 503 from the feed", 0, "failed")
            daemon._check_health(["flaky"])
        assert len(webhook_receiver.requests) == 1
        body = webhook_receiver.requests[0]["body"]
        assert body["type"] == "source.unhealthy"
        assert body["data"]["sources"][0]["name"] == "flaky"
        assert "3 crawls failed" in body["data"]["sources"][0]["problem"]
        daemon._check_health(["flaky"])  # still failing: not told again
        assert len(webhook_receiver.requests) == 1
    finally:
        store.close()
