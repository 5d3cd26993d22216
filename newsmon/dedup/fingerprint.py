"""What deduplication needs to know about one article, computed once in the worker pool.

Two views of the body:
- word shingles, summarised by a MinHash signature cut into LSH bands: near-copies in one
  language (syndication with a new headline, a credit line, a paragraph dropped);
- "entities", the language-independent tokens a translation keeps (names, numbers, handles,
  product names), in order: translated editions of one article.
"""

from __future__ import annotations

import functools
import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

SHINGLE = 4  # words per shingle: long enough to be specific, short enough to survive edits
NUM_PERM = 72
BANDS = 24  # 24 bands x 3 rows: candidate probability 0.96 at Jaccard 0.5, 0.79 at 0.4
ROWS = NUM_PERM // BANDS
SEED = 20240528
SCHEME = "affine32"  # pinned: stored band keys must not change when datasketch's default does

_WORD = re.compile(r"\w+(?:['’]\w+)*", re.UNICODE)
_ENTITY_TOKEN = re.compile(r"[@#]?\w[\w’'.-]*\w|[@#]?\w", re.UNICODE)
_ELISION = re.compile(r"^(?:[ldjcsnmt]|qu|jusqu|lorsqu|puisqu)['’]", re.IGNORECASE)
_POSSESSIVE = re.compile(r"['’]s$")
_SENTENCE_STARTERS = frozenset(".!?:;»\"“”\n•-–—(")
_DIGIT = re.compile(r"\d")


@dataclass
class Fingerprint:
    bands: list[int] = field(default_factory=list)  # LSH band keys of the shingle MinHash
    entities: list[str] = field(default_factory=list)  # language-independent tokens, in order
    words: int = 0

    def to_dict(self) -> dict[str, Any]:
        return {"bands": self.bands, "entities": self.entities, "words": self.words}


def words(text: str) -> list[str]:
    """Folded word tokens: case, accents' composition and apostrophe style do not matter."""
    text = unicodedata.normalize("NFKC", text).casefold().replace("’", "'")
    return _WORD.findall(text)


def shingles(tokens: list[str]) -> set[str]:
    if len(tokens) < SHINGLE:
        return {" ".join(tokens)} if tokens else set()
    return {" ".join(tokens[i:i + SHINGLE]) for i in range(len(tokens) - SHINGLE + 1)}


def _key(*parts: str | int | bytes) -> int:
    """A signed 64-bit key (fits BIGINT on every backend)."""
    h = hashlib.blake2b(digest_size=8)
    for p in parts:
        h.update(p if isinstance(p, bytes) else str(p).encode())
        h.update(b"\x00")
    return int.from_bytes(h.digest(), "big", signed=True)


@functools.lru_cache(maxsize=1)
def minhash_permutations() -> Any:
    """A MinHash holding the permutations every signature uses, made once per process (the
    workers' forkserver makes it before forking, newsmon.workers.warm_up)."""
    from datasketch import MinHash

    return MinHash(num_perm=NUM_PERM, seed=SEED, scheme=SCHEME)


def band_keys(shingle_set: set[str], language: str | None) -> list[int]:
    """MinHash LSH band keys, namespaced by language (copies never change language).

    datasketch computes the signature; its MinHashLSH keeps buckets in memory or Redis, while
    ours live in the database beside the articles (they must survive restarts and be shared by
    the CLI and the daemon), so the banding is done here.
    """
    if not shingle_set:
        return []
    from datasketch import MinHash

    mh = MinHash(num_perm=NUM_PERM, seed=SEED, permutations=minhash_permutations().permutations,
                 scheme=SCHEME)
    mh.update_batch([s.encode("utf-8") for s in shingle_set])
    values = mh.hashvalues
    lang = language or "?"
    return [_key("band", lang, b, values[b * ROWS:(b + 1) * ROWS].tobytes())
            for b in range(BANDS)]


@functools.lru_cache(maxsize=100_000)
def _known(low: str, lang: str) -> bool:
    import simplemma

    return simplemma.is_known(low, lang)


_ANY = ("en", "fr", "de")
# Languages whose own dictionary is consulted; others fall back to _ANY. Loading a simplemma
# dictionary costs 0.2-1 s per worker process, and every crawl of the daemon starts new ones:
# on the extraction benchmark (pages in nine languages) loading dictionaries took a third of
# the workers' time, and simplemma's cache of 8 made them reload. A fixed list keeps
# fingerprints independent of arrival order.
DICTIONARY_LANGS = frozenset(_ANY)


def _dictionaries(lang: str | None) -> tuple[str, ...]:
    return (lang,) if lang in DICTIONARY_LANGS else _ANY
_MONTHS_DAYS = frozenset([
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december",
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
])


def entities(text: str, language: str | None = None) -> list[str]:
    """Tokens a translation carries over unchanged, in reading order.

    Numbers, @handles and #tags, and proper nouns: capitalised words, except at a sentence
    start when they are ordinary words, and except German nouns (capitalised by grammar) that
    the German dictionary knows. "Anthropic" mid-sentence is a name even though English has
    the adjective. Written by hand: no library spots multilingual names without a model.
    """
    out: list[str] = []
    text = unicodedata.normalize("NFKC", text)
    lang = language if language in _ANY else None
    for m in _ENTITY_TOKEN.finditer(text):
        raw = m.group(0)
        first = raw[0]
        has_digit = _DIGIT.search(raw) is not None
        if not (has_digit or first in "@#" or first.isupper() or "'" in raw or "’" in raw
                or "-" in raw):
            continue  # most words: lowercase, no digits (cheap exit before any regex)
        tok = _POSSESSIVE.sub("", _ELISION.sub("", raw)).strip("'’.-")
        if not tok:
            continue
        if tok[0] in "@#":
            if len(tok) > 2:
                out.append(tok.casefold())
            continue
        if has_digit:
            parts = tok.split("-")
            if len(parts) > 1 and parts[0].isdigit() \
                    and all(p.isalpha() and not p.isupper() for p in parts[1:]):
                tok = parts[0]  # "36-Jährige", "20-year-old": a translation keeps the number
            digits = re.sub(r"[^\w-]", "", tok).casefold()
            if len(digits) >= 2:
                out.append(digits)
            continue
        j = m.start() - 1
        while j >= 0 and text[j] in " \t":
            j -= 1
        starts = j < 0 or text[j] in _SENTENCE_STARTERS
        after_name = j >= 0 and text[j].isalpha() and _name_before(text, j, lang)
        for part in tok.split("-"):
            if len(part) < 3 or not part[0].isupper():
                continue
            low = part.casefold()
            if low in _MONTHS_DAYS:
                continue
            if starts and any(_known(low, lg) for lg in _dictionaries(lang)):
                continue
            if lang == "de" and part[1:].islower() and _known(low, "de") and not after_name \
                    and not (_known(low, "en") or _known(low, "fr")):
                continue  # a German noun; words English or French know too are often names
                # (and the German dictionary lists some surnames: "Daniel Kroll" keeps his)
            if lang == "de" and part[1:].islower() and not after_name and _compound(low):
                continue  # "Sicherheitskultur": a German compound no dictionary lists whole
            out.append(low)
    if lang == "de":  # "Microsofts", "Krolls": a German genitive of a name the text uses
        names = set(out)
        out = [t[:-1] if t.endswith("s") and t[:-1] in names else t for t in out]
    return out


def _name_before(text: str, end: int, lang: str | None) -> bool:
    """Is the word ending at text[end] capitalised mid-sentence and no German noun, as a
    first name is ("Daniel Kroll")?"""
    i = end
    while i > 0 and text[i - 1].isalpha():
        i -= 1
    word = text[i:end + 1]
    k = i - 1
    while k >= 0 and text[k] in " \t":
        k -= 1
    if not word[0].isupper() or k < 0 or text[k] in _SENTENCE_STARTERS:
        return False  # "Der Rücktritt": capitalised because it starts the sentence
    low = word.casefold()
    if lang != "de":
        return True
    if low.endswith("s") and (not any(_known(low, lg) for lg in _ANY)
                              or re.search(rf"\b{re.escape(word[:-1])}\b", text)):
        return False  # a genitive: "Krolls Gruppe" is Kroll's group
    return not _known(low, "de") or _known(low, "en") or _known(low, "fr")


_LINKS = ("", "s", "n", "en", "e", "es")  # Fugenelemente: Forschung-s-chef, Spitze-n-forscher


@functools.lru_cache(maxsize=100_000)
def _compound(low: str) -> bool:
    """A word no dictionary knows, made of two German words: a noun to leave out.

    Long surnames can look like this too ("Bergmann"); one right after a first name
    ("Jens Bergmann") is kept by the caller."""
    if len(low) < 8 or any(_known(low, lg) for lg in _ANY):
        return False
    for i in range(4, len(low) - 3):
        head, mod = low[i:], low[:i]
        if not _known(head, "de"):
            continue
        for link in _LINKS:
            if mod.endswith(link) and len(mod) - len(link) >= 3 \
                    and _known(mod[:len(mod) - len(link)], "de"):
                return True
    return False


def fingerprint(title: str | None, text: str, language: str | None) -> dict[str, Any]:
    """Picklable entry point for the worker pool. The headline is left out: copies rewrite it."""
    tokens = words(text)
    return Fingerprint(bands=band_keys(shingles(tokens), language),
                       entities=entities(text, language), words=len(tokens)).to_dict()


def resemblance(a: set[str], b: set[str]) -> tuple[float, float]:
    """(Jaccard, containment of the smaller in the larger) of two shingle sets."""
    if not a or not b:
        return 0.0, 0.0
    inter = len(a & b)
    return inter / len(a | b), inter / min(len(a), len(b))


def term_key(term: str) -> int:
    return _key("term", term)
