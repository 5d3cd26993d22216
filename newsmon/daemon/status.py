"""`newsmon status`: is the daemon alive, how is each source doing, what waits in the outbox.

Reads only what the daemon and crawls record in the database, so it works from any machine
that reaches the database, and never shows a secret (channel URLs are not printed).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from newsmon.config import Config
from newsmon.daemon.lock import daemon_running
from newsmon.db import safe_url
from newsmon.models import utcnow
from newsmon.storage import daemon_state, outbox_queries, sources
from newsmon.store import Store
from newsmon.units import format_span


def _iso(t: datetime | None) -> str | None:
    return t.isoformat() if t else None


def collect(store: Store, cfg: Config) -> dict[str, Any]:
    running = daemon_running(store.engine, cfg.database.url)
    with store.read() as s:
        d = daemon_state.current(s)
        rows = sources.by_name(s)
        backlog = outbox_queries.backlog(s)
        failing = outbox_queries.failing_counts(s)
        disabled = outbox_queries.disabled_channels(s)
    daemon: dict[str, Any] = {"running": running}
    if d is not None:
        daemon.update(pid=d.pid, host=d.host, config=d.config_path,
                      started_at=_iso(d.started_at), heartbeat_at=_iso(d.heartbeat_at),
                      stopped_at=_iso(d.stopped_at))
    per_source = []
    for src in cfg.sources:
        r = rows.get(src.name)
        per_source.append({
            "name": src.name, "type": src.type, "enabled": src.enabled,
            "interval_seconds": src.interval,
            "last_run": _iso(r.last_run_at) if r else None,
            "last_status": r.last_status if r else None,
            "next_run": _iso(r.next_run_at) if r and running else None,
            "last_new_article": _iso(r.last_new_article_at) if r else None,
            "consecutive_failures": r.consecutive_failures if r else 0,
            "health": (r.health or "unknown") if r else "unknown",
            "health_reason": r.health_reason if r else None,
            "last_error": r.last_error if r else None,
        })
    channels: dict[str, dict[str, Any]] = {
        c.name: {"type": c.type, "pending": 0, "failing": failing.get(c.name, 0), "dead": 0,
                 "disabled": disabled.get(c.name)} for c in cfg.alerts}
    for channel, st, n in backlog:
        channels.setdefault(channel, {"type": "?", "pending": 0, "failing": 0, "dead": 0,
                                      "disabled": disabled.get(channel)})[st] = n
    report = {"database": safe_url(cfg.database.url), "config": cfg.path,
              "now": _iso(utcnow()), "daemon": daemon, "sources": per_source,
              "outbox": channels}
    if cfg.cluster.enabled:
        from newsmon.cluster.status import cluster_status

        report["cluster"] = cluster_status(store.engine, cfg.cluster.stalled_after)
    return report


def _ago(iso: str | None, now: datetime) -> str:
    if not iso:
        return "never"
    t = datetime.fromisoformat(iso)
    secs = (now - t).total_seconds()
    return f"in {format_span(-secs)}" if secs < 0 else f"{format_span(secs)} ago"


def format_text(r: dict[str, Any]) -> str:
    now = datetime.fromisoformat(r["now"])
    d = r["daemon"]
    if d["running"]:
        head = (f"daemon: running (pid {d.get('pid')} on {d.get('host')}, since "
                f"{_ago(d.get('started_at'), now)}, heartbeat {_ago(d.get('heartbeat_at'), now)})")
    elif d.get("started_at"):
        last = d.get("stopped_at") or d.get("heartbeat_at")
        head = f"daemon: not running (last seen {_ago(last, now)})"
    else:
        head = "daemon: not running (never started on this database)"
    lines = [head, f"database: {r['database']}"]
    if "cluster" in r:
        c = r["cluster"]
        lines.append(f"cluster: {c['workers']} workers alive, {len(c['running'])} crawls "
                     f"running ({', '.join(c['running']) or 'none'}), {c['waiting']} waiting")
    lines += ["",
             f"{'SOURCE':<20} {'HEALTH':<8} {'LAST RUN':<10} {'STATUS':<12} {'NEXT RUN':<10} "
             f"{'LAST NEW':<10} {'FAILS':>5}"]
    for s in r["sources"]:
        health = s["health"] if s["enabled"] else "disabled"
        lines.append(f"{s['name']:<20} {health:<8} {_ago(s['last_run'], now):<10} "
                     f"{s['last_status'] or '-':<12} "
                     f"{_ago(s['next_run'], now) if s['next_run'] else '-':<10} "
                     f"{_ago(s['last_new_article'], now):<10} {s['consecutive_failures']:>5}")
        if s["health_reason"]:
            lines.append(f"{'':<20} {s['health_reason']}")
    lines += ["", f"{'CHANNEL':<20} {'PENDING':>7} {'FAILING':>7} {'DEAD':>5}  STATE"]
    for name, c in r["outbox"].items():
        state = f"disabled: {c['disabled']}" if c["disabled"] else "ok"
        lines.append(f"{name:<20} {c['pending']:>7} {c['failing']:>7} {c['dead']:>5}  {state}")
    if not r["outbox"]:
        lines.append("(no alert channels configured)")
    return "\n".join(lines)
