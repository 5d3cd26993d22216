"""`newsmon sources`: each configured source and its last fetch."""

from __future__ import annotations

import argparse

from newsmon.cli.common import open_store
from newsmon.config import Config
from newsmon.errors import EXIT_OK


def cmd_sources(cfg: Config, args: argparse.Namespace) -> int:
    from newsmon.storage import sources

    with open_store(cfg) as store:
        sources.sync(store, cfg.sources)
        rows = {r.name: (r, n) for r, n in sources.with_article_counts(store)}
    print(f"{'NAME':<20} {'TYPE':<8} {'ARTICLES':>8}  {'LAST RUN':<20} {'STATUS':<12} URL")
    for src in cfg.sources:
        row, count = rows.get(src.name, (None, 0))
        last = row.last_run_at.strftime("%Y-%m-%d %H:%M:%S") if row and row.last_run_at else "never"
        status = (row.last_status or "-") if row else "-"
        if not src.enabled:
            status = "disabled"
        print(f"{src.name:<20} {src.type:<8} {count:>8}  {last:<20} {status:<12} {src.url}")
        if row and row.last_error:
            print(f"{'':<20} last error: {row.last_error}")
    return EXIT_OK
