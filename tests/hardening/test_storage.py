"""Storage faults: the database locked by another writer for longer than busy_timeout (5 s),
and a full disk.

The crawl says so, per source, in its summary; nothing it could not store is marked done
(no conditional-GET validators are saved that would make the next pass skip a page); and the
next pass, with the lock gone, stores everything exactly once.
"""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import export_articles, newsmon_env, run_newsmon, write_config
from tests.scriptedweb import ScriptedWeb, article, rss

LOCKED = "database is locked"


class Locker:
    """Another writer: BEGIN IMMEDIATE on its own connection, held until released."""

    def __init__(self, db: Path) -> None:
        self.conn = sqlite3.connect(db, isolation_level=None, check_same_thread=False)
        self.conn.execute("PRAGMA busy_timeout = 10000")

    def hold(self) -> None:
        self.conn.execute("BEGIN IMMEDIATE")

    def release(self) -> None:
        self.conn.execute("ROLLBACK")
        self.conn.close()


def table_count(db: Path, table: str) -> int:
    with sqlite3.connect(db) as conn:
        return int(conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])


@pytest.mark.timeout(240)
def test_locked_for_the_whole_pass_is_reported_and_nothing_marked_done(tmp_path: Path) -> None:
    web = ScriptedWeb().start()
    try:
        web.routes["/feed.xml"] = rss(web.base, ["/a", "/b"])
        web.routes["/a"] = article("Alpha story", 150)
        web.routes["/b"] = article("Beta story", 160)
        db = tmp_path / "n.db"
        cfg = write_config(tmp_path / "n.toml", f"sqlite:///{db}",
                           [{"name": "site", "url": f"{web.base}/feed.xml", "type": "feed"},
                            {"name": "other", "url": f"{web.base}/feed.xml", "type": "feed"}],
                           crawl={"obey_robots_txt": False})
        run_newsmon("check", "--config", str(cfg), check=True)  # schema in place
        locker = Locker(db)
        locker.hold()
        try:
            started = time.monotonic()
            locked = run_newsmon("crawl", "--config", str(cfg), "--no-progress",
                                 "--summary-json", str(tmp_path / "s.json"))
            elapsed = time.monotonic() - started
        finally:
            locker.release()
        summary = json.loads((tmp_path / "s.json").read_text())
        for name in ("site", "other"):
            result = summary["sources"][name]
            assert result["status"] == "failed" and LOCKED in result["error"], result
            assert f"{name} " in locked.stdout and LOCKED in locked.stdout
        assert "Traceback" not in locked.stderr, locked.stderr
        assert locked.returncode == 3 and "database was unavailable" in locked.stderr
        assert elapsed < 60, elapsed  # a few busy_timeouts, not one per page
        assert web.hits == []  # nothing fetched that could not be recorded
        assert table_count(db, "articles") == table_count(db, "pages") == 0
        assert table_count(db, "fetch_state") == 0

        again = run_newsmon("crawl", "--config", str(cfg), "--no-progress", check=True)
        assert "2 sources (2 ok, 0 failed)" in again.stdout, again.stdout
        assert sorted(a["title"] for a in export_articles(cfg)) == ["Alpha story", "Beta story"]
    finally:
        web.stop()


@pytest.mark.timeout(300)
def test_locked_in_the_middle_of_a_pass_hides_nothing_from_the_next(tmp_path: Path,
                                                                     fixture_web: Any) -> None:
    """The lock arrives once sources are synced and lasts 10 s, while articles are stored.
    The fixture web answers conditional GETs: a validator saved for a listing whose article
    was not stored would turn that article into a 304 forever."""
    db = tmp_path / "newsmon.db"
    cfg = write_config(tmp_path / "newsmon.toml", f"sqlite:///{db}", fixture_web.sources)
    run_newsmon("check", "--config", str(cfg), check=True)
    proc = subprocess.Popen([sys.executable, "-m", "newsmon", "crawl", "--config", str(cfg),
                             "--no-progress", "--summary-json", str(tmp_path / "s.json")],
                            env=newsmon_env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True)
    locker = Locker(db)
    held = threading.Event()

    def lock_when_synced() -> None:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and table_count(db, "sources") == 0:
            time.sleep(0.02)
        locker.hold()
        held.set()
        time.sleep(10)
        locker.release()

    thread = threading.Thread(target=lock_when_synced, daemon=True)
    thread.start()
    out, err = proc.communicate(timeout=240)
    thread.join(timeout=30)
    assert held.is_set() and proc.returncode == 0, err
    summary = json.loads((tmp_path / "s.json").read_text())
    assert summary["errors"].get("storage", 0) >= 1, (summary["errors"], out)
    assert LOCKED in out  # the summary says why, against the sources concerned

    run_newsmon("crawl", "--config", str(cfg), "--no-progress", check=True)
    stored = [a["canonical_url"] for a in export_articles(cfg)]
    assert len(stored) == len(set(stored))
    assert set(stored) == {e.canonical_url for e in fixture_web.articles}
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


@pytest.mark.timeout(300)
def test_disk_full_stores_what_fits_and_the_next_pass_the_rest(tmp_path: Path,
                                                               fixture_web: Any) -> None:
    """A full disk, simulated without root: RLIMIT_FSIZE caps every file the crawl writes a
    little above the fresh database (writes past it fail with EFBIG, as with ENOSPC). The
    pass ends and says so; nothing it could not finish is marked done; the next one, with
    room again, stores every article exactly once and the database is intact."""
    import resource

    db = tmp_path / "newsmon.db"
    cfg = write_config(tmp_path / "newsmon.toml", f"sqlite:///{db}", fixture_web.sources)
    run_newsmon("check", "--config", str(cfg), check=True)
    limit = db.stat().st_size + 96 * 1024

    def small_disk() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    full = subprocess.run([sys.executable, "-m", "newsmon", "crawl", "--config", str(cfg),
                           "--no-progress"], env=newsmon_env(), capture_output=True, text=True,
                          timeout=240, preexec_fn=small_disk)
    assert full.returncode in (0, 3), full.stderr
    # the temp files of the workers' start-up hit the limit first: the pool cannot start, the
    # sources say so, and the reason (EFBIG, "File too large") is on stderr
    assert " failed)" in full.stdout and "0 failed" not in full.stdout, full.stdout
    assert "too large" in full.stderr.lower() or "full" in full.stderr.lower(), full.stderr
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        stored_while_full = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
        # nothing fetched but unprocessed was settled as a non-article, nor its listing
        assert conn.execute("SELECT count(*) FROM pages WHERE kind = 'non_article' AND "
                            "reason LIKE '%failed%'").fetchone()[0] == 0
    expected = {e.canonical_url for e in fixture_web.articles}
    assert stored_while_full < len(expected)  # the limit did bite

    run_newsmon("crawl", "--config", str(cfg), "--no-progress", check=True)
    stored = [a["canonical_url"] for a in export_articles(cfg)]
    assert len(stored) == len(set(stored)) and set(stored) == expected
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


@pytest.mark.postgres
@pytest.mark.timeout(300)
def test_postgres_connections_dropped_mid_crawl_recover_without_manual_steps(
        tmp_path: Path, fixture_web: Any, postgres_url: str, postgres_server: Any) -> None:
    """What a PostgreSQL restart looks like to newsmon: every connection cut, repeatedly,
    while the pass stores articles. The pass ends; nothing half-done is marked done; the
    next passes (with pool_pre_ping reconnecting) store every article exactly once."""
    from sqlalchemy import text

    dbname = postgres_url.rsplit("/", 1)[1]
    cfg = write_config(tmp_path / "newsmon.toml", postgres_url, fixture_web.sources)
    run_newsmon("check", "--config", str(cfg), check=True)
    proc = subprocess.Popen([sys.executable, "-m", "newsmon", "crawl", "--config", str(cfg),
                             "--no-progress"], env=newsmon_env(), stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    cuts = 0

    def cut_connections() -> None:
        # for 6 s from the first cut: on a loaded machine the crawl's start-up (imports, the
        # worker pool) can take longer than that before it opens its first connection
        nonlocal cuts
        deadline = None
        while proc.poll() is None and (deadline is None or time.monotonic() < deadline):
            with postgres_server.connect() as conn:
                cuts += conn.execute(text(
                    "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
                    "WHERE datname = :d AND pid <> pg_backend_pid()"), {"d": dbname}).scalar()
            if cuts and deadline is None:
                deadline = time.monotonic() + 6
            time.sleep(0.25)

    thread = threading.Thread(target=cut_connections, daemon=True)
    thread.start()
    out, err = proc.communicate(timeout=240)
    thread.join(timeout=30)
    assert proc.returncode in (0, 3), err[-3000:]
    assert cuts >= 1  # connections really were cut while the pass ran

    for _ in range(2):  # the first finishes what the cuts interrupted
        run_newsmon("crawl", "--config", str(cfg), "--no-progress", check=True)
    stored = [a["canonical_url"] for a in export_articles(cfg)]
    assert len(stored) == len(set(stored)), "an article stored twice"
    assert set(stored) == {e.canonical_url for e in fixture_web.articles}, out
