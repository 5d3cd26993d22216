"""Story matching from several signals: headline-and-lead terms and vector, parsed moves, time;
and late merges through the real store."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select

from newsmon.dedup.fingerprint import entities
from newsmon.ingest import Ingest
from newsmon.models import Alert, Article, Story
from newsmon.store import Store
from newsmon.stories import merge
from newsmon.stories.match import Member, different_people, features, model
from newsmon.stories.signals import decode_vector, lead_signals, lead_terms
from tests.newsmon.test_stories import T0, article, filler, move

EN = ("Priya Nair leaves OpenAI to join Anthropic",
      "Priya Nair, who led the reasoning team at OpenAI, has joined Anthropic in London. "
      "Nair will build a new interpretability group there, the company said on Monday. "
      "Her departure is the third senior exit from OpenAI this spring.")
DE = ("Priya Nair wechselt von OpenAI zu Anthropic",
      "Priya Nair, die bei OpenAI das Reasoning-Team leitete, ist zu Anthropic in London "
      "gewechselt. Nair soll dort eine neue Gruppe für Interpretierbarkeit aufbauen, teilte "
      "das Unternehmen am Montag mit. Es ist der dritte Abgang einer Führungskraft bei OpenAI.")
OTHER = ("Mistral AI opens an office in Singapore",
         "The Paris start-up Mistral AI said on Tuesday it would open an office in Singapore "
         "to sell its models to banks in the region, its first in Asia.")


def _member(i: int, title: str, text: str, lang: str, moves: list[dict[str, Any]],
            when: datetime) -> Member:
    sig = lead_signals(title, text, lang)
    return Member(i, None, when, sig["terms"], decode_vector(sig["vector"]), moves,
                  frozenset(entities(f"{title}\n{text}", lang)))


def _idf(term: str) -> float:
    return 1.0


def test_lead_terms_are_the_names_of_headline_and_lead() -> None:
    terms = lead_terms(*EN, "en")
    assert terms["nair"] == 1.0 and terms["anthropic"] == 1.0  # in the headline
    assert terms["london"] == 0.6  # in the lead only
    assert "team" not in terms and "monday" not in terms


def test_one_event_across_languages_scores_above_the_threshold_and_another_below() -> None:
    joins = [move("Priya Nair", "joins", "OpenAI", "Anthropic")]
    en = _member(1, *EN, "en", joins, T0)
    de = _member(2, *DE, "de", joins, T0 + timedelta(days=1))
    other = _member(3, *OTHER, "en", [], T0)
    mdl = model()
    same = features(en, de, _idf)
    assert same == features(de, en, _idf)  # symmetric: arrival order does not change a pair
    assert same["vector"] > 0.6 and same["agree"] == 1.0
    assert mdl.probability(same) >= mdl.threshold
    assert mdl.probability(features(en, other, _idf)) < mdl.threshold
    # the same pair months apart is the person's next move, not this event
    later = replace(de, when=T0 + timedelta(days=150))
    assert mdl.probability(features(en, later, _idf)) < mdl.threshold


def test_move_signals_tell_agreement_from_two_kinds_of_conflict() -> None:
    def rel(a: list[dict[str, Any]], b: list[dict[str, Any]]) -> dict[str, float]:
        f = features(Member(1, None, T0, {}, None, a), Member(2, None, T0, {}, None, b), _idf)
        return {k: f[k] for k in ("agree", "weak", "conflict", "conflict_org")}

    joins = [move("Priya Nair", "joins", "OpenAI", "Anthropic")]
    assert rel(joins, [move("Nair", "hired", None, "Anthropic")])["agree"] == 1.0
    # the same organisation in opposite directions: often a misread verb
    assert rel([move("Jonas Berg", "joins", None, "Aleph Alpha")],
               [move("Jonas Berg", "leaves", "Aleph Alpha", None)]) == {
        "agree": 0.0, "weak": 0.0, "conflict": 1.0, "conflict_org": 0.0}
    # leaving OpenAI, joining Anthropic: two organisations, usually two events
    assert rel(joins, [move("Priya Nair", "leaves", "OpenAI", None)])["conflict_org"] == 1.0
    assert rel(joins, [move("Omar Farouk", "leaves", "OpenAI", None)])["conflict"] == 0.0


def test_two_given_names_are_two_people() -> None:
    a = Member(1, None, T0, {}, None, [move("Bastien Okafor", "hired", None, "xAI")])
    b = Member(2, None, T0, {}, None, [move("Luca Okafor", "hired", None, "xAI")])
    c = Member(3, None, T0, {}, None, [move("B. Okafor", "joins", None, "xAI")])
    assert different_people(a, b) and not different_people(a, c)


class _Channel:
    name, updates, mode, min_score, languages, organisations, settle = (
        "hook", "none", "immediate", 0.0, (), (), 0.0)


def test_merge_keeps_the_older_story_and_withdraws_a_second_first_alert(
        tmp_path: Any, wire_store: Callable[[str], Store]) -> None:
    store = wire_store(f"sqlite:///{tmp_path / 'n.db'}")
    ingest = Ingest(store, (_Channel(),))
    try:
        ingest.store_article(article("nair-1", filler(1), [move("Priya Nair", "joins", None,
                                                                "Anthropic")], T0))
        ingest.store_article(article("berg-1", filler(2), [move("Jonas Berg", "leaves",
                                                                "Aleph Alpha", None)], T0))
        with store.read() as s:
            first, second = sorted(s.scalars(select(Article.story_id)))
        assert first != second
        with store.write() as s:
            older = s.get(Story, first)
            assert older is not None
            merge(s, second, older)
        with store.read() as s:
            assert set(s.scalars(select(Article.story_id))) == {first}
            merged = s.get(Story, second)
            assert merged is not None and merged.merged_into == first
            alerts = {a.story_id: a.status for a in s.scalars(select(Alert))
                      if a.event == "story.created"}
        assert alerts == {first: "pending", second: "merged"}
        # a copy of an article of the merged story joins the surviving one
        art = article("berg-1-copy", filler(2) + " copy", [move("Jonas Berg", "leaves",
                                                                "Aleph Alpha", None)], T0)
        ingest.store_article(replace(art, content_hash=article("berg-1", filler(2), [],
                                                               T0).content_hash))
        with store.read() as s:
            assert set(s.scalars(select(Article.story_id))) == {first}
    finally:
        store.close()


def test_signals_and_explanation_are_stored(tmp_path: Any,
                                            wire_store: Callable[[str], Store]) -> None:
    store = wire_store(f"sqlite:///{tmp_path / 'n.db'}")
    ingest = Ingest(store, ())
    try:
        for n, (key, title, text, lang) in enumerate((("en", *EN, "en"), ("de", *DE, "de"))):
            art = article(key, text, [move("Priya Nair", "joins", "OpenAI", "Anthropic")],
                          T0 + timedelta(hours=n), lang)
            ingest.store_article(replace(art, title=title))
        with store.read() as s:
            arts = {a.language: a for a in s.scalars(select(Article))}
        assert arts["en"].story_id == arts["de"].story_id
        assert arts["en"].story_signals and arts["en"].story_signals["vector"]
        explain = arts["de"].dedup["story"]
        assert explain["threshold"] == model().threshold
        best = explain["candidates"][str(arts["en"].story_id)]
        assert best["p"] >= explain["threshold"] and best["signals"]["vector"] > 0.6
    finally:
        store.close()



def test_a_person_named_once_does_not_make_two_people() -> None:
    def other(a: list[dict[str, Any]], b: list[dict[str, Any]]) -> float:
        return features(Member(1, None, T0, {}, None, a), Member(2, None, T0, {}, None, b),
                        _idf)["other_people"]

    nair = [{**move("Priya Nair", "joins", "OpenAI", "Anthropic"), "mentions": 3}]
    assert other(nair, [{**move("Omar Farouk", "joins", None, "Anthropic"), "mentions": 2}]) == 1.0
    # a capitalised phrase read as a name is named once: no second person
    assert other(nair, [{**move("Zürcher Standort", "hired", None, "Anthropic"),
                         "mentions": 1}]) == 0.0
