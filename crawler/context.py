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


def resolve_config(settings: BaseSettings) -> Config:
    """Parse NEWSMON_CONFIG, once: a path (`scrapy crawl -s NEWSMON_CONFIG=...`) or nothing
    ($NEWSMON_CONFIG, ./newsmon.toml) is replaced by the loaded Config at the priority the path
    had, so the file named on the command line is the one used and every later reader gets the
    same object. A Config already there (`newsmon crawl`) is left as it is."""
    value = settings.get("NEWSMON_CONFIG")
    if isinstance(value, Config):
        return value
    cfg = load_config(value or None)
    priority = settings.getpriority("NEWSMON_CONFIG")
    settings.set("NEWSMON_CONFIG", cfg, priority="addon" if priority is None else priority)
    return cfg


def config_from_settings(settings: BaseSettings) -> Config:
    """The crawl's Config, as the add-on left it in the settings (see resolve_config)."""
    value = settings.get("NEWSMON_CONFIG")
    if isinstance(value, Config):
        return value
    return load_config(value or None)  # settings that never went through the add-on


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
