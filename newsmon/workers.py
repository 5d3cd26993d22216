"""A process pool for CPU-bound work (extraction, feed parsing), created once and kept warm.

trafilatura holds the GIL for ~9 ms a page, so threads do not add throughput; processes do.
Starting a pool costs seconds, so one pool serves every crawl of a process (the daemon runs
many). `forkserver` rather than fork: the parent runs a reactor and threads, which fork copies
in an undefined state.

The forkserver itself imports `newsmon.worker_preload`, which loads the models and dictionaries
every page needs (trafilatura, py3langid, simplemma's English/French/German dictionaries, the
relevance profiles: ~300 MB, and ~2.5 s of CPU once the dictionaries come decoded from the
disk cache of newsmon.lemma_cache, ~4 s the first time). Workers fork from it warm, sharing
those pages copy-on-write, instead of each loading its own copy: on the crawl benchmark the
loading took ~13% of the workers' time. `start_forkserver()` starts that loading as early as
possible, so it runs while Scrapy starts and the first listings download.
"""

from __future__ import annotations

import atexit
import multiprocessing
import os
import threading
from concurrent.futures import ProcessPoolExecutor
from typing import Any

PRELOAD = ["newsmon.worker_preload"]

_lock = threading.Lock()
_pool: ProcessPoolExecutor | None = None
_size = 0


def default_workers() -> int:
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity")
               else (os.cpu_count() or 1))


def warm_up() -> None:
    """Load what every page needs; idempotent (each piece is cached per process).

    Run by the forkserver before it forks any worker, and again as each worker's initializer,
    where it costs nothing unless the preload failed."""
    import datasketch  # noqa: F401
    import trafilatura  # noqa: F401

    from newsmon import lemma_cache
    from newsmon.dedup.fingerprint import DICTIONARY_LANGS, minhash_permutations
    from newsmon.extract import language_detector
    from newsmon.relevance import classifier_for
    from newsmon.relevance.given_names import given_names

    language_detector()
    minhash_permutations()
    lemma_cache.preload(sorted(DICTIONARY_LANGS))
    classifier_for()  # the built-in profile; user profiles compile on first use
    given_names()  # 0.4 s to parse: once in the forkserver, shared by every worker it forks


def _context() -> Any:
    ctx = multiprocessing.get_context("forkserver")
    ctx.set_forkserver_preload(PRELOAD)
    return ctx


def start_forkserver() -> None:
    """Start the forkserver (and so its preload) now rather than at the first page."""
    from multiprocessing import forkserver

    _context()
    forkserver.ensure_running()


def get_pool(workers: int = 0) -> ProcessPoolExecutor:
    global _pool, _size
    workers = workers or default_workers()
    with _lock:
        # a pool whose worker died (or whose initializer failed) is broken for good: replace it
        if _pool is not None and _size == workers and not getattr(_pool, "_broken", False):
            return _pool
        if _pool is not None:
            _pool.shutdown(wait=False, cancel_futures=True)
        _pool = ProcessPoolExecutor(max_workers=workers, mp_context=_context(),
                                    initializer=warm_up, max_tasks_per_child=2000)
        _size = workers
        return _pool


def shutdown_pool() -> None:
    global _pool
    with _lock:
        if _pool is not None:
            _pool.shutdown(wait=True, cancel_futures=True)
            _pool = None


atexit.register(shutdown_pool)
