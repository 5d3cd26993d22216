"""Stories through the real store: one event, one story; one person's next move, a new one."""

from __future__ import annotations

import itertools
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from newsmon.dedup import fingerprint
from newsmon.extract import content_hash
from newsmon.ingest import Ingest
from newsmon.models import Article
from newsmon.storage.articles import NewArticle
from newsmon.store import Store
from newsmon.stories import article_keys, person_key

T0 = datetime(2026, 8, 3, 9, 0, tzinfo=UTC)


def move(person: str, action: str, frm: str | None, to: str | None,
         primary: bool = True) -> dict[str, Any]:
    return {"person": person, "action": action, "from": frm, "to": to, "role": None,
            "evidence": "", "primary": primary}


def article(key: str, text: str, moves: list[dict[str, Any]], when: datetime,
            language: str = "en") -> NewArticle:
    return NewArticle(
        source="wire", url=f"https://news.example/{key}", canonical_url=f"https://news.example/{key}",
        title=key, text=text, language=language, published=when, authors=[], site_name="Wire",
        description=None, syndicated_from=None, content_hash=content_hash(text),
        word_count=len(text.split()),
        relevance={"relevant": True, "score": 2.0, "topic": "ai-lab-staffing", "reasons": [],
                   "moves": moves},
        fingerprint=fingerprint(key, text, language))


def filler(seed: int) -> str:
    """Distinct bodies, so nothing here is a duplicate of anything else."""
    words = [f"w{(seed * 7919 + i * 104729) % 50000}" for i in range(120)]
    return " ".join(words)


ARRIVAL = [  # Priya Nair joins Anthropic: three outlets, three languages
    ("nair-joins-1", [move("Priya Nair", "joins", "OpenAI", "Anthropic")], 0, "en"),
    ("nair-joins-2", [move("Priya Nair", "hired", "OpenAI", "Anthropic"),
                      move("Dario Amodei", "founds", "OpenAI", "Anthropic", False)], 1, "fr"),
    ("nair-joins-3", [move("Nair", "joins", None, "Anthropic")], 2, "de"),
]
DEPARTURE = [  # ...she left OpenAI twelve days earlier: another event
    ("nair-leaves-1", [move("Priya Nair", "leaves", "OpenAI", None)], -12, "en"),
    ("nair-leaves-2", [move("Priya Nair", "promoted", "OpenAI", "OpenAI"),
                       move("Omar Farouk", "leaves", "OpenAI", None, False)], -11, "fr"),
]
LATER = [  # and leaves Anthropic the next February
    ("nair-leaves-anthropic", [move("Priya Nair", "leaves", "Anthropic", None),
                               move("Priya Nair", "joins", "OpenAI", "Anthropic", False)],
     190, "en"),
]


def _stories(store: Store) -> dict[str, int]:
    with store.read() as s:
        return {a.title: a.story_id for a in s.query(Article)}


@pytest.mark.parametrize("order", list(itertools.permutations(range(3)))[:4])
def test_events_group_whatever_the_arrival_order(db_url: str, order: tuple[int, ...],
                                                 wire_store: Callable[[str], Store]) -> None:
    groups = [ARRIVAL, DEPARTURE, LATER]
    items = [it for g in order for it in groups[g]]
    store = wire_store(db_url)
    ingest = Ingest(store, ())
    try:
        for n, (key, moves, days, lang) in enumerate(items):
            ingest.store_article(article(key, filler(n), moves, T0 + timedelta(days=days), lang))
        got = _stories(store)
    finally:
        store.close()
    arrival = {got[k] for k, *_ in ARRIVAL}
    departure = {got[k] for k, *_ in DEPARTURE}
    later = {got[k] for k, *_ in LATER}
    assert len(arrival) == len(departure) == len(later) == 1
    assert len(arrival | departure | later) == 3


def test_keys_tie_a_move_to_its_direction_and_organisation() -> None:
    assert person_key("Jan Leike") == person_key("LEIKE") == "leike"
    keys = article_keys([move("Jan Leike", "joins", "OpenAI", "Anthropic"),
                         move("Ilya Sutskever", "leaves", "OpenAI", None, False)])
    assert keys["leike|arrive|anthropic"] == 1.0
    assert keys["sutskever|depart|openai"] == 0.5
    assert not any(k.startswith("leike|depart") for k in keys)  # "from" is background
    founds = article_keys([move("Dev Raman", "founds", "xAI", None)])
    assert "raman|depart|xai" in founds  # leaving to start a company
    # "leaves Apple for Meta" is the arrival "joins Meta from Apple" reports...
    to_meta = article_keys([move("Ruoming Pang", "leaves", "Apple", "Meta")])
    assert {"pang|depart|apple", "pang|arrive|meta"} <= set(to_meta)
    # leaving to start a company is one announcement, whether the company is named or not
    named = article_keys([move("Dev Raman", "founds", "xAI", "Raman Ventures")])
    assert {"raman|depart|xai", "raman|arrive|raman ventures"} <= set(named)
    # ...but "joins Meta from Apple" is not the departure reported before the destination was
    assert not any("depart" in k for k in article_keys([move("Pang", "joins", "Apple", "Meta")]))


def test_irrelevant_articles_get_no_story(tmp_path: Any, wire_store: Callable[[str], Store]
                                          ) -> None:
    store = wire_store(f"sqlite:///{tmp_path / 'n.db'}")
    try:
        art = article("launch", filler(99), [], T0)
        art = NewArticle(**{**art.__dict__, "relevance": {
            "relevant": False, "score": 0.0, "topic": None, "reasons": [], "moves": []}})
        Ingest(store, ()).store_article(art)
        assert _stories(store) == {"launch": None}
    finally:
        store.close()


def test_two_people_sharing_a_surname_are_two_stories(
        tmp_path: Any, wire_store: Callable[[str], Store]) -> None:
    """Keys are surnames, since outlets write "Okafor" alone; full names that differ in the
    given name still keep two hires by one lab apart, while an initial or a bare surname
    joins the full name's story."""
    store = wire_store(f"sqlite:///{tmp_path / 'n.db'}")
    items = [("bastien", [move("Bastien Okafor", "hired", "Anthropic", "xAI")]),
             ("luca", [move("Luca Okafor", "hired", "Mistral AI", "xAI")]),
             ("initial", [move("B. Okafor", "joins", None, "xAI")]),
             ("bare", [move("Okafor", "joins", "Anthropic", "xAI")])]
    ingest = Ingest(store, ())
    try:
        for n, (key, moves) in enumerate(items):
            ingest.store_article(article(key, filler(100 + n), moves, T0 + timedelta(days=n)))
        got = _stories(store)
    finally:
        store.close()
    assert got["bastien"] != got["luca"]
    assert got["initial"] == got["bastien"]
    assert got["bare"] in (got["bastien"], got["luca"])


def test_founding_the_organisation_one_comes_from_keys_the_departure() -> None:
    """"founds xAI -> xAI" is a misread "leaves xAI to start a company"."""
    keys = article_keys([move("Dev Raman", "founds", "xAI", "xAI")])
    assert "raman|depart|xai" in keys and not any("arrive" in k for k in keys)
