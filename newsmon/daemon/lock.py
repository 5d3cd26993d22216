"""One daemon per database.

SQLite: an exclusive `flock` on a file beside the database. PostgreSQL: a session-level
advisory lock held on a dedicated connection. Both vanish with the process, kill -9
included, so a crash never leaves a stale lock that needs a manual step.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import time
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, text
from sqlalchemy.engine import make_url

from newsmon.db import advisory_key
from newsmon.errors import DaemonRunning

# pg_advisory_lock key: "newsmon" as an int64, so other applications' keys do not collide
PG_LOCK_KEY = advisory_key(b"newsmon\x01")


class AlreadyRunning(DaemonRunning):
    """Another daemon holds the database; the message says which (exit 4)."""


def lock_path(url: str) -> Path | None:
    """The lock file of a SQLite database file (None for PostgreSQL or :memory:)."""
    u = make_url(url)
    if u.get_backend_name() != "sqlite":
        return None
    database = u.database or ""
    if not database or database.startswith(":memory:") or database.startswith("file:"):
        return None
    return Path(database).with_name(Path(database).name + ".daemon.lock")


class DaemonLock:
    def __init__(self, engine: Engine, url: str):
        self.engine = engine
        self.url = url
        self._fd: int | None = None
        self._conn: Any = None

    def acquire(self, describe_holder: str = "") -> None:
        """Take the lock or raise AlreadyRunning."""
        path = lock_path(self.url)
        if path is not None:
            fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
            try:
                for attempt in range(3):  # a `newsmon status` probe holds it for microseconds
                    try:
                        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                        break
                    except BlockingIOError:
                        if attempt == 2:
                            raise
                        time.sleep(0.1)
            except BlockingIOError:
                holder = os.pread(fd, 200, 0).decode("utf-8", "replace").strip()
                os.close(fd)
                raise AlreadyRunning(
                    f"another newsmon daemon is already running on this database "
                    f"({holder or 'pid unknown'}; lock file {path})") from None
            os.ftruncate(fd, 0)
            os.pwrite(fd, describe_holder.encode(), 0)
            self._fd = fd
        elif self.engine.dialect.name == "postgresql":
            conn = self.engine.connect()
            got = conn.execute(text("select pg_try_advisory_lock(:k)"), {"k": PG_LOCK_KEY}).scalar()
            conn.commit()
            if not got:
                conn.close()
                raise AlreadyRunning("another newsmon daemon is already running on this "
                                     "database (it holds the PostgreSQL advisory lock "
                                     f"{PG_LOCK_KEY})")
            self._conn = conn

    def release(self) -> None:
        if self._fd is not None:
            with contextlib.suppress(OSError):
                fcntl.flock(self._fd, fcntl.LOCK_UN)
                os.close(self._fd)
            self._fd = None
        if self._conn is not None:
            with contextlib.suppress(Exception):
                self._conn.execute(text("select pg_advisory_unlock(:k)"), {"k": PG_LOCK_KEY})
                self._conn.close()
            self._conn = None


def daemon_running(engine: Engine, url: str) -> bool:
    """Whether some daemon holds the lock now."""
    if engine.dialect.name == "postgresql":  # look, without taking it
        # pg_locks lists every database's locks: only this database's daemon counts (advisory
        # locks are per database, so a daemon on another database of the server holds its own)
        with engine.connect() as conn:
            return bool(conn.execute(text(
                "select count(*) from pg_locks where locktype = 'advisory' and granted"
                " and database = (select oid from pg_database where datname ="
                " current_database()) and classid = :hi and objid = :lo"),
                {"hi": PG_LOCK_KEY >> 32, "lo": PG_LOCK_KEY & 0xFFFF_FFFF}).scalar())
    # SQLite: take the flock and give it back at once (a daemon starting in those
    # microseconds retries, see acquire)
    lock = DaemonLock(engine, url)
    try:
        lock.acquire()
    except AlreadyRunning:
        return True
    lock.release()
    return False
