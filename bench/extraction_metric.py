"""Shingle-based precision/recall/F1 for article-body extraction.

This is the metric of the article-extraction benchmark (scrapinghub/article-extraction-benchmark,
see its README in `shared/benchmarks/article-extraction-benchmark`), kept in one module so every
evaluation script scores extractions the same way:

* tokenise with the Unicode regex ``\\w+`` (case is kept, as upstream does);
* build 4-token shingles as a multiset (a text shorter than 4 tokens is one shingle);
* per page, tp = shingles shared, fp = extra predicted, fn = missing, then normalise
  (tp, fp, fn) to sum to 1 so that every page weighs the same whatever its length;
* precision = mean over pages of tp/(tp+fp), recall = mean of tp/(tp+fn), with 1.0 for a page
  where fp = fn = 0; F1 = harmonic mean of mean precision and mean recall.

Empty texts, made explicit because upstream leaves them out of the means (which would reward an
extractor for returning nothing on a hard page):

* prediction and truth both empty: precision 1, recall 1 (a perfect "nothing here");
* prediction empty, truth not: precision 0, recall 0 (a missed page counts against both);
* truth empty, prediction not: precision 0, recall 1 (nothing could be missed).

On the benchmark's 181 pages the truth is never empty, so only the second rule matters; pass
``upstream=True`` to `score` to reproduce upstream's exclusion for comparison.
"""

from __future__ import annotations

import re
import statistics
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

__all__ = [
    "PageCounts",
    "Score",
    "page_counts",
    "page_precision",
    "page_recall",
    "score",
    "score_by_id",
    "shingles",
    "tokenize",
]

SHINGLE_SIZE = 4
_TOKEN_RE = re.compile(r"\w+")  # str patterns are Unicode-aware by default


@dataclass(frozen=True)
class PageCounts:
    """Normalised (tp, fp, fn) of one page; all zero only when both texts are empty."""

    tp: float
    fp: float
    fn: float


@dataclass(frozen=True)
class Score:
    """Mean precision and recall over pages, their F1, and how many pages were scored."""

    precision: float
    recall: float
    f1: float
    pages: int

    def as_dict(self) -> dict[str, float | int]:
        return {"precision": self.precision, "recall": self.recall, "f1": self.f1,
                "pages": self.pages}


def tokenize(text: str | None) -> list[str]:
    """Word tokens, as upstream: every maximal run of Unicode word characters."""
    return _TOKEN_RE.findall(text or "")


def shingles(text: str | None, n: int = SHINGLE_SIZE) -> Counter[tuple[str, ...]]:
    """Multiset of n-token shingles; a short non-empty text gives one shorter shingle."""
    tokens = tokenize(text)
    if not tokens:
        return Counter()
    if len(tokens) < n:
        return Counter([tuple(tokens)])
    return Counter(tuple(tokens[i : i + n]) for i in range(len(tokens) - n + 1))


def page_counts(truth: str | None, pred: str | None, n: int = SHINGLE_SIZE) -> PageCounts:
    """Shared/extra/missing shingles of one page, normalised to sum to 1."""
    true_sh = shingles(truth, n)
    pred_sh = shingles(pred, n)
    tp = sum((true_sh & pred_sh).values())
    fp = sum((pred_sh - true_sh).values())
    fn = sum((true_sh - pred_sh).values())
    total = tp + fp + fn
    if total == 0:
        return PageCounts(0.0, 0.0, 0.0)
    return PageCounts(tp / total, fp / total, fn / total)


def page_precision(c: PageCounts) -> float:
    """tp/(tp+fp); 1 when nothing is wrong or missing, 0 when nothing was predicted."""
    if c.fp == 0 and c.fn == 0:
        return 1.0
    if c.tp + c.fp == 0:
        return 0.0  # empty prediction for a non-empty truth
    return c.tp / (c.tp + c.fp)


def page_recall(c: PageCounts) -> float:
    """tp/(tp+fn); 1 when nothing is wrong or missing, or when the truth is empty."""
    if c.fp == 0 and c.fn == 0:
        return 1.0
    if c.tp + c.fn == 0:
        return 1.0  # empty truth: nothing could be missed
    return c.tp / (c.tp + c.fn)


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r > 0 else 0.0


def score(pairs: Iterable[tuple[str | None, str | None]], *, upstream: bool = False,
          n: int = SHINGLE_SIZE) -> Score:
    """Score (truth, prediction) pairs, one per page.

    With ``upstream=True``, pages with tp+fp = 0 are left out of the precision mean and pages
    with tp+fn = 0 out of the recall mean, as the benchmark's own evaluate.py does.
    """
    counts = [page_counts(t, p, n) for t, p in pairs]
    if upstream:
        precisions = [page_precision(c) for c in counts if c.tp + c.fp > 0]
        recalls = [page_recall(c) for c in counts if c.tp + c.fn > 0]
    else:
        precisions = [page_precision(c) for c in counts]
        recalls = [page_recall(c) for c in counts]
    p = statistics.fmean(precisions) if precisions else 0.0
    r = statistics.fmean(recalls) if recalls else 0.0
    return Score(precision=p, recall=r, f1=_f1(p, r), pages=len(counts))


def score_by_id(truth: Mapping[str, str], predictions: Mapping[str, str | None], *,
                upstream: bool = False) -> Score:
    """Score predictions keyed like the truth; a page missing from `predictions` scores as empty."""
    return score(((truth[k], predictions.get(k)) for k in truth), upstream=upstream)
