"""HTTP header values with a time in them, parsed for both sides of newsmon's HTTP: the crawler's
retries (crawler/middlewares.py), the alert outbox's webhook sends (newsmon/alerts/webhook.py) and
the dashboard's conditional feeds (newsmon/web/conditional.py).

Header values come from servers newsmon does not control: a value that is no delta-seconds and
no HTTP date is None, never an exception (a "³" is a digit to `str.isdigit()`, not to float()).
"""

from __future__ import annotations

import email.utils
import re
import time
from datetime import UTC, datetime


def http_date(text: str) -> datetime | None:
    """An aware datetime from an HTTP date, or None when it is not one."""
    try:
        when = email.utils.parsedate_to_datetime(text.strip())
    except (TypeError, ValueError, IndexError):
        return None
    if when is None:
        return None
    if when.tzinfo is None:  # asctime and "-0000" dates are UTC by definition (RFC 9110)
        when = when.replace(tzinfo=UTC)
    return when


def retry_after_seconds(value: bytes | str | None, now: float | None = None) -> float | None:
    """Seconds to wait from a Retry-After header: delta-seconds or an HTTP date."""
    if not value:
        return None
    text = value.decode("latin-1") if isinstance(value, bytes) else value
    text = text.strip()
    if re.fullmatch(r"[0-9]+", text):
        return float(text)
    when = http_date(text)
    if when is None:
        return None
    return max(0.0, when.timestamp() - (now if now is not None else time.time()))
