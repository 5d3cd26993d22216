"""The outbox sends through one `Sender` protocol, picked by the channel's `type`."""

from __future__ import annotations

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
from tests.newsmon.alerts.test_webhook import config


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
