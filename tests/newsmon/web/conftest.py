"""The web tests' database: the fixture web crawled once per session into a template (with a
webhook channel that cannot deliver, so the outbox holds dead alerts), copied for each module
so a module's writes (a re-queue) never leak into another's; and servers on 127.0.0.1."""

from __future__ import annotations

import os
import shutil
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from newsmon.config import Config, load_config
from tests.conftest import run_newsmon, write_config

HOOK = {"name": "hook", "type": "webhook", "url": "http://127.0.0.1:9/hook", "max_attempts": 1,
        "timeout": "1s"}


@dataclass
class CrawledSite:
    db: Path
    sources: list[dict[str, Any]]


@pytest.fixture(scope="session")
def crawled(tmp_path_factory: pytest.TempPathFactory) -> Iterator[CrawledSite]:
    """The fixture web crawled once; every story's alert is dead-lettered (port 9 refuses)."""
    from tests.fixtureweb import FixtureWeb

    base = tmp_path_factory.mktemp("web-crawl")
    web = FixtureWeb(slow_seconds=1.0)
    web.start()
    try:
        cfg = write_config(base / "crawl.toml", f"sqlite:///{base / 'newsmon.db'}",
                           web.sources, alerts=[HOOK])
        run_newsmon("crawl", "--config", str(cfg), "--no-progress", "--alert-wait", "0",
                    timeout=240, check=True)
        sources = web.sources
    finally:
        web.stop()
    with sqlite3.connect(base / "newsmon.db") as conn:  # one file to copy: fold the WAL in
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    yield CrawledSite(base / "newsmon.db", sources)


def config_for(path: Path, db: Path, sources: list[dict[str, Any]],
               web: dict[str, Any] | None = None) -> Config:
    """A config on `db` with the crawl's sources and channel, and a [web] table."""
    write_config(path, f"sqlite:///{db}", sources, alerts=[HOOK])
    if web:
        lines = ["", "[web]"] + [f"{k} = {_toml(v)}" for k, v in web.items()]
        path.write_text(path.read_text("utf-8") + "\n".join(lines) + "\n", "utf-8")
    return load_config(str(path))


def _toml(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return f'"{value}"' if isinstance(value, str) else str(value)


@pytest.fixture(scope="module")
def module_db(crawled: CrawledSite, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """This module's own copy of the crawled database."""
    copy = tmp_path_factory.mktemp("web-db") / "newsmon.db"
    shutil.copy(crawled.db, copy)
    return copy


@contextmanager
def environment(**values: str) -> Iterator[None]:
    old = {k: os.environ.get(k) for k in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for k, v in old.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v


@contextmanager
def serving(cfg: Config) -> Iterator[str]:
    """A real uvicorn server on 127.0.0.1 (a free port); yields its base URL."""
    from newsmon.web.server import BackgroundServer

    server = BackgroundServer(cfg, "127.0.0.1", 0).start()
    try:
        yield server.url
    finally:
        server.stop()


@pytest.fixture(scope="module")
def module_config(crawled: CrawledSite, module_db: Path) -> Config:
    return config_for(module_db.with_name("newsmon.toml"), module_db, crawled.sources)


@pytest.fixture(scope="module")
def base_url(module_config: Config) -> Iterator[str]:
    """The dashboard without secrets, on this module's database."""
    with serving(module_config) as url:
        yield url
