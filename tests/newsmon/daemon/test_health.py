"""Source health: failing streaks, and silence judged against the source's own rhythm."""

from __future__ import annotations

import re
import textwrap
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from newsmon.daemon.health import assess, usual_gap
from tests.conftest import toml_value
from tests.smtpinbox import Inbox, parts
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


def failing_source(tmp_path: Path, channel: dict[str, Any],
                   error: str = "HTTP 503 from the feed", checks: int = 3) -> None:
    """A source whose crawls fail `checks` times (the threshold is 3), the daemon judging its
    health after each; the health channel is "ops", an [[alerts]] table of these keys."""
    from newsmon.config import parse_config
    from newsmon.daemon.runner import Daemon
    from newsmon.storage import sources
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
        name = "ops"
        """) + "".join(f"{k} = {toml_value(v)}\n" for k, v in channel.items())
    cfg = parse_config(text, str(tmp_path / "newsmon.toml"))
    store = Store.open(cfg.database.url)
    try:
        sources.sync(store, cfg.sources)
        daemon = Daemon(cfg, text, store)
        for _ in range(checks):
            sources.record_result(store, "flaky", False, error, 0, "failed")
            daemon._check_health(["flaky"])
    finally:
        store.close()


def test_operator_told_once_when_a_source_turns_failing(tmp_path: Path,
                                                        webhook_receiver: Receiver) -> None:
    failing_source(tmp_path, {"type": "webhook", "url": webhook_receiver.url, "secret": SECRET},
                   checks=4)  # the 4th: still failing, not told again
    assert len(webhook_receiver.requests) == 1
    body = webhook_receiver.requests[0]["body"]
    assert body["type"] == "source.unhealthy"
    assert body["data"]["sources"][0]["name"] == "flaky"
    flaky = body["data"]["sources"][0]
    assert "3 crawls failed" in flaky["problem"]
    assert flaky["health"] == "failing" and flaky["reason"].startswith("3 crawls failed")
    assert flaky["last_run"] and flaky["watched_since"] and flaky["last_new_article"] is None


WHEN = r"\d{4}-\d\d-\d\d \d\d:\d\d UTC"
HOSTILE_ERROR = "HTTP 503 <script>alert(1)</script>\r\nBcc: victim@example.com"


def test_email_operator_gets_the_health_notice(tmp_path: Path, smtp: tuple[Inbox, int]) -> None:
    inbox, port = smtp
    failing_source(tmp_path, {"type": "email", "smtp_url": f"smtp://127.0.0.1:{port}",
                              "from": "newsmon@example.com", "to": ["ops@example.com"]},
                   error=HOSTILE_ERROR)
    assert len(inbox.messages) == 1
    msg = inbox.messages[0]
    assert msg["Subject"] == "[newsmon] source unhealthy: flaky (failing)"
    assert msg["Bcc"] is None and "victim" not in str(msg.get_all("To"))
    text, html = parts(msg)
    for body in (text, html):
        assert re.search(f"flaky turned failing at {WHEN}", body)
        assert "3 crawls failed in a row; last error: HTTP 503" in body
        assert re.search(f"no article since it was added on {WHEN}", body)
        assert "https://flaky.example/feed.xml" in body
    assert "<script>" not in html and "&lt;script&gt;" in html


def test_apprise_operator_gets_the_health_notice(tmp_path: Path,
                                                 webhook_receiver: Receiver) -> None:
    url = webhook_receiver.url.replace("http://", "json://")
    failing_source(tmp_path, {"type": "apprise", "urls": [url]})
    assert len(webhook_receiver.requests) == 1
    body = webhook_receiver.requests[0]["body"]
    assert body["title"] == "[newsmon] source unhealthy: flaky (failing)"
    assert re.search(f"flaky turned failing at {WHEN}", body["message"])
    assert "3 crawls failed in a row; last error: HTTP 503 from the feed" in body["message"]
    assert re.search(f"no article since it was added on {WHEN}", body["message"])
