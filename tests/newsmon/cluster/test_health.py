"""Source health in the distributed mode: a worker records its crawl and sends nothing; the
scheduler judges the health of the sources the workers crawled and alone tells the operator,
once per transition, as `newsmon run` does on its own."""

from __future__ import annotations

import asyncio
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from newsmon.cluster.task import CONTEXT, WorkerState, crawl_source
from newsmon.config import load_config
from newsmon.daemon.runner import Daemon
from newsmon.models import Source
from newsmon.storage import sources
from newsmon.store import Store
from tests.conftest import write_config
from tests.webhookreceiver import SECRET, Receiver

pytestmark = pytest.mark.postgres


def _failed_crawl(state: WorkerState, source: str, job: int) -> None:
    """What a worker does with a crawl job whose crawl process exits 1 without a summary."""
    context = SimpleNamespace(additional_context={CONTEXT: state},
                              job=SimpleNamespace(id=job, attempts=0))
    asyncio.run(crawl_source(context, source))


def test_workers_never_tell_the_operator_the_scheduler_does_once(
        tmp_path: Path, postgres_url: str, webhook_receiver: Receiver,
        monkeypatch: pytest.MonkeyPatch) -> None:
    path = write_config(
        tmp_path / "n.toml", postgres_url,
        [{"name": "flaky", "url": "http://127.0.0.1:9/feed.xml", "type": "feed"}],
        alerts=[{"type": "webhook", "name": "ops", "url": webhook_receiver.url,
                 "secret": SECRET}])
    with path.open("a") as f:
        f.write('\n[daemon]\nfailure_threshold = 1\nhealth_channel = "ops"\n'
                "\n[cluster]\nenabled = true\n")
    cfg = load_config(str(path))

    async def crawl_exits_1(*args: Any) -> tuple[None, int]:
        return None, 1

    monkeypatch.setattr("newsmon.cluster.task.run_crawl", crawl_exits_1)
    store = Store.open(cfg.database.url)
    try:
        sources.sync(store, cfg.sources)
        state = WorkerState(cfg=cfg, text=path.read_text(), store=store, name="w:1")
        _failed_crawl(state, "flaky", job=1)
        with store.read() as s:
            row = s.get(Source, sources.source_id(store, "flaky"))
            assert row is not None and row.consecutive_failures == 1  # recorded...
            assert row.health is None  # ...and not judged by the worker
        assert webhook_receiver.requests == []  # nor told by it

        scheduler = Daemon(cfg, path.read_text(), store)
        asyncio.run(scheduler.judge_workers_crawls())
        assert [r["body"]["type"] for r in webhook_receiver.requests] == ["source.unhealthy"]
        assert webhook_receiver.requests[0]["body"]["data"]["sources"][0]["name"] == "flaky"
        asyncio.run(scheduler.judge_workers_crawls())  # no crawl since: nothing judged again
        _failed_crawl(state, "flaky", job=2)
        asyncio.run(scheduler.judge_workers_crawls())  # judged again: still failing, not told
        assert len(webhook_receiver.requests) == 1
        with store.read() as s:
            row = s.get(Source, sources.source_id(store, "flaky"))
            assert row is not None and row.health == "failing"
            assert row.consecutive_failures == 2
    finally:
        store.close()
