"""`newsmon crawl`: one pass over the sources, then the alert outbox drained."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from newsmon.cli.common import check_database, daemon_running, deliver, require_sources
from newsmon.cli.output import print_summary
from newsmon.config import Config
from newsmon.errors import EXIT_OK, DatabaseUnavailable, UsageError


def cmd_crawl(cfg: Config, args: argparse.Namespace) -> int:
    names = {s.name for s in cfg.sources}
    unknown = [n for n in (args.source or []) if n not in names]
    if unknown:
        raise UsageError(f"unknown source(s): {', '.join(unknown)} "
                         f"(configured: {', '.join(sorted(names)) or 'none'})")
    require_sources(cfg)
    from newsmon.workers import start_forkserver

    start_forkserver()  # the workers' models load while the database opens and Scrapy starts
    check_database(cfg)  # fail fast, with a clear message, before starting Scrapy

    from crawler.run import run_crawl

    summary = run_crawl(cfg, args.source, log_level=_log_level(args),
                        progress=not args.no_progress)
    data = summary.to_dict()
    if cfg.alerts and not args.no_alerts:
        if daemon_running(cfg):
            data["alerts_note"] = "alerts queued; the running daemon sends them"
        else:
            data["alerts"] = deliver(cfg, budget=args.alert_wait)
    if args.summary_json:
        Path(args.summary_json).write_text(json.dumps(data, indent=2), encoding="utf-8")
    print_summary(data, sys.stdout)
    if data["errors"].get("database"):  # the pass could not use the database at all
        raise DatabaseUnavailable("the database was unavailable; nothing was crawled")
    return EXIT_OK


def _log_level(args: argparse.Namespace) -> str:
    return {0: "WARNING", 1: "INFO"}.get(getattr(args, "verbose", 0), "DEBUG")
