"""The dashboard over real HTTP (uvicorn on 127.0.0.1) on a database filled by crawling the
fixture web: pages, filters, search, the outbox re-queue and its CSRF check, feeds read back
with feedparser, and the API checked against its own OpenAPI document."""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from xml.etree import ElementTree as ET

import feedparser
import httpx
import jsonschema
import pytest

from newsmon.models import Article, Story
from newsmon.store import Store

EVIL = "<script>alert('pwned')</script> & <b>bold</b>"


@pytest.fixture(scope="module")
def db(module_db: Path) -> Iterator[sqlite3.Connection]:
    conn = sqlite3.connect(module_db)
    conn.row_factory = sqlite3.Row
    yield conn
    conn.close()


@pytest.fixture(scope="module")
def evil_story(module_db: Path) -> int:
    """A story whose title and move are markup, as a hostile page could make them."""
    store = Store.open(f"sqlite:///{module_db}")
    try:
        with store.write() as s:
            st = Story(title=EVIL, moves=[{"person": "<img src=x onerror=alert(1)>",
                                           "action": "joins", "from": "Evil<Corp>",
                                           "to": "Anthropic", "role": None}],
                       languages=["en"], article_count=0,
                       first_seen=datetime(2026, 1, 5, tzinfo=UTC),
                       last_seen=datetime(2026, 1, 5, tzinfo=UTC))
            s.add(st)
            s.flush()
            s.add(Article(url="javascript:alert(2)", canonical_url="javascript:alert(2)",
                          title="<i>italic</i>", text="", content_hash="0" * 64,
                          story_id=st.id, language="en"))
            return st.id
    finally:
        store.close()


@pytest.fixture(scope="module")
def client(base_url: str, evil_story: int) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=base_url, timeout=10) as c:
        yield c


def live_stories(db: sqlite3.Connection) -> list[sqlite3.Row]:
    return db.execute("SELECT * FROM stories WHERE merged_into IS NULL "
                      "ORDER BY last_seen DESC, id DESC").fetchall()


def listed(html: str) -> list[int]:
    return [int(x) for x in re.findall(r'class="story" data-story="(\d+)"', html)]


def stories_with(db: sqlite3.Connection, pred: Any) -> list[int]:
    return [r["id"] for r in live_stories(db) if pred(json.loads(r["moves"] or "[]"), r)]


# --- pages ------------------------------------------------------------------------------------

def test_the_list_shows_every_live_story_newest_first(client: httpx.Client,
                                                      db: sqlite3.Connection) -> None:
    r = client.get("/")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    want = [row["id"] for row in live_stories(db)]
    assert len(want) >= 6
    assert listed(r.text) == want


@pytest.mark.parametrize(("params", "pred"), [
    ({"org": "anthropic"}, lambda m, r: any("Anthropic" in (x["from"], x["to"]) for x in m)),
    ({"from": "Google DeepMind", "to": "Microsoft"},
     lambda m, r: any(x["from"] == "Google DeepMind" and x["to"] == "Microsoft" for x in m)),
    ({"person": "lindqvist"}, lambda m, r: any("Lindqvist" in x["person"] for x in m)),
    ({"lang": "de"}, lambda m, r: "de" in json.loads(r["languages"])),
    ({"since": "2026-11-18", "until": "2026-11-19"},
     lambda m, r: "2026-11-18" <= r["first_seen"][:10] <= "2026-11-19"),
])
def test_filters_give_the_stories_they_name(client: httpx.Client, db: sqlite3.Connection,
                                            params: dict[str, str], pred: Any) -> None:
    want = stories_with(db, pred)
    got = listed(client.get("/", params=params).text)
    assert got == want and 0 < len(got) < len(live_stories(db))


def test_the_source_filter_keeps_stories_with_an_article_from_it(
        client: httpx.Client, db: sqlite3.Connection) -> None:
    want = {r[0] for r in db.execute(
        "SELECT DISTINCT a.story_id FROM articles a JOIN sources s ON s.id = a.source_id "
        "WHERE s.name = 'ledger' AND a.story_id IS NOT NULL")}
    got = listed(client.get("/", params={"source": "ledger"}).text)
    assert set(got) == want and want


def test_search_finds_words_of_the_article_text_and_needs_every_word(
        client: httpx.Client, db: sqlite3.Connection) -> None:
    row = db.execute("SELECT story_id FROM articles WHERE text LIKE '%Colossus%' "
                     "AND story_id IS NOT NULL").fetchone()
    assert row is not None
    assert listed(client.get("/", params={"q": "colossus"}).text) == [row[0]]
    assert listed(client.get("/", params={"q": "colossus nonexistentword"}).text) == []
    assert "No story matches" in client.get("/", params={"q": "zzqqxx"}).text


def test_a_bad_date_is_a_clear_400(client: httpx.Client) -> None:
    r = client.get("/", params={"since": "yesterday"})
    assert r.status_code == 400 and "expected a date" in r.text


def test_the_story_page_labels_every_article_and_says_why(
        client: httpx.Client, db: sqlite3.Connection) -> None:
    sid = db.execute("SELECT story_id FROM articles WHERE json_extract(dedup, '$.kind') = "
                     "'translation'").fetchone()[0]
    html = client.get(f"/story/{sid}").text
    members = db.execute("SELECT id, duplicate_of FROM articles WHERE story_id = ?",
                         (sid,)).fetchall()
    for a in members:
        assert f"#{a['id']} " in html
    assert 'class="badge translation"' in html and 'class="badge original"' in html
    assert "started it" in html  # newsmon dedupe --explain's account
    assert "translation duplicate of article" in html
    assert client.get("/story/99999").status_code == 404


def test_the_sources_page_shows_health(client: httpx.Client, db: sqlite3.Connection) -> None:
    html = client.get("/sources").text
    for row in db.execute("SELECT name FROM sources"):
        assert f">{row[0]}</a>" in html
    assert "/day" in html and "New per day" in html


# --- the outbox ---------------------------------------------------------------------------------

def _status(db: sqlite3.Connection, alert_id: int) -> str:
    return db.execute("SELECT status FROM alerts WHERE id = ?", (alert_id,)).fetchone()[0]


def test_a_dead_alert_is_requeued_only_with_the_csrf_token(
        client: httpx.Client, db: sqlite3.Connection) -> None:
    page = client.get("/outbox", params={"status": "dead"}).text
    dead = [int(x) for x in re.findall(r'action="/outbox/(\d+)/requeue"', page)]
    assert dead and all(_status(db, a) == "dead" for a in dead)
    target = dead[0]
    refused = client.post(f"/outbox/{target}/requeue", data={})
    assert refused.status_code == 403 and _status(db, target) == "dead"
    forged = client.post(f"/outbox/{target}/requeue", data={"csrf_token": "0" * 64})
    assert forged.status_code == 403 and _status(db, target) == "dead"
    token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
    done = client.post(f"/outbox/{target}/requeue", data={"csrf_token": token})
    assert done.status_code == 303 and _status(db, target) == "pending"
    assert f"alert {target} re-queued" in client.get(done.headers["location"]).text


def test_a_fresh_browser_without_the_cookie_is_refused(base_url: str) -> None:
    with httpx.Client(base_url=base_url) as other:
        token_page = other.get("/outbox").text
        token = re.search(r'name="csrf_token" value="([^"]+)"', token_page).group(1)
    with httpx.Client(base_url=base_url) as stranger:  # a token but not the cookie it fits
        assert stranger.post("/outbox/1/requeue",
                             data={"csrf_token": token}).status_code == 403


# --- security -----------------------------------------------------------------------------------

def test_security_headers_on_every_response(client: httpx.Client) -> None:
    for path in ("/", "/flow", "/feed.atom", "/api/stories", "/static/app.css", "/nope"):
        h = client.get(path).headers
        csp = h["content-security-policy"]
        assert "default-src 'self'" in csp and "frame-ancestors 'none'" in csp, path
        assert "script-src 'self'" in csp and "'unsafe-inline'" not in csp
        assert h["x-content-type-options"] == "nosniff"
        assert h["referrer-policy"]


def test_page_text_is_escaped_never_markup(client: httpx.Client, evil_story: int) -> None:
    for html in (client.get("/").text, client.get(f"/story/{evil_story}").text,
                 client.get("/flow").text):
        assert "<script>alert" not in html and "<img src=x" not in html and "<b>bold" not in html
        assert "Evil<Corp>" not in html
    story = client.get(f"/story/{evil_story}").text
    assert "&lt;script&gt;alert(&#39;pwned&#39;)&lt;/script&gt; &amp; &lt;b&gt;bold" in story
    assert "<script" not in story.replace('<script src="/static/app.js" defer></script>', "")
    assert "javascript:" not in story.split("<pre>")[0] and "&lt;i&gt;italic" in story


# --- the talent flow ----------------------------------------------------------------------------

def test_the_flow_diagram_links_each_pair_to_its_stories(
        client: httpx.Client, db: sqlite3.Connection) -> None:
    html = client.get("/flow").text
    assert '<svg id="flow"' in html
    links = re.findall(r'class="flow-link" href="/\?([^"]+)"', html)
    pairs = {(x["from"], x["to"]) for r in live_stories(db)
             for x in json.loads(r["moves"]) if x["from"] and x["to"] and x["from"] != x["to"]}
    assert len(links) == len(pairs)
    first = links[0].replace("&amp;", "&")
    got = listed(client.get("/?" + first).text)
    assert got, first


def test_the_flow_period_and_an_organisation_timeline(client: httpx.Client) -> None:
    assert "No move between two named organisations" in client.get(
        "/flow", params={"since": "2030-01-01"}).text
    html = client.get("/flow/org/Anthropic").text
    assert '<svg id="timeline"' in html and 'class="point in"' in html
    assert 'class="point out"' in client.get("/flow/org/Google DeepMind").text


# --- feeds --------------------------------------------------------------------------------------

def test_the_atom_feed_has_one_entry_per_story(client: httpx.Client,
                                               db: sqlite3.Connection) -> None:
    r = client.get("/feed.atom")
    assert r.headers["content-type"].startswith("application/atom+xml")
    feed = feedparser.parse(r.content)
    assert not feed.bozo, feed.bozo_exception
    ids = [int(e.id.rsplit("/", 1)[1]) for e in feed.entries]
    assert ids == [row["id"] for row in live_stories(db)]
    assert all(e.title and e.updated_parsed and e.link.endswith(e.id.rsplit("/", 1)[1])
               for e in feed.entries)


def test_a_filtered_feed_has_the_filtered_stories(client: httpx.Client) -> None:
    page = listed(client.get("/", params={"lang": "de"}).text)
    feed = feedparser.parse(client.get("/feed.atom", params={"lang": "de"}).content)
    assert [int(e.id.rsplit("/", 1)[1]) for e in feed.entries] == page
    assert "lang=de" in feed.feed.subtitle


def test_feeds_answer_304_until_a_story_grows(client: httpx.Client, module_db: Path) -> None:
    first = client.get("/feed.atom")
    tag, modified = first.headers["etag"], first.headers["last-modified"]
    assert client.get("/feed.atom", headers={"If-None-Match": tag}).status_code == 304
    assert client.get("/feed.atom", headers={"If-Modified-Since": modified}).status_code == 304
    assert client.get("/feed.atom", params={"lang": "fr"},
                      headers={"If-None-Match": tag}).status_code == 200
    with sqlite3.connect(module_db) as conn:  # an article joins story 1 now: it grew
        conn.execute("UPDATE articles SET fetched_at = '2099-01-01 00:00:00.000000' "
                     "WHERE id = (SELECT min(id) FROM articles WHERE story_id IS NOT NULL)")
    again = client.get("/feed.atom", headers={"If-None-Match": tag})
    assert again.status_code == 200 and again.headers["etag"] != tag
    entries = feedparser.parse(again.content).entries
    assert any(e.updated.startswith("2099-01-01") for e in entries)


def test_the_json_feed_is_json_feed_1_1(client: httpx.Client, db: sqlite3.Connection) -> None:
    r = client.get("/feed.json")
    assert r.headers["content-type"].startswith("application/feed+json")
    feed = r.json()
    assert feed["version"] == "https://jsonfeed.org/version/1.1"
    assert {"title", "home_page_url", "feed_url", "items"} <= set(feed)
    assert len(feed["items"]) == len(live_stories(db))
    for item in feed["items"]:
        assert {"id", "url", "title", "content_text", "date_published", "date_modified"} \
            <= set(item)
    tag = r.headers["etag"]
    assert client.get("/feed.json", headers={"If-None-Match": tag}).status_code == 304


def test_the_sources_export_as_opml(client: httpx.Client, db: sqlite3.Connection) -> None:
    root = ET.fromstring(client.get("/sources.opml").content)
    outlines = root.findall("./body/outline")
    assert {o.get("text") for o in outlines} == {r[0] for r in db.execute(
        "SELECT name FROM sources")}
    feeds = [o for o in outlines if o.get("newsmonType") == "feed"]
    assert feeds and all(o.get("type") == "rss" and o.get("xmlUrl") for o in feeds)


# --- the API ------------------------------------------------------------------------------------

def _validate(spec: dict[str, Any], path: str, body: Any) -> None:
    schema = spec["paths"][path]["get"]["responses"]["200"]["content"]["application/json"][
        "schema"]
    jsonschema.validate(body, {**schema, "components": spec["components"]},
                        cls=jsonschema.Draft202012Validator)


def test_the_api_answers_as_its_openapi_document_says(client: httpx.Client,
                                                      db: sqlite3.Connection) -> None:
    spec = client.get("/openapi.json").json()
    assert spec["openapi"].startswith("3.")
    for path in ("/api/stories", "/api/stories/{story_id}", "/api/articles", "/api/sources",
                 "/api/health", "/feed.atom", "/feed.json", "/sources.opml"):
        assert path in spec["paths"], path
    assert not any(p.startswith(("/story/", "/outbox")) for p in spec["paths"])
    stories = client.get("/api/stories", params={"limit": 3}).json()
    _validate(spec, "/api/stories", stories)
    assert len(stories["stories"]) == 3 and stories["more"] is True
    sid = stories["stories"][0]["id"]
    one = client.get(f"/api/stories/{sid}").json()
    _validate(spec, "/api/stories/{story_id}", one)
    assert {a["kind"] for a in one["articles"]} <= {"original", "copy", "translation"}
    arts = client.get("/api/articles", params={"story": sid}).json()
    _validate(spec, "/api/articles", arts)
    assert {a["id"] for a in arts["articles"]} == {a["id"] for a in one["articles"]}
    for path in ("/api/sources", "/api/health"):
        _validate(spec, path, client.get(path).json())
    assert client.get("/api/stories/99999").status_code == 404
    assert client.get("/api/stories", params={"limit": 0}).status_code == 422
    filtered = client.get("/api/stories", params={"org": "Anthropic"}).json()["stories"]
    assert filtered and all(any("Anthropic" in (m["from"], m["to"]) for m in s["moves"])
                            for s in filtered)


# --- OPML import --------------------------------------------------------------------------------

OPML = b"""<?xml version="1.0" encoding="UTF-8"?>
<opml version="2.0"><head><title>my reader</title></head><body>
  <outline text="Labs">
    <outline text="Model Makers Weekly" type="rss" xmlUrl="https://weekly.example.org/feed.xml"/>
    <outline text="Local file" type="rss" xmlUrl="file:///etc/passwd"/>
  </outline>
  <outline text="Metadata" type="rss" xmlUrl="http://169.254.169.254/latest/feed"/>
</body></opml>"""


def test_opml_import_gives_sources_to_paste_after_the_address_policy(
        client: httpx.Client) -> None:
    page = client.get("/sources/import").text
    token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
    files = {"opml": ("subs.opml", OPML, "text/x-opml")}
    assert client.post("/sources/import", files=files).status_code == 403
    r = client.post("/sources/import", files=files, data={"csrf_token": token})
    assert r.status_code == 200
    assert 'name = &#34;model-makers-weekly&#34;' in r.text
    assert "https://weekly.example.org/feed.xml" in r.text
    assert "refused scheme &#39;file&#39;" in r.text
    bad = client.post("/sources/import", data={"csrf_token": token},
                      files={"opml": ("x.opml", b"<!DOCTYPE x [<!ENTITY a 'b'>]><opml/>",
                                      "text/x-opml")})
    assert bad.status_code == 400 and "DOCTYPE" in bad.text


def test_opml_import_refuses_private_addresses_by_default() -> None:
    import tomllib

    from newsmon.config import parse_config
    from newsmon.web.opml_import import import_opml

    cfg = parse_config('[[sources]]\nname = "weekly"\nurl = "https://other.example/rss"\n'
                       'type = "feed"\n', "/tmp/n.toml")
    result = import_opml(cfg, OPML)
    assert [u for u, _ in result.refused] == ["file:///etc/passwd",
                                              "http://169.254.169.254/latest/feed"]
    assert tomllib.loads(result.toml)["sources"] == [
        {"name": "model-makers-weekly", "url": "https://weekly.example.org/feed.xml",
         "type": "feed"}]
    again = import_opml(parse_config(result.toml, "/tmp/n.toml"), OPML)
    assert again.known == ["https://weekly.example.org/feed.xml"] and not again.added
