"""`newsmon run` as a real subprocess against the fixture web, a real webhook receiver and a
real SQLite file: cycles, new articles alerted once, reload, refusal of a second daemon,
SIGTERM, and kill -9 followed by a restart."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import export_articles, newsmon_env, run_newsmon, write_config
from tests.webhookreceiver import SECRET, Receiver

pytestmark = pytest.mark.timeout(240)

# Fixture text written for these tests (a made-up move: fictional person, real labs).
NEW_MOVE_TITLE = "Mistral AI hires Google DeepMind's Talia Verhoeven to lead its research team"
NEW_MOVE_PARAGRAPHS = (
    "Talia Verhoeven, who spent six years at Google DeepMind working on reinforcement "
    "learning, is joining Mistral AI as head of research, the Paris company said on Tuesday.",
    "Verhoeven will build a team of about forty researchers in Paris and London, according "
    "to a person familiar with the plans, and will report directly to the chief executive.",
    "At Google DeepMind she led the group behind several of the lab's planning agents; two "
    "members of that group are expected to follow her to Mistral AI in the coming months.",
    "Neither company commented on the terms of the move, which comes as European labs compete "
    "harder for senior researchers from the largest American laboratories.",
)


class Daemon:
    """A `newsmon run` subprocess whose log goes to a file the test can read."""

    def __init__(self, config: Path, log: Path):
        self.config, self.log_path = config, log
        self.proc: subprocess.Popen[bytes] | None = None

    def start(self) -> Daemon:
        self._log = open(self.log_path, "ab")  # noqa: SIM115
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "newsmon", "run", "--config", str(self.config)],
            env=newsmon_env(), stdout=self._log, stderr=subprocess.STDOUT)
        return self

    @property
    def log(self) -> str:
        return self.log_path.read_text("utf-8", "replace")

    def crawls_of(self, source: str) -> int:
        return self.log.count(f"event=crawl source={source} ")

    def wait_for(self, what: str, check: Callable[[], bool], timeout: float = 90) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if check():
                return
            assert self.proc is not None
            if self.proc.poll() is not None:
                raise AssertionError(f"daemon exited {self.proc.returncode} waiting for {what}"
                                     f"\n{self.log[-3000:]}")
            time.sleep(0.2)
        raise AssertionError(f"timed out waiting for {what}\n{self.log[-3000:]}")

    def signal(self, sig: int) -> None:
        assert self.proc is not None
        self.proc.send_signal(sig)

    def wait(self, timeout: float) -> int:
        assert self.proc is not None
        code = self.proc.wait(timeout)
        self._log.close()
        return code

    def kill(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait(10)


@pytest.fixture
def daemon_setup(tmp_path: Path, fixture_web: Any,
                 webhook_receiver: Receiver) -> Iterator[dict[str, Any]]:
    sources = [dict(s, interval="2s") for s in fixture_web.sources]
    config = write_config(tmp_path / "newsmon.toml", f"sqlite:///{tmp_path / 'n.db'}", sources,
                          alerts=[{"type": "webhook", "name": "hook", "url": webhook_receiver.url,
                                   "secret": SECRET, "backoff": "1s"}])
    with config.open("a") as f:
        f.write('\n[daemon]\ndelivery_interval = "1s"\nshutdown_timeout = "6s"\n')
    started: list[Daemon] = []

    def new_daemon() -> Daemon:
        d = Daemon(config, tmp_path / "daemon.log").start()
        started.append(d)
        return d

    yield {"config": config, "web": fixture_web, "hook": webhook_receiver, "daemon": new_daemon}
    for d in started:
        d.kill()


def _crawl_processes(config: Path) -> list[int]:
    """Pids of crawl subprocesses started for this config (read from /proc)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            argv = (entry / "cmdline").read_bytes().split(b"\0")
        except OSError:
            continue
        if b"crawl" in argv and str(config).encode() in argv:
            found.append(int(entry.name))
    return found


def _story_ids(config: Path) -> set[int]:
    return {a["story_id"] for a in export_articles(config) if a["story_id"] is not None}


def _stored_story_ids(config: Path) -> set[int]:
    """The same ids read straight from the SQLite file, for polling: a `newsmon export` per
    poll (0.2 s apart) took seconds of CPU each, which the daemon under test then lacked.
    The final checks still go through `newsmon export` (_story_ids)."""
    with sqlite3.connect(config.with_name("n.db")) as conn:
        return {sid for (sid,) in conn.execute(
            "SELECT DISTINCT story_id FROM articles WHERE story_id IS NOT NULL")}


def _alerted(hook: Receiver) -> Counter[int]:
    return Counter(r["body"]["data"]["story"]["id"] for r in hook.requests)


def test_daemon_cycles_alerts_new_articles_once_reloads_and_stops(
        daemon_setup: dict[str, Any]) -> None:
    config, web, hook = daemon_setup["config"], daemon_setup["web"], daemon_setup["hook"]
    d = daemon_setup["daemon"]()
    d.wait_for("a first cycle and its alerts",
               lambda: d.crawls_of("wire") >= 1 and len(hook.requests) > 0)
    d.wait_for("the first alerts", lambda: set(_alerted(hook)) == _stored_story_ids(config))

    # one daemon per database
    second = run_newsmon("run", "--config", str(config), timeout=60)
    assert second.returncode == 4
    assert "another newsmon daemon is already running" in second.stderr

    status = json.loads(run_newsmon("status", "--config", str(config), "--json",
                                    check=True).stdout)
    assert status["daemon"]["running"] and status["daemon"]["pid"] == d.proc.pid
    wire = next(s for s in status["sources"] if s["name"] == "wire")
    assert wire["last_run"] and wire["next_run"] and wire["health"] == "ok"
    assert status["outbox"]["hook"]["pending"] == 0

    # an article published between cycles is stored and alerted, once
    cycles_before = d.crawls_of("wire")
    web.add_article("wire", title=NEW_MOVE_TITLE, paragraphs=NEW_MOVE_PARAGRAPHS)
    d.wait_for("the new article's alert", lambda: any(
        NEW_MOVE_TITLE in json.dumps(r["body"]) for r in hook.requests))

    # a broken config on SIGHUP is refused and the daemon keeps crawling on the old one
    good = config.read_text()
    config.write_text(good + '\n[[sources]]\nname = "broken"\nurl = "not a url"\n')
    d.signal(signal.SIGHUP)
    d.wait_for("the refusal", lambda: "event=reload_refused" in d.log)
    assert "url" in d.log.split("event=reload_refused", 1)[1].splitlines()[0]
    refused_at = d.crawls_of("wire")
    d.wait_for("a cycle after the refused reload", lambda: d.crawls_of("wire") > refused_at)
    # a good one adds a source without a restart
    config.write_text(good.replace('name = "wire"', 'name = "wire2"'))
    d.signal(signal.SIGHUP)
    d.wait_for("the reload", lambda: "event=reloaded" in d.log)
    d.wait_for("the renamed source's crawl", lambda: d.crawls_of("wire2") >= 1)
    assert d.crawls_of("wire") - cycles_before >= 2 and d.crawls_of("wire2") >= 1  # 3+ cycles

    t0 = time.monotonic()
    d.signal(signal.SIGTERM)
    assert d.wait(10) == 0
    assert time.monotonic() - t0 < 10
    assert "event=stopped" in d.log

    alerted = _alerted(hook)
    assert set(alerted) == _story_ids(config)
    assert max(alerted.values()) == 1, alerted  # never twice
    assert len({r["headers"]["webhook-id"] for r in hook.requests}) == len(hook.requests)
    status = json.loads(run_newsmon("status", "--config", str(config), "--json",
                                    check=True).stdout)
    assert not status["daemon"]["running"] and status["daemon"]["stopped_at"]


def test_kill_9_then_restart_loses_nothing_and_sends_nothing_twice(
        daemon_setup: dict[str, Any]) -> None:
    config, web, hook = daemon_setup["config"], daemon_setup["web"], daemon_setup["hook"]
    d = daemon_setup["daemon"]()
    d.wait_for("the first alerts", lambda: len(hook.requests) > 0
               and set(_alerted(hook)) == _stored_story_ids(config))
    web.add_article("wire", title=NEW_MOVE_TITLE, paragraphs=NEW_MOVE_PARAGRAPHS)
    d.wait_for("a crawl of wire to start", lambda: "event=crawl source=wire " in d.log)
    time.sleep(1.0)  # likely mid-crawl now
    os.kill(d.proc.pid, signal.SIGKILL)
    d.proc.wait(10)
    deadline = time.monotonic() + 10  # its crawl subprocess dies with it (PR_SET_PDEATHSIG)
    while _crawl_processes(config) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not _crawl_processes(config)

    again = daemon_setup["daemon"]()  # the lock went with the killed process
    again.wait_for("the new article's alert", lambda: any(
        NEW_MOVE_TITLE in json.dumps(r["body"]) for r in hook.requests), timeout=120)
    again.wait_for("every story alerted",
                   lambda: set(_alerted(hook)) == _stored_story_ids(config))
    assert set(_alerted(hook)) == _story_ids(config)  # what `newsmon export` says, too
    again.signal(signal.SIGTERM)
    assert again.wait(10) == 0

    stored = [a for a in export_articles(config) if a["title"] == NEW_MOVE_TITLE]
    assert len(stored) == 1 and stored[0]["relevant"]
    alerted = _alerted(hook)
    assert max(alerted.values()) == 1, alerted
