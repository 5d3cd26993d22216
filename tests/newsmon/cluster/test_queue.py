"""The queue's guarantees on a real PostgreSQL database, in process: a source waits in the
queue at most once, never runs twice at once, and a dead worker's job is requeued; and the
distributed mode is refused off PostgreSQL."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import pytest

from newsmon.cli.main import main
from tests.conftest import write_config

SOURCES = [{"name": "a", "url": "http://127.0.0.1:9/feed.xml", "type": "feed"}]


def _cluster_config(tmp_path: Path, db_url: str, enabled: bool = True) -> Path:
    config = write_config(tmp_path / "n.toml", db_url, SOURCES)
    with config.open("a") as f:
        f.write(f"\n[cluster]\nenabled = {'true' if enabled else 'false'}\n")
    return config


def test_worker_and_run_refuse_the_distributed_mode_on_sqlite(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    config = _cluster_config(tmp_path, f"sqlite:///{tmp_path / 'n.db'}")
    for command in ("worker", "run"):
        assert main([command, "--config", str(config)]) == 2
        err = capsys.readouterr().err
        assert "[cluster] enabled" in err and "needs PostgreSQL" in err, err
    assert not (tmp_path / "n.db").exists()  # refused before anything was opened


@pytest.mark.postgres
def test_worker_refuses_when_the_distributed_mode_is_off(
        tmp_path: Path, postgres_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    config = _cluster_config(tmp_path, postgres_url, enabled=False)
    assert main(["worker", "--config", str(config)]) == 2
    assert "distributed mode is off" in capsys.readouterr().err


async def _fetch(app: Any, worker_id: int) -> Any:
    return await app.job_manager.fetch_job(queues=None, worker_id=worker_id)


@pytest.mark.postgres
def test_one_waiting_job_per_source_one_running_and_dead_workers_jobs_requeued(
        postgres_url: str) -> None:
    from newsmon.cluster.app import ensure_schema, new_app
    from newsmon.cluster.queue import defer_crawl, requeue_stalled

    ensure_schema(postgres_url)
    ensure_schema(postgres_url)  # idempotent: every process calls it at start

    async def scenario() -> None:
        app = new_app(postgres_url)
        async with app.open_async():
            jm = app.job_manager
            first = await defer_crawl(app, "a")
            assert first is not None
            assert await defer_crawl(app, "a") is None  # already waiting: coalesced
            other = await defer_crawl(app, "b")
            assert other is not None

            w1, w2 = await jm.register_worker(), await jm.register_worker()
            got = await _fetch(app, w1)
            assert got.id == first and got.task_kwargs == {"source": "a"}
            second = await defer_crawl(app, "a")  # due again while its crawl runs: waits
            assert second is not None
            got_b = await _fetch(app, w2)
            assert got_b.id == other
            w3 = await jm.register_worker()
            assert await _fetch(app, w3) is None  # "a" is locked by the running job

            # w1 dies (no heartbeat) while "a" waits again: its job is closed, the
            # waiting one runs; w2 dies with nothing waiting: its job itself is requeued
            async with app.connector.pool.connection() as conn:
                await conn.execute("UPDATE procrastinate_workers SET last_heartbeat ="
                                   " now() - interval '1 hour' WHERE id = ANY(%s)", ([w1, w2],))
            assert await requeue_stalled(app, stalled_after=30) == {
                first: "closed", other: "requeued"}
            assert await requeue_stalled(app, stalled_after=30) == {}
            runs = {(await _fetch(app, w3)).id, (await _fetch(app, w3)).id}
            assert runs == {second, other}
            assert (await jm.get_job_status_async(other)).value == "doing"
            assert (await jm.list_jobs_async(id=other))[0].attempts == 1  # the same job, again
            assert await _fetch(app, w3) is None
    asyncio.run(scenario())

    from sqlalchemy import create_engine

    from newsmon.cluster.status import cluster_status

    engine = create_engine(postgres_url)
    try:  # `newsmon status`: only w3 beats; it runs "a" (the waiting one) and "b" again
        assert cluster_status(engine, stalled_after=30) == {
            "workers": 1, "running": ["a", "b"], "waiting": 0}
    finally:
        engine.dispose()
