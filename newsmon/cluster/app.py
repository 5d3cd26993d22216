"""The procrastinate App on newsmon's own PostgreSQL database, and its schema.

procrastinate keeps its jobs, locks and worker heartbeats in tables of its own
(`procrastinate_*`) beside newsmon's; they are created on first use, once, under an
advisory lock so that a scheduler and workers starting together do not race.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy.engine import make_url

from newsmon.cluster.errors import ClusterUnavailable
from newsmon.config import Config
from newsmon.db import advisory_key

TASK = "newsmon.crawl_source"  # the job's task name: scheduler and workers must agree
QUEUE = "newsmon"
SCHEMA_LOCK = advisory_key(b"nmschem1")


def require_cluster(cfg: Config) -> None:
    """Refuse (exit 2) unless `[cluster] enabled` on a PostgreSQL database."""
    if not cfg.cluster.enabled:
        raise ClusterUnavailable(
            f"the distributed mode is off in {cfg.path}: set [cluster] enabled = true "
            "(and a PostgreSQL [database] url) to run `newsmon worker`")
    if make_url(cfg.database.url).get_backend_name() != "postgresql":
        raise ClusterUnavailable(
            "the distributed mode needs PostgreSQL: its job queue and locks live there "
            f"({cfg.path}: [database] url is not a postgresql URL)")


def conninfo(url: str) -> str:
    """libpq's URI for an SQLAlchemy URL (`postgresql+psycopg://` -> `postgresql://`)."""
    return make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


def ensure_schema(url: str) -> None:
    """Create procrastinate's tables unless they exist (one process at a time)."""
    import psycopg
    from procrastinate.schema import SchemaManager

    with psycopg.connect(conninfo(url)) as conn:
        conn.execute("SELECT pg_advisory_xact_lock(%s)", (SCHEMA_LOCK,))
        row = conn.execute("SELECT to_regclass('procrastinate_jobs')").fetchone()
        if row is None or row[0] is None:
            conn.execute(SchemaManager.get_schema())
        conn.commit()


def new_app(url: str, pool_size: int = 3) -> Any:
    """An App (not yet opened) with newsmon's crawl task registered."""
    import procrastinate

    from newsmon.cluster.task import crawl_source

    connector = procrastinate.PsycopgConnector(
        conninfo=conninfo(url), min_size=1, max_size=pool_size)
    app = procrastinate.App(connector=connector)
    app.task(name=TASK, queue=QUEUE, pass_context=True)(crawl_source)
    return app


def lock_of(source: str) -> str:
    """The lock and queueing lock of a source's jobs."""
    return f"newsmon:source:{source}"
