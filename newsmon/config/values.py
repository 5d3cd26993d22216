"""Value parsers of the config: each returns the typed value or raises ValueError with a message
for the user (and never echoes a secret back)."""

from __future__ import annotations

import re
from typing import Any, get_args
from urllib.parse import SplitResult, urlsplit

from newsmon.units import parse_duration, parse_size


def boolean(v: Any) -> bool:
    if isinstance(v, bool):
        return v
    raise ValueError(f"expected true or false, got {v!r}")


def whole(minimum: int = 0):
    def parse(v: Any) -> int:
        if isinstance(v, bool) or not isinstance(v, int):
            raise ValueError(f"expected a whole number, got {v!r}")
        if v < minimum:
            raise ValueError(f"must be at least {minimum}, got {v}")
        return v

    return parse


def text(v: Any) -> str:
    if not isinstance(v, str):
        raise ValueError(f"expected a string, got {v!r}")
    if not v.strip():
        raise ValueError("must not be empty")
    return v


def duration(v: Any) -> float:
    if isinstance(v, bool) or not isinstance(v, (str, int, float)):
        raise ValueError(f"expected a duration like \"500ms\", \"2s\", \"15m\", got {v!r}")
    return parse_duration(v)


def size(v: Any) -> int:
    if isinstance(v, bool) or not isinstance(v, (str, int)):
        raise ValueError(f"expected a size like \"10MB\" or a number of bytes, got {v!r}")
    return parse_size(v)


def one_of(literal: Any):
    """One of the strings of a Literal type."""
    options = get_args(literal)

    def parse(v: Any) -> str:
        if v not in options:
            raise ValueError(f"must be one of {', '.join(options)}; got {v!r}")
        return v

    return parse


def _url(v: Any, schemes: tuple[str, ...], wrong: str) -> tuple[str, SplitResult]:
    s = text(v)
    parts = urlsplit(s)
    if parts.scheme not in schemes or not parts.hostname:
        raise ValueError(wrong.format(s))
    return s, parts


def http_url(v: Any) -> str:
    s, parts = _url(v, ("http", "https"), "not an http(s) URL: {!r}")
    try:
        _ = parts.port
    except ValueError as exc:
        raise ValueError(f"bad port in URL {s!r}") from exc
    return s


def smtp_url(v: Any) -> str:
    return _url(v, ("smtp", "smtps"), "expected smtp://host:port or smtps://host:port, got {!r}")[0]


def db_url(v: Any) -> str:
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    s = text(v)
    try:
        make_url(s)
    except ArgumentError as exc:
        raise ValueError(f"not a SQLAlchemy database URL: {s!r}") from exc
    return s


def regex(v: Any) -> str:
    s = text(v)
    try:
        re.compile(s)
    except re.error as exc:
        raise ValueError(f"bad regular expression {s!r}: {exc}") from exc
    return s


def number(minimum: float = 0.0):
    def parse(v: Any) -> float:
        if isinstance(v, bool) or not isinstance(v, (int, float)):
            raise ValueError(f"expected a number, got {v!r}")
        if v < minimum:
            raise ValueError(f"must be at least {minimum}, got {v}")
        return float(v)

    return parse


def text_list(v: Any) -> tuple[str, ...]:
    if not isinstance(v, list) or not v or not all(isinstance(x, str) and x for x in v):
        raise ValueError(f"expected a non-empty list of strings, got {v!r}")
    return tuple(v)


def email_list(v: Any) -> tuple[str, ...]:
    if isinstance(v, str):
        v = [v]
    if not isinstance(v, list) or not v or not all(isinstance(x, str) and "@" in x for x in v):
        raise ValueError(f"expected a list of e-mail addresses, got {v!r}")
    return tuple(v)


def email(v: Any) -> str:
    s = text(v)
    if "@" not in s:
        raise ValueError(f"not an e-mail address: {s!r}")
    return s


def env_name(v: Any) -> str:
    s = text(v)
    if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", s):
        raise ValueError(f"not an environment variable name: {s!r}")
    return s


def secret(v: Any) -> str:
    if not isinstance(v, str) or not v:
        raise ValueError("expected a non-empty string")  # never echo a secret back
    return v


_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,63}")


def apprise_urls(v: Any) -> tuple[str, ...]:
    urls = text_list(v)
    if not urls:
        raise ValueError("expected at least one Apprise URL, like \"ntfy://ntfy.sh/topic\"")
    for u in urls:
        if "://" not in u:  # never echo the URL: it usually holds a token
            raise ValueError(f"entry {urls.index(u) + 1} is not an Apprise URL (scheme://...)")
    return urls


def clock(v: Any) -> str:
    s = text(v)
    m = re.fullmatch(r"([01]?\d|2[0-3]):([0-5]\d)", s)
    if not m:
        raise ValueError(f"expected a time of day like \"08:00\", got {s!r}")
    return f"{int(m.group(1)):02d}:{m.group(2)}"


def timezone(v: Any) -> str:
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    s = text(v)
    try:
        ZoneInfo(s)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise ValueError(f"unknown time zone {s!r} (use an IANA name like "
                         "\"Europe/Paris\")") from exc
    return s


def name(v: Any) -> str:
    s = text(v)
    if not _NAME.fullmatch(s):
        raise ValueError(f"names use letters, digits, '_', '-', '.' (at most 64), got {s!r}")
    return s
