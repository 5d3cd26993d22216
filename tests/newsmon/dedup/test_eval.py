"""Floors on the labelled dedup set (bench/dedup_eval.py prints the full figures)."""

from __future__ import annotations

import random
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[3]
sys.path.insert(0, str(ROOT / "bench"))

import dedup_eval  # noqa: E402


def _scores(items: list[Any], seed: int, db: Path) -> dict[str, Any]:
    """Pairwise scores of the set stored in one seeded random arrival order."""
    order = items[:]
    random.Random(seed).shuffle(order)
    return dedup_eval.score(items, dedup_eval.run_order(order, db), show_errors=False)


def test_floors_on_the_labelled_set(tmp_path: Path) -> None:
    # floors on the core set; bench/dedup_eval.py reports every tests/data/dedup_set*.jsonl
    items = dedup_eval.load_set(dedup_eval.DATA / "dedup_set_core.jsonl")
    assert len(items) >= 28
    for n in (0, 7):  # 7: an order where a truncated copy arrives before its original
        r = _scores(items, n, tmp_path / f"order{n}.db")
        assert r["dup_p"] >= 0.99, r
        assert r["dup_r"] >= 0.95, r
        assert r["story_p"] >= 0.99, r
        assert r["story_f"] >= 0.9, r


def test_floors_on_the_full_set(tmp_path: Path) -> None:
    # core + the helper-written set: 118 articles (issue 4 targets: dup P >= 0.99, R >= 0.95,
    # story F1 >= 0.9); the remaining story misses come from misread moves (bench --errors).
    # dedup_set_hard.jsonl has no floor yet: bench/dedup_eval.py reports it. One arrival
    # order here (the core set's test has two; bench/dedup_eval.py --orders 10 the spread).
    items = [i for name in ("dedup_set_core.jsonl", "dedup_set.jsonl")
             for i in dedup_eval.load_set(dedup_eval.DATA / name)]
    assert len(items) >= 118
    r = _scores(items, 7, tmp_path / "full7.db")
    assert r["dup_p"] >= 0.99, r
    assert r["dup_r"] >= 0.95, r
    assert r["story_p"] >= 0.97, r
    assert r["story_f"] >= 0.9, r
