"""`[web] enabled = true`: `newsmon run` serves the dashboard in a thread beside its
scheduler, stops it on SIGTERM, and refuses a public bind without a secret (exit 2)."""

from __future__ import annotations

import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from tests.conftest import newsmon_env, run_newsmon
from tests.newsmon.web.conftest import CrawledSite, config_for

pytestmark = pytest.mark.timeout(120)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_the_daemon_serves_the_dashboard_beside_its_scheduler(
        tmp_path: Path, module_db: Path, crawled: CrawledSite) -> None:
    port = _free_port()
    cfg = tmp_path / "n.toml"
    # the fixture web is not running: the daemon's crawls fail at once, which is fine here
    config_for(cfg, module_db, crawled.sources, {"enabled": True, "port": port})
    log = tmp_path / "daemon.log"
    with open(log, "wb") as out:
        proc = subprocess.Popen([sys.executable, "-m", "newsmon", "run", "--config", str(cfg)],
                                env=newsmon_env(), stdout=out, stderr=subprocess.STDOUT)
        try:
            deadline = time.monotonic() + 60
            health = None
            while health is None:
                try:
                    r = httpx.get(f"http://127.0.0.1:{port}/api/health", timeout=2)
                    if r.json()["daemon"].get("running"):
                        health = r.json()
                except httpx.TransportError:
                    pass
                assert proc.poll() is None, log.read_text()
                assert time.monotonic() < deadline, log.read_text()
                time.sleep(0.2)
            assert {s["name"] for s in health["sources"]} == {s["name"] for s in crawled.sources}
            assert 'class="story"' in httpx.get(f"http://127.0.0.1:{port}/").text
        finally:
            proc.send_signal(signal.SIGTERM)
            code = proc.wait(30)
    text = log.read_text()
    assert code == 0, text
    assert "event=web_started" in text and "event=stopped" in text
    with pytest.raises(httpx.TransportError):
        httpx.get(f"http://127.0.0.1:{port}/", timeout=2)


def test_the_daemon_refuses_a_public_dashboard_without_a_secret(
        tmp_path: Path, module_db: Path, crawled: CrawledSite) -> None:
    cfg = tmp_path / "n.toml"
    config_for(cfg, module_db, crawled.sources, {"enabled": True, "host": "0.0.0.0"})
    proc = run_newsmon("run", "--config", str(cfg), timeout=60)
    assert proc.returncode == 2 and "not a loopback address" in proc.stderr, proc.stderr
