"""The newsmon objects a crawl shares: its config, its store and the ingest workflow over it,
one of each per crawler."""

from __future__ import annotations

import weakref
from typing import Any

from scrapy.settings import BaseSettings

from newsmon.config import Config, load_config
from newsmon.ingest import Ingest
from newsmon.store import Store

_stores: weakref.WeakKeyDictionary[Any, Store] = weakref.WeakKeyDictionary()
_ingests: weakref.WeakKeyDictionary[Any, Ingest] = weakref.WeakKeyDictionary()


def config_from_settings(settings: BaseSettings) -> Config:
    """NEWSMON_CONFIG holds a loaded Config (newsmon crawl) or a path (scrapy crawl -s)."""
    value = settings.get("NEWSMON_CONFIG")
    if isinstance(value, Config):
        return value
    return load_config(value or None)


def store_for(crawler: Any) -> Store:
    """The crawler's Store, opened (and migrated) on first use, closed by CrawlRunRecorder."""
    store = _stores.get(crawler)
    if store is None:
        cfg = config_from_settings(crawler.settings)
        store = Store.open(cfg.database.url)
        _stores[crawler] = store
        _ingests[crawler] = Ingest(store, cfg.alerts)
    return store


def ingest_for(crawler: Any) -> Ingest:
    """The crawler's ingest workflow: its Store, and the config's alert channels."""
    store_for(crawler)
    return _ingests[crawler]


def close_store(crawler: Any) -> None:
    _ingests.pop(crawler, None)
    store = _stores.pop(crawler, None)
    if store is not None:
        store.close()
