"""The outbox sends through one `Sender` protocol, picked by the channel's `type`."""

from __future__ import annotations

import logging
import sqlite3
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from newsmon.alerts import outbox
from newsmon.alerts.apprise_sender import AppriseSender
from newsmon.alerts.email import EmailSender
from newsmon.alerts.sender import Outcome, Sender
from newsmon.alerts.webhook import WebhookSender
from newsmon.config import WebhookChannelConfig
from newsmon.config.schema import CHANNELS
from newsmon.models import Alert
from tests.newsmon.alerts.test_webhook import alerts, config, store_story


def test_every_channel_type_has_its_sender() -> None:
    assert set(outbox.SENDERS) == set(CHANNELS)
    assert isinstance(outbox.SENDERS["webhook"], WebhookSender)
    assert isinstance(outbox.SENDERS["email"], EmailSender)
    assert isinstance(outbox.SENDERS["apprise"], AppriseSender)


class Recorder:
    def __init__(self) -> None:
        self.calls: list[tuple[Any, str, dict[str, Any], bool]] = []

    def send(self, channel: WebhookChannelConfig, key: str, payload: dict[str, Any], *,
             allow_private: bool) -> Outcome:
        self.calls.append((channel, key, payload, allow_private))
        return Outcome(True, 200)


def test_send_goes_to_the_sender_of_the_channel_type(tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    recorder: Sender[WebhookChannelConfig] = Recorder()
    monkeypatch.setitem(outbox.SENDERS, "webhook", recorder)
    cfg = config(tmp_path, "http://127.0.0.1:9/hook", f"sqlite:///{tmp_path / 'n.db'}")
    payload = {"type": "test", "data": {}}
    assert outbox.send(cfg, cfg.alerts[0], "msg_1", payload).ok
    assert isinstance(recorder, Recorder)
    assert recorder.calls == [(cfg.alerts[0], "msg_1", payload, True)]  # allow_private_addresses


class Buggy:
    """A sender with a programming error in it (what the health notice once met in e-mail)."""

    def __init__(self, bug: type[Exception]) -> None:
        self.bug = bug

    def send(self, channel: WebhookChannelConfig, key: str, payload: dict[str, Any], *,
             allow_private: bool) -> Outcome:
        raise self.bug("no_such_field")


@pytest.mark.parametrize("bug", [KeyError, TypeError])
def test_a_bug_in_a_sender_is_a_failed_attempt_logged_with_its_traceback(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture,
        bug: type[Exception]) -> None:
    monkeypatch.setitem(outbox.SENDERS, "webhook", Buggy(bug))
    cfg = config(tmp_path, "http://127.0.0.1:9/hook", f"sqlite:///{tmp_path / 'n.db'}",
                 extra="max_attempts = 2", backoff="1h")
    store = store_story(cfg)
    try:
        with caplog.at_level(logging.ERROR, logger="newsmon.alerts.outbox"):
            first = outbox.deliver(store, cfg, budget=0)
        assert (first.sent, first.failed, first.dead) == (0, 1, 0)
        [row] = alerts(store)
        assert row.status == "pending" and row.attempts == 1
        assert row.last_error == f"sender error: {bug.__name__} (see the log)"
        logged = [r for r in caplog.records if r.exc_info]
        assert len(logged) == 1 and logged[0].exc_info[0] is bug  # type: ignore[index]
        assert "webhook sender failed on channel hook" in logged[0].getMessage()
        with store.write() as s:  # its retry is due: the policy's max_attempts dead-letters it
            s.query(Alert).update({"next_attempt_at": datetime(2000, 1, 1, tzinfo=UTC)})
        second = outbox.deliver(store, cfg, budget=0)
        assert second.dead == 1
        [row] = alerts(store)
        assert row.status == "dead" and row.attempts == 2
    finally:
        store.close()


def test_an_alert_whose_story_is_gone_is_a_failed_attempt_without_traceback(
        tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    # backoff 1h: with the default 10ms a slow loop finds the retry due and attempts it again
    cfg = config(tmp_path, "http://127.0.0.1:9/hook", f"sqlite:///{tmp_path / 'n.db'}",
                 backoff="1h")
    store = store_story(cfg)
    try:
        [row] = alerts(store)
        # what a story deleted between reading the due alerts and sending one leaves
        with sqlite3.connect(tmp_path / "n.db") as con:
            con.execute("PRAGMA foreign_keys = OFF")
            con.execute("DELETE FROM stories")
        with caplog.at_level(logging.ERROR, logger="newsmon.alerts.outbox"):
            report = outbox.deliver(store, cfg, budget=0)
        assert (report.sent, report.failed) == (0, 1)
        [row] = alerts(store)
        assert row.attempts == 1 and row.last_error == f"story {row.story_id} is gone"
        assert not [r for r in caplog.records if r.exc_info]
    finally:
        store.close()
