"""The word lists of the relevance rules, kept as data (words/en.toml, fr.toml, de.toml,
common.toml) so a language's words are edited in one place, apart from the rules that use them.

Most lists are unioned over the languages, as the rules test them whatever the article's
language ("von" and "from" both mark an origin); IRREGULAR and PLUPERFECT are read per
language. The files are read once, at import. Also here: simplemma's lemma of a word, which
every rule that compares words goes through.
"""

from __future__ import annotations

import functools
import tomllib
from importlib import resources
from typing import Any

LANGUAGES = ("en", "fr", "de")
SOURCES = (*LANGUAGES, "common")  # common.toml: names and abbreviations of every language
PER_LANGUAGE = {"irregular", "pluperfect"}
UNIONED = {"articles", "not_name_words", "places", "org_suffixes", "from_markers", "to_markers",
           "noun_predicates", "passive_markers", "agent_markers", "subject_pronouns",
           "intransitive", "intent_before", "not_dating", "separable_particles", "particles",
           "werden", "negations", "past_adverbs", "duration_words", "new_markers", "launch_verbs",
           "determiners", "place_after", "genitive_markers", "no_object_next",
           "internal_promotions", "return_words", "tenure_words", "intent_words", "auxiliaries"}


def _load() -> dict[str, dict[str, Any]]:
    data = {}
    for source in SOURCES:
        path = resources.files("newsmon.relevance").joinpath("words", f"{source}.toml")
        with path.open("rb") as f:
            data[source] = tomllib.load(f)
        unknown = set(data[source]) - UNIONED - PER_LANGUAGE
        if unknown:  # a misspelt key would drop its words without a word said
            raise ValueError(f"words/{source}.toml: unknown lists {sorted(unknown)}")
    return data


_DATA = _load()


def _union(key: str) -> frozenset[str]:
    return frozenset(w for data in _DATA.values() for w in data.get(key, ()))


def _per_language(key: str) -> dict[str, frozenset[str]]:
    return {lang: frozenset(_DATA[lang][key]) for lang in LANGUAGES if key in _DATA[lang]}


ARTICLES = _union("articles")
NOT_NAME_WORDS = _union("not_name_words")
PLACES = _union("places")
ORG_SUFFIXES = _union("org_suffixes")
IRREGULAR = _per_language("irregular")
FROM_MARKERS = _union("from_markers")
TO_MARKERS = _union("to_markers")
NOUN_PREDICATES = _union("noun_predicates")
PASSIVE_MARKERS = _union("passive_markers")
AGENT_MARKERS = _union("agent_markers")
NEGATIONS = _union("negations")
SUBJECT_PRONOUNS = _union("subject_pronouns")
INTRANSITIVE = _union("intransitive")
INTENT_BEFORE = _union("intent_before")
NOT_DATING = _union("not_dating")
PLUPERFECT = _per_language("pluperfect")
SEPARABLE_PARTICLES = _union("separable_particles")
PARTICLES = SEPARABLE_PARTICLES | _union("particles")
WERDEN = _union("werden")
PAST_ADVERBS = _union("past_adverbs")
DURATION_WORDS = _union("duration_words")
NEW_MARKERS = _union("new_markers")
LAUNCH_VERBS = _union("launch_verbs")
LAUNCH_PREFIXES = frozenset(w[:3] for w in LAUNCH_VERBS)
DETERMINERS = _union("determiners")
PLACE_AFTER = _union("place_after")
GENITIVE_MARKERS = _union("genitive_markers")
NO_OBJECT_NEXT = _union("no_object_next")
INTERNAL_PROMOTIONS = _union("internal_promotions")
RETURN_WORDS = _union("return_words")
TENURE_WORDS = _union("tenure_words")
INTENT_WORDS = _union("intent_words")
AUXILIARIES = _union("auxiliaries")


@functools.lru_cache(maxsize=200_000)
def lemma(token: str, lang: str) -> str:
    import simplemma

    try:
        return simplemma.lemmatize(token, lang=lang).lower()
    except ValueError:  # a language simplemma does not know
        return token.lower()
