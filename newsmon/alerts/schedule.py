"""When an alert is first due: now, or at the channel's next daily digest in its time zone."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

from newsmon.config import ChannelConfig


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


def in_digest(channel: ChannelConfig, event: str) -> bool:
    """Digest channels batch everything; `updates = "digest"` batches only story updates."""
    return channel.mode == "digest" or (event == "story.updated" and channel.updates == "digest")


def first_attempt(channel: ChannelConfig, now: datetime,
                  event: str = "story.created") -> datetime:
    if in_digest(channel, event):
        return next_digest(channel.digest_at, channel.timezone, now)
    if event == "story.created":  # let the story settle: its first copies ride along
        return now + timedelta(seconds=channel.settle)
    return now
