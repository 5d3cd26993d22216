"""Person and organisation names: capitalised-name patterns, and the word tests that tell a
name from the sentence words, roles and places around it.

A spaCy pipeline was considered for person names: its models are separate downloads per
language, and capitalised-name patterns plus a gazetteer do well on news prose.
"""

from __future__ import annotations

import functools
import re
from typing import TYPE_CHECKING

from newsmon.relevance.given_names import (
    is_given_name,
    no_persons_name,
    unlikely_first_name,
    word_of_language,
)
from newsmon.relevance.words import (
    ARTICLES,
    NOT_NAME_WORDS,
    NOUN_PREDICATES,
    ORG_SUFFIXES,
    PLACES,
    lemma,
)

if TYPE_CHECKING:  # the matcher imports this module
    from newsmon.relevance.matcher import TopicMatcher

NAME_WORD = (r"(?:[A-ZÀ-ÖØ-Þ][a-zà-öø-ÿ]+(?:[A-Z][a-zà-öø-ÿ]+)?(?:-[A-ZÀ-ÖØ-Þ][a-zà-öø-ÿ]+)?"
             r"|[A-Z]\.)")
# "der"/"den" only after "van"/"von": alone they are German articles ("Unternehmen den Standort")
PARTICLE = r"(?:(?:van|von)\s+(?:der|den|dem)|de|da|di|du|van|von|la|le|del|bin|al|ibn|ten|ter)"
# up to five words, so a role before the name is read whole and trimmed ("Chief Financial Officer
# Mike Liberatore"); trim_name keeps at most four
NAME = re.compile(rf"(?<![\w’'-]){NAME_WORD}(?:\s+(?:{PARTICLE}\s+)?{NAME_WORD}){{1,4}}(?![\w-])")
MAX_NAME_WORDS = 4
GERMAN_ABSTRACT_NOUN = re.compile(r"(?:ung|ungen|heit|keit|schaft|tion|nehmens|tums|nis)$")
GERMAN_NOUN_END = re.compile(r"(?:in|er|chef|ung|schaft|ler|or|ent|ist|eur|eurin)$")
# a person who owns rather than moves: "Elon Musk's xAI", "le groupe de Mark Zuckerberg"
OWNER_BEFORE = re.compile(r"\b(?:groupe|entreprise|société|empire|company|firm|empire|Konzern|"
                          r"Unternehmen|Firma|Imperium|réseau social)\s+(?:de|d['’]|of|von)\s*$")


def trim_name(text: str, lang: str, m: TopicMatcher) -> str | None:
    """The person's name in a capitalised phrase, without the sentence words, roles and
    organisations around it ("Der Rücktritt von Lukas Berger"); None if no name is left."""
    words = _without_phrase_after(text.split(), lang)
    article = False
    while words and (words[0].lower().strip(".") in NOT_NAME_WORDS
                     or _role(words[0], lang, m.role_words)
                     or words[0] in m.alias_to_org
                     or lemma(words[0], lang) in NOUN_PREDICATES  # "Rückzug von Jonas Keller"
                     or (lang == "de" and len(words) > 2
                         and GERMAN_NOUN_END.search(words[0].lower()))
                     or (lang == "de" and german_non_noun(words[0]))):
        article = article or words[0].lower() in ARTICLES
        words = words[1:]
    if article and lang in ("fr", "de") and len(words) > 2:
        words = words[1:]  # "La Française Fidji Simo": a noun follows the article
    while words and words[0].islower():
        words = words[1:]  # "Der Rücktritt von Lukas Berger": the particle is a preposition
    roles = [i for i, w in enumerate(words[:-2]) if w.lower() in m.role_words]
    if roles:  # "Financial Officer Mike Liberatore": the name follows the last role word
        words = words[roles[-1] + 1:]
    while words and (words[-1].lower() in NOT_NAME_WORDS or words[-1] in m.alias_to_org):
        words = words[:-1]
    # words of the language before a given name are no part of the name: a sentence word
    # ("Hires Lucas Beyer") or a title ("Prime Minister Justin Trudeau")
    lead = next((k for k, w in enumerate(words[:-1]) if not unlikely_first_name(w, lang)), 0)
    if lead and is_given_name(words[lead]):
        words = words[lead:]
    if words and all(unlikely_first_name(w, lang) for w in words):
        return None  # "Zürcher Büro": words of the language, no name ("Dev Raman" is one)
    if no_persons_name(words, lang):
        return None
    if len(words) < 2 or " ".join(words).lower() in PLACES \
            or words[-1].lower() in ORG_SUFFIXES or words[-1].lower() in m.role_words \
            or (lang == "de" and GERMAN_ABSTRACT_NOUN.search(words[-1])):
        return None
    if any(w in m.alias_to_org for w in words) or len(words) > MAX_NAME_WORDS:
        return None
    if lang == "de" and any(german_inflected(w) for w in words):
        return None  # "Diverse Führungskräfte haben OpenAI verlassen": a plural noun
    return " ".join(words)


def _role(word: str, lang: str, role_words: set[str]) -> bool:
    """A role word, in German also in the genitive ("des Gründers Jonas Keller")."""
    w = word.lower()
    return w in role_words or (lang == "de" and w.endswith("s")
                               and (w[:-1] in role_words or w[:-2] in role_words))


def _without_phrase_after(words: list[str], lang: str) -> list[str]:
    """Cut a prepositional phrase the capitalised phrase ran into: "Jonas Keller von der
    Geschäftsführung", "Léa Martin de la Société" (a particle before a word of the language,
    where a nobiliary particle stands before a surname: "Ursula von der Leyen")."""
    for k in range(1, len(words) - 1):
        if not words[k].islower():
            continue
        j = k
        while j < len(words) and words[j].islower():
            j += 1
        if j < len(words) and not is_given_name(words[j]) and word_of_language(words[j], lang) \
                and dictionary_word(words[j], lang):  # no surname: "Leyen" is in no dictionary
            return words[:k]
        break
    return words


def confirmed_in(name: str, body: str) -> str | None:
    """The longest part of a headline's capitalised phrase (two words or more) that the body
    names too: Title Case headlines capitalise every word ("Greg Brockman Cuts Sabbatical
    Short", "Anthropic Names Rahul Patil"), and a person is named again below."""
    words = name.split()
    for size in range(len(words), 1, -1):
        for start in range(len(words) - size + 1):
            part = " ".join(words[start:start + size])
            if re.search(rf"(?<![\w’'-]){re.escape(part)}(?![\w-])", body):
                return part
    return None


def department_of_role(sentence: str, start: int, role_words: set[str]) -> bool:
    """A capitalised phrase after a role and a preposition is a field or a department, no
    person: "senior vice president for Machine Learning", "Leiter für Künstliche Intelligenz"."""
    before = re.findall(r"[\w’'-]+", sentence[max(0, start - 60):start])[-2:]
    return len(before) == 2 and before[0].lower() in role_words and \
        before[1].lower() in ("of", "for", "de", "du", "des", "für")


def company_name(name: str, m: TopicMatcher, lang: str) -> str | None:
    """A capitalised phrase that can be a company the profile does not know, or None."""
    name = name.rstrip(".")
    words = name.split()
    if not words or words[0].lower() in NOT_NAME_WORDS or name.lower() in PLACES \
            or name in m.person_alias or words[0].lower() in m.role_words:
        return None
    if name in m.alias_to_org or name.split("-")[0] in m.alias_to_org:
        return None  # a known organisation: read from the sentence's mentions
    if lang == "de" and len(words) == 1 and dictionary_word(words[0], "de"):
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
@functools.lru_cache(maxsize=50_000)
def dictionary_word(token: str, lang: str) -> bool:
    """A word simplemma's dictionary of the language holds ("Geschäftsführung", "Société",
    "Investmentfirma"): no surname, no company name."""
    import simplemma

    return bool(simplemma.is_known(token, lang=lang))


@functools.lru_cache(maxsize=50_000)
def german_inflected(token: str) -> bool:
    """A German word simplemma reads as an inflected form of another ("Führungskräfte" of
    "Führungskraft"): a common noun; names are not inflected (a genitive -s aside)."""
    import simplemma

    if token.endswith("s") or not token[:1].isupper() or not simplemma.is_known(token, lang="de"):
        return False  # simplemma guesses a lemma for any word ("Asante", "Laure"): known only
    base = simplemma.lemmatize(token, lang="de")
    # a noun's other form, no verb's; a final -e alone is as often a name's ("Asante")
    return base != token and base[:1].isupper() and token != base + "e"


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
