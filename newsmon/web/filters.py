"""The story filter the list page, its feeds and the API share: the same query parameters
give the same stories everywhere, so a filtered page's feed is its URL with `/feed.atom`."""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields
from datetime import UTC, date, datetime, time, timedelta
from typing import Annotated
from urllib.parse import urlencode

from fastapi import Depends, HTTPException, Query


def parse_day(value: str | None, name: str) -> date | None:
    if not value or not value.strip():
        return None
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise HTTPException(400, f"{name}: expected a date like 2026-11-20") from None


def _clean(value: str | None) -> str | None:
    return value.strip() if value and value.strip() else None


@dataclass(frozen=True)
class StoryFilter:
    """All given criteria must hold. `org` is either side of a move, `from_`/`to` one side
    of the same move, `person` a part of the mover's name; dates bound first_seen (UTC)."""

    q: str | None = None
    org: str | None = None
    from_: str | None = None
    to: str | None = None
    person: str | None = None
    lang: str | None = None
    source: str | None = None
    since: date | None = None
    until: date | None = None

    @property
    def active(self) -> bool:
        return any(getattr(self, f.name) for f in fields(self))

    @property
    def since_dt(self) -> datetime | None:
        return datetime.combine(self.since, time(), UTC) if self.since else None

    @property
    def until_dt(self) -> datetime | None:
        """The end of the `until` day (exclusive)."""
        return datetime.combine(self.until + timedelta(days=1), time(), UTC) if self.until \
            else None

    def params(self) -> dict[str, str]:
        """The query parameters that give this filter (for links and feed URLs)."""
        out = {}
        for key, value in asdict(self).items():
            if value:
                out[key.rstrip("_")] = value.isoformat() if isinstance(value, date) else value
        return out

    def query(self, **extra: str | int | None) -> str:
        """`?a=b...` of this filter plus `extra` (a None drops that key), or ''."""
        merged: dict[str, str | int] = dict(self.params())
        for k, v in extra.items():
            if v is None:
                merged.pop(k, None)
            else:
                merged[k] = v
        return "?" + urlencode(merged) if merged else ""


def story_filter(
    q: str | None = Query(None, description="full-text search in titles and article text"),
    org: str | None = Query(None, description="an organisation either side of a move"),
    from_: str | None = Query(None, alias="from", description="the organisation moved from"),
    to: str | None = Query(None, description="the organisation moved to"),
    person: str | None = Query(None, description="part of the name of the person who moved"),
    lang: str | None = Query(None, description="a language of the story (ISO 639-1)"),
    source: str | None = Query(None, description="a source name one of its articles came from"),
    since: str | None = Query(None, description="first seen on or after this day (YYYY-MM-DD)"),
    until: str | None = Query(None, description="first seen on or before this day (YYYY-MM-DD)"),
) -> StoryFilter:
    """FastAPI dependency: the filter from the query string (blank fields are no criterion)."""
    return StoryFilter(q=_clean(q), org=_clean(org), from_=_clean(from_), to=_clean(to),
                       person=_clean(person), lang=_clean(lang), source=_clean(source),
                       since=parse_day(since, "since"), until=parse_day(until, "until"))


Filter = Annotated[StoryFilter, Depends(story_filter)]  # a route's `f: Filter` parameter
