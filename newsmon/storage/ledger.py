"""The URL ledger (the pages table): every URL the crawl has settled, as an article's link
or alias, a non-article or a dead link, so that later passes do not fetch it again."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from newsmon.models import Article, Page, utcnow
from newsmon.storage import sources

if TYPE_CHECKING:
    from newsmon.store import Store

CHUNK = 500  # URLs per IN (...) query


def known_urls(store: Store, urls: Iterable[str]) -> set[str]:
    """Which of these canonicalised URLs are settled (stored, non-article or gone)."""
    wanted = list(dict.fromkeys(urls))
    known: set[str] = set()
    with store.read() as s:
        for i in range(0, len(wanted), CHUNK):
            chunk = wanted[i:i + CHUNK]
            known.update(s.scalars(select(Page.url).where(Page.url.in_(chunk))))
            known.update(s.scalars(select(Article.canonical_url)
                                   .where(Article.canonical_url.in_(chunk))))
    return known


def record_page(store: Store, source: str, url: str, kind: str, reason: str | None,
                http_status: int | None) -> bool:
    """Settle a URL that is not an article; returns False when it was already settled."""
    with store.write() as s:
        res = s.execute(_settle(store, url=url, source_id=sources.source_id(store, source, s),
                                kind=kind, reason=reason, http_status=http_status)
                        .returning(Page.id))
        return res.scalar() is not None


def add_article_urls(store: Store, s: Session, source_id: int | None, article_id: int,
                     urls: Iterable[str]) -> None:
    """Settle an article's URLs (link, canonical, aliases) in the caller's transaction; one
    already settled is left as it is."""
    for url in urls:
        s.execute(_settle(store, url=url, source_id=source_id, kind="article",
                          article_id=article_id, http_status=200))


def _settle(store: Store, **values: Any) -> Any:
    """The INSERT of a ledger row that leaves a URL already settled as it is."""
    return (store.insert(Page).values(**values, first_seen=utcnow())
            .on_conflict_do_nothing(index_elements=["url"]))
