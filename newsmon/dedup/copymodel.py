"""Is a stored candidate a copy of a new article? One learned decision over every signal.

The hand-set layers of newsmon.dedup.index each weigh one signal against one threshold, and
on news they were not tuned on each misses what another would catch: a spun rewrite keeps the
wire's rarer words but not its shingles, a loose translated edition keeps the names in order
but aligns below the bar set for independent articles, a condensed copy keeps the order of
its sentences but few of them. A copy is high on several of these at once, an independent
article on the same event on one or two. So the last layer asks a logistic regression over
all of them together (fitted on labelled copies and non-copies by bench/learn_copy_model.py,
written to copy_model.json beside this file); without the file the layer is off.

Signals of a pair, symmetric in the two texts so that arrival order does not change them:
- jaccard, containment: shingle resemblance (same language only);
- words: rarity-weighted share of the shorter text's words found in the other (same language);
- order: the shorter entity sequence (names, figures) repeated in the same order;
- dice: the share of distinct entities the two have in common;
- align, ordered: sentence embeddings, the mean best cosine both ways, and the share of the
  shorter text's first sentences with a close paraphrase in the other, in order (cosines
  across languages run lower, so these two also enter once more for a cross-language pair);
- credited: one credits the other's outlet; length: shorter over longer word count;
- days: how far apart they were published (cross-language copies come within days);
- conflict: both report headline movers and none in common.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from newsmon.logit import SignalModel

MODEL_FILE = Path(__file__).with_name("copy_model.json")
FEATURES = ("same", "jaccard", "containment", "words", "order", "dice", "align", "ordered",
            "align_cross", "ordered_cross", "credited", "length", "days", "conflict")
TAU, TAU_CROSS = 0.8, 0.7  # cosine of a paraphrase, within and across languages
ORDERED_LIMIT = 15


@dataclass(frozen=True)
class Side:
    """What the decision reads of one article (a new one or a stored candidate)."""

    text: str
    language: str | None
    entities: tuple[str, ...]
    published: datetime | None = None
    syndicated_from: str | None = None
    site_name: str | None = None
    movers: frozenset[str] = frozenset()


def movers(moves: list[dict[str, Any]] | None) -> frozenset[str]:
    """The headline movers' person keys (empty when the article was not classified relevant)."""
    from newsmon.stories import person_key

    return frozenset(k for m in moves or [] if m.get("primary", True)
                     and (k := person_key(m.get("person") or "")))


def signals(a: Side, b: Side) -> dict[str, float]:
    from newsmon.dedup.fingerprint import resemblance, shingles, words
    from newsmon.dedup.index import credits
    from newsmon.dedup.lexical import containment, entity_order, vocabulary
    from newsmon.dedup.semantic import alignment, ordered_alignment

    same = bool(a.language) and a.language == b.language
    jac = cont = shared = 0.0
    words_a, words_b = words(a.text), words(b.text)
    if same:
        jac, cont = resemblance(shingles(words_a), shingles(words_b))
        shared = containment(vocabulary(a.text, a.language or ""),
                             vocabulary(b.text, b.language or ""))
    ents_a, ents_b = set(a.entities), set(b.entities)
    dice = 2 * len(ents_a & ents_b) / (len(ents_a) + len(ents_b)) if ents_a and ents_b else 0.0
    align = alignment(a.text, b.text)
    ordered, _n = ordered_alignment(a.text, b.text, TAU if same else TAU_CROSS, ORDERED_LIMIT)
    days = abs((a.published - b.published).total_seconds()) / 86400 \
        if a.published and b.published else 0.0
    lengths = sorted((len(words_a), len(words_b)))
    return {
        "same": 1.0 if same else 0.0, "jaccard": jac, "containment": cont, "words": shared,
        "order": entity_order(list(a.entities), list(b.entities)), "dice": dice,
        "align": align, "ordered": ordered,
        "align_cross": 0.0 if same else align, "ordered_cross": 0.0 if same else ordered,
        "credited": 1.0 if (credits(a.syndicated_from, b.site_name)
                            or credits(b.syndicated_from, a.site_name)) else 0.0,
        "length": lengths[0] / lengths[1] if lengths[1] else 0.0,
        "days": min(days, 365.0) / 30.0,
        "conflict": 1.0 if a.movers and b.movers and not a.movers & b.movers else 0.0,
    }


_override: list[SignalModel | None] = []


def use_model(model: SignalModel | None) -> None:
    """Decide with this model instead of the shipped one (the fitting bench; None: the layer
    off); `shipped_model()` goes back."""
    _override[:] = [model]


def shipped_model() -> None:
    _override.clear()


@functools.lru_cache(maxsize=1)
def _shipped() -> SignalModel | None:
    return SignalModel.load(MODEL_FILE) if MODEL_FILE.exists() else None


def model() -> SignalModel | None:
    return _override[0] if _override else _shipped()
