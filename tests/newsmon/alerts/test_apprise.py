"""Apprise channels through the same outbox: a json:// URL posting to a local receiver."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsmon.alerts.apprise_sender import http_equivalent
from newsmon.alerts.outbox import deliver
from newsmon.alerts.targets import check_target
from newsmon.config import parse_config
from newsmon.netpolicy import RefusedAddress
from newsmon.store import Store
from tests.newsmon.alerts.test_webhook import alerts, store_story
from tests.webhookreceiver import Receiver


def apprise_config(tmp_path: Path, url: str, extra: str = "") -> object:
    text = f"""
[database]
url = "sqlite:///{tmp_path / 'n.db'}"
[crawl]
allow_private_addresses = true
[[sources]]
name = "wire"
url = "https://news.example/feed.xml"
type = "feed"
[[alerts]]
type = "apprise"
name = "chat"
settle = "0s"
urls = ["{url}"]
backoff = "10ms"
{extra}
"""
    return parse_config(text, str(tmp_path / "newsmon.toml"))


def test_apprise_channel_delivers_through_the_outbox(tmp_path: Path,
                                                     webhook_receiver: Receiver) -> None:
    webhook_receiver.script = [500]  # one failure, retried by the outbox
    url = webhook_receiver.url.replace("http://", "json://")
    cfg = apprise_config(tmp_path, url)
    store: Store = store_story(cfg)  # type: ignore[arg-type]
    try:
        report = deliver(store, cfg, budget=5)  # type: ignore[arg-type]
        rows = alerts(store)
    finally:
        store.close()
    assert report.sent == 1 and rows[0].attempts == 2
    assert len(webhook_receiver.requests) == 2
    body = webhook_receiver.requests[-1]["body"]
    assert "Priya Nair joins Anthropic" in body["title"]
    assert "https://news.example/nair" in body["message"]


def test_apprise_http_urls_obey_the_address_policy() -> None:
    assert http_equivalent("jsons://hooks.example.com/x") == "https://hooks.example.com/x"
    assert http_equivalent("slack://T000/B000/XXX") is None
    with pytest.raises(RefusedAddress):
        check_target(http_equivalent("json://169.254.169.254/x") or "", False)


def test_a_bad_apprise_url_is_a_config_error_that_does_not_echo_it(tmp_path: Path) -> None:
    from newsmon.config import ConfigError

    with pytest.raises(ConfigError) as info:
        apprise_config(tmp_path, "not-a-url-with-token-SECRET123")
    assert "not an Apprise URL" in str(info.value.problems)
    assert "SECRET123" not in str(info.value.problems)
