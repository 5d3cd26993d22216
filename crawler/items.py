"""What the spider hands to the pipelines."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from newsmon.extract import Extraction


@dataclass
class PageItem:
    """A fetched candidate article. Pipelines fill `extraction`, then store it."""

    source: str
    url: str  # the canonicalised link as discovered
    final_url: str  # after redirects
    status: int
    content_type: str
    html: str | None  # decoded text; None when the body is not text
    hints: dict[str, Any] = field(default_factory=dict)
    extraction: Extraction | None = None
    relevance: dict[str, Any] | None = None  # newsmon.relevance.Relevance.to_dict()
    fingerprint: dict[str, Any] | None = None  # newsmon.dedup.fingerprint()
    analysis_errors: dict[str, str] = field(default_factory=dict)  # newsmon.analyze.Analysis
    article_id: int | None = None
    created: bool = False


@dataclass
class FailedPageItem:
    """An article URL that could not be fetched. `permanent` ones (404, 410) are settled."""

    source: str
    url: str
    kind: str
    message: str
    http_status: int | None = None
    permanent: bool = False
