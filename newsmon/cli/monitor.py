"""`newsmon run` (the daemon) and `newsmon status` (what it and each source are doing)."""

from __future__ import annotations

import argparse
import logging
import sys

from newsmon.cli.common import check_database, open_store, require_sources
from newsmon.cli.output import print_json
from newsmon.config import Config
from newsmon.errors import EXIT_OK


def cmd_run(cfg: Config, args: argparse.Namespace) -> int:
    """Runs until SIGTERM; another daemon on the database is AlreadyRunning (exit 4)."""
    from newsmon.daemon.runner import run_daemon

    require_sources(cfg)
    verbose = getattr(args, "verbose", 0)
    logging.basicConfig(level=logging.DEBUG if verbose > 1 else logging.INFO,
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
                        stream=sys.stderr)
    for noisy in ("sqlalchemy", "alembic"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
    # "skipped: maximum number of running instances" is how a busy job coalesces: by design
    logging.getLogger("apscheduler").setLevel(logging.ERROR if verbose < 2 else logging.DEBUG)
    check_database(cfg)  # migrations and a clear message for an unreachable database
    return run_daemon(cfg, verbose)


def cmd_status(cfg: Config, args: argparse.Namespace) -> int:
    from newsmon.daemon import status

    with open_store(cfg) as store:
        report = status.collect(store, cfg)
    if args.json:
        print_json(report)
    else:
        print(status.format_text(report))
    return EXIT_OK
