"""E-mail alerts to a real SMTP server (aiosmtpd) started by the test."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from aiosmtpd.controller import Controller

from newsmon.alerts.outbox import deliver
from newsmon.config import Config, SourceConfig, parse_config
from newsmon.dedup import fingerprint
from newsmon.extract import content_hash
from newsmon.ingest import Ingest
from newsmon.models import Alert
from newsmon.storage import sources
from newsmon.storage.articles import NewArticle
from newsmon.store import Store
from tests.smtpinbox import Inbox, free_port, parts

HOSTILE = ('Priya <script>alert(1)</script> <a href="javascript:evil()">joins</a> '
           "&lt;img onerror&gt;\r\nBcc: victim@example.com \u202egnp.exe")


def setup(tmp_path: Path, port: int, title: str = "Priya Nair joins Anthropic",
          url: str = "https://news.example/nair") -> tuple[Config, Store]:
    text = f"""
[database]
url = "sqlite:///{tmp_path / 'n.db'}"
[[sources]]
name = "wire"
url = "https://news.example/feed.xml"
type = "feed"
[[alerts]]
type = "email"
name = "mail"
settle = "0s"
smtp_url = "smtp://127.0.0.1:{port}"
from = "newsmon@example.com"
to = ["desk@example.com"]
backoff = "1h"
"""
    cfg = parse_config(text, str(tmp_path / "newsmon.toml"))
    store = Store.open(cfg.database.url)
    sources.sync(store, [SourceConfig(name="wire", url="https://news.example/feed.xml",
                                      type="feed")])
    body = "Priya Nair has joined Anthropic from OpenAI to lead model evaluations. " * 6
    move = {"person": "Priya Nair", "action": "joins", "from": "OpenAI", "to": "Anthropic",
            "role": None, "evidence": "", "primary": True}
    Ingest(store, cfg.alerts).store_article(NewArticle(
        source="wire", url=url, canonical_url=url, title=title, text=body, language="en",
        published=datetime(2026, 11, 20, tzinfo=UTC), authors=[], site_name="Wire",
        description=None, syndicated_from=None, content_hash=content_hash(body),
        word_count=len(body.split()),
        relevance={"relevant": True, "score": 2, "topic": "t", "reasons": [], "moves": [move]},
        fingerprint=fingerprint(None, body, "en")))
    return cfg, store


def test_one_message_with_who_moved_where(tmp_path: Path, smtp: tuple[Inbox, int]) -> None:
    inbox, port = smtp
    cfg, store = setup(tmp_path, port)
    try:
        assert deliver(store, cfg, budget=2).sent == 1
        assert deliver(store, cfg, budget=2).sent == 0
        with store.read() as s:
            key = s.query(Alert).one().key
    finally:
        store.close()
    assert len(inbox.messages) == 1
    msg = inbox.messages[0]
    assert msg["Subject"] == "[newsmon] Priya Nair joins Anthropic (from OpenAI)"
    assert msg["Message-ID"] == f"<{key}@newsmon>"
    text, html = parts(msg)
    assert "https://news.example/nair" in text
    assert '<a href="https://news.example/nair">Priya Nair joins Anthropic</a>' in html


def test_page_text_cannot_inject_markup_or_headers(tmp_path: Path,
                                                   smtp: tuple[Inbox, int]) -> None:
    inbox, port = smtp
    cfg, store = setup(tmp_path, port, title=HOSTILE, url="javascript:evil()")
    try:
        assert deliver(store, cfg, budget=2).sent == 1
    finally:
        store.close()
    msg = inbox.messages[0]
    assert msg["Bcc"] is None and "victim" not in str(msg.get_all("To"))
    text, html = parts(msg)
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert 'href="javascript' not in html and "<a " not in html
    assert "&amp;lt;img onerror&amp;gt;" in html
    assert "\u202e" not in html and "\u202e" not in text


def test_smtp_down_then_up_delivers_once(tmp_path: Path) -> None:
    port = free_port()  # nothing listens yet
    cfg, store = setup(tmp_path, port)
    try:
        first = deliver(store, cfg, budget=1)
        assert first.sent == 0 and first.pending == 1
        inbox = Inbox()
        controller = Controller(inbox, hostname="127.0.0.1", port=port)
        controller.start()
        try:
            with store.write() as s:
                s.query(Alert).update({"next_attempt_at": datetime(2000, 1, 1, tzinfo=UTC)})
            assert deliver(store, cfg, budget=1).sent == 1
            assert deliver(store, cfg, budget=1).sent == 0
        finally:
            controller.stop()
    finally:
        store.close()
    assert len(inbox.messages) == 1


def test_digest_message_lists_every_story() -> None:
    from newsmon.alerts.email import build
    from newsmon.config import EmailChannelConfig

    def section(person: str, to: str) -> dict[str, Any]:
        return {"story": {"id": 1, "title": f"{person} joins {to}", "languages": ["en"],
                          "moves": [{"person": person, "action": "joins", "from": None,
                                     "to": to}]},
                "articles": [{"url": f"https://news.example/{to}", "title": f"{person} <b>",
                              "source": "wire", "language": "en", "copy": False}]}

    channel = EmailChannelConfig(name="m", smtp_url="smtp://127.0.0.1:25",
                                 from_="a@example.com", to=("b@example.com",))
    msg = build({"type": "digest", "data": {"stories": [section("Priya Nair", "Anthropic"),
                                                         section("Omar Farouk", "Mistral AI")]}},
                channel, "msg_digest_x")
    assert msg["Subject"] == "[newsmon] digest: Priya Nair joins Anthropic and 1 more"
    text, html = parts(msg)
    assert "Omar Farouk joins Mistral AI" in text and "Priya Nair joins Anthropic" in text
    assert "Omar Farouk &lt;b&gt;" in html
