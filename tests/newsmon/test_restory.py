"""`newsmon restory`: stories and duplicate links rebuilt from stored articles, nobody told
twice."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import select, update

from newsmon.ingest import Ingest
from newsmon.models import Alert, Article, Story
from newsmon.restory import restory
from newsmon.store import Store
from tests.conftest import run_newsmon, write_config
from tests.newsmon.test_stories import T0, article, filler, move


class _Channel:
    name, updates, mode, min_score, languages, organisations = ("hook", "none", "immediate",
                                                                0.0, (), ())
    settle = 0.0


def _created(store: Any) -> list[tuple[int, str]]:
    with store.read() as s:
        return sorted((a.story_id, a.status) for a in s.scalars(select(Alert))
                      if a.event == "story.created")


def test_restory_rebuilds_without_alerting_twice(tmp_path: Path,
                                                 wire_store: Callable[[str], Store]) -> None:
    store = wire_store(f"sqlite:///{tmp_path / 'n.db'}")
    channels = (_Channel(),)
    ingest = Ingest(store, channels)
    nair = [move("Priya Nair", "joins", "OpenAI", "Anthropic")]
    berg = [move("Jonas Berg", "leaves", "Aleph Alpha", None)]
    try:
        ingest.store_article(article("nair", filler(1), nair, T0))
        copy = article("nair-copy", filler(1), nair, T0 + timedelta(hours=2))
        ingest.store_article(replace(copy, url="https://other.example/nair",
                                     canonical_url="https://other.example/nair"))
        ingest.store_article(article("berg", filler(2), berg, T0 + timedelta(days=1)))
        with store.write() as s:
            s.execute(update(Alert).values(status="sent"))  # both stories were told
            ids = {a.title: a for a in s.scalars(select(Article))}
            nair_story, berg_story = ids["nair"].story_id, ids["berg"].story_id
            # the old code's decisions, wrong: the copy unlinked and put in Berg's story
            ids["nair-copy"].duplicate_of = None
            ids["nair-copy"].story_id = berg_story
        # and a relevant article that never got a story (e.g. relevant since `reclassify`)
        ingest.store_article(article("raman", filler(3), [move("Dev Raman", "joins", None,
                                                               "xAI")], T0 + timedelta(days=2)))
        with store.write() as s:
            raman = s.scalar(select(Article).where(Article.title == "raman"))
            assert raman is not None
            s.execute(update(Alert).where(Alert.story_id == raman.story_id)
                      .values(status="merged"))  # as if it had never been alerted
            raman.story_id = None
        report = restory(store, channels)
        with store.read() as s:
            arts = {a.title: a for a in s.scalars(select(Article))}
            live = list(s.scalars(select(Story).where(Story.merged_into.is_(None))))
            old = s.get(Story, nair_story)
            assert old is not None and old.merged_into == arts["nair"].story_id
        assert arts["nair-copy"].duplicate_of == arts["nair"].id
        assert arts["nair-copy"].story_id == arts["nair"].story_id != arts["berg"].story_id
        assert len(live) == 3 and report.stories_after == 3
        created = _created(store)
        # the two told stories kept their one (sent) alert each; Raman's story is news
        assert (arts["nair"].story_id, "sent") in created
        assert (arts["berg"].story_id, "sent") in created
        assert (arts["raman"].story_id, "pending") in created and report.queued == 1
        again = restory(store, channels)  # idempotent: nothing new to tell
        assert again.queued == 0 and len(_created(store)) == len(created)
    finally:
        store.close()


def test_restory_command(tmp_path: Path, wire_store: Callable[[str], Store]) -> None:
    db = tmp_path / "n.db"
    cfg = write_config(tmp_path / "newsmon.toml", f"sqlite:///{db}", [
        {"name": "wire", "url": "https://news.example/feed", "type": "feed"}])
    store = wire_store(f"sqlite:///{db}")
    try:
        nair = [move("Priya Nair", "joins", None, "Anthropic")]
        Ingest(store, ()).store_article(article("nair", filler(1), nair, T0))
    finally:
        store.close()
    out = run_newsmon("restory", "--config", str(cfg), check=True).stdout
    assert "restoried 1 articles" in out and "stories 1 -> 1" in out
