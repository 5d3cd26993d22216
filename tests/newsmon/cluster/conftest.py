"""The distributed mode's fixtures: a PostgreSQL config with `[cluster]` on, and `newsmon run`
and `newsmon worker` as real subprocesses whose logs the tests read."""

from __future__ import annotations

import re
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import newsmon_env, write_config
from tests.webhookreceiver import SECRET, Receiver

CLUSTER = {"enabled": True, "heartbeat": "1s", "stalled_after": "3s", "poll_interval": "1s"}
LINE = re.compile(r"^(\S+ \S+) \w+ \S+: event=(\w+) (.*)$")


class Proc:
    """A `newsmon run` or `newsmon worker` subprocess logging to a file."""

    def __init__(self, command: str, config: Path, log: Path):
        self.command, self.config, self.log_path = command, config, log
        self._log = open(log, "ab")  # noqa: SIM115
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "newsmon", command, "--config", str(config)],
            env=newsmon_env(), stdout=self._log, stderr=subprocess.STDOUT)

    @property
    def log(self) -> str:
        return self.log_path.read_text("utf-8", "replace")

    def events(self, event: str) -> list[tuple[datetime, dict[str, str]]]:
        """(time, fields) of each `event=...` line of this kind."""
        out = []
        for line in self.log.splitlines():
            m = LINE.match(line)
            if m and m.group(2) == event:
                when = datetime.strptime(m.group(1), "%Y-%m-%d %H:%M:%S,%f")
                out.append((when, dict(re.findall(r'(\w+)=("[^"]*"|\S+)', m.group(3)))))
        return out

    def alive(self) -> bool:
        return self.proc.poll() is None

    def stop(self, timeout: float = 20) -> int:
        if self.alive():
            self.proc.terminate()
        code = self.proc.wait(timeout)
        self._log.close()
        return code

    def kill(self) -> None:
        if self.alive():
            self.proc.kill()
        self.proc.wait(10)
        self._log.close()


def wait_for(what: str, check: Callable[[], bool], procs: list[Proc],
             timeout: float = 90) -> None:
    """Poll `check` until true; fail at once if a process that should run has exited."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return
        for p in procs:
            if not p.alive():
                raise AssertionError(f"{p.command} exited {p.proc.returncode} waiting for "
                                     f"{what}\n{p.log[-3000:]}")
        time.sleep(0.2)
    tails = "\n".join(f"--- {p.log_path.name}\n{p.log[-2000:]}" for p in procs)
    raise AssertionError(f"timed out waiting for {what}\n{tails}")


@pytest.fixture
def cluster_setup(tmp_path: Path, fixture_web: Any, webhook_receiver: Receiver,
                  postgres_url: str) -> Iterator[dict[str, Any]]:
    """The fixture web's sources (each due once, at the start) on a fresh PostgreSQL database, a webhook
    channel, and a factory of `newsmon run` / `newsmon worker` processes (all stopped at
    the end)."""
    sources = [dict(s, interval="1h") for s in fixture_web.sources]
    config = write_config(tmp_path / "newsmon.toml", postgres_url, sources,
                          extraction={"workers": 1},
                          alerts=[{"type": "webhook", "name": "hook", "url": webhook_receiver.url,
                                   "secret": SECRET, "backoff": "1s"}])
    with config.open("a") as f:
        f.write('\n[daemon]\ndelivery_interval = "1s"\nshutdown_timeout = "3s"\njitter = 0.0\n')
        f.write("\n[cluster]\n" + "".join(
            f"{k} = {'true' if v is True else repr(v).replace(chr(39), chr(34))}\n"
            for k, v in CLUSTER.items()))
    started: list[Proc] = []

    def start(command: str) -> Proc:
        p = Proc(command, config, tmp_path / f"{command}-{len(started)}.log")
        started.append(p)
        return p

    yield {"config": config, "web": fixture_web, "hook": webhook_receiver, "start": start,
           "url": postgres_url}
    for p in started:
        if p.alive():
            p.kill()


def open_jobs(db_url: str) -> int:
    """Crawl jobs waiting or running (a finished job is deleted)."""
    import psycopg

    from newsmon.cluster.app import conninfo

    with psycopg.connect(conninfo(db_url)) as conn:
        row = conn.execute("SELECT count(*) FROM procrastinate_jobs"
                           " WHERE status IN ('todo', 'doing')").fetchone()
    return int(row[0]) if row else 0


def defer(db_url: str, sources: list[str]) -> list[int | None]:
    """Queue crawls of these sources from the test, as `newsmon run` does when they are due."""
    import asyncio

    from newsmon.cluster.app import new_app
    from newsmon.cluster.queue import defer_crawl

    async def go() -> list[int | None]:
        app = new_app(db_url)
        async with app.open_async():
            return [await defer_crawl(app, s) for s in sources]
    return asyncio.run(go())


def children(pid: int) -> list[int]:
    """Pids whose parent is `pid` (read from /proc)."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                found.append(int(entry.name))
    return found


def kill_groups(pids: list[int]) -> None:
    """SIGKILL the process groups these crawl processes lead (each starts a session of its
    own): what a systemd unit or a container does for a worker killed with -9, so that its
    crawl's extraction processes do not outlive the test."""
    import contextlib
    import os
    import signal

    for pid in pids:
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(pid, signal.SIGKILL)
