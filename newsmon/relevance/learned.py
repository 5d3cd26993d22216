"""A learned decision on top of the rules: is this article's main news a move of the topic?

The rules (newsmon.relevance.classify) need a person, an organisation and a staffing cue in
one sentence, so real headlines such as "Apple's AI chief to step down" (the name comes a
sentence later) or "Anthropic names Rahul Patil as new CTO" fall short, while funding news
that names a founder can pass. This layer weighs the rules' evidence together with what the
headline and lead are about: the multilingual sentence embedding of those sentences
(newsmon.stories.signals.lead_vector), in a logistic regression fitted on labelled articles
(bench/learn_relevance_model.py writes `<profile>.model.json` beside the profile). A profile
without a fitted model is decided by its rules alone: the topic stays configuration.
"""

from __future__ import annotations

import functools
import json
import math
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

PROFILES = Path(__file__).with_name("profiles")
def rule_features(rel: dict[str, Any]) -> list[float]:
    """The rules' evidence: score, their verdict, best headline and lead sentence, whether a
    move and a headline mover were read."""
    reasons = rel.get("reasons") or []
    title = max((r["score"] for r in reasons if r.get("in_title")), default=0.0)
    lead = max((r["score"] for r in reasons if not r.get("in_title")), default=0.0)
    moves = rel.get("moves") or []
    return [min(float(rel.get("score") or 0.0), 3.0) / 3.0,
            1.0 if rel.get("relevant") else 0.0, min(title, 1.5), min(lead, 1.5),
            1.0 if moves else 0.0,
            1.0 if any(m.get("primary", True) and m.get("person") for m in moves) else 0.0]


def features(rel: dict[str, Any], vector: np.ndarray | None) -> np.ndarray:
    vec = vector if vector is not None else np.zeros(512, dtype=np.float32)
    return np.concatenate([np.array(rule_features(rel), dtype=np.float32), vec])


@dataclass(frozen=True)
class LearnedModel:
    weights: np.ndarray
    bias: float
    threshold: float

    def probability(self, x: np.ndarray) -> float:
        z = float(x @ self.weights) + self.bias
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


def model_path(topic: str) -> Path:
    return PROFILES / f"{topic}.model.json"


@functools.lru_cache(maxsize=8)
def model_for(topic: str | None) -> LearnedModel | None:
    if not topic:
        return None
    path = model_path(topic)
    if not path.exists():
        return None
    data = json.loads(path.read_text("utf-8"))
    return LearnedModel(np.array(data["weights"], dtype=np.float32), float(data["bias"]),
                        float(data["threshold"]))


def decide(rel: dict[str, Any], title: str | None, text: str) -> dict[str, Any]:
    """The rules' decision, revised by the topic's fitted model where it has one. Articles
    without any cue of the topic (score 0) are not looked at: most pages of a feed."""
    mdl = model_for(rel.get("topic"))
    if mdl is None or not rel.get("score"):
        return rel if rel.get("relevant") else {**rel, "moves": []}
    from newsmon.stories.signals import lead_vector

    p = mdl.probability(features(rel, lead_vector(title, text)))
    relevant = p >= mdl.threshold
    return {**rel, "relevant": relevant, "rules_relevant": bool(rel.get("relevant")),
            "model_p": round(p, 3), "moves": rel.get("moves", []) if relevant else []}
