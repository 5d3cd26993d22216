"""After a crawl: each source's health judged (newsmon.daemon.health) and recorded, and the
operator's channel (`[daemon] health_channel`) told when a source turns unhealthy."""

from __future__ import annotations

import logging
import time
from datetime import datetime
from typing import Any

from newsmon.alerts.outbox import try_send
from newsmon.config import Config
from newsmon.daemon.health import Health, assess
from newsmon.daemon.logfmt import kv
from newsmon.models import Source, utcnow
from newsmon.storage import articles, sources
from newsmon.store import Store

logger = logging.getLogger("newsmon.daemon")


def check_health(store: Store, cfg: Config, names: list[str]) -> None:
    """Judge and record these sources' health (one transaction); a source that turns
    unhealthy is logged, and the operator told once per transition."""
    d = cfg.daemon
    now = utcnow()
    turned_bad: list[dict[str, Any]] = []
    with store.write() as s:
        for row in sources.named(s, names):
            try:
                src = cfg.source(row.name)
            except KeyError:
                continue
            times = articles.recent_fetch_times(s, row.id, limit=50)
            h = assess(now, src.interval, row.consecutive_failures, row.last_error,
                       row.last_new_article_at, row.created_at, times,
                       d.failure_threshold, d.stale_factor)
            if not h.ok and row.health != h.state:
                turned_bad.append(notice_entry(row, h))
                logger.warning("%s", kv(event="source_unhealthy", source=row.name,
                                        health=h.state, reason=h.reason))
            elif h.ok and row.health not in (None, "ok"):
                logger.info("%s", kv(event="source_recovered", source=row.name))
            sources.set_health(row, h.state, h.reason)
    if turned_bad and d.health_channel:
        tell_operator(cfg, turned_bad)


def _iso(t: datetime | None) -> str | None:
    return t.isoformat() if t else None


def notice_entry(row: Source, h: Health) -> dict[str, Any]:
    """One source of a `source.unhealthy` notice: what failed (`problem`, also as `health`
    and `reason`), its last crawl, and since when nothing new came (`last_new_article`, or
    `watched_since` for a source that never had one)."""
    return {"name": row.name, "problem": f"{h.state}: {h.reason}", "health": h.state,
            "reason": h.reason, "url": row.url, "last_run": _iso(row.last_run_at),
            "last_new_article": _iso(row.last_new_article_at),
            "watched_since": _iso(row.created_at)}


def tell_operator(cfg: Config, problems: list[dict[str, Any]]) -> None:
    """Once per transition to unhealthy, straight to the operator's channel."""
    channel = next((c for c in cfg.alerts if c.name == cfg.daemon.health_channel), None)
    if channel is None:
        return
    payload = {"type": "source.unhealthy", "timestamp": utcnow().isoformat(),
               "data": {"sources": problems}}
    key = "msg_health_" + "_".join(p["name"] for p in problems)[:40] + f"_{int(time.time())}"
    outcome = try_send(cfg, channel, key, payload)  # never raises: never takes the daemon down
    if not outcome.ok:
        logger.error("%s", kv(event="health_alert_failed", channel=channel.name,
                              error=outcome.error))
