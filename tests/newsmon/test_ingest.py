"""The ingest workflow: an article, its dedup decision, its story and its alerts commit together
or not at all, and alerts go to the channels the caller names."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import func, select, update

import newsmon.ingest
import newsmon.stories.signals
from bench.realnews_eval import BenchChannel
from newsmon.ingest import Ingest
from newsmon.models import Alert, Article, DedupKey, Page, Story
from newsmon.restory import restory
from newsmon.storage import articles, ledger, outbox_queries
from newsmon.store import Store
from tests.newsmon.test_stories import T0, article, filler, move

NAIR = [move("Priya Nair", "joins", "OpenAI", "Anthropic")]
HOOK = BenchChannel("hook")


@pytest.fixture
def store(db_url: str, wire_store: Callable[[str], Store]) -> Store:
    return wire_store(db_url)


def _alerts(store: Store) -> list[tuple[str, str, int]]:
    with store.read() as s:
        return sorted((a.channel, a.event, a.article_id) for a in s.scalars(select(Alert)))


def _count(store: Store, model: Any) -> int:
    with store.read() as s:
        return s.scalar(select(func.count()).select_from(model)) or 0


def test_a_new_story_alerts_each_channel_that_wants_it(store: Store) -> None:
    channels = (BenchChannel("all"), BenchChannel("german", languages=("de",)),
                BenchChannel("xai", organisations=("xAI",)), BenchChannel("picky", min_score=5.0),
                BenchChannel("anthropic", organisations=("anthropic",)))
    aid, created = Ingest(store, channels).store_article(article("nair", filler(1), NAIR, T0))
    assert created
    assert _alerts(store) == [("all", "story.created", aid), ("anthropic", "story.created", aid)]


def test_channels_are_the_callers_and_updates_only_for_who_wants_them(store: Store) -> None:
    Ingest(store, ()).store_article(article("nair-1", filler(1), NAIR, T0))
    assert _alerts(store) == []  # no channels, nothing queued
    loud = Ingest(store, (HOOK, BenchChannel("updates", updates="immediate")))
    second, _ = loud.store_article(article("nair-2", filler(2), NAIR, T0 + timedelta(days=1)))
    with store.read() as s:
        assert len({a.story_id for a in s.scalars(select(Article))}) == 1
    assert _alerts(store) == [("updates", "story.updated", second)]


def test_a_known_url_is_not_judged_or_alerted_again(store: Store) -> None:
    ingest = Ingest(store, (HOOK,))
    art = article("nair", filler(1), NAIR, T0)
    aid, created = ingest.store_article(art)
    again, created_again = ingest.store_article(replace(art, title="Other title"))
    assert created and not created_again and again == aid
    assert _alerts(store) == [("hook", "story.created", aid)]


def test_a_crash_after_the_insert_leaves_no_article_behind(
        store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    """One transaction: never an article without its decision, story or alert rows, and the
    re-run (the URL is not settled) stores it all."""
    ingest = Ingest(store, (HOOK,))
    art = article("nair", filler(1), NAIR, T0)

    def crash(store: Store, s: Any, rows: list[dict[str, Any]]) -> None:
        raise RuntimeError("killed while queueing alerts")

    monkeypatch.setattr(outbox_queries, "add_alerts", crash)
    with pytest.raises(RuntimeError):
        ingest.store_article(art)
    assert [_count(store, m) for m in (Article, Page, DedupKey, Story, Alert)] == [0] * 5
    assert ledger.known_urls(store, [art.canonical_url]) == set()
    monkeypatch.undo()
    aid, created = ingest.store_article(art)
    assert created and _alerts(store) == [("hook", "story.created", aid)]


def test_newly_relevant_articles_get_their_story_and_alert(store: Store) -> None:
    ingest = Ingest(store, (HOOK,))
    art = article("nair", filler(1), NAIR, T0)
    assert art.relevance is not None
    aid, _ = ingest.store_article(replace(art, relevance={**art.relevance, "relevant": False}))
    assert _alerts(store) == [] and _count(store, Story) == 0
    articles.set_relevance(store, aid, art.relevance)  # as `reclassify` does
    assert ingest.assign_missing_stories() == 1
    assert _alerts(store) == [("hook", "story.created", aid)]
    assert ingest.assign_missing_stories() == 0


def test_lead_signals_are_never_computed_while_the_write_lock_is_held(
        store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    """Lead signals computed inside a write transaction would hold SQLite's write lock (and
    PostgreSQL's dedup lock) for the sentence encoder's time: an article stored without them,
    the stories `reclassify` assigns and `restory` compute them before the transaction opens."""
    writing: list[bool] = []
    encoded: list[bool] = []  # per lead computed: was a write transaction open?
    real_write, real_lead = store.write, newsmon.stories.signals.lead_signals

    @contextlib.contextmanager
    def write() -> Iterator[Any]:
        writing.append(True)
        try:
            with real_write() as s:
                yield s
        finally:
            writing.pop()

    def lead(*args: Any) -> dict[str, Any]:
        encoded.append(bool(writing))
        return real_lead(*args)

    monkeypatch.setattr(store, "write", write)
    monkeypatch.setattr(newsmon.stories.signals, "lead_signals", lead)
    monkeypatch.setattr(newsmon.ingest, "lead_signals", lead, raising=False)
    ingest = Ingest(store, (HOOK,))
    art = article("nair", filler(1), NAIR, T0)  # a fingerprint without lead signals
    assert art.relevance is not None and art.fingerprint and "lead" not in art.fingerprint
    ingest.store_article(art)
    later = article("nair-2", filler(2), NAIR, T0 + timedelta(days=1))
    aid, _ = ingest.store_article(replace(later, relevance={**art.relevance, "relevant": False}))
    articles.set_relevance(store, aid, art.relevance)  # as `reclassify` does
    assert ingest.assign_missing_stories() == 1
    assert len(encoded) == 2
    with store.write() as s:  # as stored before the signals existed
        s.execute(update(Article).values(story_signals=None))
    assert restory(store, ()).articles == 2
    assert len(encoded) == 4 and not any(encoded)
    with store.read() as s:
        assert all(a.story_signals for a in s.scalars(select(Article)))


EN_REPORT = ("Priya Nair, who led the reasoning team at OpenAI in San Francisco, has joined "
             "Anthropic to run a new research group on model evaluations, the company said on "
             "Tuesday. Nair spent six years at OpenAI and worked on the GPT-4 evaluation suite. "
             "At Anthropic she will report to chief scientist Jared Kaplan, according to an "
             "internal memo seen by reporters. Anthropic has hired several researchers from "
             "OpenAI and Google DeepMind this year as it expands its London and Zurich offices. "
             "Nair said she wanted to work on safety research with a smaller team.")
FR_EDITION = ("Priya Nair, qui dirigeait l'équipe de raisonnement d'OpenAI à San Francisco, a "
              "rejoint Anthropic pour diriger un nouveau groupe de recherche sur l'évaluation "
              "des modèles, a annoncé l'entreprise mardi. Nair a passé six ans chez OpenAI et a "
              "travaillé sur la suite d'évaluation de GPT-4. Chez Anthropic, elle rendra compte "
              "au directeur scientifique Jared Kaplan, selon une note interne consultée par des "
              "journalistes. Anthropic a recruté cette année plusieurs chercheurs d'OpenAI et de "
              "Google DeepMind pour agrandir ses bureaux de Londres et de Zurich. Nair a dit "
              "vouloir travailler sur la sécurité au sein d'une équipe plus petite.")


def test_the_encoder_does_not_run_inside_the_write_transaction(
        store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    import newsmon.dedup.semantic as semantic

    semantic.sentence_vectors.cache_clear()
    writing, aligning = [False], [False]
    encoded: list[bool] = []  # each encoder call for sentence vectors: under the write lock?
    real_write, real_encode, real_vectors = store.write, semantic.encode, \
        semantic.sentence_vectors

    @contextlib.contextmanager
    def write() -> Iterator[Any]:
        writing[0] = True
        try:
            with real_write() as s:
                yield s
        finally:
            writing[0] = False

    def vectors(text: str, limit: int = 40) -> Any:
        aligning[0] = True
        try:
            return real_vectors(text, limit)
        finally:
            aligning[0] = False

    def encode(texts: list[str]) -> Any:
        if aligning[0]:
            encoded.append(writing[0])
        return real_encode(texts)

    monkeypatch.setattr(store, "write", write)
    monkeypatch.setattr(semantic, "encode", encode)
    monkeypatch.setattr(semantic, "sentence_vectors", vectors)
    ingest = Ingest(store, ())
    ingest.store_article(article("nair-report", EN_REPORT, NAIR, T0))
    ingest.store_article(article("nair-edition", FR_EDITION, NAIR, T0 + timedelta(hours=3),
                                 language="fr"))
    assert encoded, "the edition was never aligned with the report: the test proves nothing"
    assert not any(encoded), f"{encoded.count(True)} of {len(encoded)} encoder calls under lock"
