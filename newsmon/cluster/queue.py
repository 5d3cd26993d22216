"""The queue's two operations outside a worker: defer a due source, requeue stalled jobs.

`newsmon run` defers; both it and every worker requeue stalled jobs, so a dead worker's
crawl is picked up even while the scheduler is restarting (two processes requeueing one job
at once is harmless: the second finds it no longer `doing` and skips it).
"""

from __future__ import annotations

import logging
from typing import Any

from newsmon.cluster.app import TASK, lock_of
from newsmon.daemon.logfmt import kv
from newsmon.db import advisory_key

logger = logging.getLogger("newsmon.cluster")

RECOVERY_LOCK = advisory_key(b"nmrecov1")


async def defer_crawl(app: Any, source: str) -> int | None:
    """Queue a crawl of `source`; None when one is already waiting (the runs coalesce).

    The queueing lock keeps at most one waiting job per source; the lock keeps a waiting
    job from starting while the source's previous crawl still runs.
    """
    from procrastinate.exceptions import AlreadyEnqueued

    try:
        return int(await app.tasks[TASK].configure(
            lock=lock_of(source), queueing_lock=lock_of(source)).defer_async(source=source))
    except AlreadyEnqueued:
        logger.debug("%s", kv(event="crawl_already_queued", source=source))
        return None


async def requeue_stalled(app: Any, stalled_after: float) -> dict[int, str]:
    """Recover the running jobs of workers silent for `stalled_after` seconds (their
    heartbeat stopped: killed, frozen, or their machine gone); job id -> what was done.

    `requeued`: the job goes back to the queue as it was, for another worker. `closed`: the
    source is already waiting in the queue again (it fell due meanwhile, and the queueing
    lock allows one waiting job per source), so the dead job is marked failed, which frees
    the source's lock for the waiting job: the source is crawled again either way.
    """
    # One recoverer at a time (a session lock: it goes with a dead process's connection).
    # Two at once could each read job J as stalled; the first requeues it, a live worker
    # takes it, and the second, acting on its stale read, would requeue a running job.
    async with app.connector.pool.connection() as conn:
        cur = await conn.execute("SELECT pg_try_advisory_lock(%s)", (RECOVERY_LOCK,))
        row = await cur.fetchone()
        if not (row and row[0]):
            return {}  # another process is recovering now
        try:
            return await _recover(app, stalled_after)
        finally:
            await conn.execute("SELECT pg_advisory_unlock(%s)", (RECOVERY_LOCK,))


async def recover(app: Any, stalled_after: float) -> None:
    """requeue_stalled for a periodic caller: a failure (the database away) is logged and the
    next period tries again."""
    try:
        await requeue_stalled(app, stalled_after)
    except Exception:
        logger.exception("requeueing stalled jobs failed; trying again")


async def _recover(app: Any, stalled_after: float) -> dict[int, str]:
    from procrastinate.jobs import Status

    manager = app.job_manager
    done: dict[int, str] = {}
    for job in await manager.get_stalled_jobs(task_name=TASK,
                                              seconds_since_heartbeat=stalled_after):
        source = job.task_kwargs.get("source")
        why = f"its worker sent no heartbeat for {stalled_after:g}s"
        try:
            await manager.retry_job(job)
            done[job.id] = "requeued"
        except Exception as exc:
            try:  # still ours to settle? (another process may have settled it meanwhile)
                if await manager.get_job_status_async(job.id) != Status.DOING:
                    continue
                await manager.finish_job(job, status=Status.FAILED, delete_job=True)
            except Exception as exc2:
                logger.debug("%s", kv(event="requeue_skipped", job=job.id, error=exc,
                                      then=exc2))
                continue
            done[job.id] = "closed"
            why += "; the source is already waiting in the queue again"
        logger.warning("%s", kv(event="crawl_" + done[job.id], job=job.id, source=source,
                                reason=why))
    return done
