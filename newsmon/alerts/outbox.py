"""Draining the alert outbox: at least once, with the same idempotency key on every attempt.

An alert is marked sent only after the receiver said 2xx; a crash between the two resends it
once, with the same `webhook-id`, so the receiver can drop the repeat. Failures are retried
with exponential backoff and jitter (or the receiver's Retry-After), then dead-lettered.
"""

from __future__ import annotations

import hashlib
import logging
import random
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.exc import OperationalError

from newsmon.alerts.apprise_sender import AppriseSender
from newsmon.alerts.email import EmailSender
from newsmon.alerts.schedule import in_digest
from newsmon.alerts.sender import Outcome, Sender
from newsmon.alerts.webhook import WebhookSender
from newsmon.config import AlertChannelConfig, Config
from newsmon.models import Alert, Article, ChannelState, Source, Story, utcnow
from newsmon.netpolicy import RefusedAddress
from newsmon.store import Store

logger = logging.getLogger(__name__)

MAX_BACKOFF = 3600.0
RECORD_PATIENCE = 300.0  # seconds a sent alert's record waits for a busy database

# [[alerts]] type -> its sender (newsmon.config.CHANNELS: type -> its config class)
SENDERS: dict[str, Sender[Any]] = {
    "webhook": WebhookSender(),
    "email": EmailSender(),
    "apprise": AppriseSender(),
}


@dataclass
class DeliveryReport:
    sent: int = 0
    failed: int = 0  # attempts that failed and will be retried
    dead: int = 0
    pending: int = 0  # left for a later pass
    errors: list[str] = field(default_factory=list)


class StoryGone(LookupError):
    """An alert's story was deleted after the alert was read as due (its alerts go with it):
    an ordinary failed attempt, not a bug."""


def story_payload(store: Store, story_id: int, event: str) -> dict[str, Any]:
    with store.read() as s:
        story = s.get(Story, story_id)
        if story is None:
            raise StoryGone(f"story {story_id} is gone")
        rows = s.execute(select(Article.url, Article.title, Article.language, Article.published,
                                Article.duplicate_of, Source.name)
                         .outerjoin(Source, Source.id == Article.source_id)
                         .where(Article.story_id == story_id)
                         .order_by(Article.published, Article.id)).all()
        return {
            "type": event,
            "timestamp": utcnow().isoformat(),
            "data": {
                "story": {"id": story.id, "title": story.title, "moves": story.moves or [],
                          "languages": story.languages or [],
                          "first_seen": story.first_seen.isoformat()},
                "articles": [{"url": r.url, "title": r.title, "source": r.name,
                              "language": r.language,
                              "published": r.published.isoformat() if r.published else None,
                              "copy": r.duplicate_of is not None} for r in rows],
            },
        }


def backoff(attempts: int, base: float, rng: random.Random | None = None) -> float:
    """Exponential with +-20% jitter, so a receiver coming back is not hit all at once."""
    delay = min(MAX_BACKOFF, base * 2 ** max(0, attempts - 1))
    return delay * (rng or random).uniform(0.8, 1.2)


def deliver(store: Store, cfg: Config, budget: float = 60.0,
            sleep: Callable[[float], None] = time.sleep,
            stop: Callable[[], bool] = lambda: False) -> DeliveryReport:
    """Send what is due; wait for retries due within `budget` seconds; leave the rest.

    `stop` is asked between sends: a daemon shutting down finishes the send in flight (so
    its outcome is recorded) and leaves the rest pending for the next start.
    """
    report = DeliveryReport()
    channels = {c.name: c for c in cfg.alerts}
    deadline = time.monotonic() + budget
    while not stop():
        with store.read() as s:
            disabled = set(s.scalars(select(ChannelState.name)
                                     .where(ChannelState.disabled_at.is_not(None))))
            live = [n for n in channels if n not in disabled]
            due = list(s.scalars(select(Alert).where(
                Alert.status == "pending", Alert.channel.in_(live),
                Alert.next_attempt_at <= utcnow()).order_by(Alert.id).limit(100)))
            for a in due:
                s.expunge(a)
        digests: dict[str, list[Alert]] = {}
        for alert in due:
            channel = channels[alert.channel]
            if in_digest(channel, alert.event):
                digests.setdefault(alert.channel, []).append(alert)
            elif not stop():
                _attempt(store, cfg, channel, [alert], report)
        for name, group in digests.items():
            if not stop():
                _attempt(store, cfg, channels[name], group, report)
        if due:
            continue
        with store.read() as s:
            nxt = s.scalar(select(Alert.next_attempt_at).where(
                Alert.status == "pending", Alert.channel.in_(live))
                .order_by(Alert.next_attempt_at).limit(1))
            report.pending = s.scalar(select(func.count()).select_from(Alert).where(
                Alert.status == "pending")) or 0
        if nxt is None:
            return report
        wait = (nxt - utcnow()).total_seconds()
        if time.monotonic() + wait > deadline:
            return report
        sleep(max(0.0, wait))
    return report


def send(cfg: Config, channel: AlertChannelConfig, key: str,
         payload: dict[str, Any]) -> Outcome:
    """One attempt, by the channel type's sender; raises RefusedAddress for a refused target."""
    return SENDERS[channel.type].send(channel, key, payload,
                                      allow_private=cfg.crawl.allow_private_addresses)


def try_send(cfg: Config, channel: AlertChannelConfig, key: str,
             payload: dict[str, Any]) -> Outcome:
    """`send`, never raising: a refused target is a failed outcome, and so is an exception
    from the sender, which is a bug (a sender reports failed deliveries as outcomes): it is
    logged with its traceback, and the outcome names only its type (the message could hold a
    URL with a token)."""
    try:
        return send(cfg, channel, key, payload)
    except RefusedAddress as exc:
        return Outcome(False, None, f"refused: {exc}")
    except Exception as exc:
        logger.exception("the %s sender failed on channel %s", channel.type, channel.name)
        return Outcome(False, None, f"sender error: {type(exc).__name__} (see the log)")


def digest_payload(store: Store, group: list[Alert]) -> dict[str, Any]:
    stories = [story_payload(store, a.story_id, a.event)["data"] for a in group]
    return {"type": "digest", "timestamp": utcnow().isoformat(), "data": {"stories": stories}}


def _attempt(store: Store, cfg: Config, channel: AlertChannelConfig, group: list[Alert],
             report: DeliveryReport) -> None:
    """One delivery: a single alert, or a digest of several (one message, one key)."""
    first = group[0]
    digest = any(in_digest(channel, a.event) for a in group)
    if not digest:
        key = first.key
    else:  # the same group retried gets the same key
        joined = ",".join(sorted(a.key for a in group))
        key = "msg_digest_" + hashlib.sha256(joined.encode()).hexdigest()[:32]
    try:
        if digest:
            payload = digest_payload(store, group)
        else:
            payload = story_payload(store, first.story_id, first.event)
    except StoryGone as exc:
        outcome = Outcome(False, None, str(exc))
    else:
        outcome = try_send(cfg, channel, key, payload)
    now = utcnow()
    attempts = max(a.attempts for a in group) + 1
    values: dict[str, Any] = {"attempts": attempts}
    what = f"{len(group)} alerts (digest)" if len(group) > 1 else f"alert {first.id}"
    if outcome.ok:
        values.update(status="sent", sent_at=now, last_error=None)
        report.sent += len(group)
        logger.info("%s sent to %s", what, first.channel)
    elif outcome.disable or attempts >= channel.max_attempts:
        values.update(status="dead", last_error=outcome.error)
        report.dead += len(group)
        why = "receiver answered 410 Gone" if outcome.disable else \
            f"{attempts} attempts failed"
        report.errors.append(f"{first.channel}: {what} dead-lettered ({why}): "
                             f"{outcome.error}")
    else:
        delay = min(max(backoff(attempts, channel.backoff), outcome.retry_after or 0.0),
                    MAX_BACKOFF)  # the report says the wait it really gets
        values.update(last_error=outcome.error, next_attempt_at=now + timedelta(seconds=delay))
        report.failed += len(group)
        report.errors.append(f"{first.channel}: {outcome.error}; retry in {delay:.0f}s")
    def record() -> None:
        with store.write() as s:
            s.execute(update(Alert).where(Alert.id.in_([a.id for a in group])).values(**values))
            if outcome.disable:
                _disable(s, first.channel, f"receiver answered 410 Gone at {now.isoformat()}",
                         now)

    _persist(record, what)


def _persist(record: Callable[[], None], what: str, patience: float = RECORD_PATIENCE) -> None:
    """Record a send's outcome, waiting out a busy database: a delivery that happened but is
    not recorded would be sent again (a crawl in another process can hold SQLite's write
    lock longer than the busy timeout)."""
    deadline = time.monotonic() + patience
    delay = 0.2
    while True:
        try:
            record()
            return
        except OperationalError as exc:
            if time.monotonic() + delay > deadline:
                raise
            logger.warning("recording %s: database busy (%s); retrying", what, exc.orig)
            time.sleep(delay)
            delay = min(delay * 2, 5.0)


def _disable(s: Any, name: str, reason: str, now: datetime) -> None:
    state = s.get(ChannelState, name)
    if state is None:
        s.add(ChannelState(name=name, disabled_at=now, disabled_reason=reason))
    else:
        state.disabled_at, state.disabled_reason = now, reason


def send_test(cfg: Config, channel: AlertChannelConfig) -> Outcome:
    """A sample story sent straight to one channel (not through the outbox)."""
    payload = {"type": "test", "timestamp": utcnow().isoformat(), "data": {
        "story": {"id": 0, "title": "newsmon test alert", "languages": ["en"],
                  "first_seen": utcnow().isoformat(),
                  "moves": [{"person": "Test Person", "action": "joins", "from": "Lab A",
                             "to": "Lab B", "role": None}]},
        "articles": [{"url": "https://example.com/newsmon-test", "title": "newsmon test alert",
                      "source": "newsmon", "language": "en", "published": None,
                      "copy": False}]}}
    return try_send(cfg, channel, f"msg_test_{uuid.uuid4().hex}", payload)


def requeue_dead(store: Store, channel: str | None = None) -> int:
    """Dead letters back to pending (after fixing the receiver); re-enables the channel."""
    with store.write() as s:
        cond = Alert.status == "dead"
        if channel:
            cond = cond & (Alert.channel == channel)
        n = s.execute(update(Alert).where(cond).values(
            status="pending", attempts=0, next_attempt_at=utcnow())).rowcount
        stmt = update(ChannelState).values(disabled_at=None, disabled_reason=None)
        if channel:
            stmt = stmt.where(ChannelState.name == channel)
        s.execute(stmt)
        return n or 0
