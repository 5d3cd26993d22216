"""Put a relevant article into a story: online, one article at a time, inside the store's
write transaction.

Candidates are the stories within WINDOW that share an index key with the article: a move
key, or one of its rarest headline-and-lead terms. Each candidate is scored by its best
matching member (newsmon.stories.match); the article joins the best story whose score clears
the model's threshold, else it founds one. When it clears the threshold for several stories,
it shows them to be one event: they merge into the oldest, which keeps its id and its alert
history, and the others' pending first alerts are withdrawn (no second story.created).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import false, or_, select, update
from sqlalchemy.orm import Session

from newsmon.dedup.fingerprint import term_key
from newsmon.dedup.postings import article_high_water, term_counts
from newsmon.models import Alert, Article, Story, StoryKey
from newsmon.stories.keys import article_keys
from newsmon.stories.match import Member, different_people, features, model
from newsmon.stories.signals import decode_vector

WINDOW = timedelta(days=90)  # candidates; the model's `days` signal does the weighing
# Every headline-and-lead term finds stories, except the commonest: a term in more than this
# share of the store ("OpenAI") would fetch too many stories to score at a million articles
COMMON_TERM_SHARE = 0.02
COMMON_TERM_MIN = 50  # ...and a small store has no common terms yet
MEMBERS = 40  # most recent members of a candidate story scored against
# Bridging two stories is irreversible and single linkage chains: a merge needs a match this
# sure with each of them (bench/dedup_eval.py: at the joining threshold, one article between
# "Leike leaves OpenAI" and "Leike joins Anthropic" merged them in most arrival orders)
MERGE_PROBABILITY = 0.8
TERM_PREFIX = "t|"


@dataclass
class Assignment:
    story_id: int
    created: bool
    score: float
    matched: list[str]
    explain: dict[str, Any] = field(default_factory=dict)
    merged: list[int] = field(default_factory=list)


def member(art: Article, when: datetime) -> Member:
    sig = art.story_signals or {}
    return Member(art.id, art.story_id, when, dict(sig.get("terms") or {}),
                  decode_vector(sig.get("vector")), list(art.moves or []),
                  frozenset(art.entities or ()))


@dataclass
class Rarity:
    """Inverse document frequency of entity terms over the whole store (term_counts)."""

    counts: dict[str, int]
    total: int

    def __call__(self, term: str) -> float:
        return math.log((self.total + 1) / (self.counts.get(term, 0) + 1)) + 1.0

    def common(self, term: str) -> bool:
        return self.counts.get(term, 0) > max(COMMON_TERM_MIN, COMMON_TERM_SHARE * self.total)

    def add(self, s: Session, terms: set[str]) -> None:
        """Look up the terms not known yet."""
        keys = {t: term_key(t) for t in terms if t not in self.counts}
        if keys:
            counts = term_counts(s, list(keys.values()))
            self.counts.update({t: counts.get(k, 0) for t, k in keys.items()})


def idf_lookup(s: Session, terms: set[str]) -> Rarity:
    rarity = Rarity({}, article_high_water(s))
    rarity.add(s, terms)
    return rarity


def _index_keys(me: Member, rarity: Rarity) -> dict[str, float]:
    keys = dict(article_keys(me.moves))
    for t, w in me.terms.items():
        if not rarity.common(t):
            keys[TERM_PREFIX + t] = w
    return keys


def _candidates(s: Session, keys: dict[str, float], when: datetime) -> list[int]:
    strong = [k for k in keys if "||" not in k]
    weak = sorted({k.split("|")[0] + "||" for k in keys if "||" in k})
    cond = or_(StoryKey.key.in_(strong) if strong else false(),
               *(StoryKey.key.startswith(p) for p in weak))
    rows = s.execute(
        select(StoryKey.story_id).join(Story, Story.id == StoryKey.story_id)
        .where(cond, Story.merged_into.is_(None))
        .where(Story.last_seen >= when - WINDOW, Story.first_seen <= when + WINDOW)
        .distinct()).scalars()
    return sorted(set(rows))


def _members(s: Session, story_ids: list[int]) -> list[Member]:
    out: list[Member] = []
    for sid in story_ids:
        rows = s.execute(
            select(Article).where(Article.story_id == sid, Article.duplicate_of.is_(None))
            .order_by(Article.id.desc()).limit(MEMBERS)).scalars()
        out.extend(member(a, a.published or a.fetched_at) for a in rows)
    return out


def score_stories(s: Session, me: Member
                  ) -> tuple[dict[int, tuple[float, int, dict[str, float]]],
                             Rarity, list[Member]]:
    """Story id -> (best probability, best member id, its signals)."""
    idf = idf_lookup(s, set(me.terms))
    cands = _candidates(s, _index_keys(me, idf), me.when)
    members = [m for m in _members(s, cands) if m.id != me.id]
    idf.add(s, set().union(*(m.terms for m in members)))
    mdl = model()
    best: dict[int, tuple[float, int, dict[str, float]]] = {}
    for m in members:
        if m.story_id is None or different_people(me, m):
            continue
        f = features(me, m, idf)
        p = mdl.probability(f)
        if m.story_id not in best or p > best[m.story_id][0]:
            best[m.story_id] = (p, m.id, f)
    return best, idf, members


def assign(s: Session, art: Article, when: datetime) -> Assignment:
    """Put a relevant, original article into a story (new or existing) and record its keys."""
    me = member(art, when)
    scored, idf, members = score_stories(s, me)
    threshold = model().threshold
    joined = sorted((v[0], -sid, sid) for sid, v in scored.items() if v[0] >= threshold)
    explain: dict[str, Any] = {"threshold": threshold, "candidates": {
        str(sid): {"p": round(p, 3), "member": mid,
                   "signals": {k: round(v, 3) for k, v in f.items()}}
        for sid, (p, mid, f) in sorted(scored.items(), key=lambda kv: -kv[1][0])[:5]}}
    merged: list[int] = []
    if not joined:
        story = Story(title=art.title, moves=[], languages=[], article_count=0,
                      first_seen=when, last_seen=when, event_time=when)
        s.add(story)
        s.flush()
        created, score, matched = True, 0.0, []
    else:
        best_sid = joined[-1][2]
        sure = _sure_with(scored, members, best_sid) \
            if scored[best_sid][0] >= MERGE_PROBABILITY else []
        story, merged = _merge_into_oldest(s, [best_sid, *sure])
        p, mid, f = scored[best_sid]
        created, score = False, p
        matched = [f"article {mid}"] + [k for k, v in f.items() if v and k != "days"]
    _add_article(s, story, art, _index_keys(me, idf), when)
    return Assignment(story.id, created, score, matched, explain, merged)


def _sure_with(scored: dict[int, tuple[float, int, dict[str, float]]], members: list[Member],
               anchor: int) -> list[int]:
    """The other stories an article is sure to share an event with, besides `anchor`: a
    bridge between stories is one event, unless they hold two people that cannot be one
    ("Bastien" and "Luca Okafor" both meet a bare "Okafor")."""
    bar = max(MERGE_PROBABILITY, model().threshold)
    return [sid for sid, (p, _mid, _f) in scored.items()
            if sid != anchor and p >= bar and not _distinct(members, sid, anchor)]


def _merge_into_oldest(s: Session, ids: list[int]) -> tuple[Story, list[int]]:
    """The stories are one: the oldest keeps its id and its alert history; returns it and
    the ids merged into it."""
    ids = sorted(set(ids))
    story = s.get(Story, ids[0])
    assert story is not None
    for other in ids[1:]:
        merge(s, other, story)
    return story, ids[1:]


def _distinct(members: list[Member], a: int, b: int) -> bool:
    ma = [m for m in members if m.story_id == a]
    mb = [m for m in members if m.story_id == b]
    return any(different_people(x, y) for x in ma for y in mb)


def merge(s: Session, old: int, into: Story) -> None:
    """Story `old` is `into`: move its articles and keys; its unsent first alerts are
    withdrawn where `into` already has one for that channel, else they carry over."""
    src = s.get(Story, old)
    if src is None or src.id == into.id:
        return
    s.flush()
    s.execute(update(Article).where(Article.story_id == old).values(story_id=into.id))
    have = dict(s.execute(select(StoryKey.key, StoryKey.weight)
                          .where(StoryKey.story_id == into.id)).all())
    for key, w in s.execute(select(StoryKey.key, StoryKey.weight)
                            .where(StoryKey.story_id == old)).all():
        if key not in have:
            s.add(StoryKey(key=key, story_id=into.id, weight=w))
    s.execute(StoryKey.__table__.delete().where(StoryKey.story_id == old))
    alerted = set(s.scalars(select(Alert.channel).where(
        Alert.story_id == into.id, Alert.event == "story.created")))
    for alert in s.scalars(select(Alert).where(Alert.story_id == old,
                                               Alert.status == "pending")):
        if alert.event == "story.created" and alert.channel in alerted:
            alert.status, alert.last_error = "merged", f"story {old} merged into {into.id}"
        else:
            alert.story_id = into.id
    into.article_count = (into.article_count or 0) + (src.article_count or 0)
    into.first_seen = min(into.first_seen, src.first_seen)
    into.last_seen = max(into.last_seen, src.last_seen)
    into.languages = list(dict.fromkeys([*(into.languages or []), *(src.languages or [])]))
    into.moves = _merge_moves(into.moves or [], src.moves or [])
    src.merged_into, src.article_count = into.id, 0


def _merge_moves(a: list[dict[str, Any]], b: list[dict[str, Any]]) -> list[dict[str, Any]]:
    seen = {(m.get("person"), m.get("action"), m.get("from"), m.get("to")) for m in a}
    return a + [m for m in b if (m.get("person"), m.get("action"), m.get("from"), m.get("to"))
                not in seen]


def _add_article(s: Session, story: Story, art: Article, keys: dict[str, float],
                 when: datetime) -> None:
    art.story_id = story.id
    story.article_count = (story.article_count or 0) + 1
    story.first_seen = min(story.first_seen, when)
    story.last_seen = max(story.last_seen, when)
    if art.language and art.language not in (story.languages or []):
        story.languages = [*(story.languages or []), art.language]
    new = [{k: m.get(k) for k in ("person", "action", "from", "to", "role")}
           for m in art.moves or [] if m.get("primary", True)]
    story.moves = _merge_moves(story.moves or [], new)
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
    """A copy or translation belongs to its original's story. It may also show that story
    to be one with another: an edition in another language, or a rewrite with another lead,
    can match a story its original did not (the original founded a story of its own); it
    merges them as an original would, at the merging bar."""
    if root.story_id is None:
        return None
    story = s.get(Story, root.story_id)
    while story is not None and story.merged_into is not None:
        story = s.get(Story, story.merged_into)
    if story is None:
        return None
    # a copy crawled first may have founded the story: the original's moves key it too
    _add_article(s, story, art, article_keys(art.moves or []), when)
    if art.story_signals is None:
        return story.id
    scored, _idf, members = score_stories(s, member(art, when))
    sure = _sure_with(scored, members, story.id)
    if not sure:
        return story.id
    into, merged = _merge_into_oldest(s, [story.id, *sure])
    art.dedup = {**(art.dedup or {}), "story": {"merged": merged, "into": into.id}}
    return into.id
