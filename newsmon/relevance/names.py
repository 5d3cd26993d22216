"""Person and organisation names: capitalised-name patterns, and the word tests that tell a
name from the sentence words, roles and places around it.

A spaCy pipeline was considered for person names: its models are separate downloads per
language, and capitalised-name patterns plus a gazetteer do well on news prose.
"""

from __future__ import annotations

import functools
import re
from typing import TYPE_CHECKING

from newsmon.relevance.words import ARTICLES, NOT_NAME_WORDS, ORG_SUFFIXES, PLACES

if TYPE_CHECKING:  # the matcher imports this module
    from newsmon.relevance.matcher import TopicMatcher

NAME_WORD = (r"(?:[A-ZÀ-ÖØ-Þ][a-zà-öø-ÿ]+(?:[A-Z][a-zà-öø-ÿ]+)?(?:-[A-ZÀ-ÖØ-Þ][a-zà-öø-ÿ]+)?"
             r"|[A-Z]\.)")
# "der"/"den" only after "van"/"von": alone they are German articles ("Unternehmen den Standort")
PARTICLE = r"(?:(?:van|von)\s+(?:der|den|dem)|de|da|di|du|van|von|la|le|del|bin|al|ibn|ten|ter)"
NAME = re.compile(rf"(?<![\w’'-]){NAME_WORD}(?:\s+(?:{PARTICLE}\s+)?{NAME_WORD}){{1,3}}(?![\w-])")
GERMAN_ABSTRACT_NOUN = re.compile(r"(?:ung|ungen|heit|keit|schaft|tion|nehmens|tums|nis)$")
GERMAN_NOUN_END = re.compile(r"(?:in|er|chef|ung|schaft|ler|or|ent|ist|eur|eurin)$")
# a person who owns rather than moves: "Elon Musk's xAI", "le groupe de Mark Zuckerberg"
OWNER_BEFORE = re.compile(r"\b(?:groupe|entreprise|société|empire|company|firm|empire|Konzern|"
                          r"Unternehmen|Firma|Imperium|réseau social)\s+(?:de|d['’]|of|von)\s*$")


def trim_name(text: str, lang: str, m: TopicMatcher) -> str | None:
    """The person's name in a capitalised phrase, without the sentence words, roles and
    organisations around it ("Der Rücktritt von Lukas Berger"); None if no name is left."""
    words = text.split()
    article = False
    while words and (words[0].lower().strip(".") in NOT_NAME_WORDS
                     or words[0].lower() in m.role_words
                     or words[0] in m.alias_to_org
                     or (lang == "de" and len(words) > 2
                         and GERMAN_NOUN_END.search(words[0].lower()))
                     or (lang == "de" and german_non_noun(words[0]))):
        article = article or words[0].lower() in ARTICLES
        words = words[1:]
    if article and lang in ("fr", "de") and len(words) > 2:
        words = words[1:]  # "La Française Fidji Simo": a noun follows the article
    while words and words[0].islower():
        words = words[1:]  # "Der Rücktritt von Lukas Berger": the particle is a preposition
    while words and (words[-1].lower() in NOT_NAME_WORDS or words[-1] in m.alias_to_org):
        words = words[:-1]
    if len(words) < 2 or " ".join(words).lower() in PLACES \
            or words[-1].lower() in ORG_SUFFIXES or words[-1].lower() in m.role_words \
            or (lang == "de" and GERMAN_ABSTRACT_NOUN.search(words[-1])):
        return None
    if any(w in m.alias_to_org for w in words):
        return None
    return " ".join(words)


def company_name(name: str, m: TopicMatcher, lang: str) -> str | None:
    """A capitalised phrase that can be a company the profile does not know, or None."""
    name = name.rstrip(".")
    words = name.split()
    if not words or words[0].lower() in NOT_NAME_WORDS or name.lower() in PLACES \
            or name in m.person_alias or words[0].lower() in m.role_words:
        return None
    if name in m.alias_to_org or name.split("-")[0] in m.alias_to_org:
        return None  # a known organisation: read from the sentence's mentions
    if lang == "de" and len(words) == 1 and german_word(words[0]):
        return None  # "gründet Investmentfirma": a German noun, no name
    if words[-1].lower() in ("university", "universität", "université", "school", "college",
                             "institute"):
        return None
    return name


def named_as_owner(sentence: str, start: int, end: int) -> bool:
    """Named as the owner of something: "Musk's xAI", "le groupe de Mark Zuckerberg"."""
    return bool(re.match(r"['’]s?\b", sentence[end:end + 3])) or \
        bool(OWNER_BEFORE.search(sentence[max(0, start - 30):start]))


@functools.lru_cache(maxsize=50_000)
def german_word(token: str) -> bool:
    """A German dictionary word ("Investmentfirma"), so no company name."""
    import simplemma

    return bool(simplemma.is_known(token, lang="de"))


@functools.lru_cache(maxsize=50_000)
def german_non_noun(token: str) -> bool:
    """A capitalised German word whose lemma is lower case: an adjective or verb that starts a
    sentence ("Überraschende Wende"), never the first word of a name."""
    import simplemma

    return simplemma.lemmatize(token, lang="de")[:1].islower()


@functools.lru_cache(maxsize=50_000)
def known_word(token: str, lang: str) -> bool:
    """A dictionary word of the language, capitalised or not, so no name of a company the
    topic does not know (a language simplemma does not know: assume so)."""
    import simplemma

    try:
        return bool(simplemma.is_known(token, lang=lang) or simplemma.is_known(token.lower(),
                                                                                lang=lang))
    except ValueError:
        return True
