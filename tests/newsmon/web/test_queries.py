"""The story filter's SQL on SQLite and PostgreSQL alike (JSON moves and languages, full-text
search, sources, dates), the flow counts and the timeline, on stories written here."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from newsmon.models import Alert, Article, Source, Story
from newsmon.store import Store
from newsmon.web import flow, queries, timeline, writes
from newsmon.web.filters import StoryFilter

T0 = datetime(2026, 6, 1, 9, 0, tzinfo=UTC)

# (title, moves, languages, day offset, source, article text): text of our own
STORIES = [
    ("Ines Okafor joins Anthropic from OpenAI",
     [("Ines Okafor", "joins", "OpenAI", "Anthropic")], ["en", "fr"], 0, "wire",
     "The interpretability researcher spent four years building probing tools in San Francisco."),
    ("Lukas Brandt wechselt von Google DeepMind zu Mistral AI",
     [("Lukas Brandt", "joins", "Google DeepMind", "Mistral AI")], ["de"], 3, "blatt",
     "Der Forscher leitete zuletzt ein Team für Sprachmodelle in London und Zürich."),
    ("Chloé Marchetti quitte Meta",
     [("Chloé Marchetti", "leaves", "Meta", None)], ["fr"], 5, "wire",
     "Elle dirigeait la recherche sur les agents conversationnels à Paris depuis 2021."),
    ("Meta hires Ines Okafor's former manager from Anthropic",
     [("Tobias Reyes", "hired", "Anthropic", "Meta")], ["en"], 9, "blatt",
     "A manager of the probing team crosses to Menlo Park, with 100% of his group."),
]


def move(person: str, action: str, frm: str | None, to: str | None) -> dict[str, Any]:
    return {"person": person, "action": action, "from": frm, "to": to, "role": None}


@pytest.fixture
def store(db_url: str) -> Iterator[Store]:
    store = Store.open(db_url)
    with store.write() as s:
        srcs = {n: Source(name=n, url=f"https://{n}.example/feed", type="feed")
                for n in ("wire", "blatt")}
        s.add_all(srcs.values())
        s.flush()
        for i, (title, moves, langs, day, src, text) in enumerate(STORIES):
            when = T0 + timedelta(days=day)
            st = Story(title=title, moves=[move(*m) for m in moves], languages=langs,
                       article_count=1, first_seen=when, last_seen=when)
            s.add(st)
            s.flush()
            s.add(Article(source_id=srcs[src].id, url=f"https://{src}.example/{i}",
                          canonical_url=f"https://{src}.example/{i}", title=title, text=text,
                          language=langs[0], published=when, content_hash=f"{i:064d}",
                          fetched_at=when, story_id=st.id, relevant=True))
            if i == 0:
                s.add(Alert(story_id=st.id, channel="hook", event="story.created",
                            article_id=1, key=f"k{i}", status="dead", attempts=3))
    yield store
    store.close()


def titles(store: Store, **criteria: Any) -> list[str]:
    rows, _ = queries.list_stories(store, StoryFilter(**criteria))
    return [r.title or "" for r in rows]


def test_no_filter_lists_every_story_newest_first(store: Store) -> None:
    assert titles(store) == [t[0] for t in reversed(STORIES)]


@pytest.mark.parametrize(("criteria", "expected"), [
    ({"org": "anthropic"}, [3, 0]),
    ({"from_": "Google DeepMind"}, [1]),
    ({"to": "meta"}, [3]),
    ({"from_": "OpenAI", "to": "Meta"}, []),  # both sides must belong to one move
    ({"person": "marchetti"}, [2]),
    ({"lang": "fr"}, [2, 0]),
    ({"source": "blatt"}, [3, 1]),
    ({"q": "probing"}, [3, 0]),  # in the text of two articles
    ({"q": "Okafor manager"}, [3]),  # every word
    ({"q": "100%"}, [3]),  # LIKE wildcards are literal
    ({"org": "Meta", "lang": "en"}, [3]),
])
def test_filters(store: Store, criteria: dict[str, Any], expected: list[int]) -> None:
    assert titles(store, **criteria) == [STORIES[i][0] for i in expected]


def test_dates_bound_the_first_sighting(store: Store) -> None:
    since, until = (T0 + timedelta(days=3)).date(), (T0 + timedelta(days=5)).date()
    assert titles(store, since=since, until=until) == [STORIES[2][0], STORIES[1][0]]


def test_paging(store: Store) -> None:
    first, more = queries.list_stories(store, StoryFilter(), limit=3)
    rest, more_after = queries.list_stories(store, StoryFilter(), limit=3, offset=3)
    assert more and not more_after and len(first) == 3 and len(rest) == 1


def test_flow_and_timeline(store: Store) -> None:
    stories = queries.moves_between(store, None, None)
    diagram = flow.layout(stories)
    assert {(li.source, li.target): li.count for li in diagram.links} == {
        ("OpenAI", "Anthropic"): 1, ("Google DeepMind", "Mistral AI"): 1,
        ("Anthropic", "Meta"): 1}
    assert ("Meta", 0, 1) in diagram.one_sided
    assert all(li.path.startswith("M") and li.width > 0 for li in diagram.links)
    tl = timeline.build("Anthropic", stories)
    assert [(p.direction, p.person) for p in tl.points] == [("in", "Ines Okafor"),
                                                           ("out", "Tobias Reyes")]
    assert tl.points[0].y < tl.axis_y < tl.points[1].y
    late = queries.moves_between(store, T0 + timedelta(days=4), None)
    assert len(late) == 2


def test_requeue_one_dead_alert(store: Store) -> None:
    dead = queries.outbox(store, "dead")
    assert len(dead) == 1 and queries.outbox_counts(store)["dead"] == 1
    assert writes.requeue_alert(store, dead[0]["id"])
    assert not writes.requeue_alert(store, dead[0]["id"])  # no longer dead
    assert queries.outbox(store, "pending")[0]["id"] == dead[0]["id"]


PAGES = ("/", "/?q=probing&lang=en", "/?org=Meta&since=2026-06-01", "/story/1", "/flow",
         "/flow?days=30", "/flow/org/Anthropic", "/sources", "/sources/import", "/outbox",
         "/outbox?status=dead", "/feed.atom?org=Anthropic", "/feed.json", "/sources.opml",
         "/api/stories?q=probing", "/api/stories/1", "/api/articles", "/api/sources",
         "/api/health", "/openapi.json")


def test_every_page_answers_on_this_database(store: Store, db_url: str, tmp_path: Any) -> None:
    """The whole app on SQLite and on PostgreSQL (the JSON and full-text SQL differ)."""
    import httpx

    from newsmon.config import parse_config
    from newsmon.web.server import BackgroundServer

    cfg = parse_config(f'[database]\nurl = "{db_url}"\n', str(tmp_path / "n.toml"))
    server = BackgroundServer(cfg, "127.0.0.1", 0).start()
    try:
        with httpx.Client(base_url=server.url) as c:
            for path in PAGES:
                r = c.get(path)
                assert r.status_code == 200, (path, r.text[:500])
            assert len(c.get("/api/stories", params={"q": "probing"}).json()["stories"]) == 2
    finally:
        server.stop()


def test_an_empty_database_has_friendly_pages(sqlite_url: str, tmp_path: Any) -> None:
    import httpx

    from newsmon.config import parse_config
    from newsmon.web.server import BackgroundServer

    cfg = parse_config(f'[database]\nurl = "{sqlite_url}"\n', str(tmp_path / "n.toml"))
    server = BackgroundServer(cfg, "127.0.0.1", 0).start()
    try:
        with httpx.Client(base_url=server.url) as c:
            assert "No stories yet" in c.get("/").text
            assert "No move between two named organisations" in c.get("/flow").text
            assert "Nothing waits in the outbox" in c.get("/outbox").text
            assert c.get("/feed.atom").status_code == 200
            assert c.get("/feed.json").json()["items"] == []
    finally:
        server.stop()
