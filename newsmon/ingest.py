"""What happens to an extracted article: stored, judged duplicate or original, placed in a
story, its alerts queued. All in the one write transaction that stores it, so a crash never
leaves an article without its decision, its story or its alert rows; newsmon.storage only
reads and writes the rows.

A crawled article comes with its fingerprint (sentence vector included) computed in the
worker pool, so the encoder does not run while the write lock is held; only an article stored
before it was relevant (`reclassify`) or replayed (`restory`) gets its lead signals in here.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from newsmon import stories
from newsmon.config import ChannelConfig
from newsmon.dedup import index as dedup_index
from newsmon.dedup import postings
from newsmon.models import Article, utcnow
from newsmon.storage import articles, outbox_queries
from newsmon.storage.articles import NewArticle
from newsmon.store import Store


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
        with self.store.write() as s:
            article_id, created = articles.insert(self.store, s, art)
            if created and art.fingerprint is not None:
                self._dedupe(s, article_id, art.fingerprint)
        return article_id, created

    def replay_dedup(self, s: Session, article_id: int, fp: dict[str, Any]) -> None:
        """The dedup decision and story of a stored article, replayed in id order by
        `newsmon restory` (only earlier articles count as already seen)."""
        self._dedupe(s, article_id, fp, earlier_only=True)

    def _dedupe(self, s: Session, article_id: int, fp: dict[str, Any],
                earlier_only: bool = False) -> None:
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
        self._place_in_story(s, art, decision.supersedes)

    def _place_in_story(self, s: Session, art: Article, copy_of_me: int | None = None) -> None:
        if not art.relevant:
            return
        when = art.published or art.fetched_at or utcnow()
        for other in (art.duplicate_of, copy_of_me):  # an article and its copies: one story
            if other is None:
                continue
            root = s.get(Article, other)
            if root is not None and stories.join_duplicate(s, art, root, when) is not None:
                return  # a copy is never news, not even an update
        if art.story_signals is None:  # classified after it was stored (`reclassify`)
            from newsmon.stories.signals import lead_signals

            art.story_signals = lead_signals(art.title, art.text, art.language)
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
        """Stories for relevant articles that have none (after `reclassify`), oldest first."""
        done = 0
        while True:
            with self.store.write() as s:
                ids = list(s.scalars(select(Article.id).where(
                    Article.relevant.is_(True), Article.story_id.is_(None))
                    .order_by(Article.published, Article.id).limit(200)))
                for aid in ids:
                    art = s.get(Article, aid)
                    if art is not None:
                        self._place_in_story(s, art)
                        if art.story_id is None:  # nothing to join: keep it from looping
                            return done
                        done += 1
            if not ids:
                return done
