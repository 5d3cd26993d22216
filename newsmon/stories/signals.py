"""What an article's headline and lead say about which event it reports, in any language.

Two views, both independent of the move parser, so that a misread move does not split or
merge a story on its own:
- lead terms: the names, handles and product names of the headline and the first sentences
  (newsmon.dedup.fingerprint.entities, the tokens a translation keeps), weighed later by how
  rare they are in the store: "Giannandrea" says much more than "Apple";
- lead vector: the multilingual sentence encoder's mean embedding of the same sentences, so
  that "OpenAI hires three DeepMind researchers" meets "OpenAI holt drei Forscher von
  DeepMind" even where neither names them.

Computed once per relevant article in the worker pool and stored with it (JSON, the vector as
base64 float16: 1 KB).
"""

from __future__ import annotations

import base64
import functools
from typing import Any

import numpy as np

from newsmon.dedup.fingerprint import entities

LEAD_SENTENCES = 3  # the lead: who, what, where; later sentences recall background
TITLE_WEIGHT, LEAD_WEIGHT = 1.0, 0.6


def lead_sentences(title: str | None, text: str) -> list[str]:
    from newsmon.dedup.semantic import sentences

    lead = sentences(text, limit=LEAD_SENTENCES + 1)
    if title and lead and _same(lead[0], title):
        lead = lead[1:]  # a headline repeated as the first line
    return ([title] if title else []) + lead[:LEAD_SENTENCES]


def _same(a: str, b: str) -> bool:
    return " ".join(a.casefold().split()) == " ".join(b.casefold().split())


def lead_terms(title: str | None, text: str, language: str | None) -> dict[str, float]:
    """Entity terms of the headline (weight 1) and lead (0.6); words only, no numbers."""
    out: dict[str, float] = {}
    sents = lead_sentences(title, text)
    for i, sent in enumerate(sents):
        w = TITLE_WEIGHT if (i == 0 and title) else LEAD_WEIGHT
        for t in entities(sent, language):
            if len(t) >= 3 and any(c.isalpha() for c in t):
                out[t] = max(out.get(t, 0.0), w)
    return out


def encode_vector(vec: np.ndarray) -> str:
    return base64.b64encode(vec.astype(np.float16).tobytes()).decode("ascii")


def decode_vector(data: str | None) -> np.ndarray | None:
    if not data:
        return None
    vec = np.frombuffer(base64.b64decode(data), dtype=np.float16).astype(np.float32)
    norm = float(np.linalg.norm(vec))
    return vec / norm if norm else None


@functools.lru_cache(maxsize=8)
def lead_vector(title: str | None, text: str) -> np.ndarray | None:
    """Cached for the page at hand: the relevance layer and the story signals both ask for
    it (callers must not modify the array)."""
    from newsmon.dedup.semantic import encode

    sents = lead_sentences(title, text)
    if not sents:
        return None
    emb = encode(sents)
    vec = emb.mean(axis=0)
    norm = float(np.linalg.norm(vec))
    return vec / norm if norm else None


def lead_signals(title: str | None, text: str, language: str | None) -> dict[str, Any]:
    """Picklable entry point for the worker pool: what the store keeps per relevant article."""
    vec = lead_vector(title, text)
    return {"terms": lead_terms(title, text, language),
            "vector": encode_vector(vec) if vec is not None else None}
