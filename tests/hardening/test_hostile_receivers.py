"""Hostile webhook receivers: a real local HTTP server answering 503 or 429 with a Retry-After
that is no number (`³`: a digit to str.isdigit(), not to float()), out of range or broken. The
send is a failure with a usable wait or none, never an exception out of the sender (which
would stop the outbox's whole pass)."""

from __future__ import annotations

import pytest

from newsmon.alerts import webhook
from tests.hardening.test_fuzz import HOSTILE_RETRY_AFTER
from tests.webhookreceiver import Receiver


def _on_the_wire(value: str | bytes) -> str:
    """The header's bytes as the receiver's str (http.server writes headers as latin-1): a
    value beyond latin-1 goes as its UTF-8 bytes, as a receiver writing UTF-8 sends it."""
    if isinstance(value, bytes):
        return value.decode("latin-1")
    try:
        value.encode("latin-1")
    except UnicodeEncodeError:
        return value.encode("utf-8").decode("latin-1")
    return value


WIRE = [_on_the_wire(v) for v in HOSTILE_RETRY_AFTER]


@pytest.mark.parametrize("status", [503, 429])
def test_hostile_retry_after_is_a_failure_not_a_crash(webhook_receiver: Receiver,
                                                      status: int) -> None:
    webhook_receiver.script = [(status, {"Retry-After": value}) for value in WIRE]
    for value in WIRE:  # one receiver for all (starting one per value costs 0.3 s)
        outcome = webhook.post(webhook_receiver.url, None, "msg_hostile", b"{}", 5)
        assert not outcome.ok and outcome.status == status, (value, outcome)
        assert outcome.error == f"HTTP {status}" and not outcome.disable, (value, outcome)
        assert outcome.retry_after is None or outcome.retry_after >= 0, (value, outcome)
    assert len(webhook_receiver.requests) == len(WIRE)
    assert webhook_receiver.script == []
