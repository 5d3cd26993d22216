"""Article rows: stored by canonical URL (idempotent: a crash and a re-run store one), found,
read in batches, reclassified; recent fetch times, story members, and the text housekeeping
drops."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import Row, or_, select, update
from sqlalchemy.orm import Session

from newsmon.models import Article, Page, Source, utcnow
from newsmon.storage import ledger, sources

if TYPE_CHECKING:
    from newsmon.store import Store


@dataclass(frozen=True)
class NewArticle:
    """An extracted article ready to store."""

    source: str
    url: str
    canonical_url: str
    title: str | None
    text: str
    language: str | None
    published: datetime | None
    authors: list[str]
    site_name: str | None
    description: str | None
    syndicated_from: str | None
    content_hash: str
    word_count: int
    aliases: tuple[str, ...] = ()  # other URLs of the same page (after redirects)
    relevance: dict[str, Any] | None = None  # Relevance.to_dict(), None when not classified
    fingerprint: dict[str, Any] | None = None  # newsmon.dedup.fingerprint(), None: not judged


def _relevance_columns(relevance: dict[str, Any] | None) -> dict[str, Any]:
    if relevance is None:
        return {}
    return {
        "relevant": bool(relevance["relevant"]),
        "relevance": {k: v for k, v in relevance.items() if k != "moves"},
        "moves": relevance.get("moves", []),
        "classified_at": utcnow(),
    }


def insert(store: Store, s: Session, art: NewArticle) -> tuple[int, bool]:
    """Insert unless the canonical URL is known, in the caller's transaction (the ingest
    workflow judges a new article in the same one); returns (article id, created)."""
    sid = sources.source_id(store, art.source, s)
    values = {
        "source_id": sid, "url": art.url, "canonical_url": art.canonical_url,
        "title": art.title, "text": art.text, "language": art.language,
        "published": art.published, "authors": art.authors, "site_name": art.site_name,
        "description": art.description, "syndicated_from": art.syndicated_from,
        "content_hash": art.content_hash, "word_count": art.word_count,
        "fetched_at": utcnow(),
        **_relevance_columns(art.relevance),
    }
    stmt = (store.insert(Article).values(**values)
            .on_conflict_do_nothing(index_elements=["canonical_url"])
            .returning(Article.id))
    new_id = s.scalar(stmt)
    created = new_id is not None
    if not created:
        new_id = s.scalar(select(Article.id)
                          .where(Article.canonical_url == art.canonical_url))
    ledger.add_article_urls(store, s, sid, new_id, {art.url, art.canonical_url, *art.aliases})
    return new_id, created


def set_relevance(store: Store, article_id: int, relevance: dict[str, Any]) -> None:
    """Today's relevance decision on a stored article (`newsmon reclassify`)."""
    with store.write() as s:
        s.execute(update(Article).where(Article.id == article_id)
                  .values(**_relevance_columns(relevance)))


def find(store: Store, key: str) -> Article | None:
    """By id, URL or canonical URL (detached)."""
    with store.read() as s:
        if key.isdigit():
            art = s.get(Article, int(key))
        else:
            art = s.scalar(select(Article).where(Article.canonical_url == key))
            if art is None:
                art = s.scalar(select(Article).join(Page, Page.article_id == Article.id)
                               .where(Page.url == key))
        if art is not None:
            s.expunge(art)
        return art


def with_source_names(store: Store, batch: int = 500) -> Iterator[tuple[Article, str | None]]:
    """Every article (detached) with its source name, in id order, without loading all at
    once: one short read per batch."""
    last = 0
    while True:
        with store.read() as s:
            rows = s.execute(
                select(Article, Source.name).outerjoin(Source, Article.source_id == Source.id)
                .where(Article.id > last).order_by(Article.id).limit(batch)
            ).all()
            for art, _ in rows:
                s.expunge(art)
        if not rows:
            return
        for art, name in rows:
            yield art, name
        last = rows[-1][0].id


def recent_fetch_times(s: Session, source_id: int, limit: int = 50) -> list[datetime]:
    """When the source's newest `limit` articles were fetched, newest first."""
    return list(s.scalars(select(Article.fetched_at)
                          .where(Article.source_id == source_id)
                          .order_by(Article.id.desc()).limit(limit)))


def story_members(s: Session) -> Sequence[Row[Any]]:
    """Every article in a story (id, story_id, url, title, language, published, duplicate_of
    and its source's name), oldest published first."""
    return s.execute(select(Article.id, Article.story_id, Article.url, Article.title,
                            Article.language, Article.published, Article.duplicate_of,
                            Source.name)
                     .outerjoin(Source, Source.id == Article.source_id)
                     .where(Article.story_id.is_not(None))
                     .order_by(Article.published, Article.id)).all()


def drop_old_irrelevant_text(s: Session, cutoff: datetime) -> int:
    """Empty the text (and entities) of articles fetched before `cutoff` that are not relevant
    and in no story; their rows stay. Returns how many lost their text."""
    return s.execute(
        update(Article)
        .where(or_(Article.relevant.is_(False), Article.relevant.is_(None)),
               Article.story_id.is_(None), Article.fetched_at < cutoff,
               Article.text != "")
        .values(text="", entities=None)).rowcount or 0
