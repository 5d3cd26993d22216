"""Stories: relevant articles about one event (a staffing move) grouped across outlets.

An event is keyed by who moved, which way and where: "leike|arrive|anthropic". An article
answers to the keys of its moves, headline moves weighing more than background ones ("Leike
resigned from OpenAI two weeks ago" in a story about him joining Anthropic). It joins the story
whose keys it matches best within a time window, else it starts a new one. So one person's two
moves (joins Anthropic in August, leaves it in February) stay two stories, while a wrongly
labelled action on the right person and organisation ("promoted" for "resigned") still finds
its story through the weaker person-and-organisation key.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from newsmon.models import Article, Story, StoryKey

WINDOW = timedelta(days=21)  # an event's coverage; a later move of the same person is news
JOIN_SCORE = 0.5
PRIMARY, BACKGROUND = 1.0, 0.5
WEAK = 0.5  # person and organisation agree, the direction is unknown or compatible

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


def _weak_matches(key: str, other: str) -> bool:
    """Two weak keys match on person and organisation unless the directions are opposite."""
    a, b = key.split("|"), other.split("|")
    return a[0] == b[0] and a[2] == b[2] and (a[3], b[3]) not in OPPOSITE


@dataclass
class Assignment:
    story_id: int
    created: bool
    score: float
    matched: list[str]


def assign(s: Session, art: Article, when: datetime) -> Assignment:
    """Put a relevant, original article into a story (new or existing) and record its keys."""
    keys = article_keys(art.moves or [])
    best: tuple[float, int] | None = None
    matched: list[str] = []
    if keys:
        strong = [k for k in keys if "||" not in k]
        people = {k.split("|")[0] + "||" for k in keys if "||" in k}
        rows = s.execute(
            select(StoryKey.key, StoryKey.story_id, StoryKey.weight)
            .join(Story, Story.id == StoryKey.story_id)
            .where((StoryKey.key.in_(strong)) | _weak_prefix(people))
            .where(Story.last_seen >= when - WINDOW, Story.first_seen <= when + WINDOW)
        ).all()
        scores: dict[int, dict[str, float]] = {}
        primary_hits: dict[int, dict[str, float]] = {}  # headline move meets headline move
        for r in rows:
            for key, w in keys.items():
                if "||" in key:
                    strength = WEAK if "||" in r.key and _weak_matches(key, r.key) else 0.0
                else:
                    strength = 1.0 if key == r.key else 0.0
                if strength:
                    per = scores.setdefault(r.story_id, {})
                    per[key] = max(per.get(key, 0.0), w * r.weight * strength)
                    if w == PRIMARY and r.weight == PRIMARY:
                        top = primary_hits.setdefault(r.story_id, {})
                        top[key] = max(top.get(key, 0.0), strength)
        # the headline moves decide where an article belongs; background moves only break
        # ties (a story about Leike leaving that recalls two colleagues fired earlier is not
        # about their firing)
        primary = {sid: sum(v.values()) for sid, v in primary_hits.items()}
        ranked = sorted(((primary.get(sid, 0.0), sum(v.values()), sid)
                         for sid, v in scores.items()), reverse=True)
        ranked = [r for r in ranked if not _other_person(art.moves or [], s.get(Story, r[2]),
                                                         scores[r[2]])]
        if ranked and ranked[0][0] >= JOIN_SCORE:
            best = (ranked[0][1], ranked[0][2])
            matched = sorted(scores[best[1]])
    if best is None:
        story = Story(title=art.title, moves=[], languages=[], article_count=0,
                      first_seen=when, last_seen=when, event_time=when)
        s.add(story)
        s.flush()
        created, score = True, 0.0
    else:
        story = s.get(Story, best[1])
        assert story is not None
        created, score = False, best[0]
    _add_article(s, story, art, keys, when)
    return Assignment(story.id, created, score, matched)


def given_names(moves: list[dict[str, Any]]) -> dict[str, set[str]]:
    """Surname -> the given names written with it ("Jan Leike" -> {"leike": {"jan"}})."""
    out: dict[str, set[str]] = {}
    for m in moves:
        parts = _fold(m.get("person") or "").replace("-", " ").split()
        if len(parts) >= 2:
            out.setdefault(parts[-1], set()).add(parts[0].rstrip("."))
    return out


def _compatible(a: set[str], b: set[str]) -> bool:
    """"Jan" and "J." may be one person; "Jan" and "Lena" are not."""
    return any(x == y or (min(len(x), len(y)) == 1 and x[0] == y[0]) for x in a for y in b)


def _other_person(moves: list[dict[str, Any]], story: Story | None,
                  matched: dict[str, float]) -> bool:
    """Keys are surnames (an outlet may write only "Leike"), so two people who share one
    ("Bastien Okafor" and "Luca Okafor", both hired by xAI) would share a story: when both
    sides give a full name for a matched surname and the given names differ, they do not."""
    if story is None:
        return False
    mine, theirs = given_names(moves), given_names(story.moves or [])
    surnames = {k.split("|")[0] for k in matched}
    return any(x in mine and x in theirs and not _compatible(mine[x], theirs[x])
               for x in surnames)


def _weak_prefix(people: set[str]) -> Any:
    from sqlalchemy import false, or_

    if not people:
        return false()
    return or_(*(StoryKey.key.startswith(p) for p in sorted(people)))


def _add_article(s: Session, story: Story, art: Article, keys: dict[str, float],
                 when: datetime) -> None:
    art.story_id = story.id
    story.article_count = (story.article_count or 0) + 1
    story.first_seen = min(story.first_seen, when)
    story.last_seen = max(story.last_seen, when)
    if art.language and art.language not in (story.languages or []):
        story.languages = [*(story.languages or []), art.language]
    seen = {(m.get("person"), m.get("action"), m.get("from"), m.get("to"))
            for m in story.moves or []}
    new = [{k: m.get(k) for k in ("person", "action", "from", "to", "role")}
           for m in art.moves or [] if m.get("primary", True)]
    additions = [m for m in new if (m["person"], m["action"], m["from"], m["to"]) not in seen]
    if additions:
        story.moves = [*(story.moves or []), *additions]
    existing = dict(s.execute(select(StoryKey.key, StoryKey.weight)
                              .where(StoryKey.story_id == story.id)).all())
    for key, w in keys.items():
        if key not in existing:
            s.add(StoryKey(key=key, story_id=story.id, weight=w))
        elif w > existing[key]:
            s.execute(StoryKey.__table__.update()
                      .where(StoryKey.key == key, StoryKey.story_id == story.id)
                      .values(weight=w))


def join_duplicate(s: Session, art: Article, root: Article, when: datetime) -> int | None:
    """A copy or translation belongs to its original's story."""
    if root.story_id is None:
        return None
    story = s.get(Story, root.story_id)
    if story is None:
        return None
    # a copy crawled first may have founded the story: the original's moves key it too
    _add_article(s, story, art, article_keys(art.moves or []), when)
    return story.id
