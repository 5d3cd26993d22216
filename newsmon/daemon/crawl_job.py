"""One crawl: a `newsmon crawl` subprocess for a batch of due sources, and its results in
the log and on the sources' rows.

The subprocess reads the daemon's config snapshot on stdin (so a half-edited file on disk
never reaches it before a reload has validated it), writes its summary to a JSON file, is
stopped on a timeout and dies with the daemon.
"""

from __future__ import annotations

import asyncio
import contextlib
import ctypes
import json
import logging
import os
import signal
import sys
import tempfile
from pathlib import Path
from typing import Any

from newsmon.config import Config, sample_config_text
from newsmon.daemon.logfmt import kv
from newsmon.storage import sources
from newsmon.store import Store

logger = logging.getLogger("newsmon.daemon")


def config_text(cfg: Config) -> str:
    """The TOML a config was parsed from (crawl subprocesses get exactly this snapshot, so a
    half-edited file on disk never reaches them before a reload has validated it)."""
    if cfg.path.startswith("<"):
        return sample_config_text()
    return Path(cfg.path).read_text("utf-8")


def _die_with_parent() -> None:
    """In the crawl child: be killed if the daemon dies (kill -9 included), Linux only."""
    with contextlib.suppress(Exception):
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG


def crawl_command(config_name: str, batch: list[str], verbose: int, summary: Path) -> list[str]:
    """`newsmon crawl` of these sources, config on stdin, summary to the `summary` file."""
    cmd = [sys.executable, "-m", "newsmon", "crawl", "--config", "-",
           "--config-name", config_name, "--no-progress", "--no-alerts",
           "--summary-json", str(summary)]
    cmd += ["-v"] * verbose
    for name in batch:
        cmd += ["--source", name]
    return cmd


async def run_crawl(cfg: Config, text: str, batch: list[str], verbose: int,
                    procs: dict[int, asyncio.subprocess.Process]
                    ) -> tuple[dict[str, Any] | None, int | None] | None:
    """Run the crawl subprocess to its end (cut at `[daemon] crawl_timeout`); its summary
    (None when it wrote none) and exit code, or None when it could not start. While it runs
    the process is in `procs`, by pid, for the shutdown to signal."""
    summary: dict[str, Any] | None = None
    code: int | None = None
    with tempfile.TemporaryDirectory(prefix="newsmon-crawl-") as tmp:
        out = Path(tmp) / "summary.json"
        try:
            proc = await asyncio.create_subprocess_exec(
                *crawl_command(cfg.path, batch, verbose, out), stdin=asyncio.subprocess.PIPE,
                stdout=asyncio.subprocess.DEVNULL, start_new_session=True,
                preexec_fn=_die_with_parent)
        except OSError as exc:
            logger.error("%s", kv(event="crawl_failed", sources=batch,
                                  error=f"cannot start crawl process: {exc}"))
            return None
        procs[proc.pid] = proc
        try:
            assert proc.stdin is not None
            proc.stdin.write(text.encode("utf-8"))
            with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                await proc.stdin.drain()
            proc.stdin.close()
            code = await _wait(proc, batch, cfg.daemon.crawl_timeout)
        finally:
            procs.pop(proc.pid, None)
        with contextlib.suppress(OSError, ValueError):
            summary = json.loads(out.read_text("utf-8"))
    return summary, code


async def _wait(proc: asyncio.subprocess.Process, batch: list[str], timeout: float) -> int:
    """The exit code; past the timeout the crawl gets SIGINT, 30 s later SIGKILL."""
    try:
        return await asyncio.wait_for(proc.wait(), timeout=timeout)
    except TimeoutError:
        logger.error("%s", kv(event="crawl_timeout", sources=batch, timeout=timeout))
        proc.send_signal(signal.SIGINT)
        try:
            return await asyncio.wait_for(proc.wait(), timeout=30)
        except TimeoutError:
            os.killpg(proc.pid, signal.SIGKILL)
            return await proc.wait()


def record_results(store: Store, batch: list[str], summary: dict[str, Any] | None,
                   code: int | None, elapsed: float, stopping: bool) -> None:
    """One log line per source of the batch; a source the crawl did not report on failed
    (unless the shutdown cut it), and its row says so."""
    results = (summary or {}).get("sources", {})
    for name in batch:
        r = results.get(name)
        if r is None:
            error = (f"crawl process exited with code {code} before reporting"
                     if not stopping else "cut by shutdown")
            if not stopping:
                sources.record_result(store, name, False, error, 0, "failed")
            logger.error("%s", kv(event="crawl", source=name, status="failed",
                                  error=error, elapsed=f"{elapsed:.1f}s"))
        else:
            fields: dict[str, Any] = {"event": "crawl", "source": name,
                                      "status": r["status"], "new": r["new_articles"]}
            if summary is not None:
                fields.update(pages=summary["pages_fetched"],
                              relevant=summary["relevant_articles"],
                              skipped=summary["skipped_known_links"],
                              errors=sum(summary["errors"].values()))
            fields["elapsed"] = f"{elapsed:.1f}s"
            if r.get("error"):
                fields["error"] = r["error"]
            logger.log(logging.WARNING if r["status"] == "failed" else logging.INFO,
                       "%s", kv(**fields))
