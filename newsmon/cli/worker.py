"""`newsmon worker`: one of any number of crawl workers of the distributed mode."""

from __future__ import annotations

import argparse
import logging
import sys

from newsmon.cli.common import check_database, require_sources
from newsmon.config import Config


def cmd_worker(cfg: Config, args: argparse.Namespace) -> int:
    """Runs until SIGTERM; refused (exit 2) unless `[cluster] enabled` on PostgreSQL."""
    from newsmon.cluster.app import require_cluster
    from newsmon.cluster.worker import run_worker

    require_cluster(cfg)
    require_sources(cfg)
    verbose = getattr(args, "verbose", 0)
    logging.basicConfig(level=logging.DEBUG if verbose > 1 else logging.INFO,
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
                        stream=sys.stderr)
    for noisy in ("sqlalchemy", "alembic", "psycopg"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
    logging.getLogger("procrastinate").setLevel(logging.WARNING if verbose < 2
                                                else logging.DEBUG)
    check_database(cfg)  # migrations and a clear message for an unreachable database
    return run_worker(cfg, args.concurrency, verbose)
