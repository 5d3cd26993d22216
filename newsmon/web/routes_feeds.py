"""Atom and JSON Feed of any story filter (the list page's query string), and the sources as
OPML; each with ETag and Last-Modified, answering 304 when nothing changed."""

from __future__ import annotations

import json
from collections.abc import Callable

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response

from newsmon.web import conditional, feeds, queries
from newsmon.web.auth import require_login
from newsmon.web.filters import Filter, StoryFilter

router = APIRouter(tags=["feeds"], dependencies=[Depends(require_login)])
ENTRIES = 50


def _story_feed(request: Request, f: StoryFilter, kind: str, media_type: str,
                render: Callable[[list[queries.StoryRow], str, str, str], bytes | str]
                ) -> Response:
    rows, _ = queries.list_stories(request.app.state.store, f, ENTRIES, 0)
    subtitle = ("stories matching " + ", ".join(f"{k}={v}" for k, v in f.params().items())
                if f.active else "every story, newest first")
    tag = conditional.etag([kind, sorted(f.params().items()),
                            *((r.id, r.article_count, r.updated.isoformat()) for r in rows)])
    modified = max((r.updated for r in rows), default=None)
    return conditional.respond(
        request, lambda: render(rows, str(request.base_url), str(request.url), subtitle),
        media_type, tag, modified)


@router.get("/feed.atom", response_class=Response,
            responses={200: {"content": {"application/atom+xml": {}}}, 304: {}})
def atom_feed(request: Request, f: Filter) -> Response:
    """Stories as Atom: one entry per story, updated when it grows."""
    return _story_feed(request, f, "atom", "application/atom+xml", feeds.atom)


@router.get("/feed.json", response_class=Response,
            responses={200: {"content": {"application/feed+json": {}}}, 304: {}})
def json_feed(request: Request, f: Filter) -> Response:
    """Stories as JSON Feed 1.1."""
    return _story_feed(request, f, "json", "application/feed+json",
                       lambda *a: json.dumps(feeds.json_feed(*a), ensure_ascii=False))


@router.get("/sources.opml", response_class=Response,
            responses={200: {"content": {"text/x-opml": {}}}, 304: {}})
def sources_opml(request: Request) -> Response:
    """The sources as OPML 2.0 (feed sources as `rss` outlines a reader can import)."""
    rows = queries.sources_health(request.app.state.store, days=1)
    tag = conditional.etag(["opml", *((r["name"], r["type"], r["url"]) for r in rows)])
    return conditional.respond(request, feeds.opml(rows), "text/x-opml", tag, None)
