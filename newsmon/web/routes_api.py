"""The JSON API under /api/: stories (with the list's filters), one story, articles, sources
and health. Documented at /openapi.json; with a token configured it takes
`Authorization: Bearer TOKEN`."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, HTTPException, Query, Request

from newsmon.daemon import status
from newsmon.web import queries
from newsmon.web.auth import require_login
from newsmon.web.filters import Filter
from newsmon.web.schemas import (
    ArticleList,
    ArticleOut,
    Health,
    Problem,
    SourceList,
    StoryDetail,
    StoryList,
    StorySummary,
)

router = APIRouter(prefix="/api", tags=["api"], dependencies=[Depends(require_login)],
                   responses={401: {"model": Problem, "description": "credentials needed"}})


def _summary(request: Request, st: queries.StoryRow) -> dict[str, Any]:
    return {**st.__dict__, "url": f"{request.base_url}story/{st.id}"}


@router.get("/stories", response_model=StoryList)
def api_stories(request: Request, f: Filter,
                limit: int = Query(50, ge=1, le=500), offset: int = Query(0, ge=0)
                ) -> dict[str, Any]:
    """Live stories, newest first, filtered like the story list."""
    rows, more = queries.list_stories(request.app.state.store, f, limit, offset)
    return {"stories": [StorySummary(**_summary(request, r)) for r in rows], "limit": limit,
            "offset": offset, "more": more}


@router.get("/stories/{story_id}", response_model=StoryDetail,
            responses={404: {"model": Problem}})
def api_story(request: Request, story_id: int) -> dict[str, Any]:
    """One story with every article (original, copy or translation)."""
    found = queries.story(request.app.state.store, story_id)
    if found is None:
        raise HTTPException(404, f"no story {story_id}")
    st, arts, merged_into = found
    return {**_summary(request, st), "merged_into": merged_into,
            "articles": [ArticleOut(**a.__dict__) for a in arts]}


@router.get("/articles", response_model=ArticleList)
def api_articles(request: Request, story: int | None = Query(None, description="a story id"),
                 limit: int = Query(100, ge=1, le=1000), offset: int = Query(0, ge=0)
                 ) -> dict[str, Any]:
    """Stored articles, newest first (of one story when given)."""
    rows = queries.articles(request.app.state.store, story, limit, offset)
    return {"articles": [ArticleOut(**a.__dict__) for a in rows], "limit": limit,
            "offset": offset}


@router.get("/sources", response_model=SourceList)
def api_sources(request: Request) -> dict[str, Any]:
    """Every source with its health and new articles per day over the last week."""
    return {"sources": queries.sources_health(request.app.state.store)}


@router.get("/health", response_model=Health)
def api_health(request: Request) -> dict[str, Any]:
    """The daemon, each configured source and the alert outbox, as `newsmon status --json`."""
    return status.collect(request.app.state.store, request.app.state.config)
