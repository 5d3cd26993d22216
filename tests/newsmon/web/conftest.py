"""The web tests' database: the fixture web crawled once per session into a template (with a
webhook channel that cannot deliver, so the outbox holds dead alerts), copied for each module
so a module's writes (a re-queue) never leak into another's; and servers on 127.0.0.1."""

from __future__ import annotations

import fcntl
import json
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
def crawled(tmp_path_factory: pytest.TempPathFactory) -> CrawledSite:
    """The fixture web crawled once; every story's alert is dead-lettered (port 9 refuses).

    Once per run, not per pytest-xdist worker: the workers' temporary folders share a parent,
    where the first worker to get here crawls under a lock and the others read its result
    (only copies of the database are ever written: module_db)."""
    base = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        base = base.parent
    folder = base / "web-crawl"
    ready = folder / "sources.json"
    with open(base / "web-crawl.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file closes
        if not ready.exists():  # (again, from scratch, if an earlier attempt failed)
            shutil.rmtree(folder, ignore_errors=True)
            folder.mkdir()
            sources = _crawl(folder / "newsmon.db")
            ready.write_text(json.dumps(sources), "utf-8")
    return CrawledSite(folder / "newsmon.db", json.loads(ready.read_text("utf-8")))


def _crawl(db: Path) -> list[dict[str, Any]]:
    """Crawl the fixture web into `db`; returns its sources (their servers stop after)."""
    from tests.fixtureweb import FixtureWeb

    web = FixtureWeb(slow_seconds=1.0)
    web.start()
    try:
        cfg = write_config(db.with_name("crawl.toml"), f"sqlite:///{db}", web.sources,
                           alerts=[HOOK])
        run_newsmon("crawl", "--config", str(cfg), "--no-progress", "--alert-wait", "0",
                    timeout=240, check=True)
        sources = web.sources
    finally:
        web.stop()
    with sqlite3.connect(db) as conn:  # one file to copy: fold the WAL in
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return sources


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
