"""A logistic regression over named signals, shipped as JSON beside the code that computes
them: the story matcher and the copy layer decide this way (benches fit them; see
bench/learn_story_model.py and bench/learn_copy_model.py). Named weights, so a model file
says what it weighs and a signal the code no longer computes simply counts zero."""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class SignalModel:
    weights: dict[str, float]
    bias: float
    threshold: float

    def probability(self, signals: dict[str, float]) -> float:
        z = self.bias + sum(self.weights.get(k, 0.0) * v for k, v in signals.items())
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    @classmethod
    def load(cls, path: Path) -> SignalModel:
        data = json.loads(path.read_text("utf-8"))
        return cls({k: float(v) for k, v in data["weights"].items()}, float(data["bias"]),
                   float(data["threshold"]))

    def save(self, path: Path, note: str) -> None:
        path.write_text(json.dumps({"weights": self.weights, "bias": self.bias,
                                    "threshold": self.threshold, "note": note},
                                   indent=1) + "\n", "utf-8")
