"""Webhook alerts from the outbox to a real local receiver that checks Standard Webhooks
signatures with the reference `standardwebhooks` package."""

from __future__ import annotations

import threading
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from newsmon.alerts.outbox import deliver, requeue_dead
from newsmon.alerts.targets import check_target
from newsmon.config import Config, SourceConfig, parse_config
from newsmon.dedup import fingerprint
from newsmon.extract import content_hash
from newsmon.ingest import Ingest
from newsmon.models import Alert
from newsmon.netpolicy import RefusedAddress
from newsmon.storage import sources
from newsmon.storage.articles import NewArticle
from newsmon.store import Store
from tests.webhookreceiver import SECRET, Receiver


@pytest.fixture
def receiver(webhook_receiver: Receiver) -> Receiver:
    return webhook_receiver


def config(tmp_path: Path, url: str, db: str, extra: str = "", backoff: str = "10ms") -> Config:
    text = f"""
[database]
url = "{db}"
[crawl]
allow_private_addresses = true
[[sources]]
name = "wire"
url = "https://news.example/feed.xml"
type = "feed"
[[alerts]]
type = "webhook"
name = "hook"
settle = "0s"
url = "{url}"
secret = "{SECRET}"
backoff = "{backoff}"
{extra}
"""
    path = tmp_path / "newsmon.toml"
    path.write_text(text, encoding="utf-8")
    return parse_config(text, str(path))


def store_story(cfg: Config, key: str = "nair", title: str | None = None,
                text: str | None = None, move: dict[str, Any] | None = None) -> Store:
    store = Store.open(cfg.database.url)
    sources.sync(store, [SourceConfig(name="wire", url="https://news.example/feed.xml",
                                      type="feed")])
    text = text or (f"Priya Nair has joined Anthropic from OpenAI, she said on Tuesday ({key}). "
                    "She will lead a team of fourteen researchers working on model "
                    "evaluations. " * 3)
    move = move or {"person": "Priya Nair", "action": "joins", "from": "OpenAI",
                    "to": "Anthropic", "role": None, "evidence": "", "primary": True}
    Ingest(store, cfg.alerts).store_article(NewArticle(
        source="wire", url=f"https://news.example/{key}", canonical_url=f"https://news.example/"
        f"{key}", title=title or "Priya Nair joins Anthropic", text=text, language="en",
        published=datetime(2026, 11, 20, 9, tzinfo=UTC), authors=[], site_name="Wire",
        description=None, syndicated_from=None, content_hash=content_hash(text),
        word_count=len(text.split()),
        relevance={"relevant": True, "score": 2.0, "topic": "t", "reasons": [], "moves": [move]},
        fingerprint=fingerprint(None, text, "en")))
    return store


def alerts(store: Store) -> list[Alert]:
    with store.read() as s:
        rows = list(s.query(Alert).order_by(Alert.id))
        for r in rows:
            s.expunge(r)
    return rows


def test_a_new_story_is_delivered_once_signed(tmp_path: Path, receiver: Receiver,
                                              db_url: str) -> None:
    cfg = config(tmp_path, receiver.url, db_url)
    store = store_story(cfg)
    try:
        assert [a.status for a in alerts(store)] == ["pending"]
        report = deliver(store, cfg, budget=5)
        again = deliver(store, cfg, budget=5)
        rows = alerts(store)
    finally:
        store.close()
    assert report.sent == 1 and again.sent == 0
    assert len(receiver.requests) == 1 and receiver.verified == [True]
    body = receiver.requests[0]["body"]
    assert body["type"] == "story.created"
    assert body["data"]["story"]["moves"][0]["to"] == "Anthropic"
    assert body["data"]["articles"][0]["url"] == "https://news.example/nair"
    assert receiver.requests[0]["headers"]["webhook-id"] == rows[0].key
    assert rows[0].status == "sent" and rows[0].sent_at is not None


def test_retried_until_2xx_with_the_same_webhook_id(tmp_path: Path,
                                                     receiver: Receiver) -> None:
    receiver.script = [500, 500, (503, {"Retry-After": "0"}), 200]
    cfg = config(tmp_path, receiver.url, f"sqlite:///{tmp_path / 'n.db'}")
    store = store_story(cfg)
    try:
        report = deliver(store, cfg, budget=10)
        rows = alerts(store)
    finally:
        store.close()
    assert report.sent == 1
    assert len(receiver.requests) == 4 and all(receiver.verified)
    assert len({r["headers"]["webhook-id"] for r in receiver.requests}) == 1
    assert rows[0].status == "sent" and rows[0].attempts == 4


@pytest.mark.parametrize("value", ["³", "9" * 400, "Fri, 31 Dec 9999 23:59:59 GMT"])
def test_a_hostile_retry_after_is_retried_later_not_crashed(tmp_path: Path, receiver: Receiver,
                                                            value: str) -> None:
    """`Retry-After: ³` once raised ValueError out of the send (str.isdigit() says yes,
    float() says no): it is a 503 like any other, retried after the backoff (at most 1h,
    however long the receiver asks), with the same webhook-id."""
    receiver.script = [(503, {"Retry-After": value})]
    cfg = config(tmp_path, receiver.url, f"sqlite:///{tmp_path / 'n.db'}", backoff="1h")
    store = store_story(cfg)
    try:
        before = datetime.now(UTC)
        first = deliver(store, cfg, budget=0)
        failed = alerts(store)[0]
        with store.write() as s:  # the retry time has come
            s.query(Alert).update({"next_attempt_at": datetime(2000, 1, 1, tzinfo=UTC)})
        second = deliver(store, cfg, budget=2)
        rows = alerts(store)
    finally:
        store.close()
    assert first.failed == 1 and first.sent == 0 and first.pending == 1
    assert failed.status == "pending" and failed.attempts == 1
    assert failed.last_error == "HTTP 503"
    wait = (failed.next_attempt_at - before).total_seconds()
    assert 0.8 * 3600 - 5 <= wait <= 3600 + 5, wait
    said = float(first.errors[0].rsplit("retry in ", 1)[1].removesuffix("s"))
    assert said <= 3600, first.errors
    assert second.sent == 1 and rows[0].status == "sent" and rows[0].attempts == 2
    assert len(receiver.requests) == 2 and all(receiver.verified)
    assert len({r["headers"]["webhook-id"] for r in receiver.requests}) == 1


def test_receiver_down_then_up_is_delivered_on_the_next_pass(tmp_path: Path) -> None:
    down = Receiver()  # bound, never serving, then closed: connections are refused
    url = down.url
    down.server.server_close()
    cfg = config(tmp_path, url, f"sqlite:///{tmp_path / 'n.db'}", backoff="1h")
    store = store_story(cfg)
    try:
        first = deliver(store, cfg, budget=1)
        assert first.sent == 0 and first.failed == 1 and first.pending == 1
        assert "connection failed" in (alerts(store)[0].last_error or "")
        up = Receiver()
        up.server.server_close()
        up.server = type(up.server)(("127.0.0.1", int(url.rsplit(":", 1)[1].split("/")[0])),
                                    up.server.RequestHandlerClass)
        up.thread = threading.Thread(target=up.server.serve_forever, daemon=True)
        up.start()
        try:
            with store.write() as s:  # the retry time has come
                s.query(Alert).update({"next_attempt_at": datetime(2000, 1, 1, tzinfo=UTC)})
            second = deliver(store, cfg, budget=1)
        finally:
            up.stop()
    finally:
        store.close()
    assert second.sent == 1 and len(up.requests) == 1 and up.verified == [True]


def test_410_disables_the_channel_and_dead_letters(tmp_path: Path, receiver: Receiver) -> None:
    receiver.script = [410]
    cfg = config(tmp_path, receiver.url, f"sqlite:///{tmp_path / 'n.db'}")
    store = store_story(cfg)
    try:
        report = deliver(store, cfg, budget=2)
        assert report.dead == 1 and alerts(store)[0].status == "dead"
        assert requeue_dead(store) == 1
        assert deliver(store, cfg, budget=2).sent == 1
    finally:
        store.close()
    assert len(receiver.requests) == 2


def test_redirects_are_not_followed(tmp_path: Path, receiver: Receiver) -> None:
    receiver.script = [(302, {"Location": receiver.url + "/elsewhere"})]
    cfg = config(tmp_path, receiver.url, f"sqlite:///{tmp_path / 'n.db'}",
                 "max_attempts = 1")
    store = store_story(cfg)
    try:
        report = deliver(store, cfg, budget=2)
    finally:
        store.close()
    assert report.dead == 1 and len(receiver.requests) == 1


def test_webhook_targets_obey_the_address_policy() -> None:
    with pytest.raises(RefusedAddress):
        check_target("http://169.254.169.254/latest/meta-data", False)
    with pytest.raises(RefusedAddress):  # a name that resolves to a private address
        check_target("https://hooks.example.com/x", False, resolve=lambda h: ["10.0.0.7"])
    check_target("https://hooks.example.com/x", False, resolve=lambda h: ["93.184.216.34"])
    check_target("http://127.0.0.1:9/x", True)


def test_secrets_stay_out_of_errors(tmp_path: Path) -> None:
    cfg = config(tmp_path, "http://127.0.0.1:9/hook", f"sqlite:///{tmp_path / 'n.db'}",
                 "max_attempts = 1")
    store = store_story(cfg)
    try:
        report = deliver(store, cfg, budget=1)
        rows = alerts(store)
    finally:
        store.close()
    assert report.dead == 1
    assert SECRET not in " ".join(report.errors) + (rows[0].last_error or "")


def test_alerts_test_command_and_export_alerted_at(tmp_path: Path, receiver: Receiver) -> None:
    from tests.conftest import run_newsmon

    cfg = config(tmp_path, receiver.url, f"sqlite:///{tmp_path / 'n.db'}")
    out = run_newsmon("alerts", "test", "hook", "--config", cfg.path, check=True).stdout
    assert "delivered" in out and receiver.verified == [True]
    assert receiver.requests[0]["body"]["type"] == "test"
    store = store_story(cfg)
    try:
        deliver(store, cfg, budget=2)
    finally:
        store.close()
    exported = run_newsmon("export", "--config", cfg.path, check=True).stdout
    import json

    row = json.loads(exported.splitlines()[0])
    assert row["alerted_at"] is not None and row["story_id"] is not None
    missing = run_newsmon("alerts", "test", "nope", "--config", cfg.path)
    assert missing.returncode == 1 and "no alert channel named 'nope'" in missing.stderr


def test_killed_between_sending_and_recording_resends_once_with_the_same_key(
        tmp_path: Path, receiver: Receiver) -> None:
    """The receiver has the alert, the sender dies before marking it sent: the next pass
    resends it once, with the same webhook-id, and never again."""
    import os
    import signal
    import subprocess
    import sys

    from tests.conftest import newsmon_env

    cfg = config(tmp_path, receiver.url, f"sqlite:///{tmp_path / 'n.db'}")
    store_story(cfg).close()
    receiver.delay = 30.0  # hold the 200 long enough to kill the sender while it waits
    proc = subprocess.Popen(
        [sys.executable, "-c", "import sys; from newsmon.alerts.outbox import deliver; "
         "from newsmon.config import load_config; from newsmon.store import Store; "
         "cfg = load_config(sys.argv[1]); deliver(Store.open(cfg.database.url), cfg)",
         cfg.path], env=newsmon_env(), start_new_session=True)
    try:
        assert receiver.received.wait(30), "the alert never reached the receiver"
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(10)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
    receiver.delay = 0.0
    store = Store.open(cfg.database.url)
    try:
        assert alerts(store)[0].status == "pending"  # nothing marked done that was not done
        assert deliver(store, cfg, budget=2).sent == 1
        assert deliver(store, cfg, budget=2).sent == 0
    finally:
        store.close()
    assert len(receiver.requests) == 2
    assert receiver.requests[0]["headers"]["webhook-id"] == \
        receiver.requests[1]["headers"]["webhook-id"]


@pytest.mark.parametrize(("filters", "queued"), [
    ('languages = ["en"]', True),
    ('languages = ["fr", "de"]', False),
    ('organisations = ["anthropic"]', True),
    ('organisations = ["Mistral AI"]', False),
    ("min_score = 2.0", True),
    ("min_score = 2.5", False),
])
def test_channel_filters(tmp_path: Path, filters: str, queued: bool) -> None:
    cfg = config(tmp_path, "http://127.0.0.1:9/hook", f"sqlite:///{tmp_path / 'n.db'}", filters)
    store = store_story(cfg)
    try:
        assert bool(alerts(store)) is queued
    finally:
        store.close()


@pytest.mark.parametrize(("updates", "events"), [
    ("none", ["story.created"]),
    ("immediate", ["story.created", "story.updated"]),
])
def test_a_later_article_on_the_story_alerts_only_when_asked(
        tmp_path: Path, receiver: Receiver, updates: str, events: list[str]) -> None:
    cfg = config(tmp_path, receiver.url, f"sqlite:///{tmp_path / 'n.db'}",
                 f'updates = "{updates}"')
    store_story(cfg).close()
    store = store_story(cfg, key="other", title="Anthropic hires Priya Nair", text=(
        "Anthropic confirmed on Wednesday that it hired the OpenAI evaluation lead Priya Nair. "
        "Her arrival follows a run of senior researchers crossing between the two labs, and "
        "people close to the company expect her group to grow quickly next year. Nair, who "
        "trained at ETH Zurich, declined to discuss her compensation or the size of her team."))
    try:
        deliver(store, cfg, budget=2)
    finally:
        store.close()
    assert [r["body"]["type"] for r in receiver.requests] == events
    assert len({r["body"]["data"]["story"]["id"] for r in receiver.requests}) == 1


def test_digest_channel_sends_one_message_at_its_local_time(tmp_path: Path,
                                                            receiver: Receiver) -> None:
    from newsmon.alerts.schedule import next_digest

    cfg = config(tmp_path, receiver.url, f"sqlite:///{tmp_path / 'n.db'}",
                 'mode = "digest"\ndigest_at = "08:00"\ntimezone = "Europe/Paris"')
    store_story(cfg).close()
    store = store_story(cfg, key="other", title="Omar Farouk joins Mistral AI", text=(
        "Mistral AI has hired Omar Farouk, a Google DeepMind scientist, to lead its new "
        "robotics group in Paris, the company said. Farouk spent six years at DeepMind working "
        "on reinforcement learning and will report to the chief scientist. He starts in March "
        "and plans to hire a dozen engineers for the group before the summer."),
        move={"person": "Omar Farouk", "action": "joins", "from": "Google DeepMind",
              "to": "Mistral AI", "role": None, "evidence": "", "primary": True})
    try:
        assert deliver(store, cfg, budget=0).sent == 0  # not before the digest time
        due = {a.next_attempt_at for a in alerts(store)}
        assert len(due) == 1
        local = next(iter(due)).astimezone(__import__("zoneinfo").ZoneInfo("Europe/Paris"))
        assert (local.hour, local.minute) == (8, 0)
        with store.write() as s:
            s.query(Alert).update({"next_attempt_at": datetime(2000, 1, 1, tzinfo=UTC)})
        assert deliver(store, cfg, budget=2).sent == 2
    finally:
        store.close()
    assert len(receiver.requests) == 1 and receiver.verified == [True]
    body = receiver.requests[0]["body"]
    assert body["type"] == "digest" and len(body["data"]["stories"]) == 2
    # DST: 08:00 in Paris is 07:00 UTC in winter and 06:00 UTC in summer
    assert next_digest("08:00", "Europe/Paris", datetime(2026, 1, 10, 12, tzinfo=UTC)) == \
        datetime(2026, 1, 11, 7, tzinfo=UTC)
    assert next_digest("08:00", "Europe/Paris", datetime(2026, 7, 10, 5, tzinfo=UTC)) == \
        datetime(2026, 7, 10, 6, tzinfo=UTC)


def test_updates_digest_batches_only_the_updates(tmp_path: Path, receiver: Receiver) -> None:
    cfg = config(tmp_path, receiver.url, f"sqlite:///{tmp_path / 'n.db'}",
                 'updates = "digest"\ndigest_at = "07:30"')
    store = store_story(cfg)
    try:
        assert deliver(store, cfg, budget=1).sent == 1  # the new story: at once
    finally:
        store.close()
    store = store_story(cfg, key="other", title="Anthropic hires Priya Nair", text=(
        "Anthropic confirmed on Wednesday that it hired the OpenAI evaluation lead Priya Nair. "
        "Her arrival follows a run of senior researchers crossing between the two labs, and "
        "people close to the company expect her group to grow quickly next year. Nair, who "
        "trained at ETH Zurich, declined to discuss her compensation or the size of her team."))
    try:
        assert deliver(store, cfg, budget=0).sent == 0  # the update waits for 07:30 UTC
        update = [a for a in alerts(store) if a.event == "story.updated"]
        assert len(update) == 1
        assert (update[0].next_attempt_at.hour, update[0].next_attempt_at.minute) == (7, 30)
        with store.write() as s:
            s.query(Alert).filter(Alert.status == "pending").update(
                {"next_attempt_at": datetime(2000, 1, 1, tzinfo=UTC)})
        assert deliver(store, cfg, budget=1).sent == 1
    finally:
        store.close()
    assert [r["body"]["type"] for r in receiver.requests] == ["story.created", "digest"]


def test_a_new_story_settles_then_carries_its_first_copies(tmp_path: Path,
                                                            receiver: Receiver) -> None:
    """`settle`: the first alert waits, so a copy crawled moments later rides along."""
    import dataclasses
    import time

    cfg = config(tmp_path, receiver.url, f"sqlite:///{tmp_path / 'n.db'}")
    cfg = dataclasses.replace(cfg, alerts=(dataclasses.replace(cfg.alerts[0], settle=1.0),))
    store = store_story(cfg)
    try:
        early = deliver(store, cfg, budget=0)  # not due yet, and not waited for
        store.close()
        store = store_story(cfg, key="nair-copy", title="Anthropic hires Priya Nair")
        time.sleep(1.2)
        report = deliver(store, cfg, budget=5)
        rows = alerts(store)
    finally:
        store.close()
    assert early.sent == 0 and early.pending == 1
    assert report.sent == 1 and len(rows) == 1 and len(receiver.requests) == 1
    urls = [a["url"] for a in receiver.requests[0]["body"]["data"]["articles"]]
    assert urls == ["https://news.example/nair", "https://news.example/nair-copy"]
