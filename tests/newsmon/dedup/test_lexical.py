"""The same-facts check for rewrites (newsmon.dedup.lexical): a condensed rewrite of one piece
keeps its rarer words and its names in order; an independent article on the event does not."""

from __future__ import annotations

from newsmon.dedup.fingerprint import fingerprint
from newsmon.dedup.index import SAME_FACTS
from newsmon.dedup.lexical import containment, entity_order, same_facts, vocabulary, weight

WIRE = (
    "Orbital Minds said on Tuesday that its chief scientist Ilse Brandvold will leave the "
    "company at the end of March and join Anthropic, where she will lead a new interpretability "
    "group in Zurich. Brandvold, who joined Orbital Minds from the Max Planck Institute in 2019, "
    "built the team behind its Kestrel models. Chief executive Tomas Ek thanked her for six "
    "years of work and said the search for a successor had begun. The departure comes weeks "
    "after Orbital Minds postponed the launch of Kestrel 4 to the autumn and cut its hiring "
    "plans for the Oslo laboratory, which now employs about 140 researchers. Anthropic "
    "confirmed the hire and said the Zurich group would start with twelve people."
)
REWRITE = (
    "Ilse Brandvold, chief scientist at Orbital Minds, is leaving at the end of March for "
    "Anthropic, where she is to head a fresh interpretability group in Zurich. She came to "
    "Orbital Minds from the Max Planck Institute in 2019 and built the Kestrel team. CEO Tomas "
    "Ek praised her six years and said a successor was being sought. Orbital Minds recently "
    "pushed the Kestrel 4 launch to the autumn and trimmed hiring at its Oslo laboratory of "
    "some 140 researchers. Anthropic confirmed it, adding the Zurich group starts with twelve "
    "people."
)
INDEPENDENT = (
    "Anthropic has landed one of Europe's best-known interpretability researchers. Ilse "
    "Brandvold, until now the chief scientist of Orbital Minds, told colleagues in a farewell "
    "note that she wanted to spend her time on understanding models rather than managing "
    "product deadlines. People close to the Norwegian start-up describe tension over the pace "
    "of releases. Brandvold studied physics in Trondheim before a postdoc in Tübingen and is "
    "known for open-sourcing her lab's probing tools. Her new team will sit in Zurich. Tomas "
    "Ek, who co-founded Orbital Minds, has not named a replacement."
)


def _score(a: str, b: str) -> float:
    ea = fingerprint(None, a, "en")["entities"]
    eb = fingerprint(None, b, "en")["entities"]
    return same_facts(vocabulary(a, "en"), vocabulary(b, "en"), ea, eb)[0]


def test_rare_words_weigh_more_than_common_ones() -> None:
    assert weight("the", "en") < weight("laboratory", "en") < weight("brandvold", "en")


def test_a_condensed_rewrite_is_the_same_facts_an_independent_article_is_not() -> None:
    rewrite, independent = _score(WIRE, REWRITE), _score(WIRE, INDEPENDENT)
    assert rewrite >= SAME_FACTS > independent, (rewrite, independent)


def test_the_score_is_symmetric_and_short_texts_say_nothing() -> None:
    assert abs(_score(WIRE, REWRITE) - _score(REWRITE, WIRE)) < 1e-9
    short = vocabulary("Ilse Brandvold joins Anthropic.", "en")
    assert containment(short, vocabulary(WIRE, "en")) == 0.0


def test_entity_order_counts_names_repeated_in_order() -> None:
    assert entity_order(["a", "b", "c", "d"], ["a", "b", "c", "d"]) == 1.0
    assert entity_order(["a", "b", "c", "d"], ["d", "c", "b", "a"]) == 0.25
    assert entity_order([], ["a"]) == 0.0
