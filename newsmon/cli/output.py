"""What the commands print: the crawl and alert summary, a move, an error."""

from __future__ import annotations

import json
from typing import Any, TextIO

from newsmon.config import ConfigError
from newsmon.errors import NewsmonError
from newsmon.text_format import format_move, printable

__all__ = ["error_text", "format_move", "print_json", "print_summary", "printable"]


def error_text(exc: NewsmonError) -> str:
    """The stderr lines of an error: a config error names its file and lists every problem."""
    if isinstance(exc, ConfigError):
        return "\n".join([f"newsmon: configuration error in {exc.path}:",
                          *(f"  {problem}" for problem in exc.problems)])
    return f"newsmon: {exc}"


def print_json(data: object) -> None:
    """`--json` / `--format json` output: indented, non-ASCII as is."""
    print(json.dumps(data, ensure_ascii=False, indent=2))


def print_summary(data: dict[str, Any], out: TextIO) -> None:
    """A crawl pass's summary and/or what the alert delivery after it did."""
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
    by_kind = ", ".join(f"{k} {v}" for k, v in errors.items())
    print(f"  pages fetched {data['pages_fetched']}, new articles {data['new_articles']}, "
          f"relevant {data['relevant_articles']}, "
          f"skipped (already stored) {data['skipped_known_links']}, "
          f"non-articles {data['non_articles']}, unchanged listings "
          f"{data['not_modified_listings']}, errors {sum(errors.values())}"
          + (f" ({by_kind})" if by_kind else ""), file=out)
    for name, r in sorted(sources.items()):
        line = f"  {name:<20} {r['status']:<12} new {r['new_articles']}"
        if r.get("error"):
            line += f"  {r['error']}"
        print(line, file=out)
