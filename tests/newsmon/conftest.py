"""Fixtures the core's tests share: a store whose one source, "wire", is the one the story
tests' articles (tests/newsmon/test_stories.article) come from."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest

from newsmon.config import SourceConfig
from newsmon.storage import sources
from newsmon.store import Store

WIRE = SourceConfig(name="wire", url="https://news.example/feed", type="feed")


@pytest.fixture
def wire_store() -> Iterator[Callable[[str], Store]]:
    """Opens a store on a database URL with the "wire" source synced; every store it opened is
    closed after the test (a test may close one earlier)."""
    opened: list[Store] = []

    def open_store(url: str) -> Store:
        store = Store.open(url)
        sources.sync(store, [WIRE])
        opened.append(store)
        return store

    yield open_store
    for store in opened:
        store.close()
