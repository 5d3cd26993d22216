"""The distributed mode end to end: `newsmon run` scheduling, real `newsmon worker`
subprocesses crawling the fixture web into one PostgreSQL database, a real webhook
receiver. A worker killed with SIGKILL mid-crawl has its job run by another; a worker that
joins late gets work; every article is stored once and every story alerted once."""

from __future__ import annotations

import itertools
import json
import os
import signal
from collections import Counter
from datetime import datetime
from typing import Any

import pytest

from tests.conftest import export_articles, run_newsmon
from tests.newsmon.cluster.conftest import (
    Proc,
    children,
    defer,
    kill_groups,
    open_jobs,
    wait_for,
)

pytestmark = [pytest.mark.postgres, pytest.mark.timeout(240)]


def _alerted(hook: Any) -> Counter[int]:
    return Counter(r["body"]["data"]["story"]["id"] for r in hook.requests)


def _crawls(workers: list[Proc], killed: Proc, killed_at: datetime
            ) -> dict[str, list[tuple[datetime, datetime, str]]]:
    """Per source, each crawl's (start, end, worker log); the killed worker's open crawl
    ends when it was killed."""
    spans: dict[str, list[tuple[datetime, datetime, str]]] = {}
    for w in workers:
        done = {f["job"] + "/" + f["attempt"]: t for t, f in w.events("crawl_done")}
        for t, f in w.events("crawl_started"):
            end = done.get(f["job"] + "/" + f["attempt"])
            if end is None:
                assert w is killed or not w.alive(), f"an unfinished crawl in {w.log_path}"
                end = killed_at
            spans.setdefault(f["source"], []).append((t, end, w.log_path.name))
    return spans


def test_workers_share_the_crawl_survive_kill_9_and_store_and_alert_once(
        cluster_setup: dict[str, Any]) -> None:
    config, web, hook, start = (cluster_setup[k] for k in ("config", "web", "hook", "start"))
    scheduler = start("run")
    workers = [start("worker") for _ in range(3)]
    everyone = [scheduler, *workers]

    # a worker mid-crawl: its crawl started and the source's site has been asked for pages
    def busy() -> tuple[Proc, dict[str, str]] | None:
        for w in workers:
            begun = w.events("crawl_started")
            ended = {f["job"] for _, f in w.events("crawl_done")}
            for t, f in begun:
                if f["job"] not in ended and any(
                        r.site == f["source"] and r.time > t.timestamp() for r in web.requests):
                    return w, f
        return None

    wait_for("a worker mid-crawl", lambda: busy() is not None, everyone)
    victim, job = busy()  # type: ignore[misc]
    crawl = children(victim.proc.pid)  # its crawl subprocess
    killed_at = datetime.now()
    os.kill(victim.proc.pid, signal.SIGKILL)
    victim.kill()
    kill_groups(crawl)
    everyone.remove(victim)
    survivors = [w for w in workers if w is not victim]

    # a worker that joins late gets work: it starts while the survivors are mid-crawl and
    # crawls are still waiting in the queue (5 sources, 3 workers)
    late = start("worker")
    everyone.append(late)

    # the dead worker's job goes back to the queue and another worker runs it to the end
    def rerun() -> bool:
        return any(f["job"] == job["job"] and int(f["attempt"]) > int(job["attempt"])
                   for w in [*survivors, late] for _, f in w.events("crawl_done"))

    wait_for(f"job {job['job']} ({job['source']}) run again elsewhere", rerun, everyone)
    wait_for("every crawl done", lambda: open_jobs(cluster_setup["url"]) == 0, everyone)
    if not late.events("crawl_done"):  # the survivors were quicker: three crawls at once
        wait_for("the late worker to start", lambda: bool(late.events("worker_started")),
                 everyone)
        assert all(defer(cluster_setup["url"], [s["name"] for s in web.sources][:3]))
    wait_for("the late worker's first crawl", lambda: bool(late.events("crawl_done")),
             everyone)
    wait_for("every crawl done", lambda: open_jobs(cluster_setup["url"]) == 0, everyone)

    expected = {a.canonical_url for a in web.articles}
    exported = export_articles(config)
    assert expected <= {a["canonical_url"] for a in exported}
    stories = {a["story_id"] for a in exported if a["story_id"] is not None}
    assert stories, "the fixture web has relevant articles: stories expected"
    wait_for("every story alerted", lambda: set(_alerted(hook)) >= stories, everyone)

    status = json.loads(run_newsmon("status", "--config", str(config), "--json",
                                    check=True).stdout)
    assert status["cluster"] == {"workers": 3, "running": [], "waiting": 0}  # not the dead

    for p in everyone:
        assert p.stop() == 0, p.log[-3000:]

    stored = export_articles(config)
    urls = Counter(a["canonical_url"] for a in stored)
    assert set(urls) == expected and max(urls.values()) == 1  # every article once
    alerted = _alerted(hook)
    assert set(alerted) == {a["story_id"] for a in stored if a["story_id"] is not None}
    assert max(alerted.values()) == 1, alerted  # every story alerted once
    assert len({r["headers"]["webhook-id"] for r in hook.requests}) == len(hook.requests)

    # the work was shared, and one source was never crawled by two workers at once
    spans = _crawls([*survivors, victim, late], victim, killed_at)
    assert sum(1 for w in [*survivors, victim, late] if w.events("crawl_started")) == 4
    for source, crawls in spans.items():
        crawls.sort()
        for (_, end, _), (begin, _, _) in itertools.pairwise(crawls):
            assert begin >= end, f"{source} crawled twice at once: {crawls}"
    assert "event=crawl_requeued job=" + job["job"] in "".join(
        p.log for p in [scheduler, *survivors, late])
