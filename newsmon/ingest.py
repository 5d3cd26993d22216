"""What happens to an extracted article: stored, judged duplicate or original, placed in a
story, its alerts queued. All in the one write transaction that stores it, so a crash never
leaves an article without its decision, its story or its alert rows; newsmon.storage only
reads and writes the rows.

Lead signals (the sentence encoder's mean vector of the headline and lead) are never computed
while the write lock is held: a crawled article comes with its fingerprint (lead included)
computed in the worker pool, and the lead of a relevant article that has none (a caller's
fingerprint without one, an article relevant since `reclassify`, one replayed by `restory`)
is computed before the write transaction opens. So are the sentence vectors the dedup decision
aligns (the new text's and its best candidates', cached by text: `_encode_ahead`); only a
candidate stored in between, or a translation candidate further down the list, is encoded in it.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from typing import Any

from sqlalchemy.orm import Session

from newsmon import stories
from newsmon.config import ChannelConfig
from newsmon.dedup import index as dedup_index
from newsmon.dedup import postings
from newsmon.models import Article, utcnow
from newsmon.storage import articles, outbox_queries
from newsmon.storage.articles import NewArticle
from newsmon.store import Store
from newsmon.stories.signals import lead_signals


def wants(channel: ChannelConfig, art: Article) -> bool:
    """A channel's filters (languages, organisations, minimum score) on a story's first article."""
    if channel.languages and art.language not in channel.languages:
        return False
    orgs = {o.casefold() for o in channel.organisations}
    if orgs and not any((m.get(k) or "").casefold() in orgs
                        for m in art.moves or [] for k in ("from", "to")):
        return False
    score = float((art.relevance or {}).get("score") or 0.0)
    return score >= channel.min_score


class Ingest:
    """The ingest workflow over a Store.

    `channels` are the alert channel configs (`Config.alerts`) a new or updated story is
    queued for; required, so no caller forgets them and silently alerts nobody. Empty: nothing
    is queued (benches, `restory`'s replay).
    """

    def __init__(self, store: Store, channels: Iterable[Any]) -> None:
        self.store = store
        self.channels: tuple[Any, ...] = tuple(channels)

    def store_article(self, art: NewArticle) -> tuple[int, bool]:
        """Insert unless the canonical URL is known and, for a new article with a fingerprint,
        dedup, story and alerts, in one transaction; returns (article id, created)."""
        lead = None
        fp = art.fingerprint
        if fp is not None and fp.get("lead") is None and art.relevance \
                and art.relevance["relevant"]:
            lead = lead_signals(art.title, art.text, art.language)  # used if it founds a story
        if fp is not None:
            self._encode_ahead(art.text, fp)
        with self.store.write() as s:
            article_id, created = articles.insert(self.store, s, art)
            if created and fp is not None:
                self._dedupe(s, article_id, fp, lead=lead)
        return article_id, created

    def _encode_ahead(self, text: str, fp: dict[str, Any]) -> None:
        """Sentence vectors of the new text and of the candidates the decision will align it
        with, computed before the write transaction: the encoder (tens of ms a text) must not
        run while other writers wait on the lock. Cached by text (newsmon.dedup.semantic);
        a candidate stored in between is encoded in the decision, as before."""
        from newsmon.dedup.semantic import sentence_vectors

        with self.store.read() as s:
            others = dedup_index.texts_to_align(s, fp)
        for t in [text, *others] if others else []:
            sentence_vectors(t)

    def replay_dedup(self, s: Session, article_id: int, fp: dict[str, Any],
                     lead: dict[str, Any] | None = None) -> None:
        """The dedup decision and story of a stored article, replayed in id order by
        `newsmon restory` (only earlier articles count as already seen). `lead`: its lead
        signals when `fp` has none (computed before the transaction, missing_leads)."""
        self._dedupe(s, article_id, fp, earlier_only=True, lead=lead)

    def _dedupe(self, s: Session, article_id: int, fp: dict[str, Any],
                earlier_only: bool = False, lead: dict[str, Any] | None = None) -> None:
        """Duplicate-or-original and story, in the transaction that stores the article."""
        self.store.lock_dedup(s)
        art = s.get(Article, article_id)
        assert art is not None
        art.entities = fp.get("entities") or []
        art.story_signals = fp.get("lead")
        s.flush()
        decision = dedup_index.decide(s, art, fp, earlier_only=earlier_only)
        art.duplicate_of = decision.duplicate_of
        art.dedup = decision.to_dict()
        if decision.supersedes is not None:
            dedup_index.repoint(s, art, decision.supersedes, decision)
        for other in decision.also_supersedes:
            dedup_index.repoint(s, art, other, decision, kind="translation")
        postings.index_article(s, art, fp)
        self._place_in_story(s, art, decision.supersedes, lead)

    def _place_in_story(self, s: Session, art: Article, copy_of_me: int | None = None,
                        lead: dict[str, Any] | None = None) -> None:
        """`lead`: the article's lead signals if it has none, computed by the caller before the
        write transaction; an original that has neither is placed by its moves alone."""
        if not art.relevant:
            return
        when = art.published or art.fetched_at or utcnow()
        for other in (art.duplicate_of, copy_of_me):  # an article and its copies: one story
            if other is None:
                continue
            root = s.get(Article, other)
            if root is not None and stories.join_duplicate(s, art, root, when) is not None:
                return  # a copy is never news, not even an update
        if art.story_signals is None:
            art.story_signals = lead
        placed = stories.assign(s, art, when)
        art.dedup = {**(art.dedup or {}), "story": {
            "created": placed.created, "score": round(placed.score, 3),
            "matched": placed.matched, "merged": placed.merged, **placed.explain}}
        if placed.created:
            self.queue_alerts(s, placed.story_id, "story.created", art)
        else:
            self.queue_alerts(s, placed.story_id, "story.updated", art)

    def queue_alerts(self, s: Session, story_id: int, event: str, art: Article) -> None:
        """Outbox rows for the channels that want this story, in the caller's transaction."""
        from newsmon.alerts.schedule import first_attempt

        chosen = [c for c in self.channels if wants(c, art)
                  and (event == "story.created" or c.updates != "none")]
        now = utcnow()
        outbox_queries.add_alerts(self.store, s, [
            {"story_id": story_id, "channel": c.name, "event": event, "article_id": art.id,
             "key": f"msg_{uuid.uuid4().hex}", "status": "pending", "attempts": 0,
             "next_attempt_at": first_attempt(c, now, event), "created_at": now}
            for c in chosen
        ])

    def assign_missing_stories(self) -> int:
        """Stories for relevant articles that have none (after `reclassify`), oldest first, 200
        a transaction; the leads they lack are computed before each opens."""
        done = 0
        while True:
            with self.store.read() as r:
                batch = articles.unplaced_relevant(r, limit=200)
            if not batch:
                return done
            leads = {a.id: lead_signals(a.title, a.text, a.language)
                     for a in batch if a.story_signals is None}
            with self.store.write() as s:
                for aid in (a.id for a in batch):
                    art = s.get(Article, aid)
                    if art is not None and art.story_id is None:  # not placed meanwhile
                        self._place_in_story(s, art, lead=leads.get(aid))
                        if art.story_id is None:  # nothing to join: keep it from looping
                            return done
                        done += 1


def missing_leads(store: Store) -> dict[int, dict[str, Any]]:
    """Article id -> lead signals, for the relevant articles stored without them (before the
    signals existed, or relevant since `reclassify` and never placed): what `restory` needs,
    computed before its write transaction."""
    return {a.id: lead_signals(a.title, a.text, a.language)
            for a in articles.relevant_without_signals(store)}
