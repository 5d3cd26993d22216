"""Injection: page-borne text (titles, names, URLs) with markup, CR/LF and Unicode bidi
controls cannot add markup or links to an alert e-mail, cannot add a header, and cannot break
the JSONL and CSV exports, which must parse back to exactly what was stored.
"""

from __future__ import annotations

import csv
import json
import unicodedata
from datetime import UTC, datetime
from email import message_from_bytes, policy
from email.message import EmailMessage, Message
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsmon.alerts.email import build, one_line
from newsmon.config import EmailChannelConfig, SourceConfig
from newsmon.extract import content_hash
from newsmon.ingest import Ingest
from newsmon.storage import sources
from newsmon.storage.articles import NewArticle
from newsmon.store import Store
from tests.conftest import run_newsmon, write_config

HOSTILE = [
    "<script>alert(document.cookie)</script>",
    '<a href="javascript:alert(1)">click</a>',
    "&lt;img src=x onerror=alert(1)&gt;",
    "<img src=x onerror=alert(1)>",
    '"><svg onload=alert(1)>',
    "Title\r\nBcc: victim@example.com\r\n\r\n<html>body</html>",
    "line\nSubject: forged",
    "tab\tand\x00nul\x1b[31mansi\x7f\x85nel",
    "\u202egnp.exe\u202c and \u2066isolate\u2069 \u200fRLM\u200e \u061c",
    "sep\u2028line\u2029para\x1c\x1d\x1e",
    "=HYPERLINK(\"http://evil.example\",\"x\"),+cmd|' /C calc'!A0,@SUM(1)",
    "'); DROP TABLE articles; --",
    "Zoë Åström 日本語 🙂",
]
BIDI_AND_CONTROL = {"Cc", "Cf", "Zl", "Zp"}
ALLOWED_TAGS = {"html", "body", "h2", "ul", "li", "p", "a"}


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs))

    def handle_decl(self, decl: str) -> None:
        assert decl.lower() == "doctype html"


CHANNEL = EmailChannelConfig(name="mail", smtp_url="smtp://127.0.0.1:25",
                             from_="newsmon@example.com", to=("desk@example.com",))


def payload(text: str, url: str = "https://news.example/a") -> dict[str, Any]:
    move = {"person": text, "action": "joins", "from": text, "to": text, "role": text}
    return {"type": "story.created", "data": {
        "story": {"id": 1, "title": text, "moves": [move], "languages": [text]},
        "articles": [{"url": url, "title": text, "source": text, "language": text,
                      "copy": False},
                     {"url": text, "title": text, "source": "wire", "language": "en",
                      "copy": True}]}}


def check_message(msg: EmailMessage, href_ok: set[str]) -> None:
    raw = msg.as_bytes()
    parsed = message_from_bytes(raw, policy=policy.default)
    assert sorted(k.lower() for k in parsed) == sorted(
        ["subject", "from", "to", "date", "message-id", "mime-version", "content-type"])
    assert parsed["To"] == "desk@example.com" and parsed["Bcc"] is None
    subject = str(parsed["Subject"])
    assert not any(unicodedata.category(c) in BIDI_AND_CONTROL for c in subject)
    text, html = _parts(parsed)
    for line in text.splitlines():
        assert not any(unicodedata.category(c) in BIDI_AND_CONTROL for c in line), line
    tags = _Tags()
    tags.feed(html)
    for tag, attrs in tags.tags:
        assert tag in ALLOWED_TAGS, (tag, html)
        if tag == "a":
            assert [k for k, _ in attrs] == ["href"]
            assert attrs[0][1] in href_ok, attrs
        else:
            assert attrs == [], (tag, attrs)
    assert not any(unicodedata.category(c) in ("Cf", "Zl", "Zp") for c in html)


def _parts(msg: Message) -> tuple[str, str]:
    text = html = ""
    for part in msg.walk():
        if part.get_content_type() == "text/plain":
            text = part.get_content()
        elif part.get_content_type() == "text/html":
            html = part.get_content()
    return text, html


@pytest.mark.parametrize("text", HOSTILE)
def test_email_escapes_markup_and_keeps_headers(text: str) -> None:
    msg = build(payload(text), CHANNEL, "msg_key")
    check_message(msg, {"https://news.example/a"})
    _, html = _parts(message_from_bytes(msg.as_bytes(), policy=policy.default))
    assert "<script" not in html and "onerror=" not in html.replace("onerror=alert", "")


@pytest.mark.parametrize("url", ["javascript:alert(1)", "data:text/html,<script>x</script>",
                                 'https://ok.example/"><script>alert(1)</script>',
                                 "https://ok.example/\r\nBcc: x@example.com", " JAVASCRIPT:x"])
def test_email_links_only_http(url: str) -> None:
    msg = build(payload("Title", url=url), CHANNEL, "msg_key")
    ok = {url} if url.startswith("https://") else set()
    check_message(msg, ok | {"https://news.example/a"})


@settings(max_examples=150, derandomize=True, deadline=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(st.text(min_size=0, max_size=300), st.text(max_size=80))
def test_email_fuzzed_text(text: str, url_tail: str) -> None:
    url = "https://news.example/" + url_tail
    msg = build(payload(text, url), CHANNEL, "msg_key")
    check_message(msg, {url} | ({text} if text.startswith(("http://", "https://")) else set()))


@settings(max_examples=300, derandomize=True, deadline=None)
@given(st.text())
def test_one_line_is_one_safe_line(text: str) -> None:
    out = one_line(text)
    assert out == one_line(out)  # idempotent
    assert not any(unicodedata.category(c) in BIDI_AND_CONTROL for c in out)
    assert len(out.splitlines()) <= 1


# --- exports ------------------------------------------------------------------------------

def _store_hostile(tmp_path: Path) -> tuple[Path, list[str]]:
    db = f"sqlite:///{tmp_path / 'n.db'}"
    cfg = write_config(tmp_path / "n.toml", db,
                       [{"name": "wire", "url": "https://news.example/feed", "type": "feed"}])
    store = Store.open(db)
    try:
        sources.sync(store, [SourceConfig(name="wire", url="https://news.example/feed",
                                          type="feed")])
        ingest = Ingest(store, ())
        for i, text in enumerate(HOSTILE):
            body = f"{text}\n\nSecond paragraph, {text}, and some more words."
            url = f"https://news.example/{i}"
            ingest.store_article(NewArticle(
                source="wire", url=url, canonical_url=url, title=text, text=body,
                language="en", published=datetime(2026, 1, 2, tzinfo=UTC), authors=[text, "B"],
                site_name=text, description=text, syndicated_from=None,
                content_hash=content_hash(body), word_count=len(body.split())))
    finally:
        store.close()
    return cfg, HOSTILE


def test_jsonl_and_csv_exports_parse_back(tmp_path: Path) -> None:
    cfg, titles = _store_hostile(tmp_path)
    jsonl = run_newsmon("export", "--config", str(cfg), check=True).stdout
    lines = jsonl.split("\n")  # JSON Lines: records end with "\n", and only there
    assert lines[-1] == ""
    rows = [json.loads(line) for line in lines[:-1]]
    assert [r["title"] for r in rows] == titles
    assert [r["authors"] for r in rows] == [[t, "B"] for t in titles]
    assert all(r["text"].startswith(t) for r, t in zip(rows, titles, strict=True))

    out = tmp_path / "export.csv"
    run_newsmon("export", "--config", str(cfg), "--format", "csv", "--output", str(out),
                check=True)
    with out.open(encoding="utf-8", newline="") as f:
        records = list(csv.DictReader(f))
    assert [r["title"] for r in records] == titles
    assert [r["authors"] for r in records] == [f"{t}; B" for t in titles]
    assert [r["text"] for r in records] == [r["text"] for r in rows]
    for record in records:
        json.loads(record["moves"])
        json.loads(record["relevance"])


def test_jsonl_survives_unicode_line_splitting(tmp_path: Path) -> None:
    cfg, titles = _store_hostile(tmp_path)
    jsonl = run_newsmon("export", "--config", str(cfg), check=True).stdout
    assert len(jsonl.splitlines()) == len(titles)
