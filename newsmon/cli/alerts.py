"""`newsmon alerts list|send|retry|test`: the alert outbox."""

from __future__ import annotations

import argparse
import sys

from newsmon.cli.common import daemon_running, deliver, open_store
from newsmon.cli.output import print_summary
from newsmon.config import Config
from newsmon.errors import EXIT_ERROR, EXIT_OK, DaemonRunning, UsageError


def cmd_alerts(cfg: Config, args: argparse.Namespace) -> int:
    return {"test": _test, "send": _send, "retry": _retry, "list": _list}[args.action](cfg, args)


def _test(cfg: Config, args: argparse.Namespace) -> int:
    from newsmon.alerts.outbox import send_test

    channel = next((c for c in cfg.alerts if c.name == args.channel), None)
    if channel is None:
        raise UsageError(f"no alert channel named {args.channel!r} (configured: "
                         f"{', '.join(c.name for c in cfg.alerts) or 'none'})")
    outcome = send_test(cfg, channel)
    print(f"test alert to {channel.name}: " + ("delivered" if outcome.ok else
                                               f"failed: {outcome.error}"))
    return EXIT_OK if outcome.ok else EXIT_ERROR


def _send(cfg: Config, args: argparse.Namespace) -> int:
    if args.channel:
        raise UsageError("alerts send drains every channel; it takes no CHANNEL")
    if daemon_running(cfg):
        raise DaemonRunning("a daemon runs on this database and sends the alerts; not sending "
                            "from here too")
    print_summary({"alerts": deliver(cfg, budget=args.wait)}, sys.stdout)
    return EXIT_OK


def _retry(cfg: Config, args: argparse.Namespace) -> int:
    from newsmon.alerts.outbox import requeue_dead

    with open_store(cfg) as store:
        n = requeue_dead(store, args.channel)
    print(f"re-queued {n} dead alert(s)")
    return EXIT_OK


def _list(cfg: Config, args: argparse.Namespace) -> int:
    from newsmon.storage import outbox_queries

    with open_store(cfg) as store:
        rows = outbox_queries.alerts(store, args.channel)
    print(f"{'ID':>5} {'STORY':>6} {'CHANNEL':<16} {'EVENT':<14} {'STATUS':<8} {'TRIES':>5}"
          "  LAST ERROR")  # failed = pending after a failed attempt, retried on schedule
    for a in rows:
        status = "failed" if a.status == "pending" and a.attempts else a.status
        when = (f"  next try {a.next_attempt_at:%Y-%m-%d %H:%M:%S}Z"
                if a.status == "pending" else "")
        print(f"{a.id:>5} {a.story_id:>6} {a.channel:<16} {a.event:<14} {status:<8} "
              f"{a.attempts:>5}  {a.last_error or ''}{when}")
    return EXIT_OK
