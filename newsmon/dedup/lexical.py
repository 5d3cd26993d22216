"""Do two texts in one language tell the same facts, whatever their wording?

A condensed rewrite of a wire story keeps its facts and rewords its sentences, so neither
shingles (near) nor sentence paraphrases (rewrite) meet; an independent article on the same
event tells its own facts. What the rewrite keeps is the wire's vocabulary beyond the shared
names: its background ("delayed Siri to 2026"), its figures, its rarer words. So: how much
of the shorter text's distinct words, each weighed by how rare it is in the language, recur
in the longer one.

Rarity comes from wordfreq's small word lists (a few MB per language, shipped in the wheel,
a frozen snapshot by design, so that weights never shift under stored decisions); a word not
in the list is rare. Measured on the tune events of shared/realnews (bench/realnews_eval.py):
copies of one wire share 0.66-0.99 of the weighted words, independent articles on the same
event up to 0.63, so words alone leave no margin; with the order of names and figures beside
them (same_facts) they do. The threshold is in newsmon.dedup.index.
"""

from __future__ import annotations

import difflib
import functools
import math

from newsmon.dedup.fingerprint import words

RARE = 7.0  # weight of a word the list does not know (Zipf 0): a name, a figure, a rare word
MIN_DISTINCT = 40  # fewer distinct words than this say too little to tell two pieces apart


@functools.lru_cache(maxsize=8)
def _frequencies(language: str) -> dict[str, float]:
    import wordfreq

    try:
        return wordfreq.get_frequency_dict(language, wordlist="small")
    except (LookupError, ValueError):  # a language wordfreq has no list for
        return {}


def weight(word: str, language: str) -> float:
    """7 minus the word's Zipf frequency: 'the' weighs nothing, a name the most."""
    freq = _frequencies(language).get(word)
    return RARE - min(RARE, math.log10(freq * 1e9)) if freq else RARE


def vocabulary(text: str, language: str) -> dict[str, float]:
    return {w: weight(w, language) for w in dict.fromkeys(words(text))}


def containment(a: dict[str, float], b: dict[str, float]) -> float:
    """Rarity-weighted share of the smaller vocabulary found in the other; 0 when either is
    too small to judge."""
    if len(a) < MIN_DISTINCT or len(b) < MIN_DISTINCT:
        return 0.0
    small, large = (a, b) if len(a) <= len(b) else (b, a)
    total = sum(small.values())
    if not total:
        return 0.0
    return sum(w for t, w in small.items() if t in large) / total


def entity_order(a: list[str], b: list[str]) -> float:
    """Share of the shorter entity sequence (names, figures, in text order) that the other
    repeats in the same order: a rewrite keeps its source's facts in its source's order, an
    independent article names the same people in its own."""
    if not a or not b:
        return 0.0
    blocks = difflib.SequenceMatcher(None, a, b, autojunk=False).get_matching_blocks()
    return sum(x.size for x in blocks) / min(len(a), len(b))


def same_facts(words_a: dict[str, float], words_b: dict[str, float], entities_a: list[str],
               entities_b: list[str]) -> tuple[float, dict[str, float]]:
    """Mean of word containment and entity order, with both parts as evidence. Either alone
    overlaps between copies and independent articles; a copy is high on both."""
    shared = containment(words_a, words_b)
    order = entity_order(entities_a, entities_b)
    return (shared + order) / 2, {"word_containment": round(shared, 3),
                                  "entity_order": round(order, 3)}
