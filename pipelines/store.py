"""Storing: articles by canonical URL, non-articles and dead links in the URL ledger."""

from __future__ import annotations

import logging
from typing import Any

from sqlalchemy.exc import SQLAlchemyError

from crawler.context import ingest_for, store_for
from crawler.failures import UnfinishedPage
from crawler.items import FailedPageItem, PageItem
from newsmon.db import db_error
from newsmon.storage import ledger
from newsmon.storage.articles import NewArticle
from newsmon.urls import canonicalize

logger = logging.getLogger(__name__)


class StorePipeline:
    def __init__(self, crawler: Any):
        self.crawler = crawler
        self.stats = crawler.stats

    @classmethod
    def from_crawler(cls, crawler: Any) -> StorePipeline:
        return cls(crawler)

    async def process_item(self, item: Any) -> Any:
        try:
            return await self._store(item)
        except SQLAlchemyError as exc:
            raise UnfinishedPage(
                "storage", f"could not store {getattr(item, 'url', '?')}: {db_error(exc)}") \
                from exc

    async def _store(self, item: Any) -> Any:
        store = store_for(self.crawler)
        if isinstance(item, FailedPageItem):
            if item.permanent:
                await store.run(ledger.record_page, store, item.source, item.url, "gone",
                                item.message, item.http_status)
            return item
        if not isinstance(item, PageItem) or item.extraction is None:
            return item
        ex = item.extraction
        final = canonicalize(item.final_url) or item.url
        if ex.kind != "article":
            self.stats.inc_value("newsmon/non_articles")
            for url in {item.url, final}:
                await store.run(ledger.record_page, store, item.source, url, "non_article",
                                ex.reason, item.status)
            logger.info("not an article: %s (%s)", item.url, ex.reason)
            return item
        article = NewArticle(
            source=item.source,
            url=item.url,
            canonical_url=ex.canonical_url or final,
            title=ex.title,
            text=ex.text,
            language=ex.language,
            published=ex.published_at(),
            authors=ex.authors,
            site_name=ex.site_name,
            description=ex.description,
            syndicated_from=ex.syndicated_from,
            content_hash=ex.content_hash or "",
            word_count=ex.word_count,
            aliases=(final,),
            relevance=item.relevance,
            fingerprint=item.fingerprint,
        )
        ingest = ingest_for(self.crawler)
        item.article_id, item.created = await store.run(ingest.store_article, article)
        if item.created:
            self.stats.inc_value("newsmon/articles_new")
            if item.fingerprint is not None:
                self.stats.inc_value("newsmon/dedup/checked")
            self.stats.inc_value(f"newsmon/source/{item.source}/articles_new")
        else:
            self.stats.inc_value("newsmon/articles_known")
        return item
