"""Rebuild duplicate links and stories from the stored articles (`newsmon restory`).

After an upgrade of the judgement (new signals, a refitted model) or a profile change, the
stored decisions are those of the old code. This replays every article in arrival (id)
order through today's dedup decision and story assignment, as if crawled again, without
fetching anything and without telling anyone twice:
- each old story's alert history goes to the new story holding the article its first alert
  was about (else most of its articles): the old row stays, `merged_into` the new one, its
  alerts moved along, so no second `story.created` goes out for that event;
- a new story that inherits no alert is news to the reader (an event the old decisions had
  hidden inside another story, or never placed): its alerts are queued as a crawl would.

One transaction: an interrupted rebuild leaves the old decisions as they were. The lead signals
a relevant article lacks (stored before they existed) are computed before it opens, not while
it holds the write lock.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session

from newsmon.dedup import fingerprint
from newsmon.ingest import Ingest, missing_leads
from newsmon.models import Alert, Article, DedupKey, Story, StoryKey, TermCount
from newsmon.store import Store


@dataclass
class RestoryReport:
    articles: int = 0
    duplicates: int = 0
    stories_before: int = 0
    stories_after: int = 0
    inherited: int = 0  # new stories that took over an old story's alerts
    queued: int = 0  # new stories alerted for the first time


def restory(store: Store, channels: Iterable[Any]) -> RestoryReport:
    """`channels`: the alert channels (`Config.alerts`) a story that is news is queued for."""
    report = RestoryReport()
    leads = missing_leads(store)
    with store.write() as s:
        old = _replay(Ingest(store, ()), s, report, leads)  # no channels: nothing queued
        _carry_alerts(Ingest(store, channels), s, old, report)
    return report


def _replay(ingest: Ingest, s: Session, report: RestoryReport,
            leads: dict[int, dict[str, Any]]) -> dict[int, int | None]:
    """Replay every article; returns each article's story before the replay. `leads`: the
    lead signals of the relevant articles stored without them."""
    old: dict[int, int | None] = dict(s.execute(select(Article.id, Article.story_id)).all())
    report.stories_before = s.scalar(select(func.count()).select_from(Story)
                                     .where(Story.merged_into.is_(None))) or 0
    s.execute(delete(DedupKey))
    s.execute(delete(TermCount))
    s.execute(delete(StoryKey))
    s.execute(update(Article).values(duplicate_of=None, story_id=None, dedup=None))
    # old stories stay as rows (their alerts are history) but take no new articles
    s.execute(update(Story).where(Story.merged_into.is_(None)).values(merged_into=0))
    for aid in sorted(old):
        art = s.get(Article, aid)
        if art is None:
            continue
        fp = fingerprint(art.title, art.text, art.language)
        if art.relevant and art.story_signals:
            fp["lead"] = art.story_signals
        ingest.replay_dedup(s, aid, fp, leads.get(aid))
        report.articles += 1
        report.duplicates += art.duplicate_of is not None
        s.expire(art)
    return old


def _carry_alerts(ingest: Ingest, s: Session, old: dict[int, int | None],
                  report: RestoryReport) -> None:
    new = dict(s.execute(select(Article.id, Article.story_id)
                         .where(Article.story_id.is_not(None))).all())
    # an old story goes to the new story of the article its first alert was about (what the
    # reader was told), else to the one that holds most of its articles
    votes: dict[int, Counter[int]] = {}
    for aid, sid in new.items():
        if old.get(aid) is not None:
            votes.setdefault(old[aid], Counter())[sid] += 1
    heir: dict[int, int] = {o: c.most_common(1)[0][0] for o, c in votes.items()}
    for o, aid in s.execute(select(Alert.story_id, Alert.article_id).where(
            Alert.event == "story.created").order_by(Alert.id)).all():
        if aid in new and o in votes:
            heir[o] = new[aid]
    for o, n in heir.items():
        s.execute(update(Story).where(Story.id == o).values(merged_into=n))
        for alert in s.scalars(select(Alert).where(Alert.story_id == o)):
            taken = s.scalar(select(Alert.id).where(
                Alert.story_id == n, Alert.channel == alert.channel,
                Alert.event == alert.event, Alert.article_id == alert.article_id))
            if taken is None:
                alert.story_id = n
    s.flush()
    told = set(s.scalars(select(Alert.story_id).where(Alert.event == "story.created",
                                                      Alert.status != "merged")))
    live = list(s.scalars(select(Story).where(Story.merged_into.is_(None))))
    report.stories_after = len(live)
    report.inherited = len(told & {st.id for st in live})
    for story in live:
        if story.id in told or not ingest.channels:
            continue
        first = s.scalar(select(Article).where(Article.story_id == story.id,
                                               Article.duplicate_of.is_(None))
                         .order_by(Article.id).limit(1))
        if first is not None:
            ingest.queue_alerts(s, story.id, "story.created", first)
            report.queued += 1
