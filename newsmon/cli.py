"""The `newsmon` command line."""

from __future__ import annotations

import argparse
import csv
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any, TextIO

from newsmon import __version__
from newsmon.config import (
    CONFIG_ENV,
    DEFAULT_CONFIG_NAME,
    Config,
    ConfigError,
    find_config_path,
    load_config,
    parse_config,
    sample_config_text,
)
from newsmon.db import DatabaseError, safe_url

EXIT_OK, EXIT_ERROR, EXIT_CONFIG, EXIT_DATABASE, EXIT_RUNNING = 0, 1, 2, 3, 4

EXPORT_FIELDS = (
    "id", "url", "canonical_url", "source", "title", "text", "language", "published",
    "authors", "site_name", "description", "syndicated_from", "word_count", "content_hash",
    "fetched_at", "relevant", "relevance", "moves", "duplicate_of", "story_id", "alerted_at",
)


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

    sub.add_parser("check", parents=[common], help="validate the config and the database")
    return p


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not args.command:
        parser.print_help()
        return EXIT_ERROR
    if args.command == "init":
        return cmd_init(args)
    try:
        cfg = _load(args)
        handler = {"crawl": cmd_crawl, "export": cmd_export, "sources": cmd_sources,
                   "check": cmd_check, "classify": cmd_classify,
                   "reclassify": cmd_reclassify, "restory": cmd_restory,
                   "stories": cmd_stories,
                   "dedupe": cmd_dedupe, "alerts": cmd_alerts, "run": cmd_run,
                   "status": cmd_status}[args.command]
        return handler(cfg, args)
    except ConfigError as exc:
        print(f"newsmon: configuration error in {exc.path}:", file=sys.stderr)
        for problem in exc.problems:
            print(f"  {problem}", file=sys.stderr)
        return EXIT_CONFIG
    except DatabaseError as exc:
        print(f"newsmon: {exc}", file=sys.stderr)
        return EXIT_DATABASE
    except BrokenPipeError:
        return EXIT_OK
    except KeyboardInterrupt:
        return 130


def _load(args: argparse.Namespace) -> Config:
    explicit = getattr(args, "config", None)
    if explicit == "-":  # the TOML on stdin (from `newsmon run`), named for messages and paths
        return parse_config(sys.stdin.read(), getattr(args, "config_name", None) or "<stdin>")
    path, _ = find_config_path(explicit)
    if path is None:
        print("newsmon: no config file found; using the built-in sample config "
              f"(run `newsmon init` to write {DEFAULT_CONFIG_NAME} and edit it)", file=sys.stderr)
    return load_config(explicit)


def _log_level(args: argparse.Namespace) -> str:
    return {0: "WARNING", 1: "INFO"}.get(getattr(args, "verbose", 0), "DEBUG")


def _open_store(cfg: Config) -> Any:
    from newsmon.store import Store

    try:
        return Store.open(cfg.database.url)
    except DatabaseError:
        raise
    except Exception as exc:  # driver missing, bad path, server down...
        raise DatabaseError(f"cannot open database {safe_url(cfg.database.url)}: {exc}") from exc


def cmd_init(args: argparse.Namespace) -> int:
    path = Path(args.path)
    if path.exists() and not args.force:
        print(f"newsmon: {path} exists; use --force to overwrite it", file=sys.stderr)
        return EXIT_ERROR
    path.write_text(sample_config_text(), encoding="utf-8")
    print(f"wrote {path}: edit its sources, then run `newsmon crawl`")
    return EXIT_OK


def cmd_check(cfg: Config, args: argparse.Namespace) -> int:
    store = _open_store(cfg)
    store.close()
    print(f"config {cfg.path}: ok ({len(cfg.sources)} sources, {len(cfg.alerts)} alert channels)")
    print(f"database {safe_url(cfg.database.url)}: ok")
    return EXIT_OK


def cmd_crawl(cfg: Config, args: argparse.Namespace) -> int:
    names = {s.name for s in cfg.sources}
    unknown = [n for n in (args.source or []) if n not in names]
    if unknown:
        print(f"newsmon: unknown source(s): {', '.join(unknown)} "
              f"(configured: {', '.join(sorted(names)) or 'none'})", file=sys.stderr)
        return EXIT_ERROR
    if not cfg.sources:
        print(f"newsmon: no sources in {cfg.path}; add [[sources]] tables", file=sys.stderr)
        return EXIT_ERROR
    from newsmon.workers import start_forkserver

    start_forkserver()  # the workers' models load while the database opens and Scrapy starts
    _open_store(cfg).close()  # fail fast, with a clear message, before starting Scrapy

    from crawler.run import run_crawl

    summary = run_crawl(cfg, args.source, log_level=_log_level(args),
                        progress=not args.no_progress)
    data = summary.to_dict()
    if cfg.alerts and not args.no_alerts:
        if _daemon_running(cfg):
            data["alerts_note"] = "alerts queued; the running daemon sends them"
        else:
            data["alerts"] = _deliver(cfg, budget=args.alert_wait)
    if args.summary_json:
        Path(args.summary_json).write_text(json.dumps(data, indent=2), encoding="utf-8")
    print_summary(data, sys.stdout)
    if data["errors"].get("database"):  # the pass could not use the database at all
        print("newsmon: the database was unavailable; nothing was crawled", file=sys.stderr)
        return EXIT_DATABASE
    return EXIT_OK


def _daemon_running(cfg: Config) -> bool:
    """A running daemon is the outbox's only sender: two senders could send one alert twice."""
    from newsmon.daemon.lock import daemon_running

    store = _open_store(cfg)
    try:
        return daemon_running(store.engine, cfg.database.url)
    finally:
        store.close()


def cmd_run(cfg: Config, args: argparse.Namespace) -> int:
    import logging

    from newsmon.daemon.lock import AlreadyRunning
    from newsmon.daemon.runner import run_daemon

    if not cfg.sources:
        print(f"newsmon: no sources in {cfg.path}; add [[sources]] tables", file=sys.stderr)
        return EXIT_ERROR
    verbose = getattr(args, "verbose", 0)
    logging.basicConfig(level=logging.DEBUG if verbose > 1 else logging.INFO,
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
                        stream=sys.stderr)
    for noisy in ("sqlalchemy", "alembic"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
    # "skipped: maximum number of running instances" is how a busy job coalesces: by design
    logging.getLogger("apscheduler").setLevel(logging.ERROR if verbose < 2 else logging.DEBUG)
    _open_store(cfg).close()  # migrations and a clear message for an unreachable database
    try:
        return run_daemon(cfg, verbose)
    except AlreadyRunning as exc:
        print(f"newsmon: {exc}", file=sys.stderr)
        return EXIT_RUNNING


def cmd_status(cfg: Config, args: argparse.Namespace) -> int:
    from newsmon.daemon import status

    store = _open_store(cfg)
    try:
        report = status.collect(store, cfg)
    finally:
        store.close()
    if args.json:
        print(json.dumps(report, ensure_ascii=False, indent=2))
    else:
        print(status.format_text(report))
    return EXIT_OK


def _deliver(cfg: Config, budget: float) -> dict[str, Any]:
    """Drain the alert outbox after a pass; what cannot go now waits for the next pass."""
    from newsmon.alerts.outbox import deliver

    store = _open_store(cfg)
    try:
        report = deliver(store, cfg, budget=budget)
    finally:
        store.close()
    return {"sent": report.sent, "retrying": report.failed, "dead": report.dead,
            "pending": report.pending, "errors": report.errors}


def cmd_alerts(cfg: Config, args: argparse.Namespace) -> int:
    from sqlalchemy import select

    from newsmon.alerts.outbox import requeue_dead
    from newsmon.models import Alert

    if args.action == "test":
        from newsmon.alerts.outbox import send_test

        channel = next((c for c in cfg.alerts if c.name == args.channel), None)
        if channel is None:
            print(f"newsmon: no alert channel named {args.channel!r} (configured: "
                  f"{', '.join(c.name for c in cfg.alerts) or 'none'})", file=sys.stderr)
            return EXIT_ERROR
        outcome = send_test(cfg, channel)
        print(f"test alert to {channel.name}: " + ("delivered" if outcome.ok else
                                                   f"failed: {outcome.error}"))
        return EXIT_OK if outcome.ok else EXIT_ERROR
    if args.action == "send":
        if args.channel:
            print("newsmon: alerts send drains every channel; it takes no CHANNEL",
                  file=sys.stderr)
            return EXIT_ERROR
        if _daemon_running(cfg):
            print("newsmon: a daemon runs on this database and sends the alerts; not sending "
                  "from here too", file=sys.stderr)
            return EXIT_RUNNING
        report = _deliver(cfg, budget=args.wait)
        print_summary({"alerts": report}, sys.stdout)
        return EXIT_OK
    store = _open_store(cfg)
    try:
        if args.action == "retry":
            n = requeue_dead(store, args.channel)
            print(f"re-queued {n} dead alert(s)")
            return EXIT_OK
        with store.read() as s:
            q = select(Alert).order_by(Alert.id)
            if args.channel:
                q = q.where(Alert.channel == args.channel)
            rows = list(s.scalars(q))
        print(f"{'ID':>5} {'STORY':>6} {'CHANNEL':<16} {'EVENT':<14} {'STATUS':<8} {'TRIES':>5}"
              "  LAST ERROR")  # failed = pending after a failed attempt, retried on schedule
        for a in rows:
            status = "failed" if a.status == "pending" and a.attempts else a.status
            when = (f"  next try {a.next_attempt_at:%Y-%m-%d %H:%M:%S}Z"
                    if a.status == "pending" else "")
            print(f"{a.id:>5} {a.story_id:>6} {a.channel:<16} {a.event:<14} {status:<8} "
                  f"{a.attempts:>5}  {a.last_error or ''}{when}")
    finally:
        store.close()
    return EXIT_OK


def print_summary(data: dict[str, Any], out: TextIO) -> None:
    if "sources" in data:
        _print_crawl(data, out)
    if data.get("alerts_note"):
        print(data["alerts_note"], file=out)
    alerts = data.get("alerts")
    if alerts:
        print(f"alerts: {alerts['sent']} sent, {alerts['retrying']} to retry, "
              f"{alerts['dead']} dead-lettered, {alerts['pending']} pending", file=out)
        for e in alerts["errors"][-10:]:
            print(f"  {e}", file=out)


def _print_crawl(data: dict[str, Any], out: TextIO) -> None:
    sources = data["sources"]
    failed = {n: r for n, r in sources.items() if r["status"] == "failed"}
    print(f"crawl {data['finish_reason']} in {data['elapsed_seconds']:.1f}s: "
          f"{len(sources)} sources ({len(sources) - len(failed)} ok, {len(failed)} failed)",
          file=out)
    errors = data["errors"]
    error_text = ", ".join(f"{k} {v}" for k, v in errors.items())
    print(f"  pages fetched {data['pages_fetched']}, new articles {data['new_articles']}, "
          f"relevant {data['relevant_articles']}, "
          f"skipped (already stored) {data['skipped_known_links']}, "
          f"non-articles {data['non_articles']}, unchanged listings "
          f"{data['not_modified_listings']}, errors {sum(errors.values())}"
          + (f" ({error_text})" if error_text else ""), file=out)
    for name, r in sorted(sources.items()):
        line = f"  {name:<20} {r['status']:<12} new {r['new_articles']}"
        if r.get("error"):
            line += f"  {r['error']}"
        print(line, file=out)


def _alerted_at(store: Any) -> dict[int, str]:
    """story id -> when its first alert was delivered (on any channel)."""
    from sqlalchemy import func, select

    from newsmon.models import Alert

    with store.read() as s:
        rows = s.execute(select(Alert.story_id, func.min(Alert.sent_at))
                         .where(Alert.status == "sent").group_by(Alert.story_id)).all()
    return {sid: when.isoformat() for sid, when in rows if when is not None}


def _article_row(art: Any, source: str | None,
                 alerted: dict[int, str] | None = None) -> dict[str, Any]:
    return {
        "id": art.id,
        "url": art.url,
        "canonical_url": art.canonical_url,
        "source": source,
        "title": art.title,
        "text": art.text,
        "language": art.language,
        "published": art.published.isoformat() if art.published else None,
        "authors": list(art.authors or []),
        "site_name": art.site_name,
        "description": art.description,
        "syndicated_from": art.syndicated_from,
        "word_count": art.word_count,
        "content_hash": art.content_hash,
        "fetched_at": art.fetched_at.isoformat() if art.fetched_at else None,
        "relevant": art.relevant,
        "relevance": art.relevance,
        "moves": list(art.moves or []),
        "duplicate_of": art.duplicate_of,
        "story_id": art.story_id,
        "alerted_at": (alerted or {}).get(art.story_id) if art.story_id else None,
    }


# Line breaks to str.splitlines() and some JSON-lines readers that json.dumps leaves raw
# (it escapes the C0 controls, \n and \r included, itself)
_LINE_BREAKS = str.maketrans({"\u2028": "\\u2028", "\u2029": "\\u2029", "\x85": "\\u0085"})


def jsonl_line(row: dict[str, Any]) -> str:
    """One record, one line, whoever splits the lines."""
    return json.dumps(row, ensure_ascii=False).translate(_LINE_BREAKS) + "\n"


def cmd_export(cfg: Config, args: argparse.Namespace) -> int:
    store = _open_store(cfg)
    out: TextIO = sys.stdout
    if args.output:
        out = open(args.output, "w", encoding="utf-8", newline="")  # noqa: SIM115
    try:
        alerted = _alerted_at(store)
        if args.format == "csv":
            writer = csv.DictWriter(out, fieldnames=EXPORT_FIELDS)
            writer.writeheader()
            for art, source in store.iter_articles():
                row = _article_row(art, source, alerted)
                row["authors"] = "; ".join(row["authors"])
                row["relevance"] = json.dumps(row["relevance"], ensure_ascii=False)
                row["moves"] = json.dumps(row["moves"], ensure_ascii=False)
                writer.writerow(row)
        else:
            for art, source in store.iter_articles():
                out.write(jsonl_line(_article_row(art, source, alerted)))
    finally:
        if out is not sys.stdout:
            out.close()
        store.close()
    return EXIT_OK


def cmd_sources(cfg: Config, args: argparse.Namespace) -> int:
    store = _open_store(cfg)
    try:
        store.sync_sources(cfg.sources)
        rows = {r.name: (r, n) for r, n in store.source_rows()}
    finally:
        store.close()
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


def _classify_now(cfg: Config, art: Any) -> dict[str, Any]:
    from newsmon.relevance import classify_article

    return classify_article(art.title, art.text, art.language, cfg.relevance.profiles,
                            cfg.base_dir, cfg.relevance.min_score)


def cmd_classify(cfg: Config, args: argparse.Namespace) -> int:
    store = _open_store(cfg)
    try:
        art = store.find_article(args.explain)
    finally:
        store.close()
    if art is None:
        print(f"newsmon: no stored article with id or URL {args.explain!r}", file=sys.stderr)
        return EXIT_ERROR
    decision = _classify_now(cfg, art)
    if args.json:
        print(json.dumps(decision, ensure_ascii=False, indent=2))
        return EXIT_OK
    print(print_decision(art, decision, cfg.relevance.min_score))
    return EXIT_OK


def print_decision(art: Any, d: dict[str, Any], min_score: float) -> str:
    verdict = "RELEVANT" if d["relevant"] else "not relevant"
    lines = [f"article {art.id}: {art.title!r} ({art.language}) {art.canonical_url}",
             f"{verdict} to topic {d['topic']!r}: score {d['score']} (threshold {min_score})"]
    if not d["reasons"]:
        lines.append("  no sentence names an organisation of the topic with a staffing word")
    for r in d["reasons"]:
        where = "headline" if r["in_title"] else "sentence"
        lines.append(f"  {where} (score {r['score']}): {r['sentence'][:200]}")
        terms = [f"organisations {', '.join(r['organisations']) or '-'}",
                 f"staffing words {', '.join(r['predicates']) or '-'}",
                 f"people {', '.join(r['people']) or '-'}"]
        if r["negative_cues"]:
            terms.append(f"other-news cues {', '.join(r['negative_cues'])}")
        lines.append("    " + "; ".join(terms))
    for m in d["moves"]:
        lines.append(f"  move: {m['person']} {m['action']} from {m['from'] or '?'} "
                     f"to {m['to'] or '?'}" + (f" as {m['role']}" if m["role"] else ""))
    return "\n".join(lines)


def cmd_reclassify(cfg: Config, args: argparse.Namespace) -> int:
    from newsmon.ingest import Ingest

    store = _open_store(cfg)
    changed = total = relevant = 0
    try:
        for art, _ in store.iter_articles():
            decision = _classify_now(cfg, art)
            total += 1
            relevant += decision["relevant"]
            if decision["relevant"] != art.relevant or decision["moves"] != (art.moves or []):
                changed += 1
            store.set_relevance(art.id, decision)
        placed = Ingest(store, cfg.alerts).assign_missing_stories()
    finally:
        store.close()
    print(f"reclassified {total} articles: {relevant} relevant, {changed} decisions changed, "
          f"{placed} newly relevant articles placed in stories")
    return EXIT_OK


def cmd_restory(cfg: Config, args: argparse.Namespace) -> int:
    from newsmon.restory import restory

    if _daemon_running(cfg):
        print("newsmon: a daemon runs on this database; stop it before `restory` (the rebuild "
              "holds the write lock for its whole run)", file=sys.stderr)
        return EXIT_RUNNING
    store = _open_store(cfg)
    try:
        r = restory(store, cfg.alerts)
    finally:
        store.close()
    print(f"restoried {r.articles} articles: {r.duplicates} copies, stories "
          f"{r.stories_before} -> {r.stories_after}; {r.inherited} kept their alert history, "
          f"{r.queued} new stories queued for alerts")
    return EXIT_OK


def cmd_stories(cfg: Config, args: argparse.Namespace) -> int:
    from newsmon import storyview

    store = _open_store(cfg)
    try:
        rows = storyview.story_rows(store)
    finally:
        store.close()
    if args.format == "json":
        print(json.dumps(rows, ensure_ascii=False, indent=2))
    else:
        print(storyview.format_table(rows))
    return EXIT_OK


def cmd_dedupe(cfg: Config, args: argparse.Namespace) -> int:
    from newsmon import storyview

    store = _open_store(cfg)
    try:
        text = storyview.explain(store, args.explain)
    finally:
        store.close()
    if text is None:
        print(f"newsmon: no stored article with id or URL {args.explain!r}", file=sys.stderr)
        return EXIT_ERROR
    print(text)
    return EXIT_OK
