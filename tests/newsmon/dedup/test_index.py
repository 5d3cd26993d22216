"""Duplicate decisions through the real store, on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from newsmon.config import SourceConfig
from newsmon.dedup import fingerprint
from newsmon.extract import content_hash
from newsmon.ingest import Ingest
from newsmon.models import Article
from newsmon.storage import sources
from newsmon.storage.articles import NewArticle
from newsmon.store import Store
from tests.newsmon.dedup.test_fingerprint import EN, FR

T0 = datetime(2026, 9, 1, 8, 0, tzinfo=UTC)
MORE_EN = ("\nThe move adds to a string of departures from OpenAI's safety teams this year. "
           "Anthropic, which was founded in 2021 by former OpenAI staff, did not comment on "
           "her salary. Nair said on X that she wanted to work where evaluations shape "
           "launch decisions, and thanked her colleagues at OpenAI for four good years.")
MORE_FR = ("\nCe départ s'ajoute à une série de départs des équipes de sécurité d'OpenAI "
           "cette année. Anthropic, fondée en 2021 par d'anciens salariés d'OpenAI, n'a pas "
           "commenté sa rémunération. Nair a écrit sur X qu'elle voulait travailler là où les "
           "évaluations pèsent sur les lancements, et a remercié ses collègues d'OpenAI pour "
           "quatre belles années.")
OTHER = ("Mistral AI released a new open-weight reasoning model on Thursday, saying it "
         "matches larger rivals on mathematics benchmarks while running on a single GPU. "
         "The Paris company published the weights under the Apache 2.0 licence and said a "
         "larger version would follow before the end of the year, alongside an API price "
         "cut of 30 percent for its existing models.")


def store_one(store: Store, key: str, text: str, lang: str = "en", site: str = "Wire",
              credit: str | None = None, hours: int = 0) -> int:
    art = NewArticle(
        source="wire", url=f"https://{site.lower().replace(' ', '')}.example/{key}",
        canonical_url=f"https://{site.lower().replace(' ', '')}.example/{key}", title=key,
        text=text, language=lang, published=T0 + timedelta(hours=hours), authors=[],
        site_name=site, description=None, syndicated_from=credit,
        content_hash=content_hash(text), word_count=len(text.split()),
        fingerprint=fingerprint(key, text, lang))
    return Ingest(store, ()).store_article(art)[0]


def open_store(url: str) -> Store:
    store = Store.open(url)
    sources.sync(store, [SourceConfig(name="wire", url="https://x.example/feed", type="feed")])
    return store


def decisions(store: Store) -> dict[int, tuple[int | None, str]]:
    with store.read() as s:
        return {a.id: (a.duplicate_of, (a.dedup or {}).get("kind")) for a in s.query(Article)}


def test_layers(db_url: str) -> None:
    store = open_store(db_url)
    try:
        orig = store_one(store, "orig", EN + MORE_EN)
        other = store_one(store, "other", OTHER)
        exact = store_one(store, "exact", (EN + MORE_EN).upper(), site="Mirror")
        edited = store_one(store, "edited", "This article originally appeared on Wire.\n"
                           + EN.replace("on Tuesday", "this week") + "\nRead more: other news",
                           site="Aggregator", credit="Wire")
        translated = store_one(store, "fr", FR + MORE_FR, lang="fr", site="Wire France",
                               credit="Wire", hours=5)
        got = decisions(store)
    finally:
        store.close()
    assert got[orig] == (None, "original") and got[other] == (None, "original")
    assert got[exact] == (orig, "exact")
    assert got[edited] == (orig, "near")
    assert got[translated] == (orig, "translation")


def test_a_copy_crawled_first_is_repointed_to_its_original(db_url: str) -> None:
    store = open_store(db_url)
    try:
        copy = store_one(store, "copy", EN + MORE_EN + "\nThis article originally appeared on "
                         "Wire.", site="Aggregator", credit="Wire", hours=3)
        orig = store_one(store, "orig", EN + MORE_EN, site="Wire")
        got = decisions(store)
    finally:
        store.close()
    assert got[orig][0] is None
    assert got[copy][0] == orig


INDEPENDENT_FR = (
    "Anthropic continue de recruter chez son grand rival. La start-up fondée en 2021 accueille "
    "Priya Nair, une spécialiste de l'évaluation des modèles passée par Google DeepMind puis "
    "OpenAI, où elle pilotait depuis 2022 les tests adverses. Selon nos informations, sa "
    "future équipe comptera une quinzaine de personnes. Interrogée, la direction d'OpenAI "
    "minimise ces départs et rappelle avoir embauché plus de deux cents ingénieurs depuis "
    "janvier. Nair, diplômée de l'ETH Zurich, n'a pas souhaité s'exprimer davantage.")


def test_an_independent_article_on_the_same_event_is_not_a_translation(db_url: str) -> None:
    store = open_store(db_url)
    try:
        store_one(store, "orig", EN + MORE_EN)
        fr = store_one(store, "fr", INDEPENDENT_FR, lang="fr", site="Autre Journal", hours=2)
        got = decisions(store)
    finally:
        store.close()
    assert got[fr] == (None, "original")


def test_alignment_asks_both_texts() -> None:
    from newsmon.dedup.semantic import alignment

    whole = alignment(EN + MORE_EN, FR + MORE_FR)
    # the French text is all in the English one, but half the English has no counterpart:
    # a short piece on an event is not a translation of a long one that covers more
    part = alignment(EN + MORE_EN, FR)
    assert part == alignment(FR, EN + MORE_EN)
    assert whole >= 0.6 and part < whole - 0.1


@pytest.mark.parametrize("first", ["en", "fr"])
def test_a_translation_is_found_whichever_arrives_first(db_url: str, first: str) -> None:
    # a store of two: the names the pair shares must not look common because of the pair
    store = open_store(db_url)
    try:
        store_en = lambda: store_one(store, "orig", EN + MORE_EN)  # noqa: E731
        store_fr = lambda: store_one(store, "fr", FR + MORE_FR, lang="fr",  # noqa: E731
                                     site="Wire France", hours=5)
        if first == "en":
            en, fr = store_en(), store_fr()
        else:
            fr, en = store_fr(), store_en()
        got = decisions(store)
    finally:
        store.close()
    assert got[en][0] is None
    assert got[fr] == (en, "translation")



def test_a_teaser_sharing_no_lsh_band_is_found_in_its_original(db_url: str) -> None:
    # a teaser (the first two paragraphs under another headline, page chrome around them) is
    # contained in its original at a Jaccard the LSH bands can miss: this pair shares none,
    # and the rare names it shares with its original propose it instead
    import json
    from pathlib import Path

    from newsmon.boilerplate import clean_body
    from newsmon.dedup.fingerprint import resemblance, shingles, words
    from newsmon.dedup.index import NEAR_CONTAINMENT

    path = Path(__file__).resolve().parents[2] / "data" / "dedup_set_hard.jsonl"
    rows = {r["id"]: r for r in map(json.loads, path.read_text("utf-8").splitlines())}
    texts = {k: clean_body(rows[k]["text"], title=rows[k]["title"]).text
             for k in ("h2-orig-en", "h2-teaser-en")}
    fps = {k: fingerprint(rows[k]["title"], t, "en") for k, t in texts.items()}
    assert not set(fps["h2-orig-en"]["bands"]) & set(fps["h2-teaser-en"]["bands"])
    _, cont = resemblance(shingles(words(texts["h2-teaser-en"])),
                          shingles(words(texts["h2-orig-en"])))
    assert cont >= NEAR_CONTAINMENT
    store = open_store(db_url)
    try:
        orig = store_one(store, "orig", texts["h2-orig-en"], site="Model Report")
        tease = store_one(store, "teaser", texts["h2-teaser-en"], site="DevOps Pulse", hours=2)
        other = store_one(store, "other", OTHER, site="Wire", hours=3)
        got = decisions(store)
    finally:
        store.close()
    assert got[tease] == (orig, "near")
    assert got[other] == (None, "original")
