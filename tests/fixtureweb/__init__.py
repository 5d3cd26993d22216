"""A fake news web on loopback for newsmon's end-to-end crawl tests.

Five sites (English, French, German; RSS, Atom, Google-News sitemap, section page; UTF-8 and
ISO-8859-1) with realistic boilerplate and hostile cases, plus the expected crawl results.
Nothing here touches the internet: servers bind only to 127.x.x.x.
"""

from __future__ import annotations

from .content import ARTICLES, SITES, Article, ExpectedArticle, SiteInfo
from .server import FixtureWeb, RequestRecord

__all__ = [
    "ARTICLES",
    "SITES",
    "Article",
    "ExpectedArticle",
    "FixtureWeb",
    "RequestRecord",
    "SiteInfo",
]
