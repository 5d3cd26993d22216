"""One daemon per database: the lock is exclusive, says who holds it, and dies with its
holder (no stale lock after a crash)."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest

from newsmon.daemon.lock import AlreadyRunning, DaemonLock, daemon_running
from newsmon.errors import EXIT_RUNNING, DaemonRunning
from newsmon.store import Store


def test_second_lock_refused_until_released(db_url: str) -> None:
    store = Store.open(db_url)
    try:
        first = DaemonLock(store.engine, db_url)
        first.acquire("pid 1 on test")
        assert daemon_running(store.engine, db_url)
        with pytest.raises(DaemonRunning, match="already running") as info:
            DaemonLock(store.engine, db_url).acquire("pid 2 on test")
        # the lock's own error is the NewsmonError of exit code 4
        assert type(info.value) is AlreadyRunning and info.value.exit_code == EXIT_RUNNING
        first.release()
        assert not daemon_running(store.engine, db_url)
        again = DaemonLock(store.engine, db_url)
        again.acquire("pid 3")
        again.release()
    finally:
        store.close()


def test_lock_file_names_the_holder_and_dies_with_it(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'n.db'}"
    Store.open(url).close()
    holder = subprocess.Popen([sys.executable, "-c", (
        "import sys, time\n"
        "from newsmon.store import Store\n"
        "from newsmon.daemon.lock import DaemonLock\n"
        f"s = Store.open({url!r}); DaemonLock(s.engine, {url!r}).acquire('pid X on testhost')\n"
        "print('locked', flush=True); time.sleep(60)\n")], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
        store = Store.open(url)
        with pytest.raises(AlreadyRunning, match="pid X on testhost"):
            DaemonLock(store.engine, url).acquire("me")
        holder.kill()  # like kill -9: nothing cleans up
        holder.wait(10)
        time.sleep(0.1)
        lock = DaemonLock(store.engine, url)
        lock.acquire("me")
        lock.release()
        store.close()
    finally:
        holder.kill()


@pytest.mark.postgres
def test_a_daemon_on_another_database_of_the_server_is_not_this_ones(
        postgres_url: str, postgres_server: object) -> None:
    """pg_locks lists every database's advisory locks: only this database's holder counts."""
    import uuid

    from sqlalchemy import text

    other_name = f"newsmon_test_{uuid.uuid4().hex[:12]}"
    with postgres_server.connect() as conn:  # type: ignore[attr-defined]
        conn.execute(text(f'CREATE DATABASE "{other_name}"'))
    other_url = f"{postgres_url.rsplit('/', 1)[0]}/{other_name}"
    here, there = Store.open(postgres_url), Store.open(other_url)
    try:
        held = DaemonLock(there.engine, other_url)
        held.acquire("pid 1 on the other database")
        assert daemon_running(there.engine, other_url)
        assert not daemon_running(here.engine, postgres_url)
        mine = DaemonLock(here.engine, postgres_url)
        mine.acquire("pid 2 here")  # and taking this database's lock is not refused
        mine.release()
        held.release()
    finally:
        here.close()
        there.close()
        with postgres_server.connect() as conn:  # type: ignore[attr-defined]
            conn.execute(text(f'DROP DATABASE IF EXISTS "{other_name}" WITH (FORCE)'))
