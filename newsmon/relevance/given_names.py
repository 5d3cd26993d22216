"""Is a capitalised word someone's first name, or a word of the language?

Capitalised-name patterns take any two capitalised words for a person, and German capitalises
every noun and the adjectives made of place names: "Zürcher Büro", "Münchner Standort" read
as people. A gazetteer of given names settles most of them: a person's name has a given name
or a word that is no common word of the article's language ("Ruoming Pang" is in no list, but
"ruoming" is no German or English word either; "Dev Raman" starts with a common English word,
but "Raman" is none).

The given names are the 48,000 of Jörg Michael's nam_dict (European, Asian, Arabic and other
names), shipped inside the gender-guesser wheel; only the names are read, not the genders.
"""

from __future__ import annotations

import functools
import unicodedata
from importlib import resources

from wordfreq import zipf_frequency

# a word at least this frequent in the article's language is a word of it, not a name: "Büro"
# (4.4), "Zürcher" (3.9) against "Fidji" in French (3.3, Fiji) or "Barret" in English (2.5)
COMMON_WORD = 3.5


@functools.lru_cache(maxsize=1)
def given_names() -> frozenset[str]:
    data = resources.files("gender_guesser") / "data" / "nam_dict.txt"
    names: set[str] = set()
    with data.open(encoding="utf-8") as f:
        for line in f:
            if line[:1] in "#=" or len(line) < 4:
                continue
            parts = line.split(None, 2)
            if len(parts) < 2:
                continue
            name = parts[1].casefold()
            if "+" in name:  # "Jean+Pierre": written joined, spaced or hyphenated
                names.update(name.replace("+", sep) for sep in ("", " ", "-"))
            else:
                names.add(name)
    return frozenset(names)


def is_given_name(word: str) -> bool:
    w = word.casefold()
    names = given_names()
    if w in names or w.split("-")[0] in names:
        return True
    # the list spells some names without their accents ("Elodie", not "Élodie")
    bare = "".join(c for c in unicodedata.normalize("NFKD", w) if not unicodedata.combining(c))
    return bare != w and (bare in names or bare.split("-")[0] in names)


def unlikely_first_name(word: str, lang: str) -> bool:
    """True for a word that is no given name but a common word of `lang` ("Zürcher")."""
    if len(word) <= 2 or word.endswith("."):  # initials: "J. Smith"
        return False
    if is_given_name(word):
        return False
    return zipf_frequency(word.casefold(), lang) >= COMMON_WORD


# a German compound is a word of the language when it ends in one ("Forschungsbüro": "büro"):
# the corpora count few compounds, so their frequency alone says "rare word, maybe a name"
COMPOUND_TAIL = 4.0
MIN_TAIL = 4


@functools.lru_cache(maxsize=50_000)
def word_of_language(word: str, lang: str) -> bool:
    """True for a common word of `lang`, or a German compound of one ("Faktentreue")."""
    w = word.casefold()
    if zipf_frequency(w, lang) >= COMMON_WORD:
        return True
    return lang == "de" and any(zipf_frequency(w[i:], lang) >= COMPOUND_TAIL
                                for i in range(2, len(w) - MIN_TAIL + 1))


def no_persons_name(words: list[str], lang: str) -> bool:
    """A capitalised phrase whose first word is no given name and whose last is a word of the
    language: a company, place or noun phrase ("Getty Images", "Zürcher Forschungsbüro",
    "Bereich Faktentreue"). A name without a listed given name keeps a surname that is no
    common word ("Dev Raman", "Rohit Prasad")."""
    return len(words) >= 2 and not is_given_name(words[0]) \
        and word_of_language(words[-1], lang)
