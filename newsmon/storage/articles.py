"""Article rows: stored by canonical URL (idempotent: a crash and a re-run store one), found,
read in batches, reclassified; recent fetch times, story members, and the text housekeeping
drops."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import Row, Select, or_, select, update
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
    once."""
    query = select(Article, Source.name).outerjoin(Source, Article.source_id == Source.id)
    for rows in _batches(store, query, batch, lambda row: row[0].id):
        yield from ((art, name) for art, name in rows)


def unplaced_relevant(s: Session, limit: int) -> Sequence[Row[Any]]:
    """The first `limit` relevant articles in no story (id, title, text, language,
    story_signals), oldest published first."""
    return s.execute(select(Article.id, Article.title, Article.text, Article.language,
                            Article.story_signals)
                     .where(Article.relevant.is_(True), Article.story_id.is_(None))
                     .order_by(Article.published, Article.id).limit(limit)).all()


def relevant_without_signals(store: Store, batch: int = 500) -> Iterator[Row[Any]]:
    """The relevant articles that have no story signals (id, title, text, language,
    story_signals), in id order, without loading all at once."""
    query = select(Article.id, Article.title, Article.text, Article.language,
                   Article.story_signals).where(Article.relevant.is_(True))
    for rows in _batches(store, query, batch, lambda row: row.id):
        yield from (r for r in rows if not r.story_signals)


def _batches(store: Store, query: Select[Any], batch: int,
             row_id: Callable[[Row[Any]], int]) -> Iterator[Sequence[Row[Any]]]:
    """The rows of `query` in article id order, `batch` at a time, each from its own short
    read (entities detached)."""
    last = 0
    while True:
        with store.read() as s:
            rows = s.execute(query.where(Article.id > last).order_by(Article.id)
                             .limit(batch)).all()
            s.expunge_all()
        if not rows:
            return
        yield rows
        last = row_id(rows[-1])


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
