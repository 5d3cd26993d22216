"""Relevance: does an article report what a topic is about, and what moved where."""

from __future__ import annotations

import functools
from datetime import date

from newsmon.relevance.classify import MIN_SCORE, Classifier, Reason, Relevance
from newsmon.relevance.moves import Move
from newsmon.relevance.profile import Profile, ProfileError, load_profiles

DEFAULT_PROFILES = ("builtin:ai-lab-staffing",)

__all__ = ["DEFAULT_PROFILES", "Classifier", "Move", "Profile", "ProfileError", "Reason",
           "Relevance", "classifier_for", "load_profiles"]


@functools.lru_cache(maxsize=8)
def classifier_for(profiles: tuple[str, ...] = DEFAULT_PROFILES, base_dir: str | None = None,
                   min_score: float = MIN_SCORE) -> Classifier:
    """A compiled classifier, cached per process (workers build it once)."""
    from pathlib import Path

    loaded = load_profiles(list(profiles), Path(base_dir) if base_dir else None)
    return Classifier(loaded, min_score)


def classify_article(title: str | None, text: str, language: str | None,
                     profiles: tuple[str, ...] = DEFAULT_PROFILES, base_dir: str | None = None,
                     min_score: float = MIN_SCORE, published: str | date | None = None) -> dict:
    """Picklable entry point for the worker pool: the decision as plain data, the rules'
    revised by the topic's fitted model where it has one (newsmon.relevance.learned).
    `published`: the article's date where known (moves dated well before it are background)."""
    from newsmon.relevance.learned import decide

    rel = classifier_for(profiles, base_dir, min_score).classify(
        title, text, language, all_moves=True, published=published).to_dict()
    return decide(rel, title, text)
