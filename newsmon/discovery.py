"""Finding article links in feeds, sitemaps and section pages.

Pure functions of bytes in, links out, run in the worker pool: parsing a large feed or
sitemap is CPU work that must not stall the reactor, and a hostile feed that makes a parser
spin then costs a worker, not the crawl.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from io import BytesIO
from typing import Any
from urllib.parse import urljoin, urlsplit

from newsmon.urls import canonicalize


@dataclass
class Link:
    """An article URL as discovery found it, with what the listing said about it."""

    url: str
    title: str | None = None
    published: str | None = None
    language: str | None = None
    authors: list[str] = field(default_factory=list)
    site_name: str | None = None

    def hints(self) -> dict[str, Any]:
        return {k: v for k, v in (("title", self.title), ("published", self.published),
                                  ("language", self.language), ("authors", self.authors),
                                  ("site_name", self.site_name)) if v}


@dataclass
class Discovery:
    """What one listing yielded: article links, further listings to read, or an error."""

    links: list[Link] = field(default_factory=list)
    listings: list[str] = field(default_factory=list)
    error: str | None = None
    kind: str = ""


def _iso(struct: Any) -> str | None:
    if not struct:
        return None
    try:
        return datetime.fromtimestamp(calendar.timegm(struct), UTC).isoformat()
    except (TypeError, ValueError, OverflowError):
        return None


MAX_AUTHOR_CHARS = 512  # longer author strings are truncated before feedparser's e-mail regex


def _strip_doctype(data: bytes) -> tuple[str | None, bytes, dict[str, str]]:
    """feedparser's `replace_doctype`, minus every entity declaration.

    feedparser keeps internal entities it deems safe (no nested references) and expands them
    in both of its parsers, so one 50 KB entity referenced 50 000 times (the quadratic
    blow-up) costs minutes and gigabytes. Feeds have no business declaring entities: the
    internal subset is cut out whole (quoted strings and comments skipped, so a "]>" inside an
    entity value cannot end it early), and the loose parser gets no entities.
    """
    start = data.find(b"<!DOCTYPE")
    if start < 0:
        return None, data, {}
    end, i, n = None, start + 9, len(data)
    in_subset = False
    while i < n:
        c = data[i:i + 1]
        if c in (b'"', b"'"):
            close = data.find(c, i + 1)
            i = n if close < 0 else close + 1
            continue
        if data.startswith(b"<!--", i):
            close = data.find(b"-->", i + 4)
            i = n if close < 0 else close + 3
            continue
        if c == b"[" and not in_subset:
            in_subset = True
        elif c == b"]" and in_subset:
            in_subset = False
        elif c == b">" and not in_subset:
            end = i + 1
            break
        i += 1
    doctype = data[start:end or n]
    version = "rss091n" if b"netscape" in doctype.lower() else None
    return version, data[:start] + (data[end:] if end is not None else b""), {}


def _bounded_author(original: Any) -> Any:
    """feedparser's author/e-mail split runs a backtracking regex that is quadratic in the
    author's length ("a@" + "a." * 32000 takes seconds); an author is never that long."""

    def sync_author_detail(self: Any, key: str = "author") -> Any:
        context = self._get_context()
        value = context.get(key)
        if isinstance(value, str) and len(value) > MAX_AUTHOR_CHARS:
            context[key] = value[:MAX_AUTHOR_CHARS]
        return original(self, key)

    sync_author_detail.newsmon_bounded = True  # type: ignore[attr-defined]
    return sync_author_detail


def _harden_feedparser() -> None:
    """Patch the two feedparser paths a hostile feed can make explode (once per process)."""
    import feedparser.api
    import feedparser.mixin

    feedparser.api.replace_doctype = _strip_doctype
    mixin = feedparser.mixin._FeedParserMixin
    if not getattr(mixin._sync_author_detail, "newsmon_bounded", False):
        mixin._sync_author_detail = _bounded_author(mixin._sync_author_detail)


def parse_feed(body: bytes, url: str, content_type: str | None = None) -> Discovery:
    """RSS 0.9x/1.0/2.0 and Atom through feedparser; bytes in, so it never fetches anything."""
    import feedparser

    _harden_feedparser()
    headers = {"content-location": url}
    if content_type:
        headers["content-type"] = content_type
    try:
        parsed = feedparser.parse(BytesIO(body), response_headers=headers,
                                  resolve_relative_uris=False, sanitize_html=False)
    except Exception as exc:  # feedparser's loose parser raises on e.g. "&#x110000;"
        return Discovery(error=f"not a valid feed: {type(exc).__name__}: {exc}")
    version = parsed.get("version") or ""
    if not parsed.entries:
        harmless = ("NonXMLContentType", "CharacterEncodingOverride")
        exc_name = type(parsed.get("bozo_exception")).__name__
        if parsed.get("bozo") and not (version and exc_name in harmless):
            exc = parsed.get("bozo_exception")
            return Discovery(error=f"not a valid feed: {exc}", kind=version)
        if not version:
            return Discovery(error="not a feed (no RSS or Atom structure found)")
        return Discovery(kind=version)
    language = _lang(parsed.feed.get("language"))
    links: list[Link] = []
    for entry in parsed.entries:
        href = entry.get("link") or _first_alternate(entry)
        target = canonicalize(href, url) if href else None
        if not target:
            continue
        authors = [a.get("name") for a in entry.get("authors", []) if a.get("name")]
        links.append(Link(
            url=target,
            title=(entry.get("title") or "").strip() or None,
            published=_iso(entry.get("published_parsed") or entry.get("updated_parsed")),
            language=language,
            authors=authors,
        ))
    return Discovery(links=links, kind=version)


def _first_alternate(entry: Any) -> str | None:
    for link in entry.get("links", []):
        if link.get("rel", "alternate") == "alternate" and link.get("href"):
            return link["href"]
    return None


def _lang(value: str | None) -> str | None:
    if not value:
        return None
    m = re.match(r"\s*([A-Za-z]{2,3})\b", value)
    return m.group(1).lower() if m else None


def parse_sitemap(body: bytes, url: str) -> Discovery:
    """Sitemaps, sitemap indexes and Google-News sitemaps.

    Written here rather than with scrapy.utils.sitemap because that keeps only the direct
    children of <url>, dropping the <news:news> block (title, date, language) we want.
    Entities are never resolved and the network is never touched (XXE, billion laughs).
    """
    from lxml import etree

    if body[:2] == b"\x1f\x8b":
        return Discovery(error="compressed sitemap body was not decompressed")
    parser = etree.XMLParser(resolve_entities=False, no_network=True, recover=True,
                             remove_comments=True, remove_pis=True, huge_tree=False)
    try:
        root = etree.fromstring(body, parser)
    except etree.XMLSyntaxError as exc:
        return Discovery(error=f"not a valid sitemap: {exc}")
    if root is None:
        return Discovery(error="not a valid sitemap: empty document")
    if not isinstance(root.tag, str):
        return Discovery(error="not a valid sitemap: no root element")
    kind = root.tag.rsplit("}", 1)[-1].rsplit(":", 1)[-1]  # recover=True keeps "news:news"
    if kind == "sitemapindex":
        listings = []
        entries = []
        for sm in root:
            if not isinstance(sm.tag, str):
                continue
            loc = _child_text(sm, "loc")
            target = canonicalize(loc, url) if loc else None
            if target:
                entries.append((_child_text(sm, "lastmod") or "", target))
        entries.sort(reverse=True)  # newest children first: they hold the news
        listings = [t for _, t in entries]
        return Discovery(listings=listings, kind=kind)
    if kind != "urlset":
        return Discovery(error=f"not a sitemap (root element <{kind}>)")
    links = []
    for u in root:
        if not isinstance(u.tag, str):
            continue
        loc = _child_text(u, "loc")
        target = canonicalize(loc, url) if loc else None
        if not target:
            continue
        news = _child(u, "news")
        title = published = language = site_name = None
        if news is not None:
            title = _child_text(news, "title")
            published = _child_text(news, "publication_date")
            pub = _child(news, "publication")
            if pub is not None:
                language = _lang(_child_text(pub, "language"))
                site_name = _child_text(pub, "name")
        links.append(Link(url=target, title=title, published=published or _child_text(u, "lastmod"),
                          language=language, site_name=site_name))
    return Discovery(links=links, kind="news-sitemap" if any(lk.title for lk in links) else kind)


def _child(elem: Any, name: str) -> Any:
    for c in elem:
        if isinstance(c.tag, str) and c.tag.rsplit("}", 1)[-1] == name:
            return c
    return None


def _child_text(elem: Any, name: str) -> str | None:
    c = _child(elem, name)
    if c is None or c.text is None:
        return None
    return c.text.strip() or None


def sitemaps_from_robots(text: str, url: str) -> list[str]:
    """`Sitemap:` lines of a robots.txt.

    Read line by line here: scrapy.utils.sitemap.sitemap_urls_from_robots raises on the
    first malformed URL and so loses every other line.
    """
    out = []
    for line in text.splitlines():
        key, sep, value = line.partition(":")
        if not sep or key.strip().lower() != "sitemap":
            continue
        c = canonicalize(value.split("#", 1)[0].strip(), url)
        if c and c not in out:
            out.append(c)
    return out


# Section pages -------------------------------------------------------------------------

_CHROME_WORDS = {
    "nav", "navbar", "navigation", "menu", "footer", "sidebar", "aside", "breadcrumb",
    "breadcrumbs", "cookie", "cookies", "consent", "newsletter", "social", "share", "tags",
    "pagination", "pager", "comments", "comment", "ad", "ads", "advert", "advertisement", "promo",
}


def _is_chrome_marker(node: Any) -> bool:
    """Class/id/role tokens naming page chrome. Whole tokens and their parts split on "-"/"_",
    but not WordPress's per-post classes ("tag-glaciers", "category-ai") on a teaser."""
    tokens = f"{node.get('class') or ''} {node.get('id') or ''} {node.get('role') or ''}".split()
    for token in tokens:
        low = token.lower()
        if low.startswith(("tag-", "category-", "post-", "type-", "format-", "status-")):
            continue
        if low in _CHROME_WORDS or any(p in _CHROME_WORDS for p in re.split(r"[-_]", low)):
            return True
    return False
_NOT_ARTICLE_PATH = re.compile(
    r"/(?:tags?|category|categories|categorie|rubrique|themen?|author|authors|auteur|autor"
    r"|page|seite|search|suche|recherche|login|signin|register|subscribe|abonnement|abo"
    r"|newsletter|about|contact|kontakt|impressum|privacy|datenschutz|terms|cgu"
    r"|mentions-legales|cookies?|feed|rss|video|videos|podcasts?|live|shop|jobs?|events?)(?:/|$)",
    re.IGNORECASE,
)
_DATE_IN_PATH = re.compile(r"/20\d\d/(?:[01]?\d/)?(?:[0-3]?\d/)?|/20\d\d-[01]\d-[0-3]\d")
_PAGINATION = re.compile(r"(?:/page/\d+/?$|/seite/\d+/?$|[?&]page=\d+)", re.IGNORECASE)
_FILE_EXT = re.compile(r"\.(?:jpe?g|png|gif|webp|svg|pdf|zip|mp[34]|css|js|xml|json)$", re.I)


def article_score(url: str, anchor_text: str) -> int:
    """How much a link looks like an article: dated path, long slug, numeric id, headline."""
    path = urlsplit(url).path
    if _NOT_ARTICLE_PATH.search(path) or _FILE_EXT.search(path) or path.strip("/") == "":
        return 0
    score = 0
    if _DATE_IN_PATH.search(path):
        score += 2
    last = [seg for seg in path.split("/") if seg][-1]
    if last.count("-") >= 3:
        score += 2
    if re.search(r"\d{5,}", last) or last.endswith((".html", ".htm", ".php")):
        score += 1
    if len(anchor_text.split()) >= 4:
        score += 1
    if path.count("/") >= 2:
        score += 1
    return score


def section_links(html: str, url: str, follow: str | None = None,
                  max_articles: int = 200) -> Discovery:
    """Article links of a section page, and its pagination links for deeper passes.

    Links inside navigation, footers, sidebars, cookie and comment blocks are ignored; only
    links on the page's own site count. With `follow` (a regex), exactly the links it
    matches are articles.
    """
    from lxml import html as lxml_html

    try:
        tree = lxml_html.fromstring(html)
    except (ValueError, lxml_html.etree.ParserError) as exc:
        return Discovery(error=f"unparsable section page: {exc}")
    base = tree.xpath("//base/@href")
    base_url = urljoin(url, base[0]) if base else url
    host = _site(url)
    pattern = re.compile(follow) if follow else None
    seen: set[str] = set()
    links: list[Link] = []
    listings: list[str] = []
    for a in tree.iter("a"):
        href = a.get("href")
        if not href or href.startswith(("#", "javascript:", "mailto:", "tel:")):
            continue
        target = canonicalize(href, base_url)
        if not target or target in seen or _site(target) != host:
            continue
        text = " ".join(a.text_content().split())
        if _PAGINATION.search(target) or "next" in (a.get("rel") or "").split():
            seen.add(target)
            listings.append(target)
            continue
        if pattern is not None:
            is_article = bool(pattern.search(target))
        else:  # the same story may be linked from the menu first: judge each link on its own
            is_article = not _in_chrome(a) and article_score(target, text) >= 3
        if not is_article:
            continue
        seen.add(target)
        links.append(Link(url=target, title=text or None))
        if len(links) >= max_articles:
            break
    return Discovery(links=links, listings=listings, kind="section")


def _site(url: str) -> str:
    host = (urlsplit(url).hostname or "").lower()
    return host[4:] if host.startswith("www.") else host


def _in_chrome(elem: Any) -> bool:
    """Is a link inside navigation, footer, sidebar, cookie or comment blocks?

    A <header> counts only outside an <article> (teasers put headlines in one).
    """
    ancestors = list(elem.iterancestors())
    in_article = any(a.tag == "article" for a in ancestors)
    for node in ancestors:
        tag = node.tag if isinstance(node.tag, str) else ""
        if tag in ("nav", "footer", "aside") or (tag == "header" and not in_article):
            return True
        if tag != "article" and _is_chrome_marker(node):
            return True
        if tag in ("main", "body"):
            return False
    return False
