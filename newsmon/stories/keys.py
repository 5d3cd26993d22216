"""Event keys of parsed moves: who moved, which way and where ("leike|arrive|anthropic").

One signal of story matching (newsmon.stories.match) among others, and the index that finds
candidate stories: headline moves weigh more than background ones ("Leike resigned from
OpenAI two weeks ago" in a story about him joining Anthropic); a weak person|organisation key
lets a wrongly labelled action on the right person and organisation still meet its story.
"""

from __future__ import annotations

import unicodedata
from typing import Any

PRIMARY, BACKGROUND = 1.0, 0.5

FAMILY = {"joins": "arrive", "hired": "arrive", "founds": "arrive", "leaves": "depart",
          "fired": "depart", "promoted": "promoted"}
OPPOSITE = {("arrive", "depart"), ("depart", "arrive")}


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in text if not unicodedata.combining(c))


def person_key(name: str) -> str:
    """Surname, folded: "Jan Leike", "Leike" and "JAN LEIKE" are one person."""
    parts = _fold(name).replace("-", " ").split()
    return parts[-1] if parts else ""


def move_keys(move: dict[str, Any]) -> list[str]:
    """The strong key of one move and its weak person|organisation key.

    A departure with a known destination ("leaves Apple for Meta") is also that arrival: an
    outlet writing "joins Meta from Apple" reports the same event. Not the other way round:
    "joins Anthropic from OpenAI" must not meet the story of leaving OpenAI two weeks
    earlier, before anyone knew where to. A founding is the exception: "leaves xAI to start
    Babuschkin Ventures" is one announcement, keyed by the departure with or without the new
    company's name."""
    if move.get("action") == "founds" and move.get("from") and move.get("to") \
            and _fold(move["to"]) == _fold(move["from"]):
        # "founds xAI -> xAI" is a misreading of "leaves xAI to start a company": nobody
        # founds the organisation they come from, so key the departure
        move = {**move, "to": None}
    family = FAMILY.get(move.get("action") or "", "other")
    action = move.get("action")
    if (family == "depart" or action == "founds") and move.get("from") and move.get("to") \
            and _fold(move["to"]) != _fold(move["from"]):
        departure = move_keys({**move, "action": "leaves", "to": None})
        return departure + move_keys({**move, "action": "joins" if family == "depart"
                                      else action, "from": None})
    if family == "arrive":
        org = move.get("to")
        if not org and move.get("action") == "founds":  # "leaves X to start a company"
            family, org = "depart", move.get("from")
        org = org or move.get("from")  # "Microsoft hired X": the hirer read as the origin
    elif family == "depart":
        org = move.get("from") or move.get("to")
    else:
        org = move.get("to") or move.get("from")
    who = person_key(move.get("person") or "")
    if not who or not org:
        return []
    org = _fold(org)
    return [f"{who}|{family}|{org}", f"{who}||{org}|{family}"]


def article_keys(moves: list[dict[str, Any]]) -> dict[str, float]:
    """Keys of an article's moves, weighted: headline moves 1, background moves 0.5."""
    weights: dict[str, float] = {}
    for m in moves:
        w = PRIMARY if m.get("primary", True) else BACKGROUND
        for key in move_keys(m):
            weights[key] = max(weights.get(key, 0.0), w)
    return weights


def given_names(moves: list[dict[str, Any]]) -> dict[str, set[str]]:
    """Surname -> the given names written with it ("Jan Leike" -> {"leike": {"jan"}})."""
    out: dict[str, set[str]] = {}
    for m in moves:
        parts = _fold(m.get("person") or "").replace("-", " ").split()
        if len(parts) >= 2:
            out.setdefault(parts[-1], set()).add(parts[0].rstrip("."))
    return out


def compatible(a: set[str], b: set[str]) -> bool:
    """"Jan" and "J." may be one person; "Jan" and "Lena" are not."""
    return any(x == y or (min(len(x), len(y)) == 1 and x[0] == y[0]) for x in a for y in b)
