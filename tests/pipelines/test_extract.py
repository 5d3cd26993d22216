"""pipelines/extract.py: what a page whose analysis never comes back turns into."""

from __future__ import annotations

import asyncio
from collections import Counter
from concurrent.futures import Future
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from scrapy.settings import Settings

from crawler.items import PageItem
from newsmon.config import load_config
from pipelines import extract as extract_pipeline
from tests.conftest import write_config


class _Stats:
    def __init__(self) -> None:
        self.values: Counter[str] = Counter()

    def inc_value(self, key: str, count: int = 1, start: int = 0) -> None:
        self.values[key] += count


class _StuckPool:
    """A pool whose job never finishes (a worker looping on a hostile page)."""

    def submit(self, *args: Any) -> Future[Any]:
        return Future()


def test_a_timed_out_extraction_is_a_non_article(tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    cfg = load_config(str(write_config(tmp_path / "newsmon.toml", f"sqlite:///{tmp_path}/n.db",
                                   [{"name": "wire", "url": "http://127.0.0.1/feed.xml",
                                     "type": "feed"}])))
    crawler = SimpleNamespace(settings=Settings({"NEWSMON_CONFIG": cfg}), stats=_Stats())
    monkeypatch.setattr(extract_pipeline, "get_pool", lambda workers: _StuckPool())
    monkeypatch.setattr(extract_pipeline, "EXTRACT_TIMEOUT", 0.05)
    pipeline = extract_pipeline.ExtractPipeline.from_crawler(crawler)
    item = PageItem(source="wire", url="http://127.0.0.1/a", final_url="http://127.0.0.1/a",
                    status=200, content_type="text/html", html="<html><p>x</p></html>")

    out = asyncio.run(pipeline.process_item(item))

    assert out is item
    assert item.extraction is not None and item.extraction.kind == "non_article"
    assert item.extraction.reason == "extraction timed out"
    assert item.relevance is None and item.fingerprint is None
    assert crawler.stats.values == Counter({"newsmon/errors/extract_timeout": 1})
