"""`newsmon export`: every stored article as JSON lines or CSV."""

from __future__ import annotations

import argparse
import csv
import json
import sys
from contextlib import nullcontext
from typing import Any, TextIO

from newsmon.cli.common import open_store
from newsmon.config import Config
from newsmon.errors import EXIT_OK

EXPORT_FIELDS = (
    "id", "url", "canonical_url", "source", "title", "text", "language", "published",
    "authors", "site_name", "description", "syndicated_from", "word_count", "content_hash",
    "fetched_at", "relevant", "relevance", "moves", "duplicate_of", "story_id", "alerted_at",
)

# Line breaks to str.splitlines() and some JSON-lines readers that json.dumps leaves raw
# (it escapes the C0 controls, \n and \r included, itself)
_LINE_BREAKS = str.maketrans({"\u2028": "\\u2028", "\u2029": "\\u2029", "\x85": "\\u0085"})


def jsonl_line(row: dict[str, Any]) -> str:
    """One record, one line, whoever splits the lines."""
    return json.dumps(row, ensure_ascii=False).translate(_LINE_BREAKS) + "\n"


def cmd_export(cfg: Config, args: argparse.Namespace) -> int:
    from newsmon.storage import articles

    with open_store(cfg) as store, _output(args.output) as out:  # the file once the store opens
        alerted = _alerted_at(store)
        if args.format == "csv":
            writer = csv.DictWriter(out, fieldnames=EXPORT_FIELDS)
            writer.writeheader()
            for art, source in articles.with_source_names(store):
                row = _article_row(art, source, alerted)
                row["authors"] = "; ".join(row["authors"])
                row["relevance"] = json.dumps(row["relevance"], ensure_ascii=False)
                row["moves"] = json.dumps(row["moves"], ensure_ascii=False)
                writer.writerow(row)
        else:
            for art, source in articles.with_source_names(store):
                out.write(jsonl_line(_article_row(art, source, alerted)))
    return EXIT_OK


def _output(path: str | None) -> TextIO | nullcontext[TextIO]:
    return open(path, "w", encoding="utf-8", newline="") if path else nullcontext(sys.stdout)


def _alerted_at(store: Any) -> dict[int, str]:
    """story id -> when its first alert was delivered (on any channel)."""
    from newsmon.storage import outbox_queries

    return {sid: when.isoformat() for sid, when in outbox_queries.first_sent_at(store).items()}


def _article_row(art: Any, source: str | None, alerted: dict[int, str]) -> dict[str, Any]:
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
        "alerted_at": alerted.get(art.story_id) if art.story_id else None,
    }
