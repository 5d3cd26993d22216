"""Text for people, shared by the CLI and the story view: one line of page text, a move."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any


def printable(text: str | None) -> str:
    """One line, no control characters: page text must not reshape the terminal output."""
    if not text:
        return ""
    return "".join(c if c.isprintable() else " " for c in text).strip()


def format_move(move: Mapping[str, Any]) -> str:
    """A move read from an article (relevance's move dict) as one line, e.g.
    'Jane Doe hired from Google to OpenAI as chief scientist'; '?' for an unknown side."""
    role = move.get("role")
    return (f"{printable(move['person'])} {move['action']} from {move['from'] or '?'} "
            f"to {move['to'] or '?'}" + (f" as {printable(role)}" if role else ""))
