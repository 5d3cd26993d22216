"""The `newsmon` command line: the argparse parser and `main(argv)`, which runs a command and
turns any NewsmonError into its message and exit code (see newsmon.errors)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence

from newsmon import __version__
from newsmon.cli import (
    alerts,
    crawl,
    export,
    init,
    monitor,
    relevance,
    sources,
    stories,
    web,
    worker,
)
from newsmon.cli.common import load
from newsmon.cli.output import error_text
from newsmon.config import CONFIG_ENV, DEFAULT_CONFIG_NAME, Config
from newsmon.errors import (
    EXIT_ERROR,
    EXIT_INTERRUPTED,
    EXIT_OK,
    NewsmonError,
)

COMMANDS: dict[str, Callable[[Config, argparse.Namespace], int]] = {
    "check": init.cmd_check, "crawl": crawl.cmd_crawl, "run": monitor.cmd_run,
    "status": monitor.cmd_status, "alerts": alerts.cmd_alerts, "export": export.cmd_export,
    "sources": sources.cmd_sources, "classify": relevance.cmd_classify,
    "reclassify": relevance.cmd_reclassify, "restory": stories.cmd_restory,
    "stories": stories.cmd_stories, "dedupe": stories.cmd_dedupe, "web": web.cmd_web,
    "worker": worker.cmd_worker,
}


def _positive(text: str) -> int:
    n = int(text)
    if n < 1:
        raise argparse.ArgumentTypeError(f"must be 1 or more, got {n}")
    return n


def build_parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--config", "-c", metavar="FILE", default=argparse.SUPPRESS,
                        help=f"config file (default: ${CONFIG_ENV}, else ./{DEFAULT_CONFIG_NAME})")
    common.add_argument("--verbose", "-v", action="count", default=argparse.SUPPRESS,
                        help="more log output (-v info, -vv debug)")

    p = argparse.ArgumentParser(prog="newsmon", parents=[common],
                                description="A news monitor: crawl, extract and store news.")
    p.add_argument("--version", action="version", version=f"newsmon {__version__}")
    sub = p.add_subparsers(dest="command", metavar="COMMAND")

    s = sub.add_parser("init", parents=[common], help="write a commented sample config")
    s.add_argument("path", nargs="?", default=DEFAULT_CONFIG_NAME, help="where to write it")
    s.add_argument("--force", action="store_true", help="overwrite an existing file")

    s = sub.add_parser("crawl", parents=[common], help="one crawl pass over the sources")
    s.add_argument("--source", "-s", action="append", metavar="NAME",
                   help="crawl only this source (repeatable)")
    s.add_argument("--summary-json", metavar="FILE", help="also write the summary as JSON")
    s.add_argument("--no-progress", action="store_true", help="no live progress line")
    s.add_argument("--alert-wait", type=float, default=60.0, metavar="SECONDS",
                   help="after the pass, wait up to this long for alert retries (default 60)")
    s.add_argument("--no-alerts", action="store_true",
                   help="queue alerts but do not send them (a daemon or a later pass will)")
    # `newsmon run` hands its validated config to crawl subprocesses on stdin (--config -)
    s.add_argument("--config-name", help=argparse.SUPPRESS)

    s = sub.add_parser("run", parents=[common],
                       help="the monitor: crawl each source on its interval, send alerts "
                            "(runs until SIGTERM; SIGHUP reloads the config)")

    s = sub.add_parser("worker", parents=[common],
                       help="distributed mode ([cluster] enabled, PostgreSQL): take due source "
                            "crawls from the queue (any number, any machine; until SIGTERM)")
    s.add_argument("--concurrency", type=_positive, metavar="N",
                   help="crawls at once (default: [cluster] concurrency)")

    s = sub.add_parser("status", parents=[common],
                       help="the daemon, each source's schedule and health, the alert backlog")
    s.add_argument("--json", action="store_true", help="print the status as JSON")

    s = sub.add_parser("export", parents=[common], help="print every stored article")
    s.add_argument("--format", "-f", choices=("jsonl", "csv"), default="jsonl")
    s.add_argument("--output", "-o", metavar="FILE", help="write here instead of stdout")

    sub.add_parser("sources", parents=[common], help="list sources and their last fetch")

    s = sub.add_parser("classify", parents=[common],
                       help="show the relevance decision for a stored article")
    s.add_argument("--explain", metavar="ID|URL", required=True,
                   help="article id, URL or canonical URL")
    s.add_argument("--json", action="store_true", help="print the decision as JSON")

    sub.add_parser("reclassify", parents=[common],
                   help="re-run relevance over every stored article (after a profile change)")
    sub.add_parser("restory", parents=[common],
                   help="rebuild duplicate links and stories from the stored articles (after "
                        "an upgrade); what was alerted is not alerted again")
    s = sub.add_parser("stories", parents=[common],
                       help="list stories: one event, every article about it")
    s.add_argument("--format", "-f", choices=("table", "json"), default="table")

    s = sub.add_parser("dedupe", parents=[common],
                       help="show why an article was or was not matched as a duplicate")
    s.add_argument("--explain", metavar="ID|URL", required=True,
                   help="article id, URL or canonical URL")

    s = sub.add_parser("alerts", parents=[common],
                       help="the alert outbox: list, send what is due, re-queue dead ones, test")
    s.add_argument("action", choices=("list", "send", "retry", "test"))
    s.add_argument("channel", nargs="?", help="only this channel (required by test)")
    s.add_argument("--wait", type=float, default=0.0, metavar="SECONDS",
                   help="send: also wait up to this long for retries that fall due")

    s = sub.add_parser("web", parents=[common],
                       help="serve the dashboard, feeds and JSON API (default 127.0.0.1:8080)")
    s.add_argument("--host", help="address to listen on (default: [web] host)")
    s.add_argument("--port", type=int, help="TCP port (default: [web] port)")

    sub.add_parser("check", parents=[common], help="validate the config and the database")
    return p


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not args.command:
        parser.print_help()
        return EXIT_ERROR
    try:
        return _run(args)
    except NewsmonError as exc:
        print(error_text(exc), file=sys.stderr)
        return exc.exit_code
    except BrokenPipeError:
        return EXIT_OK
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED


def _run(args: argparse.Namespace) -> int:
    if args.command == "init":
        return init.cmd_init(args)
    return COMMANDS[args.command](load(args), args)
