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


@pytest.mark.parametrize(("title", "text", "lang"), [
    ("Robotics lead stays put",
     "Hannah Okafor will not join Anthropic after all, she told colleagues on Friday. "
     "Okafor said she would keep running the robotics group she built at Mistral AI.", "en"),
    ("Pas de départ pour la cheffe de la recherche",
     "Camille Ferrand ne quittera pas Mistral AI, a assuré l'entreprise mardi. Des rumeurs "
     "la disaient proche de Google DeepMind depuis plusieurs semaines.", "fr"),
    ("Kein Wechsel in den Beirat",
     "Markus Riedel wechselt nicht zu Google DeepMind, wie Aleph Alpha am Montag "
     "mitteilte. Berichte über Gespräche mit dem Londoner Labor hatten für Unruhe gesorgt.",
     "de"),
])
def test_a_denied_move_is_no_move(title: str, text: str, lang: str) -> None:
    r = classify(title, text, lang)
    assert not any(m.action in ("joins", "leaves", "hired") and m.person in (
        "Hannah Okafor", "Camille Ferrand", "Markus Riedel") for m in r.moves), r.moves
    assert not r.relevant, r.reasons


@pytest.mark.parametrize(("sentence", "verb", "denied"), [
    ("Victor Lang will not leave OpenAI, the company said.", "leave", True),
    ("Inès Carvalho n'a pas quitté Mistral AI.", "quitté", True),
    ("Markus Riedel wird Aleph Alpha nicht verlassen.", "verlassen", True),
    ("Markus Riedel wechselt nicht zu Google DeepMind.", "wechselt", True),
    # the time or the exclusivity is denied, not the move
    ("Victor Lang does not leave OpenAI immediately: he will advise it until spring.", "leave",
     False),
    ("Inès Carvalho ne quitte pas tout de suite Mistral AI.", "quitte", False),
    ("Markus Riedel verlässt Aleph Alpha nicht sofort.", "verlässt", False),
    ("Not only did Lang leave OpenAI, his deputy left too.", "leave", False),
    # a negation in another clause is not the move's
    ("It is not a secret, and Lang will leave OpenAI in May.", "leave", False),
])
def test_a_negation_next_to_the_staffing_word_denies_it(sentence: str, verb: str,
                                                        denied: bool) -> None:
    from newsmon.relevance.classify import TOKEN
    from newsmon.relevance.clauses import negated

    tokens = [(t.start(), t.end(), t.group(0)) for t in TOKEN.finditer(sentence)]
    at = next(i for i, t in enumerate(tokens) if t[2] == verb)
    assert negated(sentence, tokens, at, at) is denied


@pytest.mark.parametrize(("title", "text", "lang", "person"), [
    ("OpenAI's head of robotics research Victor Lang is leaving OpenAI",
     "Victor Lang does not leave OpenAI immediately: he will advise the AI lab until spring, "
     "OpenAI said. Lang, who ran robotics research for seven years, is leaving OpenAI to "
     "retire, the company said on Monday.", "en", "Victor Lang"),
    ("Deux départs chez Mistral AI",
     "Inès Carvalho ne quitte pas tout de suite Mistral AI : la chercheuse en intelligence "
     "artificielle restera jusqu'en mars, a confirmé la start-up lundi. Carvalho quitte "
     "Mistral AI pour fonder sa propre entreprise.", "fr", "Inès Carvalho"),
])
def test_a_negation_of_the_time_or_of_only_leaves_the_move(title: str, text: str, lang: str,
                                                           person: str) -> None:
    r = classify(title, text, lang)
    assert any(m.person == person and m.action == "leaves" for m in r.moves), r.moves
