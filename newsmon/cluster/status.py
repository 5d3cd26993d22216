"""The distributed mode in `newsmon status`: live workers, crawls running and waiting.

Read with plain SQL from procrastinate's tables, through newsmon's own engine, so `status`
needs neither procrastinate nor a connection pool of its own.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Engine, text

from newsmon.cluster.app import TASK


def cluster_status(engine: Engine, stalled_after: float) -> dict[str, Any]:
    """Workers with a fresh heartbeat, and the crawl jobs running (by source) and waiting."""
    with engine.connect() as conn:
        if conn.execute(text("SELECT to_regclass('procrastinate_jobs')")).scalar() is None:
            return {"workers": 0, "running": [], "waiting": 0}  # no worker ever started
        workers = conn.execute(text(
            "SELECT count(*) FROM procrastinate_workers WHERE last_heartbeat >"
            " now() - make_interval(secs => :s)"), {"s": stalled_after}).scalar()
        running = sorted(conn.execute(text(
            "SELECT args->>'source' FROM procrastinate_jobs WHERE task_name = :t"
            " AND status = 'doing'"), {"t": TASK}).scalars())
        waiting = conn.execute(text(
            "SELECT count(*) FROM procrastinate_jobs WHERE task_name = :t"
            " AND status = 'todo'"), {"t": TASK}).scalar()
    return {"workers": int(workers or 0), "running": running, "waiting": int(waiting or 0)}
