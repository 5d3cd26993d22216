"""The daemon's APScheduler: one interval job per enabled source, plus the outbox,
housekeeping and heartbeat jobs."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Mapping
from datetime import datetime, timedelta

from apscheduler.schedulers.asyncio import AsyncIOScheduler
from apscheduler.triggers.interval import IntervalTrigger

from newsmon.config import Config, DaemonConfig
from newsmon.models import utcnow

HEARTBEAT = 30.0  # seconds
MAX_JITTER = 300.0  # seconds
SOURCE_JOB = "source:"  # a source's job id: this and its name

Job = Callable[[], Awaitable[None]]


def new_scheduler(loop: asyncio.AbstractEventLoop) -> AsyncIOScheduler:
    """Runs missed jobs once (a busy job coalesces), never two of one job at a time."""
    return AsyncIOScheduler(event_loop=loop, timezone="UTC", job_defaults={
        "coalesce": True, "max_instances": 1, "misfire_grace_time": None})


def add_upkeep_jobs(scheduler: AsyncIOScheduler, d: DaemonConfig, drain: Job,
                    housekeeping: Job, heartbeat: Job) -> None:
    """The outbox drained at once and every delivery_interval, housekeeping a minute after
    the start and then every housekeeping_interval, a heartbeat every HEARTBEAT seconds."""
    scheduler.add_job(drain, IntervalTrigger(seconds=d.delivery_interval),
                      id="outbox", replace_existing=True, next_run_time=utcnow())
    scheduler.add_job(housekeeping, IntervalTrigger(seconds=d.housekeeping_interval),
                      id="housekeeping", replace_existing=True,
                      next_run_time=utcnow() + timedelta(seconds=60))
    scheduler.add_job(heartbeat, IntervalTrigger(seconds=HEARTBEAT), id="heartbeat",
                      replace_existing=True)


def add_cluster_jobs(scheduler: AsyncIOScheduler, every: float, recover: Job,
                     judge_health: Job) -> None:
    """Distributed mode, every `every` seconds: the jobs of dead workers requeued, and the
    health of the sources the workers crawled judged."""
    scheduler.add_job(recover, IntervalTrigger(seconds=every), id="recovery",
                      replace_existing=True)
    scheduler.add_job(judge_health, IntervalTrigger(seconds=every), id="health",
                      replace_existing=True)


def schedule_sources(scheduler: AsyncIOScheduler, cfg: Config, last: Mapping[str, datetime],
                     due: Callable[[str], Awaitable[None]]) -> list[str]:
    """One interval job per enabled source, calling `due(name)`; its first run continues the
    rhythm recorded in the database (`last`: each source's last run), so a restart neither
    re-crawls everything nor skips a due source. A job whose interval and jitter are
    unchanged keeps its rhythm. Returns the sources whose jobs were removed."""
    wanted = {s.name: s for s in cfg.sources if s.enabled}
    removed = []
    for job in scheduler.get_jobs():
        name = job.id.removeprefix(SOURCE_JOB)
        if job.id.startswith(SOURCE_JOB) and name not in wanted:
            job.remove()
            removed.append(name)
    now = utcnow()
    for name, src in wanted.items():
        jitter = min(src.interval * cfg.daemon.jitter, MAX_JITTER)
        job = scheduler.get_job(SOURCE_JOB + name)
        if job is not None and job.trigger.interval.total_seconds() == src.interval \
                and (job.trigger.jitter or 0) == jitter:
            continue
        previous = last.get(name)
        first = now if previous is None else max(now, previous + timedelta(
            seconds=src.interval))
        scheduler.add_job(
            due, IntervalTrigger(seconds=src.interval, jitter=jitter or None),
            args=[name], id=SOURCE_JOB + name, replace_existing=True, next_run_time=first)
    return removed


def next_runs(scheduler: AsyncIOScheduler) -> dict[str, datetime]:
    """When each scheduled source runs next."""
    return {j.id.removeprefix(SOURCE_JOB): j.next_run_time for j in scheduler.get_jobs()
            if j.id.startswith(SOURCE_JOB)}
