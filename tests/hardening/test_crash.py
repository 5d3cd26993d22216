"""Crashes: `newsmon crawl` killed with SIGKILL at random moments against the fixture web,
restarted each time; in the end every fixture article is stored exactly once and SQLite's
integrity check passes after every kill. Then the same during alert delivery: every story
is alerted, and a repeated send only ever repeats the same idempotency key.

NEWSMON_CRASH_ITERATIONS sets the number of kills (default 10; a benchmark can run 50);
NEWSMON_CRASH_SEED the seed (fixed, so a failure can be replayed).
"""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import export_articles, newsmon_env, run_newsmon, write_config
from tests.webhookreceiver import SECRET, Receiver

ITERATIONS = int(os.environ.get("NEWSMON_CRASH_ITERATIONS", "10"))
SEED = int(os.environ.get("NEWSMON_CRASH_SEED", "20260407"))


def integrity(db: Path) -> tuple[str, list[tuple[Any, ...]]]:
    with sqlite3.connect(db) as conn:
        ok = conn.execute("PRAGMA integrity_check").fetchone()[0]
        dangling = conn.execute(
            "SELECT p.url FROM pages p LEFT JOIN articles a ON a.id = p.article_id "
            "WHERE p.kind = 'article' AND a.id IS NULL").fetchall()
    return ok, dangling


@pytest.mark.timeout(60 + 40 * ITERATIONS)
def test_kill_9_at_random_points_loses_and_duplicates_nothing(tmp_path: Path,
                                                              fixture_web: Any) -> None:
    rng = random.Random(SEED)
    db = tmp_path / "newsmon.db"
    cfg = write_config(tmp_path / "newsmon.toml", f"sqlite:///{db}", fixture_web.sources)
    # how long an uninterrupted pass takes here sets the range of kill times
    horizon = 8.0
    kills = 0
    for i in range(ITERATIONS):
        proc = subprocess.Popen(
            [sys.executable, "-m", "newsmon", "crawl", "--config", str(cfg), "--no-progress"],
            env=newsmon_env(), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            start_new_session=True)  # its own group: the workers it forked go with it
        delay = rng.uniform(0.3, horizon)
        try:
            proc.wait(timeout=delay)
        except subprocess.TimeoutExpired:
            os.kill(proc.pid, signal.SIGKILL)  # a crash: no handler, no atexit
            kills += 1
        proc.wait(timeout=30)
        _reap_group(proc.pid)
        if db.exists():
            ok, dangling = integrity(db)
            assert ok == "ok", f"iteration {i} (killed at {delay:.1f}s): {ok}"
            assert dangling == [], f"iteration {i}: pages marked as articles without one"
    # passes get shorter as the store fills, so later draws often outlast them: what matters
    # is that some kills landed mid-pass (how many depends on the machine's speed)
    assert kills >= 3, "the crawl ended before the kills: raise the horizon"

    # two clean passes: the first finishes what the crashes left, the second finds nothing new
    first = run_newsmon("crawl", "--config", str(cfg), "--no-progress", check=True)
    second = run_newsmon("crawl", "--config", str(cfg), "--no-progress", check=True)
    assert "new articles 0" in second.stdout, second.stdout
    stored = [a["canonical_url"] for a in export_articles(cfg)]
    assert len(stored) == len(set(stored)), "an article stored twice"
    assert set(stored) == {e.canonical_url for e in fixture_web.articles}, first.stdout
    assert integrity(db) == ("ok", [])


def _reap_group(pgid: int) -> None:
    """Kill what is left of the crashed crawl's process group (its worker processes)."""
    try:
        os.killpg(pgid, signal.SIGKILL)
    except ProcessLookupError:
        return
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline:
        try:
            os.killpg(pgid, 0)
        except ProcessLookupError:
            return
        time.sleep(0.05)


@pytest.mark.timeout(60 + 30 * ITERATIONS)
def test_kill_9_during_alert_delivery_sends_every_story_under_one_key(
        tmp_path: Path, fixture_web: Any, webhook_receiver: Receiver) -> None:
    rng = random.Random(SEED + 1)
    db = tmp_path / "newsmon.db"
    cfg = write_config(tmp_path / "newsmon.toml", f"sqlite:///{db}", fixture_web.sources,
                       alerts=[{"type": "webhook", "name": "hook", "url": webhook_receiver.url,
                                "secret": SECRET, "backoff": "1s"}])
    run_newsmon("crawl", "--config", str(cfg), "--no-progress", "--no-alerts", check=True)
    stories = {a["story_id"] for a in export_articles(cfg)} - {None}
    assert len(stories) >= 3
    webhook_receiver.delay = 0.8  # each answer held: kills land before, during and after sends
    horizon = 1.5 + 0.8 * len(stories)  # start-up, then one send after another
    kills = 0
    for i in range(ITERATIONS):
        with sqlite3.connect(db) as conn:
            if not conn.execute("SELECT count(*) FROM alerts WHERE status = 'pending'"
                                ).fetchone()[0]:
                break
        proc = subprocess.Popen(
            [sys.executable, "-m", "newsmon", "alerts", "send", "--config", str(cfg)],
            env=newsmon_env(), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        delay = rng.uniform(0.8, horizon / 2)
        try:
            proc.wait(timeout=delay)
        except subprocess.TimeoutExpired:
            proc.kill()
            kills += 1
        proc.wait(timeout=30)
        ok, _ = integrity(db)
        assert ok == "ok", f"iteration {i} (killed at {delay:.1f}s): {ok}"
    assert kills >= 3, "the sends ended before the kills: raise the horizon"

    webhook_receiver.delay = 0.0
    run_newsmon("alerts", "send", "--config", str(cfg), "--wait", "5", check=True)
    keys_by_story: dict[int, set[str]] = {}
    for r in webhook_receiver.requests:
        keys_by_story.setdefault(r["body"]["data"]["story"]["id"], set()).add(
            r["headers"]["webhook-id"])
    assert set(keys_by_story) == stories  # every story alerted, none lost to a crash
    assert all(len(keys) == 1 for keys in keys_by_story.values()), keys_by_story
    with sqlite3.connect(db) as conn:
        statuses = dict(conn.execute("SELECT status, count(*) FROM alerts GROUP BY status"))
    assert statuses == {"sent": len(stories)}, statuses
