"""Conditional GET for the feeds: a feed reader polling every few minutes gets a `304` with
no body while no story of its filter appeared or grew (RFC 9110: If-None-Match wins over
If-Modified-Since)."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from datetime import UTC, datetime
from email.utils import format_datetime

from fastapi import Request, Response

from newsmon.http_dates import http_date as parse_http_date


def etag(parts: Iterable[object]) -> str:
    h = hashlib.sha256()
    for p in parts:
        h.update(repr(p).encode())
        h.update(b"\0")
    return '"' + h.hexdigest()[:32] + '"'


def http_date(t: datetime) -> str:
    return format_datetime(t.astimezone(UTC).replace(microsecond=0), usegmt=True)


def not_modified(request: Request, tag: str, modified: datetime | None) -> bool:
    inm = request.headers.get("if-none-match")
    if inm is not None:
        tags = [t.strip().removeprefix("W/") for t in inm.split(",")]
        return "*" in tags or tag in tags
    ims = request.headers.get("if-modified-since")
    if ims and modified is not None:
        since = parse_http_date(ims)
        return since is not None and modified.replace(microsecond=0) <= since
    return False


def respond(request: Request, body: bytes | str | Callable[[], bytes | str], media_type: str,
            tag: str, modified: datetime | None) -> Response:
    """The body with its validators, or a bare 304 when the client has it already; a callable
    body is rendered only when it is sent (most polls of a feed reader end in a 304)."""
    headers = {"ETag": tag, "Cache-Control": "no-cache"}
    if modified is not None:
        headers["Last-Modified"] = http_date(modified)
    if not_modified(request, tag, modified):
        return Response(status_code=304, headers=headers)
    return Response(body() if callable(body) else body, media_type=media_type, headers=headers)
