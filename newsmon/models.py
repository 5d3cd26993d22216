"""The database schema (SQLAlchemy 2 typed ORM). Alembic migrations in newsmon/migrations
follow this file; tests check that they agree."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class UTCDateTime(TypeDecorator[datetime]):
    """Aware UTC datetimes on every backend (SQLite keeps no time zone of its own)."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def utcnow() -> datetime:
    return datetime.now(UTC)


NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class Source(Base):
    """A configured source and how its last crawls went."""

    __tablename__ = "sources"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(64), unique=True)
    url: Mapped[str] = mapped_column(Text)
    type: Mapped[str] = mapped_column(String(16))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    last_run_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    last_status: Mapped[str | None] = mapped_column(String(16))  # ok | failed | not_modified
    last_error: Mapped[str | None] = mapped_column(Text)
    last_new_article_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    consecutive_failures: Mapped[int] = mapped_column(Integer, default=0)
    # written by the daemon: when it will crawl next, and whether the source looks healthy
    next_run_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    health: Mapped[str | None] = mapped_column(String(16))  # ok | failing | stale
    health_reason: Mapped[str | None] = mapped_column(Text)


class FetchState(Base):
    """Conditional-GET validators of one feed/sitemap URL of a source."""

    __tablename__ = "fetch_state"
    __table_args__ = (UniqueConstraint("source_id", "url"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    source_id: Mapped[int] = mapped_column(ForeignKey("sources.id", ondelete="CASCADE"))
    url: Mapped[str] = mapped_column(Text)
    etag: Mapped[str | None] = mapped_column(Text)
    last_modified: Mapped[str | None] = mapped_column(Text)
    last_status: Mapped[int | None] = mapped_column(Integer)
    fetched_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class Article(Base):
    """An extracted article; its canonical URL is its identity."""

    __tablename__ = "articles"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    source_id: Mapped[int | None] = mapped_column(ForeignKey("sources.id", ondelete="SET NULL"))
    url: Mapped[str] = mapped_column(Text)
    canonical_url: Mapped[str] = mapped_column(Text, unique=True)
    title: Mapped[str | None] = mapped_column(Text)
    text: Mapped[str] = mapped_column(Text)
    language: Mapped[str | None] = mapped_column(String(16))
    published: Mapped[datetime | None] = mapped_column(UTCDateTime)
    authors: Mapped[list[str]] = mapped_column(JSON, default=list)
    site_name: Mapped[str | None] = mapped_column(Text)
    description: Mapped[str | None] = mapped_column(Text)
    syndicated_from: Mapped[str | None] = mapped_column(Text)
    content_hash: Mapped[str] = mapped_column(String(64), index=True)
    word_count: Mapped[int] = mapped_column(Integer, default=0)
    fetched_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # relevance (newsmon.relevance): null until classified
    relevant: Mapped[bool | None] = mapped_column(Boolean, index=True)
    relevance: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    moves: Mapped[list[dict[str, Any]] | None] = mapped_column(JSON)
    classified_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # deduplication (newsmon.dedup): the article this one copies or translates, and why
    entities: Mapped[list[str] | None] = mapped_column(JSON)
    duplicate_of: Mapped[int | None] = mapped_column(
        ForeignKey("articles.id", ondelete="SET NULL"), index=True)
    dedup: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    # headline-and-lead terms and embedding (newsmon.stories.signals), relevant articles only
    story_signals: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    story_id: Mapped[int | None] = mapped_column(
        ForeignKey("stories.id", ondelete="SET NULL"), index=True)


class DedupKey(Base):
    """Postings of the dedup index: LSH band keys and entity terms, each -> an article.

    In the database rather than in memory: the index survives restarts without a rebuild and
    is shared by every process that writes articles.
    """

    __tablename__ = "dedup_keys"
    __table_args__ = ({"sqlite_with_rowid": False},)  # the key is the row: half the disk

    key: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    article_id: Mapped[int] = mapped_column(
        ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True, autoincrement=False)


class TermCount(Base):
    """How many articles carry an entity term: rare shared names weigh more than "OpenAI"."""

    __tablename__ = "term_counts"
    __table_args__ = ({"sqlite_with_rowid": False},)

    key: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    articles: Mapped[int] = mapped_column(Integer, default=0)


class Story(Base):
    """One event (a staffing move) and every relevant article that reports it."""

    __tablename__ = "stories"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    title: Mapped[str | None] = mapped_column(Text)
    moves: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    languages: Mapped[list[str]] = mapped_column(JSON, default=list)
    article_count: Mapped[int] = mapped_column(Integer, default=0)
    first_seen: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    last_seen: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    event_time: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # a later article showed this story to be another one: its articles moved there
    merged_into: Mapped[int | None] = mapped_column(Integer)


class StoryKey(Base):
    """An event key (person, arrival or departure, organisation) a story answers to."""

    __tablename__ = "story_keys"

    key: Mapped[str] = mapped_column(String(200), primary_key=True)
    story_id: Mapped[int] = mapped_column(
        ForeignKey("stories.id", ondelete="CASCADE"), primary_key=True, autoincrement=False)
    weight: Mapped[float] = mapped_column(Float, default=1.0)


class Alert(Base):
    """The outbox: one row per story per channel and event, written in the transaction that
    creates the story, so no crash can lose an alert. Senders drain it; `key` is the
    idempotency key a receiver sees on every attempt (webhook-id, Message-ID)."""

    __tablename__ = "alerts"
    __table_args__ = (UniqueConstraint("story_id", "channel", "event", "article_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    story_id: Mapped[int] = mapped_column(ForeignKey("stories.id", ondelete="CASCADE"))
    channel: Mapped[str] = mapped_column(String(64))
    event: Mapped[str] = mapped_column(String(32))  # story.created | story.updated
    article_id: Mapped[int] = mapped_column(Integer)  # the article that created or updated it
    key: Mapped[str] = mapped_column(String(80), unique=True)
    status: Mapped[str] = mapped_column(String(16), default="pending", index=True)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    last_error: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class ChannelState(Base):
    """Per-channel state that outlives a config reload (a 410 from a webhook disables it)."""

    __tablename__ = "channel_state"

    name: Mapped[str] = mapped_column(String(64), primary_key=True)
    disabled_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    disabled_reason: Mapped[str | None] = mapped_column(Text)


class Page(Base):
    """Every URL newsmon has settled: an article, a non-article, or gone.

    This ledger is what makes crawls incremental: a URL found here is never fetched again.
    Transient failures (timeouts, 5xx) are not recorded, so they are retried next pass.
    """

    __tablename__ = "pages"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    url: Mapped[str] = mapped_column(Text, unique=True)
    source_id: Mapped[int | None] = mapped_column(ForeignKey("sources.id", ondelete="SET NULL"))
    kind: Mapped[str] = mapped_column(String(16))  # article | non_article | gone
    reason: Mapped[str | None] = mapped_column(Text)
    http_status: Mapped[int | None] = mapped_column(Integer)
    article_id: Mapped[int | None] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"))
    first_seen: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


Index("ix_pages_article_id", Page.article_id)


class CrawlRun(Base):
    """One crawl pass and its statistics."""

    __tablename__ = "crawl_runs"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    started_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    status: Mapped[str] = mapped_column(String(16), default="running")
    sources: Mapped[list[str]] = mapped_column(JSON, default=list)
    stats: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)


class DaemonState(Base):
    """The running (or last) `newsmon run`: who it is and when it was last alive."""

    __tablename__ = "daemon_state"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)  # always 1
    pid: Mapped[int] = mapped_column(Integer)
    host: Mapped[str] = mapped_column(String(255))
    config_path: Mapped[str] = mapped_column(Text)
    started_at: Mapped[datetime] = mapped_column(UTCDateTime)
    heartbeat_at: Mapped[datetime] = mapped_column(UTCDateTime)
    stopped_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
