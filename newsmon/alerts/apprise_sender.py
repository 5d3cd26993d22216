"""Apprise channels (Slack, Discord, Telegram, Teams, ntfy and ~100 more) behind the outbox.

Apprise never raises: its result says success or not. Its own retries are in memory only,
so they are left off; the outbox retries with backoff and dead-letters like any channel.
URLs of the generic HTTP kinds (json://, xml://, form://) are checked against the address
policy like webhooks; the others name a fixed service API.
"""

from __future__ import annotations

from typing import Any

from newsmon.alerts.email import (
    describe,
    health_text,
    is_health_notice,
    one_line,
    sections,
    subject,
)
from newsmon.alerts.sender import Outcome
from newsmon.alerts.targets import check_target
from newsmon.config import AppriseChannelConfig

HTTP_LIKE = {"json": "http", "jsons": "https", "xml": "http", "xmls": "https",
             "form": "http", "forms": "https"}


def http_equivalent(url: str) -> str | None:
    scheme, sep, rest = url.partition("://")
    mapped = HTTP_LIKE.get(scheme.lower())
    return f"{mapped}://{rest}" if mapped and sep else None


def text_body(payload: dict[str, Any]) -> str:
    if is_health_notice(payload):
        return health_text(payload)
    lines = []
    for section in sections(payload):
        story = section["story"]
        lines.append(one_line(story.get("title")))
        lines += [f"- {describe(m)}" for m in story.get("moves") or []]
        for a in section["articles"]:
            lines.append(f"  {one_line(a.get('source'))}: {one_line(a.get('url'), 2000)}")
        lines.append("")
    return "\n".join(lines).strip()


def notify(channel: AppriseChannelConfig, payload: dict[str, Any]) -> Outcome:
    """The payload as plain text to every URL of the channel, through Apprise."""
    import apprise

    ap = apprise.Apprise()
    for n, url in enumerate(channel.urls, 1):
        if not ap.add(url):
            return Outcome(False, None, f"Apprise URL {n} of {channel.name} is not understood")
    result = ap.notify(body=text_body(payload), title=subject(payload),
                       body_format=apprise.NotifyFormat.TEXT, timeout=channel.timeout)
    if result:
        return Outcome(True)
    return Outcome(False, None, f"Apprise delivery failed ({getattr(result, 'status', 'failure')})")


class AppriseSender:
    """Apprise's services; its generic HTTP kinds obey the address policy like webhooks."""

    def send(self, channel: AppriseChannelConfig, key: str, payload: dict[str, Any], *,
             allow_private: bool) -> Outcome:
        for url in channel.urls:
            if (target := http_equivalent(url)) is not None:
                check_target(target, allow_private)
        return notify(channel, payload)
