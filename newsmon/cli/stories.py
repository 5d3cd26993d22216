"""Duplicates and stories: `newsmon restory` (rebuild them), `newsmon stories` (list them) and
`newsmon dedupe --explain` (why an article was or was not taken for a copy)."""

from __future__ import annotations

import argparse

from newsmon.cli.common import daemon_running, no_article, open_store
from newsmon.cli.output import print_json
from newsmon.config import Config
from newsmon.errors import EXIT_OK, DaemonRunning


def cmd_restory(cfg: Config, args: argparse.Namespace) -> int:
    from newsmon.restory import restory

    if daemon_running(cfg):
        raise DaemonRunning("a daemon runs on this database; stop it before `restory` (the "
                            "rebuild holds the write lock for its whole run)")
    with open_store(cfg) as store:
        r = restory(store, cfg.alerts)
    print(f"restoried {r.articles} articles: {r.duplicates} copies, stories "
          f"{r.stories_before} -> {r.stories_after}; {r.inherited} kept their alert history, "
          f"{r.queued} new stories queued for alerts")
    return EXIT_OK


def cmd_stories(cfg: Config, args: argparse.Namespace) -> int:
    from newsmon import storyview

    with open_store(cfg) as store:
        rows = storyview.story_rows(store)
    if args.format == "json":
        print_json(rows)
    else:
        print(storyview.format_table(rows))
    return EXIT_OK


def cmd_dedupe(cfg: Config, args: argparse.Namespace) -> int:
    from newsmon import storyview

    with open_store(cfg) as store:
        text = storyview.explain(store, args.explain)
    if text is None:
        raise no_article(args.explain)
    print(text)
    return EXIT_OK
