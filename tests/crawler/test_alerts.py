"""End to end: `newsmon crawl` over the fixture web with a webhook channel. One alert per story
(never per copy or translation), and a receiver that is failing during a pass gets every alert
on the next pass, each exactly once."""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

from tests.conftest import export_articles, run_newsmon, write_config
from tests.webhookreceiver import SECRET, Receiver


def test_one_alert_per_story_delivered_after_an_outage(tmp_path: Path, fixture_web: Any,
                                                       webhook_receiver: Receiver) -> None:
    webhook_receiver.script = [503] * 100  # failing for the whole first pass
    config = write_config(tmp_path / "newsmon.toml", f"sqlite:///{tmp_path / 'n.db'}",
                          fixture_web.sources, alerts=[{
                              "type": "webhook", "name": "hook", "url": webhook_receiver.url,
                              "secret": SECRET, "backoff": "1s", "max_attempts": 5}])
    first = run_newsmon("crawl", "--config", str(config), "--alert-wait", "0",
                        "--summary-json", str(tmp_path / "s1.json"), check=True)
    s1 = json.loads((tmp_path / "s1.json").read_text())
    articles = export_articles(config)
    stories = {a["story_id"] for a in articles if a["story_id"] is not None}
    assert stories and s1["alerts"]["sent"] == 0
    assert s1["alerts"]["pending"] == len(stories), first.stdout
    attempts_in_pass_1 = len(webhook_receiver.requests)
    assert attempts_in_pass_1 == len(stories)

    webhook_receiver.script = []  # back up
    time.sleep(1.5)  # the retry time (1s +-20%) passes
    run_newsmon("crawl", "--config", str(config), "--alert-wait", "5",
                "--summary-json", str(tmp_path / "s2.json"), check=True)
    s2 = json.loads((tmp_path / "s2.json").read_text())
    delivered = webhook_receiver.requests[attempts_in_pass_1:]
    assert s2["alerts"]["sent"] == len(stories) and s2["alerts"]["pending"] == 0
    assert all(webhook_receiver.verified)
    got = [r["body"]["data"]["story"]["id"] for r in delivered]
    assert sorted(got) == sorted(stories)  # one alert per story, none per copy
    ids_pass_1 = {r["headers"]["webhook-id"] for r in webhook_receiver.requests[
        :attempts_in_pass_1]}
    assert {r["headers"]["webhook-id"] for r in delivered} == ids_pass_1  # same keys on retry

    run_newsmon("crawl", "--config", str(config), "--alert-wait", "2", check=True)
    assert len(webhook_receiver.requests) == attempts_in_pass_1 + len(stories)  # never twice
    listing = run_newsmon("alerts", "list", "--config", str(config), check=True).stdout
    assert listing.count(" sent ") == len(stories)
