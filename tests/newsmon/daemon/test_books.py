"""The daemon's books on SQLite and PostgreSQL: its own row, the sources' schedule and health,
and the outbox backlog, as `newsmon status` reads them back."""

from __future__ import annotations

import textwrap
from datetime import timedelta

from newsmon.config import parse_config
from newsmon.daemon import status
from newsmon.daemon.runner import Daemon
from newsmon.models import Alert, ChannelState, Story, utcnow
from newsmon.storage import daemon_state, outbox_queries, sources
from newsmon.store import Store

CONFIG = """\
    [database]
    url = "{url}"
    [daemon]
    failure_threshold = 2
    [[sources]]
    name = "wire"
    url = "https://wire.example/feed.xml"
    type = "feed"
    [[sources]]
    name = "quiet"
    url = "https://quiet.example/feed.xml"
    type = "feed"
    [[alerts]]
    type = "webhook"
    name = "hook"
    url = "https://hook.example/in"
    secret = "whsec_aGVsbG8gd29ybGQgaGVsbG8gd29ybGQ="
    """


def test_books_kept_and_read_back(db_url: str) -> None:
    text = textwrap.dedent(CONFIG.format(url=db_url))
    cfg = parse_config(text, "/etc/newsmon.toml")
    store = Store.open(db_url)
    try:
        sources.sync(store, cfg.sources)
        Daemon(cfg, text, store).mark_started()
        sources.record_result(store, "wire", True, None, 2, "ok")
        assert set(sources.last_run_times(store)) == {"wire"}
        sources.save_next_runs(store, {"wire": utcnow() + timedelta(minutes=5)})
        for _ in range(2):
            sources.record_result(store, "quiet", False, "HTTP 503", 0, "failed")
        Daemon(cfg, text, store)._check_health(["wire", "quiet", "unknown"])
        with store.write() as s:
            story = Story(title="t")
            s.add(story)
            s.flush()
            s.add_all([
                Alert(story_id=story.id, channel="hook", event="story.created", article_id=1,
                      key="k1", status="pending", attempts=2),
                Alert(story_id=story.id, channel="hook", event="story.updated", article_id=2,
                      key="k2", status="dead"),
                Alert(story_id=story.id, channel="old", event="story.created", article_id=1,
                      key="k3", status="sent", sent_at=utcnow())])
            s.add(ChannelState(name="hook", disabled_at=utcnow(), disabled_reason="410 Gone"))

        report = status.collect(store, cfg)
        assert report["daemon"]["pid"] and report["daemon"]["config"] == "/etc/newsmon.toml"
        assert not report["daemon"]["running"] and report["daemon"]["stopped_at"] is None
        wire, quiet = report["sources"]
        assert wire["last_status"] == "ok" and wire["health"] == "ok"
        assert wire["next_run"] is None  # shown only while a daemon runs
        assert quiet["health"] == "failing" and "2 crawls failed" in quiet["health_reason"]
        assert report["outbox"] == {"hook": {"type": "webhook", "pending": 1, "failing": 1,
                                             "dead": 1, "disabled": "410 Gone"}}
        assert [a.key for a in outbox_queries.alerts(store, "hook")] == ["k1", "k2"]
        assert len(outbox_queries.alerts(store)) == 3
        assert set(outbox_queries.first_sent_at(store)) == {story.id}

        with store.read() as s:
            assert sources.by_name(s)["wire"].next_run_at is not None
        daemon_state.mark_stopped(store)
        with store.read() as s:
            assert all(r.next_run_at is None for r in sources.by_name(s).values())
            row = daemon_state.current(s)
            assert row is not None and row.stopped_at is not None
    finally:
        store.close()
