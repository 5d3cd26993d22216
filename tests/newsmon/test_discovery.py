"""newsmon/discovery.py: article links from feeds, sitemaps, robots.txt and section pages.
Every document is written here; nothing is fetched."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsmon.discovery import (
    Discovery,
    Link,
    article_score,
    parse_feed,
    parse_sitemap,
    section_links,
    sitemaps_from_robots,
)

FEED_URL = "https://news.example.org/feeds/all.xml"

# --- feeds ---------------------------------------------------------------------------------

RSS2 = b"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel>
  <title>Harbour Gazette</title>
  <link>https://news.example.org/</link>
  <language>en-GB</language>
  <item>
    <title>  Port authority approves new ferry terminal </title>
    <link>/2026/11/18/ferry-terminal-approved/?utm_source=rss&amp;utm_medium=feed</link>
    <pubDate>Wed, 18 Nov 2026 09:30:00 +0100</pubDate>
    <dc:creator>Jane Doe</dc:creator>
  </item>
  <item>
    <title>Fishing quotas cut again</title>
    <link>https://news.example.org/2026/11/17/fishing-quotas/?id=3&amp;fbclid=abc#comments</link>
    <pubDate>Tue, 17 Nov 2026 18:00:00 GMT</pubDate>
    <author>desk@news.example.org (Ann Smith)</author>
  </item>
  <item>
    <title>An item without a link is skipped</title>
  </item>
  <item>
    <title>A mailto link is skipped</title>
    <link>mailto:desk@news.example.org</link>
  </item>
</channel>
</rss>"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="de-DE">
  <title>Technik Blog</title>
  <id>urn:uuid:feed</id>
  <updated>2026-11-18T10:00:00Z</updated>
  <entry>
    <title>Neuer Prozessor vorgestellt</title>
    <id>urn:uuid:1</id>
    <link rel="enclosure" href="https://blog.example.de/bilder/chip.jpg"/>
    <link rel="alternate" type="text/html"
          href="https://blog.example.de/artikel/neuer-prozessor-1234.html?utm_campaign=x"/>
    <published>2026-11-18T08:00:00+02:00</published>
    <updated>2026-11-18T10:00:00+02:00</updated>
    <author><name>Hans Müller</name></author>
    <author><name>Eva Schmidt</name></author>
  </entry>
  <entry>
    <title>Nur aktualisiert</title>
    <id>urn:uuid:2</id>
    <link href="/artikel/nur-aktualisiert"/>
    <updated>2026-11-17T12:00:00Z</updated>
  </entry>
</feed>""".encode()

RDF = """<?xml version="1.0" encoding="utf-8"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"
         xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
  <channel rdf:about="https://rdf.example.net/">
    <title>Le Veilleur</title>
    <link>https://rdf.example.net/</link>
    <dc:language>fr</dc:language>
    <items><rdf:Seq><rdf:li resource="https://rdf.example.net/2026/11/18/la-greve-continue"/>
    </rdf:Seq></items>
  </channel>
  <item rdf:about="https://rdf.example.net/2026/11/18/la-greve-continue">
    <title>La grève continue à la SNCF</title>
    <link>https://rdf.example.net/2026/11/18/la-greve-continue?xtor=RSS-1&amp;utm_source=rdf</link>
    <dc:date>2026-11-18T07:15:00+01:00</dc:date>
    <dc:creator>Marie Dupont</dc:creator>
  </item>
</rdf:RDF>""".encode()

LATIN1_RSS = """<?xml version="1.0" encoding="ISO-8859-1"?>
<rss version="2.0"><channel><title>Le Café du Port</title><language>fr-FR</language>
<item><title>Un café pour Müller à l'été</title>
<link>https://latin.example.com/2026/11/cafe-muller</link></item>
</channel></rss>""".encode("latin-1")


def test_rss2() -> None:
    d = parse_feed(RSS2, FEED_URL, "application/rss+xml")
    assert d.error is None
    assert d.kind == "rss20"
    assert d.listings == []
    assert d.links == [
        Link(url="https://news.example.org/2026/11/18/ferry-terminal-approved/",
             title="Port authority approves new ferry terminal",
             published="2026-11-18T08:30:00+00:00", language="en", authors=["Jane Doe"]),
        Link(url="https://news.example.org/2026/11/17/fishing-quotas/?id=3",
             title="Fishing quotas cut again",
             published="2026-11-17T18:00:00+00:00", language="en", authors=["Ann Smith"]),
    ]


def test_atom() -> None:
    d = parse_feed(ATOM, "https://blog.example.de/feed.atom", "application/atom+xml")
    assert d.error is None
    assert d.kind == "atom10"
    first, second = d.links
    assert first == Link(url="https://blog.example.de/artikel/neuer-prozessor-1234.html",
                         title="Neuer Prozessor vorgestellt",
                         published="2026-11-18T06:00:00+00:00", language="de",
                         authors=["Hans Müller", "Eva Schmidt"])
    assert second.url == "https://blog.example.de/artikel/nur-aktualisiert"
    assert second.published == "2026-11-17T12:00:00+00:00"  # falls back to <updated>
    assert second.authors == []


def test_rss1_rdf() -> None:
    d = parse_feed(RDF, "https://rdf.example.net/index.rdf")
    assert d.error is None
    assert d.kind == "rss10"
    assert d.links == [
        Link(url="https://rdf.example.net/2026/11/18/la-greve-continue",  # xtor, utm_ stripped
             title="La grève continue à la SNCF", published="2026-11-18T06:15:00+00:00",
             language="fr", authors=["Marie Dupont"]),
    ]


@pytest.mark.parametrize("content_type", [None, "application/rss+xml", "text/xml"])
def test_iso_8859_1_feed_is_decoded(content_type: str | None) -> None:
    d = parse_feed(LATIN1_RSS, "https://latin.example.com/rss", content_type)
    assert d.error is None
    [link] = d.links
    assert link.title == "Un café pour Müller à l'été"
    assert link.language == "fr"


def test_hints_drop_empty_values() -> None:
    d = parse_feed(RSS2, FEED_URL, "application/rss+xml")
    assert d.links[0].hints() == {"title": "Port authority approves new ferry terminal",
                                  "published": "2026-11-18T08:30:00+00:00", "language": "en",
                                  "authors": ["Jane Doe"]}
    assert Link(url="https://x.example/").hints() == {}


@pytest.mark.parametrize(
    "body",
    [
        b"<!doctype html><html><head><title>Home</title></head><body><p>Hello</p></body></html>",
        b"\x00\xff\xfe garbage <<< >>>",
        b"",
        b"{\"items\": []}",
        b"<?xml version='1.0'?><note><to>x</to></note>",
    ],
)
@pytest.mark.parametrize("content_type", [None, "text/html", "application/rss+xml"])
def test_non_feed_body_sets_error(body: bytes, content_type: str | None) -> None:
    d = parse_feed(body, FEED_URL, content_type)
    assert isinstance(d, Discovery)
    assert d.error
    assert d.links == []


def test_empty_feed_with_xml_content_type_is_not_an_error() -> None:
    body = b'<?xml version="1.0"?><rss version="2.0"><channel><title>x</title></channel></rss>'
    d = parse_feed(body, FEED_URL, "application/rss+xml")
    assert d.error is None
    assert d.kind == "rss20"
    assert d.links == []


@pytest.mark.parametrize("content_type", [None, "text/html"])
def test_empty_feed_without_xml_content_type_is_not_an_error(content_type: str | None) -> None:
    body = b'<?xml version="1.0"?><rss version="2.0"><channel><title>x</title></channel></rss>'
    d = parse_feed(body, FEED_URL, content_type)
    assert d.error is None
    assert d.kind == "rss20"


def test_feed_never_fetches_external_entities(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-FEED-MARKER", encoding="utf-8")
    body = f"""<?xml version="1.0"?>
<!DOCTYPE rss [<!ENTITY xxe SYSTEM "{secret.as_uri()}">]>
<rss version="2.0"><channel><title>t</title>
<item><title>&xxe;</title><link>https://news.example.org/a/&xxe;</link></item>
</channel></rss>""".encode()
    d = parse_feed(body, FEED_URL, "application/rss+xml")
    assert "TOP-SECRET-FEED-MARKER" not in repr(d)


# --- sitemaps ------------------------------------------------------------------------------

SITEMAP_URL = "https://www.example.com/sitemap.xml"

URLSET = b"""<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
  <url><loc>https://www.example.com/2026/11/18/bridge-reopens/</loc><lastmod>2026-11-18</lastmod></url>
  <url><loc>
     https://www.example.com/2026/11/17/budget-vote?utm_source=sitemap
  </loc></url>
  <!-- a comment between entries -->
  <url><loc>/2026/11/16/relative-entry</loc></url>
  <url><loc>mailto:webmaster@example.com</loc></url>
  <url><lastmod>2026-01-01</lastmod></url>
</urlset>"""

INDEX = b"""<?xml version="1.0" encoding="UTF-8"?>
<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
  <sitemap><loc>https://www.example.com/sitemaps/2026-09.xml</loc><lastmod>2026-09-30T12:00:00Z</lastmod></sitemap>
  <sitemap><loc>https://www.example.com/sitemaps/static.xml</loc></sitemap>
  <sitemap><loc>https://www.example.com/sitemaps/2026-11.xml</loc><lastmod>2026-11-18T06:00:00Z</lastmod></sitemap>
  <sitemap><loc>https://www.example.com/sitemaps/2026-10.xml</loc><lastmod>2026-10-31T23:00:00Z</lastmod></sitemap>
</sitemapindex>"""

NEWS_SITEMAP = """<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"
        xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
  <url>
    <loc>https://www.example.fr/economie/2026/11/18/la-bourse-recule_6123456_3234.html</loc>
    <news:news>
      <news:publication><news:name>Le Quotidien</news:name><news:language>fr</news:language></news:publication>
      <news:publication_date>2026-11-18T08:00:00+01:00</news:publication_date>
      <news:title>La Bourse recule après l'annonce de la banque centrale</news:title>
    </news:news>
  </url>
  <url>
    <loc>https://www.example.fr/sport/2026/11/18/le-match-est-reporte_6123457_3242.html</loc>
    <news:news>
      <news:publication><news:name>Le Quotidien</news:name><news:language>fr-FR</news:language></news:publication>
      <news:publication_date>2026-11-18</news:publication_date>
      <news:title>Le match est reporté</news:title>
    </news:news>
  </url>
</urlset>""".encode()


def test_urlset() -> None:
    d = parse_sitemap(URLSET, SITEMAP_URL)
    assert d.error is None
    assert d.kind == "urlset"
    assert d.listings == []
    assert [(lk.url, lk.published) for lk in d.links] == [
        ("https://www.example.com/2026/11/18/bridge-reopens/", "2026-11-18"),
        ("https://www.example.com/2026/11/17/budget-vote", None),
        ("https://www.example.com/2026/11/16/relative-entry", None),
    ]
    assert all(lk.title is None for lk in d.links)


def test_sitemap_index_lists_newest_children_first() -> None:
    d = parse_sitemap(INDEX, SITEMAP_URL)
    assert d.error is None
    assert d.kind == "sitemapindex"
    assert d.links == []
    assert d.listings == [
        "https://www.example.com/sitemaps/2026-11.xml",
        "https://www.example.com/sitemaps/2026-10.xml",
        "https://www.example.com/sitemaps/2026-09.xml",
        "https://www.example.com/sitemaps/static.xml",  # no lastmod: last
    ]


def test_google_news_sitemap() -> None:
    d = parse_sitemap(NEWS_SITEMAP, "https://www.example.fr/sitemap_news.xml")
    assert d.error is None
    assert d.kind == "news-sitemap"
    assert d.links == [
        Link(url="https://www.example.fr/economie/2026/11/18/la-bourse-recule_6123456_3234.html",
             title="La Bourse recule après l'annonce de la banque centrale",
             published="2026-11-18T08:00:00+01:00", language="fr", site_name="Le Quotidien"),
        Link(url="https://www.example.fr/sport/2026/11/18/le-match-est-reporte_6123457_3242.html",
             title="Le match est reporté", published="2026-11-18", language="fr",
             site_name="Le Quotidien"),
    ]


def _xxe_targets(tmp_path: Path) -> list[tuple[str, list[str]]]:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-SITEMAP-MARKER\n", encoding="utf-8")
    targets = [(secret.as_uri(), ["TOP-SECRET-SITEMAP-MARKER"])]
    passwd = Path("/etc/passwd")
    if passwd.is_file():
        lines = [ln for ln in passwd.read_text("utf-8", "replace").splitlines() if ":" in ln]
        targets.append(("file:///etc/passwd", [*lines[:5], "root:"]))
    return targets


def test_xxe_sitemap_does_not_read_files(tmp_path: Path) -> None:
    for target, forbidden in _xxe_targets(tmp_path):
        body = f"""<?xml version="1.0"?>
<!DOCTYPE urlset [<!ENTITY xxe SYSTEM "{target}">]>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
  <url><loc>https://www.example.com/leak/&xxe;</loc><lastmod>&xxe;</lastmod></url>
  <url><loc>https://www.example.com/2026/11/18/a-real-story/</loc></url>
</urlset>""".encode()
        d = parse_sitemap(body, SITEMAP_URL)
        dump = repr(d)
        for text in forbidden:
            assert text not in dump, target
        assert "https://www.example.com/2026/11/18/a-real-story/" in [lk.url for lk in d.links]


def test_xxe_sitemap_index_does_not_read_files(tmp_path: Path) -> None:
    for target, forbidden in _xxe_targets(tmp_path):
        body = f"""<?xml version="1.0"?>
<!DOCTYPE sitemapindex [<!ENTITY xxe SYSTEM "{target}">]>
<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
  <sitemap><loc>https://www.example.com/s/&xxe;.xml</loc><lastmod>&xxe;</lastmod></sitemap>
</sitemapindex>""".encode()
        dump = repr(parse_sitemap(body, SITEMAP_URL))
        for text in forbidden:
            assert text not in dump, target


def test_billion_laughs_is_not_expanded() -> None:
    entities = ['<!ENTITY lol0 "lollollollollollollollollollol">']
    for i in range(1, 10):
        entities.append(f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">')
    body = f"""<?xml version="1.0"?>
<!DOCTYPE urlset [{"".join(entities)}]>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
  <url><loc>https://www.example.com/&lol9;</loc><lastmod>&lol9;</lastmod></url>
  <url><loc>https://www.example.com/2026/11/18/fine/</loc></url>
</urlset>""".encode()
    start = time.perf_counter()
    d = parse_sitemap(body, SITEMAP_URL)
    elapsed = time.perf_counter() - start
    assert elapsed < 2.0
    dump = repr(d)
    assert "lollollol" not in dump
    assert len(dump) < 2000
    assert len(d.links) <= 2  # libxml2 may stop at the bomb; it must not blow up


@pytest.mark.parametrize(
    ("body", "error"),
    [
        (b'<rss version="2.0"><channel/></rss>', "root element <rss>"),
        (b"<html><body>Not found</body></html>", "root element <html>"),
        (b"", "not a valid sitemap"),
        (b"\x00\x01\x02 binary", "not a valid sitemap"),
        (b"\x1f\x8b\x08\x00\x00\x00", "compressed"),
    ],
)
def test_non_sitemap_sets_error(body: bytes, error: str) -> None:
    d = parse_sitemap(body, SITEMAP_URL)
    assert d.error and error in d.error
    assert d.links == [] and d.listings == []


def test_sitemap_with_malformed_loc_does_not_raise() -> None:
    body = (b'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
            b"<url><loc>http://[::1</loc></url>"
            b"<url><loc>https://www.example.com/2026/11/18/ok/</loc></url></urlset>")
    d = parse_sitemap(body, SITEMAP_URL)
    assert [lk.url for lk in d.links] == ["https://www.example.com/2026/11/18/ok/"]


# --- robots.txt ----------------------------------------------------------------------------

def test_sitemaps_from_robots() -> None:
    robots = """User-agent: *
Disallow: /admin/
Sitemap: https://www.example.com/sitemap_index.xml
sitemap: /news-sitemap.xml?utm_source=robots
SITEMAP:   https://www.example.com/sitemap_index.xml
Sitemap: ftp://www.example.com/old.xml
# Sitemap: https://www.example.com/commented-out.xml
"""
    assert sitemaps_from_robots(robots, "https://www.example.com/robots.txt") == [
        "https://www.example.com/sitemap_index.xml",
        "https://www.example.com/news-sitemap.xml",
    ]


@pytest.mark.parametrize("robots", ["", "User-agent: *\nDisallow: /\n", "garbage\x00\n"])
def test_robots_without_sitemaps(robots: str) -> None:
    assert sitemaps_from_robots(robots, "https://www.example.com/robots.txt") == []


def test_robots_with_malformed_sitemap_line() -> None:
    robots = "Sitemap: http://[::1\nSitemap: https://www.example.com/sitemap.xml\n"
    assert sitemaps_from_robots(robots, "https://www.example.com/robots.txt") == [
        "https://www.example.com/sitemap.xml"]


# --- section pages -------------------------------------------------------------------------

SECTION_URL = "https://www.northern-courier.example/climate/"
SECTION = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Climate | Northern Courier</title></head>
<body>
<div id="cookie-consent">
  <p>We use cookies to make this site work.</p>
  <a href="/help/how-we-use-cookies-and-how-to-manage-them">How we use cookies and how to manage them</a>
</div>
<header class="site-header">
  <a href="/">Northern Courier</a>
  <ul class="menu">
    <li><a href="/climate/">Climate</a></li>
    <li><a href="/2026/11/18/menu-special-everything-about-the-storm/">Storm special: everything you need to know</a></li>
  </ul>
</header>
<nav class="main-nav">
  <a href="/politics/">Politics</a>
  <a href="/2026/11/17/nav-pinned-budget-talks-live-coverage/">Budget talks: the full story so far</a>
</nav>
<main>
  <h1>Climate</h1>
  <section class="teasers">
    <article class="teaser">
      <header><h2><a href="/2026/11/18/glacier-retreat-accelerates-in-the-alps/?utm_source=section">Glacier retreat accelerates in the Alps, survey finds</a></h2></header>
      <p>Survey teams measured record losses this summer.</p>
      <p class="meta"><a href="/author/jane-doe/">Jane Doe</a>
        <a href="/tag/glaciers-and-ice-sheets-around-the-world/">Glaciers and ice sheets around the world</a></p>
    </article>
    <article class="teaser">
      <header><h2><a href="https://northern-courier.example/2026/11/17/heat-pump-sales-double-across-the-region/">Heat pump sales double across the region as subsidies rise</a></h2></header>
      <a href="/category/energy/">Energy</a>
    </article>
  </section>
  <ul class="latest">
    <li><a href="/climate/river-levels-fall-to-lowest-on-record-4711234">River levels fall to lowest on record</a></li>
    <li><a href="/climate/new-wind-farm-approved-offshore.html">New wind farm approved offshore near the coast</a></li>
    <li><a href="https://other-paper.example/2026/11/18/rival-outlet-story-about-climate/">A rival outlet's long story about the climate</a></li>
    <li><a href="mailto:desk@northern-courier.example">Email the climate desk</a></li>
    <li><a href="#top">Back to the top of this page</a></li>
    <li><a href="/images/chart-2026-11-18-regional-emissions.png">Chart of regional emissions this year</a></li>
    <li><a href="/climate/rss">Subscribe to the climate section feed</a></li>
  </ul>
  <div class="pagination">
    <a href="/climate/page/2/">2</a>
    <a rel="next" href="/climate/?page=3">Next page</a>
  </div>
</main>
<aside class="sidebar">
  <a href="/2026/11/10/sidebar-most-read-floods-in-the-valley/">Most read: floods in the valley last week</a>
</aside>
<footer>
  <a href="/about/">About us</a>
  <a href="/2026/01/01/footer-new-year-message-to-our-readers/">Our new year message to all readers</a>
</footer>
</body></html>"""

ARTICLES = [
    "https://www.northern-courier.example/2026/11/18/glacier-retreat-accelerates-in-the-alps/",
    "https://northern-courier.example/2026/11/17/heat-pump-sales-double-across-the-region/",
    "https://www.northern-courier.example/climate/river-levels-fall-to-lowest-on-record-4711234",
    "https://www.northern-courier.example/climate/new-wind-farm-approved-offshore.html",
]


def test_section_page_yields_exactly_the_article_links() -> None:
    d = section_links(SECTION, SECTION_URL)
    assert d.error is None
    assert d.kind == "section"
    assert [lk.url for lk in d.links] == ARTICLES
    assert d.links[0].title == "Glacier retreat accelerates in the Alps, survey finds"
    assert d.links[2].title == "River levels fall to lowest on record"


def test_section_page_pagination_goes_to_listings() -> None:
    d = section_links(SECTION, SECTION_URL)
    assert d.listings == [
        "https://www.northern-courier.example/climate/page/2/",
        "https://www.northern-courier.example/climate/?page=3",
    ]


def test_follow_regex_overrides_the_heuristics() -> None:
    d = section_links(SECTION, SECTION_URL, follow=r"/climate/[a-z]")
    assert [lk.url for lk in d.links] == [
        "https://www.northern-courier.example/climate/river-levels-fall-to-lowest-on-record-4711234",
        "https://www.northern-courier.example/climate/new-wind-farm-approved-offshore.html",
        "https://www.northern-courier.example/climate/rss",  # matched, so taken as asked
    ]
    assert len(d.listings) == 2  # pagination still found


def test_follow_regex_can_take_links_the_heuristics_refuse() -> None:
    d = section_links(SECTION, SECTION_URL, follow=r"/2026/11/1[78]/(menu|nav)-")
    assert [lk.url for lk in d.links] == [
        "https://www.northern-courier.example/2026/11/18/menu-special-everything-about-the-storm/",
        "https://www.northern-courier.example/2026/11/17/nav-pinned-budget-talks-live-coverage/",
    ]


def test_base_href_is_honoured() -> None:
    html = """<html><head><base href="https://www.northern-courier.example/archive/"></head>
<body><main><a href="2026/11/18/an-archived-story-about-the-coast/">An archived story about the coast</a>
</main></body></html>"""
    d = section_links(html, SECTION_URL)
    assert [lk.url for lk in d.links] == [
        "https://www.northern-courier.example/archive/2026/11/18/an-archived-story-about-the-coast/"]


def test_max_articles_caps_the_links() -> None:
    items = "".join(f'<li><a href="/climate/story-number-{i}-about-the-weather">Weather story '
                    f"number {i} today</a></li>" for i in range(30))
    d = section_links(f"<html><body><main><ul>{items}</ul></main></body></html>", SECTION_URL,
                      max_articles=10)
    assert len(d.links) == 10


def test_duplicate_links_count_once() -> None:
    link = ('<a href="/2026/11/18/glacier-retreat-accelerates-in-the-alps/">Glacier retreat '
            "accelerates in the Alps</a>")
    d = section_links(f"<html><body><main>{link}<p>{link}</p></main></body></html>", SECTION_URL)
    assert len(d.links) == 1


@pytest.mark.parametrize("html", ["", "   "])
def test_empty_section_page_is_an_error(html: str) -> None:
    d = section_links(html, SECTION_URL)
    assert d.error
    assert d.links == []


def test_story_also_linked_from_the_nav_is_found_in_main() -> None:
    link = ('<a href="/2026/11/18/glacier-retreat-accelerates-in-the-alps/">Glacier retreat '
            "accelerates in the Alps, survey finds</a>")
    html = f"<html><body><nav>{link}</nav><main><article><h2>{link}</h2></article></main></body></html>"
    d = section_links(html, SECTION_URL)
    assert [lk.url for lk in d.links] == [ARTICLES[0]]


def test_wordpress_teaser_classes_are_not_chrome() -> None:
    html = """<html><body><main>
<article class="post-123 post type-post status-publish format-standard hentry category-climate tag-glaciers">
<h2><a href="/2026/11/18/glacier-retreat-accelerates-in-the-alps/">Glacier retreat accelerates in the Alps</a></h2>
</article></main></body></html>"""
    d = section_links(html, SECTION_URL)
    assert [lk.url for lk in d.links] == [ARTICLES[0]]


def test_max_articles_caps_follow_links_too() -> None:
    items = "".join(f'<li><a href="/climate/story-number-{i}">Story {i}</a></li>'
                    for i in range(30))
    d = section_links(f"<html><body><main><ul>{items}</ul></main></body></html>", SECTION_URL,
                      follow=r"/story-number-", max_articles=10)
    assert len(d.links) == 10


def test_section_page_with_malformed_href_does_not_raise() -> None:
    html = ('<html><body><main><a href="http://[::1">broken</a>'
            '<a href="/2026/11/18/glacier-retreat-accelerates-in-the-alps/">Glacier retreat '
            "accelerates in the Alps</a></main></body></html>")
    d = section_links(html, SECTION_URL)
    assert [lk.url for lk in d.links] == [ARTICLES[0]]


@pytest.mark.parametrize(
    ("url", "text", "at_least"),
    [
        ("https://x.example/2026/11/18/some-long-story-slug/", "A headline of some length", 3),
        ("https://x.example/news/a-b-c-d", "Short", 3),
        ("https://x.example/world/article-12345678", "Four words in here", 3),
    ],
)
def test_article_score_likes_articles(url: str, text: str, at_least: int) -> None:
    assert article_score(url, text) >= at_least


@pytest.mark.parametrize(
    "url",
    ["https://x.example/", "https://x.example/tag/climate-change-and-more/",
     "https://x.example/author/jane-doe-smith-jones/", "https://x.example/page/2",
     "https://x.example/2026/11/18/a-long-slug-here/chart.png",
     "https://x.example/about/who-we-are-and-what-we-do"],
)
def test_article_score_rejects_non_articles(url: str) -> None:
    assert article_score(url, "A perfectly long anchor text here") == 0


# --- never raise on arbitrary bytes --------------------------------------------------------

@settings(max_examples=150, deadline=None)
@given(st.binary(max_size=2000))
def test_parse_feed_never_raises(body: bytes) -> None:
    assert isinstance(parse_feed(body, FEED_URL), Discovery)


@settings(max_examples=150, deadline=None)
@given(st.binary(max_size=2000))
def test_parse_sitemap_never_raises(body: bytes) -> None:
    assert isinstance(parse_sitemap(body, SITEMAP_URL), Discovery)


PREFIXES = st.sampled_from([
    b"<?xml version='1.0'?>",
    b'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>',
    b"<sitemapindex><sitemap><loc>",
    b'<rss version="2.0"><channel><item><link>',
    b"<feed xmlns='http://www.w3.org/2005/Atom'><entry><link href='",
])


@settings(max_examples=150, deadline=None)
@given(PREFIXES, st.binary(max_size=500))
def test_parsers_never_raise_on_truncated_documents(prefix: bytes, tail: bytes) -> None:
    assert isinstance(parse_feed(prefix + tail, FEED_URL), Discovery)
    assert isinstance(parse_sitemap(prefix + tail, SITEMAP_URL), Discovery)
