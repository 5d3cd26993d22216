"""The story list (filters, search, paging) and the story page (moves, every article and
copy, and why each joined the story, as `newsmon dedupe --explain` tells it)."""

from __future__ import annotations

import time

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import RedirectResponse, Response
from sqlalchemy import select

from newsmon import storyview
from newsmon.models import Article, Source
from newsmon.store import Store
from newsmon.web import queries
from newsmon.web.auth import require_login
from newsmon.web.filters import Filter
from newsmon.web.templating import render

router = APIRouter(include_in_schema=False, dependencies=[Depends(require_login)])
PAGE = 50


CHOICES_TTL = 60.0  # seconds: the languages and sources of a store change slowly


def _choices(request: Request) -> tuple[list[str], list[str]]:
    """Languages and source names the filter form offers; kept a minute, since finding the
    languages reads every article."""
    cached = getattr(request.app.state, "choices", None)
    if cached and time.monotonic() - cached[0] < CHOICES_TTL:
        return cached[1]
    with request.app.state.store.read() as s:
        langs = sorted(x for x in s.scalars(select(Article.language).distinct()) if x)
        names = sorted(s.scalars(select(Source.name)))
    request.app.state.choices = (time.monotonic(), (langs, names))
    return langs, names


@router.get("/")
def story_list(request: Request, f: Filter,
               offset: int = Query(0, ge=0)) -> Response:
    store: Store = request.app.state.store
    rows, more = queries.list_stories(store, f, PAGE, offset)
    langs, names = _choices(request)
    return render(request, "stories.html", stories=rows, f=f, more=more, offset=offset,
                  page=PAGE, langs=langs, sources=names)


@router.get("/story/{story_id}")
def story_page(request: Request, story_id: int) -> Response:
    store: Store = request.app.state.store
    found = queries.story(store, story_id)
    if found is None:
        raise HTTPException(404, f"no story {story_id}")
    st, arts, merged_into = found
    if merged_into is not None:
        return RedirectResponse(f"/story/{merged_into}", status_code=307)
    why = {a.id: storyview.explain(store, str(a.id)) or "" for a in arts}
    return render(request, "story.html", story=st, articles=arts, why=why,
                  by_id={a.id: a for a in arts})
