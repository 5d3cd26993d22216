"""`newsmon init` (write the sample config) and `newsmon check` (validate config and database)."""

from __future__ import annotations

import argparse
from pathlib import Path

from newsmon.cli.common import check_database
from newsmon.config import Config, sample_config_text
from newsmon.db import safe_url
from newsmon.errors import EXIT_OK, UsageError


def cmd_init(args: argparse.Namespace) -> int:
    path = Path(args.path)
    if path.exists() and not args.force:
        raise UsageError(f"{path} exists; use --force to overwrite it")
    path.write_text(sample_config_text(), encoding="utf-8")
    print(f"wrote {path}: edit its sources, then run `newsmon crawl`")
    return EXIT_OK


def cmd_check(cfg: Config, args: argparse.Namespace) -> int:
    check_database(cfg)
    print(f"config {cfg.path}: ok ({len(cfg.sources)} sources, {len(cfg.alerts)} alert channels)")
    print(f"database {safe_url(cfg.database.url)}: ok")
    return EXIT_OK
