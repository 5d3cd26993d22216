"""Atom and JSON Feed of any story filter (the list page's query string), and the sources as
OPML; each with ETag and Last-Modified, answering 304 when nothing changed."""

from __future__ import annotations

import json

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response

from newsmon.web import conditional, feeds, queries
from newsmon.web.auth import require_login
from newsmon.web.filters import Filter, StoryFilter

router = APIRouter(tags=["feeds"], dependencies=[Depends(require_login)])
ENTRIES = 50


def _rows(request: Request, f: StoryFilter) -> tuple[list[queries.StoryRow], str, str]:
    rows, _ = queries.list_stories(request.app.state.store, f, ENTRIES, 0)
    base = str(request.base_url)
    subtitle = ("stories matching " + ", ".join(f"{k}={v}" for k, v in f.params().items())
                if f.active else "every story, newest first")
    return rows, base, subtitle


def _tag(kind: str, f: StoryFilter, rows: list[queries.StoryRow]) -> str:
    return conditional.etag([kind, sorted(f.params().items()),
                             *((r.id, r.article_count, r.updated.isoformat()) for r in rows)])


@router.get("/feed.atom", response_class=Response,
            responses={200: {"content": {"application/atom+xml": {}}}, 304: {}})
def atom_feed(request: Request, f: Filter) -> Response:
    """Stories as Atom: one entry per story, updated when it grows."""
    rows, base, subtitle = _rows(request, f)
    tag = _tag("atom", f, rows)
    modified = max((r.updated for r in rows), default=None)
    body = feeds.atom(rows, base, str(request.url), subtitle)
    return conditional.respond(request, body, "application/atom+xml", tag, modified)


@router.get("/feed.json", response_class=Response,
            responses={200: {"content": {"application/feed+json": {}}}, 304: {}})
def json_feed(request: Request, f: Filter) -> Response:
    """Stories as JSON Feed 1.1."""
    rows, base, subtitle = _rows(request, f)
    tag = _tag("json", f, rows)
    modified = max((r.updated for r in rows), default=None)
    body = json.dumps(feeds.json_feed(rows, base, str(request.url), subtitle),
                      ensure_ascii=False)
    return conditional.respond(request, body, "application/feed+json", tag, modified)


@router.get("/sources.opml", response_class=Response,
            responses={200: {"content": {"text/x-opml": {}}}, 304: {}})
def sources_opml(request: Request) -> Response:
    """The sources as OPML 2.0 (feed sources as `rss` outlines a reader can import)."""
    rows = queries.sources_health(request.app.state.store, days=1)
    tag = conditional.etag(["opml", *((r["name"], r["type"], r["url"]) for r in rows)])
    return conditional.respond(request, feeds.opml(rows), "text/x-opml", tag, None)
