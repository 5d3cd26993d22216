"""Does an article report the same event as a stored one? Several signals, one learned score.

Signals (each in [0, 1] or a small count, symmetric in the two articles, so that arrival
order does not change a pair's score):
- terms: rarity-weighted cosine of the headline-and-lead entity terms (who and where);
- vector: cosine of the multilingual headline-and-lead embeddings (what, across languages);
- agree / weak / conflict: the parsed headline moves name the same event ("beyer|arrive|meta"),
  the same person and organisation with compatible directions, or the same person in moves
  that cannot be one event (leaving OpenAI vs joining Anthropic ten days later);
- novel: how much of one article's headline and lead (rarity-weighted names) the other does
  not mention at all, the larger of the two ways: coverage of one event names the same
  people and places, while "Leike joins Anthropic" names a company that "Leike leaves OpenAI",
  written ten days before, could not; this needs no parsed move;
- unknown_destination: one reports the person arriving somewhere the other, which has them
  leaving with no destination, never names (the exit reported before the next job was);
- other_people: both name who moved and nobody in common (two hires the same week read
  alike to the sentence encoder);
- days: how far apart they were published, in months (a person's next move is news).

They are combined by logistic regression (`bench/learn_story_model.py` fits it on labelled
events and writes model.json beside this file); an article joins the story holding its
most probable match when that probability clears the threshold fitted with it. So no single
signal, and no single parsing error, decides alone.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from newsmon.logit import SignalModel
from newsmon.stories.keys import (
    FAMILY,
    OPPOSITE,
    article_keys,
    compatible,
    given_names,
    person_key,
)

FEATURES = ("terms", "vector", "agree", "weak", "conflict", "conflict_org", "conflict_org_near",
            "novel", "other_people", "unknown_destination", "unknown_destination_near", "days",
            "terms_x_vector")
MODEL_FILE = Path(__file__).with_name("model.json")


@dataclass
class Member:
    """One stored (or new) article as story matching sees it."""

    id: int
    story_id: int | None
    when: Any  # datetime
    terms: dict[str, float]
    vector: np.ndarray | None
    moves: list[dict[str, Any]] = field(default_factory=list)
    entities: frozenset[str] = frozenset()  # every entity term of the whole text

    @functools.cached_property
    def keys(self) -> dict[str, float]:
        return article_keys(self.moves)

    @functools.cached_property
    def primary(self) -> list[dict[str, Any]]:
        return [m for m in self.moves if m.get("primary", True) and m.get("person")]


def _cosine(a: dict[str, float], b: dict[str, float], idf: Callable[[str], float]) -> float:
    shared = a.keys() & b.keys()
    if not shared:
        return 0.0
    wa = {t: w * idf(t) for t, w in a.items()}
    wb = {t: w * idf(t) for t, w in b.items()}
    dot = sum(wa[t] * wb[t] for t in shared)
    na = math.sqrt(sum(v * v for v in wa.values()))
    nb = math.sqrt(sum(v * v for v in wb.values()))
    return dot / (na * nb) if na and nb else 0.0


def _novel(a: Member, b: Member, idf: Callable[[str], float]) -> float:
    """Rarity-weighted share of a's lead terms that b's text never names."""
    if not a.terms or not b.entities:
        return 0.0
    total = sum(w * idf(t) for t, w in a.terms.items())
    missing = sum(w * idf(t) for t, w in a.terms.items() if t not in b.entities)
    return missing / total if total else 0.0


def _unknown_destination(a: Member, b: Member) -> float:
    arrivals = {(person_key(m["person"]), m["to"].casefold()) for m in a.primary
                if family(m.get("action")) == "arrive" and m.get("to")}
    exits = {person_key(m["person"]) for m in b.primary
             if family(m.get("action")) == "depart" and not m.get("to")}
    return 1.0 if any(who in exits and not set(org.split()) <= b.entities
                      for who, org in arrivals) else 0.0


def _other_people(a: Member, b: Member) -> float:
    # people named once only are often a capitalised phrase misread as a name ("Zürcher
    # Standort"): they do not make two articles about different people
    pa = {person_key(m["person"]) for m in a.primary if m.get("mentions", 2) >= 2}
    pb = {person_key(m["person"]) for m in b.primary if m.get("mentions", 2) >= 2}
    return 1.0 if pa and pb and not pa & pb else 0.0


def _move_relation(a: Member, b: Member) -> tuple[float, float, float, float]:
    """(agree, weak, conflict, conflict_org) between the two articles' headline moves.

    Two kinds of conflict: one person's moves at one organisation in opposite directions
    is often a misread verb ("joins" for "leaves"), while moves that centre on different
    organisations (leaving OpenAI; joining Anthropic) are usually two events. The model
    weighs them apart."""
    ka = {k for k, w in a.keys.items() if w >= 1.0}
    kb = {k for k, w in b.keys.items() if w >= 1.0}
    strong_a = {k for k in ka if "||" not in k}
    strong_b = {k for k in kb if "||" not in k}
    if strong_a & strong_b:
        return 1.0, 0.0, 0.0, 0.0
    weak_a = [k.split("|") for k in ka if "||" in k]
    weak_b = [k.split("|") for k in kb if "||" in k]
    weak = any(x[0] == y[0] and x[2] == y[2] and (x[3], y[3]) not in OPPOSITE
               for x in weak_a for y in weak_b)
    if weak:
        return 0.0, 1.0, 0.0, 0.0
    orgs_a: dict[str, set[str]] = {}
    orgs_b: dict[str, set[str]] = {}
    for keys, orgs in ((strong_a, orgs_a), (strong_b, orgs_b)):
        for k in keys:
            who, _, org = k.split("|", 2)
            orgs.setdefault(who, set()).add(org)
    shared = orgs_a.keys() & orgs_b.keys()
    if not shared:
        return 0.0, 0.0, 0.0, 0.0
    other_org = any(not (orgs_a[p] & orgs_b[p]) for p in shared)
    return 0.0, 0.0, 1.0, 1.0 if other_org else 0.0


def different_people(a: Member, b: Member) -> bool:
    """Two full names with one surname and different given names ("Bastien" and "Luca
    Okafor") are two people, whatever else the articles share."""
    # headline movers only: "Dario Amodei" recalled in one article and "Daniela Amodei" in
    # another says nothing about whether both report Leike joining Anthropic
    ga, gb = given_names(a.primary), given_names(b.primary)
    return any(x in gb and not compatible(names, gb[x]) for x, names in ga.items())


def features(a: Member, b: Member, idf: Callable[[str], float]) -> dict[str, float]:
    terms = _cosine(a.terms, b.terms, idf)
    vector = float(a.vector @ b.vector) if a.vector is not None and b.vector is not None \
        else 0.0
    agree, weak, conflict, conflict_org = _move_relation(a, b)
    days = abs((a.when - b.when).total_seconds()) / 86400 if a.when and b.when else 0.0
    return {"terms": terms, "vector": vector, "agree": agree, "weak": weak,
            "conflict": conflict, "conflict_org": conflict_org,
            # far apart, time already tells two events apart; close, only the moves can
            "conflict_org_near": conflict_org * max(0.0, 1.0 - days / 30.0),
            "novel": max(_novel(a, b, idf), _novel(b, a, idf)),
            "other_people": _other_people(a, b),
            "unknown_destination": (unknown := max(_unknown_destination(a, b),
                                                   _unknown_destination(b, a))),
            "unknown_destination_near": unknown * max(0.0, 1.0 - days / 30.0),
            "days": min(days, 180.0) / 30.0,
            "terms_x_vector": terms * vector}


Model = SignalModel


_override: Model | None = None


def model() -> Model:
    return _override or _shipped()


@functools.lru_cache(maxsize=1)
def _shipped() -> Model:
    return Model.load(MODEL_FILE)


def use_model(m: Model | None) -> None:
    """Score with `m` instead of the shipped model (None: back to it); for fitting."""
    global _override
    _override = m


def family(action: str | None) -> str:
    return FAMILY.get(action or "", "other")
