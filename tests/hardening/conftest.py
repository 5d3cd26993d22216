"""Fixtures for the hardening tests: hostile servers, a canary, and crawls through the
instrumented harness (tests/hardening/harness.py)."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import newsmon_env, write_config
from tests.hardening.hostileweb import Canary, HostileWeb

PUBLIC_HOST = "127.0.0.2"  # the "public" news site; the harness tells the policy so


@pytest.fixture
def hostile() -> Iterator[HostileWeb]:
    web = HostileWeb().start()
    yield web
    web.stop()


@pytest.fixture
def public_web() -> Iterator[HostileWeb]:
    """A site the address policy takes for public (see harness.py), on 127.0.0.2."""
    web = HostileWeb(host=PUBLIC_HOST).start()
    yield web
    web.stop()


@pytest.fixture
def canary() -> Iterator[Canary]:
    c = Canary()
    yield c
    c.close()


@dataclass
class Run:
    proc: subprocess.CompletedProcess[str]
    summary: dict[str, Any]
    elapsed: float
    rusage: dict[str, int]  # KiB
    config: Path

    @property
    def output(self) -> str:
        return self.proc.stdout + self.proc.stderr

    def source(self, name: str) -> dict[str, Any]:
        return dict(self.summary["sources"][name])


def run_harness(*args: str, public: tuple[str, ...] = (), zone: dict[str, str] | None = None,
                rusage: Path | None = None, timeout: float = 180,
                env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """`newsmon ARGS` in a subprocess through the harness (policy and DNS stubs, rusage)."""
    full_env = newsmon_env()
    full_env["NEWSMON_TEST_PUBLIC"] = ",".join(public)
    if zone:
        full_env["NEWSMON_TEST_ZONE"] = json.dumps(zone)
    if rusage:
        full_env["NEWSMON_TEST_RUSAGE"] = str(rusage)
    full_env.update(env or {})
    return subprocess.run([sys.executable, "-m", "tests.hardening.harness", *args],
                          env=full_env, capture_output=True, text=True, timeout=timeout)


def crawl(tmp_path: Path, sources: list[dict[str, Any]], *, public: tuple[str, ...] = (),
          zone: dict[str, str] | None = None, extra_args: tuple[str, ...] = (),
          wall: float = 180, **crawl_opts: Any) -> Run:
    """One `newsmon crawl` pass; robots.txt off unless asked, loopback allowed unless asked."""
    cfg = write_config(tmp_path / "n.toml", f"sqlite:///{tmp_path / 'n.db'}", sources,
                       crawl={"obey_robots_txt": False, **crawl_opts})
    summary_path, rusage_path = tmp_path / "summary.json", tmp_path / "rusage.json"
    started = time.monotonic()
    proc = run_harness("crawl", "--config", str(cfg), "--summary-json", str(summary_path),
                       "--no-progress", *extra_args, public=public, zone=zone,
                       rusage=rusage_path, timeout=wall)
    elapsed = time.monotonic() - started
    assert proc.returncode == 0, f"crawl exited {proc.returncode}\n{proc.stdout}\n{proc.stderr}"
    return Run(proc, json.loads(summary_path.read_text()), elapsed,
               json.loads(rusage_path.read_text()), cfg)
