"""One page's whole CPU-bound analysis, as one job for the worker pool.

Extraction, relevance and the dedup fingerprint used to be three jobs, so an article's text
crossed the process boundary three times and each page cost three round trips through the
pool's queues; as one job they cost one (on the crawl benchmark the queues took ~7% of the
workers' time and as much of the crawl process's). The pipelines still take one step each
(pipelines/extract, classify, dedupe): they read their part of the result.
"""

from __future__ import annotations

import traceback
from dataclasses import dataclass, field
from typing import Any

from newsmon.dedup import fingerprint
from newsmon.extract import Extraction, ExtractOptions, extract_article
from newsmon.relevance import classify_article
from newsmon.stories.signals import lead_signals


@dataclass(frozen=True)
class RelevanceOptions:
    profiles: tuple[str, ...]
    base_dir: str | None
    min_score: float


@dataclass
class Analysis:
    extraction: Extraction
    relevance: dict[str, Any] | None = None
    fingerprint: dict[str, Any] | None = None
    # step -> traceback text, for a step that raised: the others' results are kept
    errors: dict[str, str] = field(default_factory=dict)


def analyze_page(html: str, url: str, options: ExtractOptions, hints: dict[str, Any] | None,
                 relevance: RelevanceOptions | None) -> Analysis:
    """Extract the page; if it is an article, classify it and fingerprint it too.

    An extraction error propagates (the page is retried next pass); a classification or
    fingerprint error is returned beside the article, which is stored without that part."""
    result = Analysis(extract_article(html, url, options, hints))
    ex = result.extraction
    if ex.kind != "article":
        return result
    if relevance is not None:
        try:
            result.relevance = classify_article(ex.title, ex.text, ex.language,
                                                relevance.profiles, relevance.base_dir,
                                                relevance.min_score, ex.published)
        except Exception:  # reported by the classify pipeline
            result.errors["classify"] = traceback.format_exc()
    try:
        result.fingerprint = fingerprint(ex.title, ex.text, ex.language)
        if result.relevance is not None and result.relevance.get("relevant"):
            result.fingerprint["lead"] = lead_signals(ex.title, ex.text, ex.language)
    except Exception:  # reported by the dedupe pipeline
        result.errors["fingerprint"] = traceback.format_exc()
    return result
