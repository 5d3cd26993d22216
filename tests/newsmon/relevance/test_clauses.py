"""Staffing words that report no new move: a move that dates something else, a past move in a
relative clause, a move only discussed or denied."""

from __future__ import annotations

import pytest

from newsmon.relevance import classifier_for


def classify(title: str, text: str, lang: str):
    return classifier_for().classify(title, text, lang)


@pytest.mark.parametrize(("title", "text", "lang"), [
    ("Ex-Meta scientist looks back on her first year at Anthropic",
     "A year after she left Meta's research lab for Anthropic, Nora Lindgren gave a keynote "
     "on interpretability at a conference in Lisbon on Thursday.", "en"),
    ("Un an après son départ de Meta, Élise Marchand fait le bilan",
     "L'ancienne directrice de recherche de Meta à Paris a présenté jeudi les premiers "
     "résultats de son laboratoire indépendant.", "fr"),
    ("Zwei Jahre nach seinem Abgang von OpenAI spricht Jonas Weber über Sicherheit",
     "Der Forscher sprach am Dienstag auf einer Konferenz in Berlin über die Prüfung großer "
     "Sprachmodelle.", "de"),
])
def test_a_move_that_dates_something_else_is_background(title: str, text: str,
                                                        lang: str) -> None:
    r = classify(title, text, lang)
    assert not r.relevant, r.reasons


def test_a_past_move_in_a_relative_clause_describes_the_person() -> None:
    r = classify("Portrait : Léa Fontaine, la chercheuse qui a quitté DeepMind pour l'agronomie",
                 "Léa Fontaine dirige aujourd'hui une petite équipe à Montpellier, où elle "
                 "applique l'apprentissage automatique aux semences.", "fr")
    assert not r.relevant, r.reasons
    # the English present perfect in a relative clause is news
    r = classify("Perplexity's new agent has a familiar face behind it",
                 "The launch is the first under Maren Holt, who has joined Perplexity as head of "
                 "product after a decade at Google.", "en")
    assert r.relevant and r.moves[0].person == "Maren Holt", r.reasons


@pytest.mark.parametrize(("title", "text"), [
    ("Recruiters say Meta executives are calling researchers at rivals",
     "Some researchers received messages from Mark Zuckerberg inviting them to dinner to "
     "discuss joining the company, the people said."),
    ("OpenAI research chief denies she is leaving",
     "OpenAI's head of reasoning, Ana Sorensen, has dismissed reports that she was preparing to "
     "leave the company for a rival lab."),
])
def test_a_move_only_discussed_or_denied_is_no_move(title: str, text: str) -> None:
    r = classify(title, text, "en")
    assert not r.relevant, r.reasons


@pytest.mark.parametrize(("text", "lang"), [
    ("Last month, Adept chief executive Maya Torres announced she was leaving the company to "
     "join Amazon. The regulator now wants to know more about the deal.", "en"),
    ("Le mois dernier, Paul Girard a quitté Mistral AI pour rejoindre Meta. Le régulateur "
     "s'intéresse désormais à l'accord.", "fr"),
])
def test_a_move_dated_a_month_back_or_more_is_background(text: str, lang: str) -> None:
    r = classify("Regulator questions the deal", text, lang)
    assert not r.relevant, r.reasons


def test_a_move_weeks_before_is_where_the_mover_comes_from() -> None:
    r = classify("Nadia Osei lands at Anthropic two weeks after quitting OpenAI",
                 "The safety researcher said on Tuesday that she would lead a new team.", "en")
    assert r.relevant and (r.moves[0].person, r.moves[0].from_, r.moves[0].to) == (
        "Nadia Osei", "OpenAI", "Anthropic"), r.moves
