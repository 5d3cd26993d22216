"""Talent flow over a period (org -> org, each link to the stories behind it) and one
organisation's timeline of arrivals and departures."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import Response

from newsmon.models import utcnow
from newsmon.web import flow, queries, timeline
from newsmon.web.auth import require_login
from newsmon.web.filters import StoryFilter, parse_day
from newsmon.web.templating import render

router = APIRouter(include_in_schema=False, dependencies=[Depends(require_login)])
PRESETS = ((30, "30 days"), (90, "90 days"), (365, "a year"))


def _period(since: str | None, until: str | None, days: int | None) -> StoryFilter:
    """The period as a filter (for the story-list links): `days` back from today, or the
    dates given, or all time."""
    start, end = parse_day(since, "since"), parse_day(until, "until")
    if days and not start:
        start = (utcnow() - timedelta(days=days)).date()
    return StoryFilter(since=start, until=end)


def _bounds(f: StoryFilter) -> tuple[datetime | None, datetime | None]:
    return (datetime.combine(f.since, time(), UTC) if f.since else None, f.until_dt)


@router.get("/flow")
def flow_page(request: Request, since: str | None = Query(None),
              until: str | None = Query(None), days: int | None = Query(None, ge=1)
              ) -> Response:
    period = _period(since, until, days)
    stories = queries.moves_between(request.app.state.store, *_bounds(period))
    diagram = flow.layout(stories)
    return render(request, "flow.html", flow=diagram, period=period, presets=PRESETS,
                  days=days, stories=len(stories))


@router.get("/flow/org/{org:path}")
def timeline_page(request: Request, org: str, since: str | None = Query(None),
                  until: str | None = Query(None), days: int | None = Query(None, ge=1)
                  ) -> Response:
    period = _period(since, until, days)
    stories = queries.moves_between(request.app.state.store, *_bounds(period))
    return render(request, "timeline.html", tl=timeline.build(org, stories), period=period)
