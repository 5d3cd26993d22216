"""The JSON API's response models: FastAPI publishes them in /openapi.json, and the tests
check every answer against that document."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import BaseModel, Field


class Move(BaseModel):
    person: str | None = None
    action: str | None = None
    from_: str | None = Field(None, alias="from")
    to: str | None = None
    role: str | None = None

    model_config = {"populate_by_name": True, "serialize_by_alias": True}


class StorySummary(BaseModel):
    id: int
    title: str | None
    moves: list[Move]
    languages: list[str]
    article_count: int
    sources: list[str]
    first_seen: datetime
    last_seen: datetime
    updated: datetime = Field(description="when the story last grew (its newest article)")
    url: str = Field(description="the story's page")


class StoryList(BaseModel):
    stories: list[StorySummary]
    limit: int
    offset: int
    more: bool = Field(description="whether a next page (offset + limit) has stories")


class ArticleOut(BaseModel):
    id: int
    story_id: int | None
    url: str
    title: str | None
    source: str | None
    language: str | None
    published: datetime | None
    fetched_at: datetime
    duplicate_of: int | None
    kind: str = Field(description="original, copy or translation")


class StoryDetail(StorySummary):
    merged_into: int | None
    articles: list[ArticleOut]


class ArticleList(BaseModel):
    articles: list[ArticleOut]
    limit: int
    offset: int


class SourceOut(BaseModel):
    name: str
    url: str
    type: str
    last_run_at: datetime | None
    last_status: str | None
    last_error: str | None
    consecutive_failures: int
    last_new_article_at: datetime | None
    health: str | None
    health_reason: str | None
    next_run_at: datetime | None
    articles: int
    per_day: list[int] = Field(description="new articles per day, oldest first, today last")
    per_day_mean: float


class SourceList(BaseModel):
    sources: list[SourceOut]


class Health(BaseModel):
    """What `newsmon status --json` reports: the daemon, each source, the outbox."""

    database: str
    config: str
    now: datetime
    daemon: dict[str, Any]
    sources: list[dict[str, Any]]
    outbox: dict[str, dict[str, Any]]


class Problem(BaseModel):
    detail: str
