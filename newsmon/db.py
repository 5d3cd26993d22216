"""Engines and migrations: SQLite tuned for a crawler beside CLI readers, or PostgreSQL."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError
from sqlalchemy.pool import NullPool

from newsmon.errors import DatabaseUnavailable

MIGRATIONS = Path(__file__).with_name("migrations")


class DatabaseError(DatabaseUnavailable):
    """The database cannot be opened or migrated; the message says which and why (exit 3)."""


def advisory_key(tag: bytes) -> int:
    """A pg_advisory_lock key from an 8-byte tag: newsmon's own, so other applications'
    keys do not collide with it."""
    return int.from_bytes(tag, "big") & 0x7FFF_FFFF_FFFF_FFFF


# pg_advisory_lock key serialising migrations across processes
MIGRATION_LOCK = advisory_key(b"nmmigrat")


def make_engine(url: str) -> Engine:
    """An engine whose transactions really are transactions.

    SQLite: WAL (readers never block the writer), busy_timeout 5 s, synchronous=NORMAL
    (survives kill -9), foreign keys on, and pysqlite's own BEGIN handling replaced so that
    `immediate=True` connections take the write lock up front (a read-then-write
    transaction otherwise fails with "database is locked" when another writer got in first).
    """
    u = make_url(url)
    if u.get_backend_name() == "sqlite":
        database = u.database or ""
        if database and database != ":memory:" and not database.startswith("file:"):
            Path(database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, poolclass=NullPool if not database else None)
        _tune_sqlite(engine)
        return engine
    return create_engine(url, pool_pre_ping=True)


def _tune_sqlite(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _connect(dbapi_conn: Any, _record: Any) -> None:
        dbapi_conn.isolation_level = None  # we emit BEGIN ourselves, below
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA busy_timeout = 5000")
        cur.execute("PRAGMA journal_mode = WAL")
        cur.execute("PRAGMA synchronous = NORMAL")
        cur.execute("PRAGMA foreign_keys = ON")
        cur.close()

    @event.listens_for(engine, "begin")
    def _begin(conn: Any) -> None:
        immediate = conn.get_execution_options().get("immediate", False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


def alembic_config(engine: Engine) -> Any:
    from alembic.config import Config as AlembicConfig

    cfg = AlembicConfig()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.attributes["engine"] = engine
    return cfg


def migrate(engine: Engine) -> None:
    """Bring the schema to the newest revision; cheap when it already is."""
    from alembic import command
    from alembic.runtime.migration import MigrationContext
    from alembic.script import ScriptDirectory

    cfg = alembic_config(engine)
    head = ScriptDirectory.from_config(cfg).get_current_head()
    try:
        with engine.connect() as conn:
            current = MigrationContext.configure(conn).get_current_revision()
        if current == head:
            return
        if engine.dialect.name != "postgresql":
            command.upgrade(cfg, "head")  # SQLite: BEGIN IMMEDIATE serialises writers
            return
        # several processes (a scheduler and its workers) may start together on a fresh
        # database: one migrates, the others wait for it and find the schema current
        with engine.connect() as lock:
            lock.execute(text("SELECT pg_advisory_lock(:k)"), {"k": MIGRATION_LOCK})
            try:
                with engine.connect() as conn:
                    current = MigrationContext.configure(conn).get_current_revision()
                if current != head:
                    command.upgrade(cfg, "head")
            finally:
                lock.execute(text("SELECT pg_advisory_unlock(:k)"), {"k": MIGRATION_LOCK})
                lock.commit()
    except OperationalError as exc:
        raise DatabaseError(f"cannot open database {safe_url(engine)}: {exc.orig}") from exc


def safe_url(engine_or_url: Engine | str) -> str:
    """The database URL with any password masked, for messages and logs."""
    url = engine_or_url.url if isinstance(engine_or_url, Engine) else make_url(engine_or_url)
    return url.render_as_string(hide_password=True)


def open_database(url: str) -> Engine:
    engine = make_engine(url)
    migrate(engine)
    return engine


def db_error(exc: BaseException) -> str:
    """One line for a database error: the driver's message, not SQLAlchemy's essay."""
    orig = getattr(exc, "orig", None)
    text = str(orig if orig is not None else exc).splitlines()[0]
    if "locked" in text:
        text += " (another process held the write lock longer than busy_timeout)"
    return text
