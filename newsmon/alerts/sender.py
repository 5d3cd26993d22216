"""The one interface the outbox sends through: a `Sender` per channel type.

A sender gets the channel's config, the message's idempotency key (the same on every attempt:
webhook-id, Message-ID) and its payload, and says what happened as an `Outcome`; it never
raises for a failed delivery, and raises `RefusedAddress` for a target the address policy
refuses. Anything else it raises is a bug: the outbox logs it with its traceback and counts a
failed attempt (retried, then dead-lettered). The outbox (newsmon/alerts/outbox.py) picks the
sender by the channel's `type`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Protocol, TypeVar

from newsmon.config import ChannelConfig


@dataclass
class Outcome:
    ok: bool
    status: int | None = None
    error: str | None = None
    retry_after: float | None = None  # seconds, from a Retry-After header
    disable: bool = False  # 410 Gone: the receiver asks never to be called again


C = TypeVar("C", bound=ChannelConfig, contravariant=True)


class Sender(Protocol[C]):
    def send(self, channel: C, key: str, payload: dict[str, Any], *,
             allow_private: bool) -> Outcome:
        """One attempt at delivering `payload` to `channel`. `allow_private` is
        `crawl.allow_private_addresses`, for senders whose targets obey the address policy."""
        ...
