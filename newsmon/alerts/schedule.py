"""When an alert is first due: now, or at the channel's next daily digest in its time zone."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo


def next_digest(digest_at: str, timezone: str, now: datetime) -> datetime:
    """The next local `digest_at` strictly after `now` (DST-aware), in UTC."""
    tz = ZoneInfo(timezone)
    hour, minute = (int(x) for x in digest_at.split(":"))
    local = now.astimezone(tz)
    for days in range(0, 3):
        day = (local + timedelta(days=days)).date()
        candidate = datetime.combine(day, time(hour, minute), tzinfo=tz)
        if candidate > local:
            return candidate.astimezone(UTC)
    raise AssertionError("unreachable: a day always has a next digest time")


def first_attempt(channel: Any, now: datetime) -> datetime:
    if getattr(channel, "mode", "immediate") == "digest":
        return next_digest(channel.digest_at, channel.timezone, now)
    return now
