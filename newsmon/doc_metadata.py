"""trafilatura's document metadata (title, author, date, site name, description), trimmed.

`trafilatura.metadata.extract_metadata` minus categories, tags and licence, which newsmon does
not keep and which took about a tenth of the extraction time on the benchmark pages; the steps
kept are trafilatura's own functions in its order. tests/newsmon/test_doc_metadata.py checks
that the fields kept agree with extract_metadata's (as they do on all 181 benchmark pages).

The byline search (`extract_author`, on the 40% of pages that declare no author) is now the
dearest step left, ~9 ms a page: libxml2 evaluating its XPaths on a pruned copy of the page.
Rewriting its `re:test` calls as plain `contains()` saved only 5% of that, so it stays as is.
"""

from __future__ import annotations

import contextlib
from typing import Any

DATE_PARAMS = {
    "extensive_search": False,  # guesses from links to other articles; see extract._published
    "original_date": True,
    "outputformat": "%Y-%m-%dT%H:%M:%S%z",
}


def document_metadata(tree: Any, url: str) -> Any:
    """trafilatura's `extract_metadata` for the fields newsmon keeps, in its order of steps."""
    from htmldate import find_date
    from trafilatura.metadata import (
        examine_meta,
        extract_author,
        extract_meta_json,
        extract_sitename,
        extract_title,
        extract_url,
    )

    meta = examine_meta(tree)
    if meta.author and " " not in meta.author:
        meta.author = None
    with contextlib.suppress(Exception):  # as trafilatura does: JSON-LD is often broken
        meta = extract_meta_json(tree, meta)
    meta.title = meta.title or extract_title(tree)
    meta.author = meta.author or extract_author(tree)
    meta.url = meta.url or extract_url(tree, url)
    meta.date = find_date(tree, url=meta.url, **DATE_PARAMS)
    if not meta.sitename:
        meta.sitename = extract_sitename(tree)
    if meta.sitename:
        meta.sitename = meta.sitename.lstrip("@")
        if meta.sitename and "." not in meta.sitename and not meta.sitename[0].isupper():
            meta.sitename = meta.sitename.title()
    meta.clean_and_trim()
    return meta
