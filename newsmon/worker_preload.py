"""Imported once by the worker pool's forkserver (see newsmon.workers): loads everything the
workers need, so that each forks warm. Importing it anywhere else only costs time."""

from __future__ import annotations

import gc
import logging

from newsmon.workers import warm_up

try:
    warm_up()
except Exception:  # an exception here would kill the forkserver, and with it
    # the pool; each worker's initializer loads what it needs instead (and reports failures)
    logging.getLogger(__name__).debug("worker preload failed", exc_info=True)

# Python's docs advise this before forking without exec: the collector then leaves the
# preloaded objects' headers alone, so fewer of their pages are copied into each worker.
gc.freeze()
