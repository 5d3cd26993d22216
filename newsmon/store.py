"""The database as the crawl, the daemon and the CLI use it: the engine, short transactions
(a write takes SQLite's write lock up front), a thread that keeps the reactor off the database,
and the dialect's INSERT ... ON CONFLICT. What is read and written is newsmon.storage's, one
module per entity; what an article's arrival means (dedup, stories, alerts) is the ingest
workflow's (newsmon.ingest)."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar

from sqlalchemy import Engine, insert, text
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from newsmon.db import open_database

T = TypeVar("T")


class Store:
    """The crawl's window on the database.

    `run` calls a function on one dedicated thread: the reactor never waits on the database,
    and SQLite sees a single writer from this process.
    """

    def __init__(self, engine: Engine):
        self.engine = engine
        self._executor: ThreadPoolExecutor | None = None
        # source name -> row id, newsmon.storage.sources' cache (a source row keeps its id)
        self.source_ids: dict[str, int] = {}

    @classmethod
    def open(cls, url: str) -> Store:
        return cls(open_database(url))

    def close(self) -> None:
        if self._executor is not None:
            self._executor.shutdown(wait=True)
            self._executor = None
        self.engine.dispose()

    async def run(self, fn: Callable[..., T], *args: Any) -> T:
        if self._executor is None:
            self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="newsmon-db")
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._executor, fn, *args)

    @contextlib.contextmanager
    def write(self) -> Iterator[Session]:
        """A write transaction that takes SQLite's write lock up front (BEGIN IMMEDIATE)."""
        with self.engine.connect() as conn:
            conn = conn.execution_options(immediate=True)
            with conn.begin(), Session(bind=conn) as session:
                yield session
                session.flush()

    def read(self) -> Session:
        return Session(self.engine)

    def insert(self, model: Any) -> Any:
        """This dialect's INSERT, so that writers can say ON CONFLICT DO NOTHING."""
        dialect = self.engine.dialect.name
        if dialect == "sqlite":
            return sqlite.insert(model)
        if dialect == "postgresql":
            return postgresql.insert(model)
        return insert(model)

    def lock_dedup(self, s: Session) -> None:
        """One dedup decision at a time across processes: PostgreSQL lets two writers judge two
        copies of one page at once (SQLite's BEGIN IMMEDIATE already serialises them)."""
        if self.engine.dialect.name == "postgresql":
            s.execute(text("SELECT pg_advisory_xact_lock(7243001)"))
