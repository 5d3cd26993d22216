"""Crashes: `newsmon crawl` killed with SIGKILL at random moments against the fixture web,
restarted each time; in the end every fixture article is stored exactly once and SQLite's
integrity check passes after every kill.

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
    horizon = 12.0
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
    assert kills >= ITERATIONS // 2, "the crawl ended before most kills: raise the horizon"

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
