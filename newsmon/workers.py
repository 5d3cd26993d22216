"""A process pool for CPU-bound work (extraction, feed parsing), created once and kept warm.

trafilatura holds the GIL for ~9 ms a page, so threads do not add throughput; processes do.
Starting a pool costs seconds, so one pool serves every crawl of a process (the daemon runs
many). `forkserver` rather than fork: the parent runs a reactor and threads, which fork copies
in an undefined state.
"""

from __future__ import annotations

import atexit
import multiprocessing
import os
import threading
from concurrent.futures import ProcessPoolExecutor

_lock = threading.Lock()
_pool: ProcessPoolExecutor | None = None
_size = 0


def default_workers() -> int:
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity")
               else (os.cpu_count() or 1))


def _warm_up() -> None:
    """Import the heavy modules once per worker, not on the first page."""
    import datasketch  # noqa: F401
    import trafilatura  # noqa: F401

    from newsmon.extract import _detector

    _detector()


def get_pool(workers: int = 0) -> ProcessPoolExecutor:
    global _pool, _size
    workers = workers or default_workers()
    with _lock:
        # a pool whose worker died (or whose initializer failed) is broken for good: replace it
        if _pool is not None and _size == workers and not getattr(_pool, "_broken", False):
            return _pool
        if _pool is not None:
            _pool.shutdown(wait=False, cancel_futures=True)
        ctx = multiprocessing.get_context("forkserver")
        ctx.set_forkserver_preload(["newsmon.extract"])
        _pool = ProcessPoolExecutor(max_workers=workers, mp_context=ctx, initializer=_warm_up,
                                    max_tasks_per_child=2000)
        _size = workers
        return _pool


def shutdown_pool() -> None:
    global _pool
    with _lock:
        if _pool is not None:
            _pool.shutdown(wait=True, cancel_futures=True)
            _pool = None


atexit.register(shutdown_pool)
