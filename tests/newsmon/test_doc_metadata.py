"""newsmon.doc_metadata gives trafilatura's own answers on what newsmon keeps."""

from __future__ import annotations

import pytest
from lxml import html as lxml_html
from trafilatura import metadata as traf_metadata

from newsmon.doc_metadata import DATE_PARAMS, document_metadata


def _fixture_article_pages() -> list[tuple[str, str, str]]:
    from tests.fixtureweb.content import ARTICLES
    from tests.fixtureweb.templates import renderer_for

    pages = []
    for site, articles in ARTICLES.items():
        renderer = renderer_for(site, articles, f"http://{site}.example")
        pages += [(f"{site}:{a.slug}", renderer.article_page(a), renderer.url(a))
                  for a in articles]
    return pages


FIXTURE_PAGES = _fixture_article_pages()


@pytest.mark.parametrize(("name", "html", "url"), FIXTURE_PAGES,
                         ids=[p[0] for p in FIXTURE_PAGES])
def test_metadata_agrees_with_trafilatura(name: str, html: str, url: str) -> None:
    """Leaves out what newsmon does not keep, nothing it does."""
    full = traf_metadata.extract_metadata(lxml_html.fromstring(html), url, dict(DATE_PARAMS))
    trimmed = document_metadata(lxml_html.fromstring(html), url)
    for key in ("title", "author", "date", "description"):
        assert getattr(trimmed, key) == getattr(full, key), key
    assert trimmed.sitename in (full.sitename, None)  # None where trafilatura used the host
    assert trimmed.title
