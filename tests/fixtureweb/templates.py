"""Render the fake sites (HTML pages, feeds, sitemaps, robots.txt) to bytes.

Pure functions of (site, articles, base URL): no sockets here, so the server can re-render a site
after ``add_article`` and tests can inspect pages without HTTP. Each site has its own template
with its own structure and class names, because a crawler tuned to one layout must still cope.
"""

from __future__ import annotations

import html
import json
import struct
import unicodedata
import zlib
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import format_datetime
from xml.sax.saxutils import escape as xml_escape

from .content import COMMENTS, SITES, Article, ExpectedArticle, SiteInfo

EN_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
FR_MONTHS = (
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
)
TRACKING_QUERY = "utm_source=rss&utm_medium=feed&utm_campaign=ai-talent"
ROBOTS_LAST_MODIFIED = datetime(2026, 11, 1, 6, 0, tzinfo=UTC).timestamp()


@dataclass(frozen=True)
class Resource:
    """One HTTP answer, ready to send."""

    status: int
    content_type: str
    body: bytes
    conditional: bool = False  # send ETag/Last-Modified and honour conditional GET
    slow: bool = False  # the server waits ``slow_seconds`` before answering
    modified_hint: float | None = None  # epoch seconds to use as the first Last-Modified


def esc(text: str) -> str:
    """Escape text for HTML content and double-quoted attributes (apostrophes stay raw, as on
    most real sites)."""
    return html.escape(text, quote=False).replace('"', "&quot;")


def xesc(text: str) -> str:
    """Escape text for XML element content and double-quoted attributes."""
    return xml_escape(text, {'"': "&quot;"})


def slugify(text: str) -> str:
    """ASCII URL slug, as news CMSs derive from headlines."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    words = "".join(c if c.isalnum() else " " for c in ascii_text.lower()).split()
    return "-".join(words)[:90].rstrip("-") or "article"


def published_dt(article: Article) -> datetime:
    """The article's publication time as an aware datetime."""
    return datetime.fromisoformat(article.published)


def join_names(names: tuple[str, ...], conjunction: str) -> str:
    """'A', 'A and B', 'A, B and C' in the site's language."""
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + f" {conjunction} " + names[-1]


def png_bytes(width: int = 48, height: int = 32) -> bytes:
    """A small valid PNG (a gradient), used as the binary body behind an .html URL."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        payload = kind + data
        return struct.pack(">I", len(data)) + payload + struct.pack(">I", zlib.crc32(payload))

    raw = b"".join(
        b"\x00" + b"".join(bytes((x * 5 % 256, y * 8 % 256, 160)) for x in range(width))
        for y in range(height)
    )
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(raw, 9))
        + chunk(b"IEND", b"")
    )


class SiteRenderer:
    """Common plumbing; subclasses supply paths, chrome and article markup."""

    feed_path = ""
    comments = False

    def __init__(self, info: SiteInfo, articles: tuple[Article, ...], base_url: str) -> None:
        self.info = info
        self.articles = articles
        self.base = base_url.rstrip("/")

    # --- identity -------------------------------------------------------------------------
    def path(self, article: Article) -> str:
        """Site-relative path of an article page."""
        raise NotImplementedError

    def url(self, article: Article) -> str:
        """Absolute URL as the site links it (feeds may add tracking parameters)."""
        return self.base + self.path(article)

    def canonical(self, article: Article) -> str:
        """Absolute URL newsmon should store as the article's identity."""
        return self.base + self.path(article)

    def expected(self, article: Article) -> ExpectedArticle:
        """The record newsmon should produce for ``article``."""
        return ExpectedArticle(
            site=self.info.key,
            url=self.url(article),
            canonical_url=self.canonical(article),
            title=article.title,
            text="\n".join(article.paragraphs),
            authors=article.authors,
            published=published_dt(article).date().isoformat(),
            language=self.info.language,
            site_name=self.info.name,
            syndicated_from=article.syndicated_from,
            published_at=article.published,
            event=article.event,
        )

    # --- output helpers -------------------------------------------------------------------
    @property
    def charset_label(self) -> str:
        return "ISO-8859-1" if self.info.encoding == "iso-8859-1" else "utf-8"

    def encode(self, text: str) -> bytes:
        # xmlcharrefreplace keeps runtime-added text valid even outside Latin-1.
        return text.encode(self.info.encoding, "xmlcharrefreplace")

    def html(self, text: str, status: int = 200, *, conditional: bool = False) -> Resource:
        return Resource(
            status,
            f"text/html; charset={self.charset_label}",
            self.encode(text),
            conditional=conditional,
            modified_hint=self.newest() if conditional else None,
        )

    def xml(self, text: str, content_type: str) -> Resource:
        return Resource(
            200,
            f"{content_type}; charset={self.charset_label}",
            self.encode(text),
            conditional=True,
            modified_hint=self.newest(),
        )

    def robots(self, text: str) -> Resource:
        return Resource(
            200,
            "text/plain; charset=utf-8",
            text.encode("utf-8"),
            conditional=True,
            modified_hint=ROBOTS_LAST_MODIFIED,
        )

    def newest(self) -> float:
        """Epoch seconds of the newest article (a realistic first Last-Modified)."""
        return max(published_dt(a).timestamp() for a in self.articles)

    def by_date(self, newest_first: bool = True) -> list[Article]:
        return sorted(self.articles, key=lambda a: published_dt(a), reverse=newest_first)

    def related(self, article: Article, limit: int = 3) -> list[Article]:
        return [a for a in self.by_date() if a.slug != article.slug][:limit]

    def comments_for(self, article: Article) -> list[tuple[str, str]]:
        pool = COMMENTS.get(self.info.key, ())
        if not pool:
            return []
        start = self.articles.index(article) if article in self.articles else 0
        return [pool[(start + i) % len(pool)] for i in range(2)]

    # --- pages ----------------------------------------------------------------------------
    def page(self, title: str, main: str, head: str = "") -> str:
        """Wrap ``main`` in the site's chrome (nav, cookie banner, ads, footer)."""
        raise NotImplementedError

    def article_main(self, article: Article) -> str:
        raise NotImplementedError

    def article_head(self, article: Article) -> str:
        return ""

    def article_page(self, article: Article) -> str:
        return self.page(article.title, self.article_main(article), self.article_head(article))

    def home(self) -> str:
        items = "\n".join(
            f'<li><a href="{esc(self.path(a))}">{esc(a.title)}</a></li>' for a in self.by_date()
        )
        main = f'<section class="home-list"><ul>\n{items}\n</ul></section>'
        return self.page(self.info.name, main)

    def not_found(self, path: str) -> Resource:
        return self.html(self.page("Page not found", "<h1>Page not found</h1>"), 404)

    def fallback(self, path: str) -> Resource:
        """Answer for a path that is not in the resource table."""
        return self.not_found(path)

    def resources(self) -> dict[str, Resource]:
        """Every fixed path this site serves."""
        table = {"/": self.html(self.home())}
        for article in self.articles:
            table[self.path(article)] = self.html(self.article_page(article))
        return table

    # --- test metadata --------------------------------------------------------------------
    def hostile(self) -> dict[str, str]:
        """Role -> absolute URL of the non-article traps this site links to."""
        return {}

    def forbidden(self) -> list[str]:
        return []

    def source(self) -> dict[str, str]:
        raise NotImplementedError

    def listing_links(self) -> list[str]:
        """Non-article links on the crawl entry page (only the ledger section page has any)."""
        return []


# =============================================================================================
# The Wire Daily: English, RSS 2.0 with tracking params, JSON-LD, rel=canonical, comments.
# =============================================================================================


class WireRenderer(SiteRenderer):
    feed_path = "/feed.xml"
    comments = True
    missing_path = "/news/2026/11/17/report-openai-board-weighs-leadership-changes.html"

    def path(self, article: Article) -> str:
        d = published_dt(article)
        return f"/news/{d:%Y/%m/%d}/{article.slug}.html"

    def url(self, article: Article) -> str:
        return f"{self.base}{self.path(article)}?{TRACKING_QUERY}"

    def source(self) -> dict[str, str]:
        return {"name": "wire", "url": self.base + self.feed_path, "type": "feed"}

    def hostile(self) -> dict[str, str]:
        return {"not_found": f"{self.base}{self.missing_path}?{TRACKING_QUERY}"}

    @staticmethod
    def when(d: datetime) -> str:
        hour = d.hour % 12 or 12
        suffix = "a.m." if d.hour < 12 else "p.m."
        return f"{EN_MONTHS[d.month - 1]} {d.day}, {d.year}, {hour}:{d.minute:02d} {suffix} ET"

    def page(self, title: str, main: str, head: str = "") -> str:
        return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{esc(title)} | The Wire Daily</title>
{head}
<link rel="stylesheet" href="/static/css/wire.4f2a9c.css">
<link rel="alternate" type="application/rss+xml" title="The Wire Daily" href="/feed.xml">
<script async src="/static/js/ads.js"></script>
</head>
<body class="wd wd--article">
<div id="cookie-consent" class="cc-banner" role="dialog" aria-label="Cookie consent">
  <p class="cc-text">We use cookies and similar technologies to personalise content and ads and to
  analyse our traffic. You can change your choices at any time in Privacy settings.</p>
  <button class="cc-accept" type="button">Accept all</button>
  <button class="cc-manage" type="button">Manage options</button>
</div>
<header class="wd-masthead">
  <a class="wd-logo" href="/">The Wire Daily</a>
  <nav class="wd-nav" aria-label="Sections">
    <ul>
      <li><a href="/">Home</a></li>
      <li><a href="/tech/">Technology</a></li>
      <li><a href="/ai/">Artificial Intelligence</a></li>
      <li><a href="/business/">Business</a></li>
      <li><a href="/policy/">Policy</a></li>
      <li><a href="/opinion/">Opinion</a></li>
    </ul>
  </nav>
  <form class="wd-search" action="/search" role="search">
    <input type="search" name="q" placeholder="Search The Wire Daily">
  </form>
</header>
<div class="ad-slot ad-leaderboard" data-ad-unit="wd_top_728x90">
  <span class="ad-label">Advertisement</span>
</div>
<main id="main" class="wd-main">
{main}
</main>
<footer class="wd-footer">
  <nav class="wd-footer-links">
    <a href="/about/">About us</a> <a href="/contact/">Contact</a>
    <a href="/privacy/">Privacy policy</a> <a href="/terms/">Terms of use</a>
    <a href="/feed.xml">RSS</a>
  </nav>
  <p class="wd-copyright">© 2026 The Wire Daily. All rights reserved.</p>
</footer>
</body>
</html>
"""

    def article_head(self, article: Article) -> str:
        d = published_dt(article)
        data = {
            "@context": "https://schema.org",
            "@type": "NewsArticle",
            "headline": article.title,
            "datePublished": d.isoformat(),
            "dateModified": d.isoformat(),
            "author": [{"@type": "Person", "name": name} for name in article.authors],
            "publisher": {
                "@type": "Organization",
                "name": self.info.name,
                "logo": {"@type": "ImageObject", "url": self.base + "/static/img/logo.png"},
            },
            "mainEntityOfPage": self.canonical(article),
            "inLanguage": "en",
            "articleSection": "Artificial Intelligence",
            "keywords": list(article.tags),
        }
        blob = json.dumps(data, ensure_ascii=False, indent=1).replace("</", "<\\/")
        return (
            f'<link rel="canonical" href="{esc(self.canonical(article))}">\n'
            f'<meta name="description" content="{esc(article.teaser)}">\n'
            f'<script type="application/ld+json">\n{blob}\n</script>'
        )

    def article_main(self, article: Article) -> str:
        d = published_dt(article)
        byline = " and ".join(
            f'<a href="/authors/{slugify(n)}/" rel="author">{esc(n)}</a>' for n in article.authors
        )
        body = []
        for i, para in enumerate(article.paragraphs):
            body.append(f"<p>{esc(para)}</p>")
            if i == 1:
                body.append(
                    '<div class="ad-slot ad-inline" data-ad-unit="wd_inline_300x250">'
                    '<span class="ad-label">Advertisement</span></div>'
                )
        tags = "".join(
            f'<li><a href="/topics/{slugify(t)}/">{esc(t)}</a></li>' for t in article.tags
        )
        related = "\n".join(
            f'<li><a href="{esc(self.path(a))}">{esc(a.title)}</a></li>'
            for a in self.related(article)
        )
        comments = self.comments_for(article)
        comment_items = "\n".join(
            f'<li class="comment" id="comment-{i + 1}"><div class="comment-meta">'
            f'<span class="comment-author">{esc(name)}</span> <span class="comment-age">'
            f"{i + 2} hours ago</span></div>"
            f'<div class="comment-body"><p>{esc(text)}</p></div></li>'
            for i, (name, text) in enumerate(comments)
        )
        return f"""<div class="wd-grid">
<article class="wd-story" id="story">
  <header class="wd-story-head">
    <p class="wd-kicker"><a href="/ai/">AI &amp; Talent</a></p>
    <h1 class="wd-headline">{esc(article.title)}</h1>
    <p class="wd-byline">By {byline} <span class="sep">|</span>
      <time datetime="{d.isoformat()}">{self.when(d)}</time></p>
  </header>
  <div class="wd-story-body">
{chr(10).join(body)}
  </div>
  <footer class="wd-story-foot">
    <ul class="wd-tags">{tags}</ul>
    <div class="wd-share">Share this story:
      <a href="https://twitter.example/share">X</a> <a href="https://linkedin.example/share">LinkedIn</a>
      <a href="mailto:?subject={esc(article.title)}">Email</a></div>
  </footer>
</article>
<aside class="wd-rail">
  <div class="ad-slot ad-mpu" data-ad-unit="wd_rail_300x600">
    <span class="ad-label">Advertisement</span>
  </div>
  <section class="wd-newsletter">
    <h2>The Daily Briefing</h2>
    <p>Get the day's most important technology stories in your inbox every morning.</p>
    <form action="/newsletter/subscribe" method="post">
      <input type="email" name="email" placeholder="you@example.com">
      <button type="submit">Sign up</button>
    </form>
  </section>
  <section class="wd-related">
    <h2>Related articles</h2>
    <ul>
{related}
    </ul>
  </section>
</aside>
</div>
<section id="comments" class="wd-comments">
  <h2>Comments ({len(comments)})</h2>
  <ol class="comment-list">
{comment_items}
  </ol>
  <form class="comment-form" action="/comments/post" method="post">
    <textarea name="comment" placeholder="Join the discussion"></textarea>
    <button type="submit">Post comment</button>
  </form>
</section>"""

    def feed(self) -> str:
        newest = format_datetime(datetime.fromtimestamp(self.newest(), UTC), usegmt=True)
        items = []
        entries: list[tuple[datetime, str]] = []
        for a in self.articles:
            d = published_dt(a)
            cats = "".join(f"<category>{xesc(t)}</category>" for t in a.tags)
            entries.append(
                (
                    d,
                    f"""  <item>
    <title>{xesc(a.title)}</title>
    <link>{xesc(self.url(a))}</link>
    <guid isPermaLink="false">wire-{xesc(a.slug)}</guid>
    <pubDate>{format_datetime(d)}</pubDate>
    <dc:creator>{xesc(", ".join(a.authors))}</dc:creator>
    {cats}
    <description>{xesc(a.teaser)}</description>
  </item>""",
                )
            )
        missing = datetime.fromisoformat("2026-11-17T15:40:00-05:00")
        entries.append(
            (
                missing,
                f"""  <item>
    <title>Report: OpenAI board weighs leadership changes</title>
    <link>{xesc(self.hostile()["not_found"])}</link>
    <guid isPermaLink="false">wire-report-openai-board-weighs-leadership-changes</guid>
    <pubDate>{format_datetime(missing)}</pubDate>
    <dc:creator>Sam Okafor</dc:creator>
    <description>This story has been withdrawn.</description>
  </item>""",
            )
        )
        items = [text for _, text in sorted(entries, key=lambda e: e[0], reverse=True)]
        body = "\n".join(items)
        return f"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel>
  <title>The Wire Daily - AI &amp; Talent</title>
  <link>{self.base}/</link>
  <description>Who is moving where in artificial intelligence, from The Wire Daily.</description>
  <language>en-us</language>
  <lastBuildDate>{newest}</lastBuildDate>
  <atom:link href="{self.base}{self.feed_path}" rel="self" type="application/rss+xml"/>
{body}
</channel>
</rss>
"""

    def not_found(self, path: str) -> Resource:
        main = """<section class="wd-error"><h1>Page not found</h1>
<p>Sorry, we could not find the page you were looking for. It may have been moved or removed.</p>
<p><a href="/">Return to the homepage</a></p></section>"""
        return self.html(self.page("Page not found", main), 404)

    def resources(self) -> dict[str, Resource]:
        table = super().resources()
        table[self.feed_path] = self.xml(self.feed(), "application/rss+xml")
        table["/robots.txt"] = self.robots("User-agent: *\nDisallow: /search\n")
        return table


# =============================================================================================
# Le Courrier Tech: French, Atom feed, OpenGraph only, comments, a binary body behind .html.
# =============================================================================================


class CourrierRenderer(SiteRenderer):
    feed_path = "/atom.xml"
    comments = True
    binary_path = "/articles/infographie-les-salaires-de-l-ia-en-2026.html"

    def path(self, article: Article) -> str:
        return f"/articles/{article.slug}"

    def source(self) -> dict[str, str]:
        return {"name": "courrier", "url": self.base + self.feed_path, "type": "feed"}

    def hostile(self) -> dict[str, str]:
        return {"binary": self.base + self.binary_path}

    @staticmethod
    def when(d: datetime) -> str:
        return f"{d.day} {FR_MONTHS[d.month - 1]} {d.year} à {d.hour}h{d.minute:02d}"

    def page(self, title: str, main: str, head: str = "", related: str = "") -> str:
        return f"""<!doctype html>
<html lang="fr">
<head>
<meta charset="utf-8">
<title>{esc(title)} – Le Courrier Tech</title>
<meta name="viewport" content="width=device-width,initial-scale=1">
{head}
<link rel="stylesheet" href="/assets/ct-main.css">
</head>
<body>
<div class="cmp-bandeau" id="cmp">
  <p class="cmp-bandeau__texte">Avec votre accord, nos partenaires et nous utilisons des cookies ou
  technologies similaires pour stocker et consulter des informations sur votre appareil.</p>
  <button class="cmp-bandeau__ok">Accepter et fermer</button>
  <button class="cmp-bandeau__refus">Continuer sans accepter</button>
  <a href="/confidentialite">Paramétrer les cookies</a>
</div>
<div class="conteneur">
<header class="entete">
  <div class="entete__logo"><a href="/">Le Courrier <strong>Tech</strong></a></div>
  <nav class="menu-principal">
    <a class="menu-principal__lien" href="/">À la une</a>
    <a class="menu-principal__lien" href="/rubrique/ia">Intelligence artificielle</a>
    <a class="menu-principal__lien" href="/rubrique/start-up">Start-up</a>
    <a class="menu-principal__lien" href="/rubrique/numerique">Numérique</a>
    <a class="menu-principal__lien" href="/rubrique/emploi">Emploi</a>
    <a class="menu-principal__lien menu-principal__lien--abo" href="/abonnement">S'abonner</a>
  </nav>
</header>
<div class="pub pub--banniere advertisement" aria-hidden="true"><span>Publicité</span></div>
<div class="colonnes">
<main class="colonne-principale">
{main}
</main>
<aside class="colonne-laterale">
  <div class="pub pub--pave advertisement"><span>Publicité</span></div>
  <div class="bloc-newsletter">
    <p class="bloc-newsletter__titre">La lettre du Courrier Tech</p>
    <p>Chaque matin, l'essentiel de l'actualité numérique dans votre boîte mail.</p>
    <form action="/newsletter" method="post"><input type="email" name="email"
      placeholder="Votre adresse e-mail"><button type="submit">Je m'inscris</button></form>
  </div>
  {related}
</aside>
</div>
<footer class="pied-de-page">
  <ul class="pied-de-page__liens">
    <li><a href="/mentions-legales">Mentions légales</a></li>
    <li><a href="/confidentialite">Politique de confidentialité</a></li>
    <li><a href="/contact">Nous contacter</a></li>
    <li><a href="/atom.xml">Flux Atom</a></li>
  </ul>
  <p>© Le Courrier Tech 2026 – Tous droits réservés</p>
</footer>
</div>
</body>
</html>
"""

    def article_page(self, article: Article) -> str:
        items = "\n".join(
            f'<li><a href="{esc(self.path(a))}">{esc(a.title)}</a></li>'
            for a in self.related(article)
        )
        related = (
            '<div class="a-lire-aussi"><p class="a-lire-aussi__titre">À lire aussi</p>'
            f"<ul>\n{items}\n</ul></div>"
        )
        return self.page(
            article.title, self.article_main(article), self.article_head(article), related
        )

    def article_head(self, article: Article) -> str:
        d = published_dt(article)
        authors = "\n".join(
            f'<meta property="article:author" content="{esc(n)}">' for n in article.authors
        )
        return f"""<meta name="description" content="{esc(article.teaser)}">
<meta property="og:type" content="article">
<meta property="og:title" content="{esc(article.title)}">
<meta property="og:description" content="{esc(article.teaser)}">
<meta property="og:url" content="{esc(self.canonical(article))}">
<meta property="og:site_name" content="{esc(self.info.name)}">
<meta property="og:locale" content="fr_FR">
<meta property="og:image" content="{self.base}/images/{article.slug[:40]}.jpg">
<meta property="article:published_time" content="{d.isoformat()}">
<meta property="article:section" content="Intelligence artificielle">
{authors}"""

    def article_main(self, article: Article) -> str:
        d = published_dt(article)
        auteurs = " et ".join(f'<span class="auteur">{esc(n)}</span>' for n in article.authors)
        paras = []
        for i, para in enumerate(article.paragraphs):
            cls = ' class="chapo"' if i == 0 else ""
            paras.append(f"<p{cls}>{esc(para)}</p>")
            if i == 2:
                paras.append(
                    '<div class="pub pub--inread advertisement"><span>Publicité</span></div>'
                )
        if article.syndicated_from:  # a translated edition says where it comes from
            credit = article.credit or f"Publié initialement par {article.syndicated_from}"
            paras.append(f'<p class="mention"><em>{esc(credit)}.</em></p>')
        reactions = "\n".join(
            f'<div class="reaction"><p class="reaction__auteur">{esc(name)} a réagi</p>'
            f'<p class="reaction__texte">{esc(text)}</p></div>'
            for name, text in self.comments_for(article)
        )
        return f"""<article class="article-complet">
  <p class="surtitre">Intelligence artificielle</p>
  <h1 class="article-complet__titre">{esc(article.title)}</h1>
  <div class="article-complet__meta">Par {auteurs} — Publié le {self.when(d)}</div>
  <div class="article-complet__texte">
{chr(10).join(paras)}
  </div>
  <div class="partage">Partager : <a href="https://facebook.example/">Facebook</a>
    <a href="https://linkedin.example/">LinkedIn</a> <a href="mailto:">E-mail</a></div>
</article>
<section class="reactions" id="comments">
  <h2 class="reactions__titre">Réactions ({len(self.comments_for(article))})</h2>
{reactions}
  <p class="reactions__abo">Réservé aux abonnés : <a href="/abonnement">je réagis</a></p>
</section>"""

    def feed(self) -> str:
        newest = datetime.fromtimestamp(self.newest(), UTC).isoformat().replace("+00:00", "Z")
        entries: list[tuple[datetime, str]] = []
        for a in self.articles:
            d = published_dt(a)
            authors = "".join(f"<author><name>{xesc(n)}</name></author>" for n in a.authors)
            cats = "".join(f'<category term="{xesc(t)}"/>' for t in a.tags)
            entries.append(
                (
                    d,
                    f"""  <entry>
    <title>{xesc(a.title)}</title>
    <link rel="alternate" type="text/html" href="{xesc(self.url(a))}"/>
    <id>tag:lecourriertech.example,2026:{xesc(a.slug)}</id>
    <published>{d.isoformat()}</published>
    <updated>{d.isoformat()}</updated>
    {authors}{cats}
    <summary>{xesc(a.teaser)}</summary>
  </entry>""",
                )
            )
        d = datetime.fromisoformat("2026-11-19T12:00:00+01:00")
        entries.append(
            (
                d,
                f"""  <entry>
    <title>Infographie : les salaires de l'IA en 2026</title>
    <link rel="alternate" type="text/html" href="{xesc(self.base + self.binary_path)}"/>
    <id>tag:lecourriertech.example,2026:infographie-salaires-ia</id>
    <published>{d.isoformat()}</published>
    <updated>{d.isoformat()}</updated>
    <author><name>Service infographie</name></author>
    <summary>Notre infographie sur les rémunérations des chercheurs en IA.</summary>
  </entry>""",
            )
        )
        body = "\n".join(t for _, t in sorted(entries, key=lambda e: e[0], reverse=True))
        return f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="fr">
  <title>Le Courrier Tech – Intelligence artificielle</title>
  <subtitle>L'actualité de l'IA et de ceux qui la font</subtitle>
  <link rel="self" type="application/atom+xml" href="{self.base}{self.feed_path}"/>
  <link rel="alternate" type="text/html" href="{self.base}/"/>
  <id>tag:lecourriertech.example,2026:feed</id>
  <updated>{newest}</updated>
{body}
</feed>
"""

    def not_found(self, path: str) -> Resource:
        main = (
            '<div class="erreur"><h1>Page introuvable</h1><p>La page demandée n\'existe pas '
            "ou a été déplacée.</p></div>"
        )
        return self.html(self.page("Page introuvable", main), 404)

    def resources(self) -> dict[str, Resource]:
        table = super().resources()
        table[self.feed_path] = self.xml(self.feed(), "application/atom+xml")
        table["/robots.txt"] = self.robots("User-agent: *\nDisallow: /abonnement\n")
        table[self.binary_path] = Resource(200, "application/octet-stream", png_bytes())
        return table


# =============================================================================================
# Der KI-Beobachter: German, robots.txt -> sitemap index -> Google News sitemap.
# =============================================================================================


class BeobachterRenderer(SiteRenderer):
    comments = True
    intern_path = "/intern/2026-11-19/personalien-entwurf-nicht-freigegeben.html"
    slow_path = "/artikel/live/ki-personalien-liveticker.html"

    def path(self, article: Article) -> str:
        d = published_dt(article)
        return f"/artikel/{d:%Y-%m-%d}/{article.slug}.html"

    def source(self) -> dict[str, str]:
        return {"name": "beobachter", "url": self.base + "/robots.txt", "type": "sitemap"}

    def hostile(self) -> dict[str, str]:
        return {"slow": self.base + self.slow_path}

    def forbidden(self) -> list[str]:
        return [self.base + self.intern_path]

    @staticmethod
    def when(d: datetime) -> str:
        return f"{d:%d.%m.%Y}, {d:%H:%M} Uhr"

    def page(self, title: str, main: str, head: str = "") -> str:
        return f"""<!DOCTYPE html>
<html lang="de">
<head>
<meta charset="utf-8">
<title>{esc(title)} - Der KI-Beobachter</title>
{head}
<link rel="stylesheet" href="/css/beobachter.min.css">
</head>
<body>
<div id="consent-layer" class="consent">
  <h2 class="consent__titel">Wir respektieren Ihre Privatsphäre</h2>
  <p>Wir und unsere Partner verwenden Cookies und ähnliche Technologien, um Inhalte und Anzeigen zu
  personalisieren und die Nutzung unseres Angebots zu analysieren.</p>
  <button class="consent__alle">Alle akzeptieren</button>
  <button class="consent__notwendig">Nur notwendige Cookies</button>
</div>
<div id="seite">
<header id="kopf">
  <a id="logo" href="/">Der KI-Beobachter</a>
  <nav id="hauptnavigation">
    <ul>
      <li><a href="/">Startseite</a></li>
      <li><a href="/ressort/personalien/">Personalien</a></li>
      <li><a href="/ressort/forschung/">Forschung</a></li>
      <li><a href="/ressort/wirtschaft/">Wirtschaft</a></li>
      <li><a href="/ressort/politik/">Politik</a></li>
    </ul>
  </nav>
</header>
<div class="werbung werbung-oben"><small>Anzeige</small></div>
<main id="inhalt">
{main}
</main>
<footer id="fuss">
  <a href="/impressum/">Impressum</a> | <a href="/datenschutz/">Datenschutz</a> |
  <a href="/kontakt/">Kontakt</a> | <a href="/cookie-einstellungen/">Cookie-Einstellungen</a>
  <p>© 2026 Der KI-Beobachter</p>
</footer>
</div>
</body>
</html>
"""

    def article_head(self, article: Article) -> str:
        return (
            f'<meta name="author" content="{esc(", ".join(article.authors))}">\n'
            f'<meta name="description" content="{esc(article.teaser)}">\n'
            f'<meta name="keywords" content="{esc(", ".join(article.tags))}">'
        )

    def article_main(self, article: Article) -> str:
        d = published_dt(article)
        autoren = " und ".join(f'<span class="autor">{esc(n)}</span>' for n in article.authors)
        paras = []
        for i, para in enumerate(article.paragraphs):
            paras.append(f"<p>{esc(para)}</p>")
            if i == 2:
                paras.append('<div class="werbung werbung-mitte"><small>Anzeige</small></div>')
        mehr = "\n".join(
            f'<li><a href="{esc(self.path(a))}">{esc(a.title)}</a></li>'
            for a in self.related(article)
        )
        kommentare = "\n".join(
            f'<div class="kommentar"><p class="kommentar-autor">{esc(name)} schrieb:</p>'
            f'<p class="kommentar-text">{esc(text)}</p></div>'
            for name, text in self.comments_for(article)
        )
        return f"""<div class="beitrag">
  <div class="beitrag-kopf">
    <span class="dachzeile">{esc(article.tags[0] if article.tags else "KI")}</span>
    <h1>{esc(article.title)}</h1>
    <p class="autorenzeile">Von {autoren} |
      <time datetime="{d.isoformat()}">{self.when(d)}</time></p>
  </div>
  <div class="beitrag-text">
{chr(10).join(paras)}
  </div>
</div>
<div class="newsletter-kasten">
  <h3>Der Beobachter-Newsletter</h3>
  <p>Jeden Freitag die wichtigsten Personalien und Analysen aus der KI-Branche.</p>
  <form action="/newsletter/" method="post"><input type="email" name="email"
    placeholder="E-Mail-Adresse"><button type="submit">Jetzt anmelden</button></form>
</div>
<div class="mehr-zum-thema">
  <h3>Mehr zum Thema</h3>
  <ul>
{mehr}
  </ul>
</div>
<section class="comments-block leserkommentare" id="kommentare">
  <h3>Leserkommentare ({len(self.comments_for(article))})</h3>
{kommentare}
</section>"""

    def robots_txt(self) -> str:
        return (
            "# Der KI-Beobachter\n"
            "User-agent: *\n"
            "Disallow: /intern/\n"
            "Disallow: /suche/\n"
            "\n"
            f"Sitemap: {self.base}/sitemap-index.xml\n"
        )

    def sitemap_index(self) -> str:
        lastmod = datetime.fromtimestamp(self.newest(), UTC).isoformat().replace("+00:00", "Z")
        return f"""<?xml version="1.0" encoding="UTF-8"?>
<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
  <sitemap>
    <loc>{self.base}/news-sitemap.xml</loc>
    <lastmod>{lastmod}</lastmod>
  </sitemap>
</sitemapindex>
"""

    def news_sitemap(self) -> str:
        def entry(loc: str, when: str, title: str) -> str:
            return f"""  <url>
    <loc>{xesc(loc)}</loc>
    <news:news>
      <news:publication>
        <news:name>{xesc(self.info.name)}</news:name>
        <news:language>de</news:language>
      </news:publication>
      <news:publication_date>{when}</news:publication_date>
      <news:title>{xesc(title)}</news:title>
    </news:news>
  </url>"""

        urls = [entry(self.url(a), a.published, a.title) for a in self.by_date()]
        urls.insert(
            1,
            entry(
                self.base + self.slow_path,
                "2026-11-20T07:00:00+01:00",
                "Liveticker: Personalien aus der KI-Branche",
            ),
        )
        urls.insert(
            3,
            entry(
                self.base + self.intern_path,
                "2026-11-19T18:00:00+01:00",
                "ENTWURF: Personalien der Woche",
            ),
        )
        body = "\n".join(urls)
        return f"""<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"
        xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
{body}
</urlset>
"""

    def not_found(self, path: str) -> Resource:
        main = (
            '<div class="fehler"><h1>Seite nicht gefunden</h1><p>Die angeforderte Seite '
            "existiert nicht (mehr).</p></div>"
        )
        return self.html(self.page("Seite nicht gefunden", main), 404)

    def resources(self) -> dict[str, Resource]:
        table = super().resources()
        table["/robots.txt"] = self.robots(self.robots_txt())
        table["/sitemap-index.xml"] = self.xml(self.sitemap_index(), "application/xml")
        table["/news-sitemap.xml"] = self.xml(self.news_sitemap(), "application/xml")
        intern = (
            '<div class="beitrag"><h1>ENTWURF: Personalien der Woche</h1>'
            "<p>Interner Entwurf, nicht zur Veröffentlichung freigegeben. "
            "Bitte nicht verlinken.</p>"
            "</div>"
        )
        table[self.intern_path] = self.html(self.page("Entwurf", intern))
        # A live ticker that has not loaded yet: too thin to be an article even if awaited.
        ticker = (
            '<div class="liveticker"><h1>Liveticker: Personalien aus der KI-Branche</h1>'
            '<p class="ticker-status">Der Ticker wird geladen …</p></div>'
        )
        slow_page = self.html(self.page("Liveticker", ticker))
        table[self.slow_path] = Resource(
            slow_page.status, slow_page.content_type, slow_page.body, slow=True
        )
        return table


# =============================================================================================
# Tech Ledger: English, section page entry point, no metadata, syndicated copy, paywall.
# =============================================================================================


class LedgerRenderer(SiteRenderer):
    section_path = "/section/ai/"
    paywall_path = "/2026/11/19/inside-the-quiet-hiring-war-for-ai-chip-designers/"
    listing_prefixes = ("/tag/", "/author/", "/section/")

    def path(self, article: Article) -> str:
        d = published_dt(article)
        return f"/{d:%Y/%m/%d}/{article.slug}/"

    def source(self) -> dict[str, str]:
        return {"name": "ledger", "url": self.base + self.section_path, "type": "page"}

    def hostile(self) -> dict[str, str]:
        return {"paywall": self.base + self.paywall_path}

    @staticmethod
    def when(d: datetime) -> str:
        return f"{EN_MONTHS[d.month - 1]} {d.day}, {d.year}"

    nav_paths = (
        "/section/ai/",
        "/section/business/",
        "/section/gadgets/",
        "/section/science/",
        "/subscribe/",
    )
    footer_paths = ("/about/", "/privacy/", "/contact/", "/careers/")

    def page(self, title: str, main: str, head: str = "") -> str:
        return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>{esc(title)} - Tech Ledger</title>
{head}
<link rel="stylesheet" href="/assets/ledger.css?v=31">
</head>
<body class="tl">
<div class="gdpr-notice" id="gdpr">This site uses cookies to improve your experience and to show
  relevant ads. <a href="/privacy/">Learn more</a> <button class="gdpr-ok">OK</button></div>
<nav class="topbar">
  <a class="brand" href="/">Tech Ledger</a>
  <ul class="menu">
    <li><a href="/section/ai/">AI</a></li>
    <li><a href="/section/business/">Business</a></li>
    <li><a href="/section/gadgets/">Gadgets</a></li>
    <li><a href="/section/science/">Science</a></li>
    <li class="menu-cta"><a href="/subscribe/">Subscribe</a></li>
  </ul>
</nav>
<div class="advert advert--top"><p>Advertisement</p></div>
<div class="wrap">
{main}
</div>
<footer class="bottom">
  <ul>
    <li><a href="/about/">About</a></li>
    <li><a href="/privacy/">Privacy</a></li>
    <li><a href="/contact/">Contact</a></li>
    <li><a href="/careers/">Careers</a></li>
  </ul>
  <p>Tech Ledger © 2026</p>
</footer>
</body>
</html>
"""

    def signup_and_related(self, exclude: str = "") -> str:
        related = "\n".join(
            f'<li><a href="{esc(self.path(a))}">{esc(a.title)}</a></li>'
            for a in self.by_date()
            if a.slug != exclude
        )
        return f"""<div class="signup">
  <h3>Ledger Daily</h3>
  <p>Sign up for our free newsletter and get the top tech stories every weekday.</p>
  <form action="/newsletter/" method="post"><input type="email" name="email"
    placeholder="Email address"><button type="submit">Subscribe</button></form>
</div>
<div class="related">
  <h3>Related articles</h3>
  <ul>
{related}
  </ul>
</div>"""

    def article_main(self, article: Article) -> str:
        d = published_dt(article)
        paras = []
        for i, para in enumerate(article.paragraphs):
            if article.read_more and article.read_more[0] == i:
                _, text, href = article.read_more
                paras.append(
                    f'<p class="read-more"><strong>Read more:</strong> '
                    f'<a href="{esc(href)}">{esc(text)}</a></p>'
                )
            paras.append(f"<p>{esc(para)}</p>")
            if i == 1:
                paras.append('<div class="advert advert--inline"><p>Advertisement</p></div>')
        if article.syndicated_from:
            credit = article.credit or (
                f"This article originally appeared on {article.syndicated_from}")
            paras.append(f'<p class="credit"><em>{esc(credit)}.</em></p>')
        return f"""<article class="post">
  <h1 class="post-title">{esc(article.title)}</h1>
  <div class="post-meta">
    <p class="byline">By {esc(join_names(article.authors, "and"))}</p>
    <p class="dateline">{self.when(d)}</p>
  </div>
  <div class="post-content">
{chr(10).join(paras)}
  </div>
</article>
{self.signup_and_related(article.slug)}"""

    def card(
        self,
        href: str,
        title: str,
        dek: str,
        authors: tuple[str, ...],
        tags: tuple[str, ...],
        badge: str = "",
    ) -> str:
        people = " and ".join(
            f'<a class="card-author" href="/author/{slugify(n)}/">{esc(n)}</a>' for n in authors
        )
        tag_links = " ".join(
            f'<a class="card-tag" href="/tag/{slugify(t)}/">{esc(t)}</a>' for t in tags
        )
        badge_html = f'<span class="badge">{esc(badge)}</span> ' if badge else ""
        return f"""  <div class="card">
    <h2 class="card-title">{badge_html}<a href="{esc(href)}">{esc(title)}</a></h2>
    <p class="card-dek">{esc(dek)}</p>
    <p class="card-meta">By {people} · {tag_links}</p>
  </div>"""

    def listing(self, heading: str, *, with_paywall: bool) -> str:
        cards = [
            (published_dt(a), self.card(self.path(a), a.title, a.teaser, a.authors, a.tags))
            for a in self.articles
        ]
        if with_paywall:
            cards.append(
                (
                    datetime.fromisoformat("2026-11-19T06:00:00-08:00"),
                    self.card(
                        self.paywall_path,
                        "Inside the quiet hiring war for AI chip designers",
                        "Labs are raiding chipmakers for the engineers who can design custom "
                        "accelerators.",
                        ("Omar Haddad",),
                        ("Chips", "Hiring"),
                        badge="Subscriber exclusive",
                    ),
                )
            )
        river = "\n".join(c for _, c in sorted(cards, key=lambda c: c[0], reverse=True))
        return f"""<div class="section-head">
  <h1>{esc(heading)}</h1>
  <p class="section-intro">Coverage of the companies, money and people shaping artificial
  intelligence.</p>
</div>
<div class="advert advert--inline"><p>Advertisement</p></div>
<div class="river">
{river}
</div>
<nav class="pagination">
  <span class="current">1</span>
  <a href="/section/ai/page/2/">2</a>
  <a href="/section/ai/page/3/">3</a>
  <a class="next" href="/section/ai/page/2/" rel="next">Next page »</a>
</nav>
{self.signup_and_related()}"""

    def paywall_page(self) -> str:
        main = """<article class="post post--locked">
  <h1 class="post-title">Inside the quiet hiring war for AI chip designers</h1>
  <div class="post-meta">
    <p class="byline">By Omar Haddad</p>
    <p class="dateline">November 19, 2026</p>
  </div>
  <div class="post-content">
    <p>AI labs have started recruiting the engineers who design chips, not just the ones who
    program them. Offers are arriving at Nvidia, AMD and Broadcom teams almost weekly.</p>
  </div>
  <div class="paywall">
    <h2>Subscribe to read the rest</h2>
    <p>This story is available exclusively to Tech Ledger subscribers. Get unlimited access for
    $1 for your first month.</p>
    <a class="button" href="/subscribe/">Subscribe now</a>
    <a href="/login/">Already a subscriber? Log in</a>
  </div>
</article>"""
        return self.page("Inside the quiet hiring war for AI chip designers", main)

    def listing_links(self) -> list[str]:
        paths: list[str] = [
            *self.nav_paths,
            *self.footer_paths,
            "/section/ai/page/2/",
            "/section/ai/page/3/",
            "/privacy/",
            "/",
        ]
        for a in self.articles:
            paths += [f"/author/{slugify(n)}/" for n in a.authors]
            paths += [f"/tag/{slugify(t)}/" for t in a.tags]
        paths += ["/author/omar-haddad/", "/tag/chips/", "/tag/hiring/"]
        seen: dict[str, None] = {}
        for p in paths:
            if p != self.section_path:
                seen.setdefault(self.base + p, None)
        return list(seen)

    def fallback(self, path: str) -> Resource:
        if path.startswith(self.listing_prefixes) and path.endswith("/"):
            name = path.strip("/").split("/")[-1].replace("-", " ").title()
            return self.html(self.page(name, self.listing(name, with_paywall=False)))
        return self.not_found(path)

    def not_found(self, path: str) -> Resource:
        main = (
            '<div class="error-404"><h1>404</h1><p>We could not find that page. Try the '
            '<a href="/section/ai/">AI section</a>.</p></div>'
        )
        return self.html(self.page("Not found", main), 404)

    def resources(self) -> dict[str, Resource]:
        table = super().resources()
        table[self.section_path] = self.html(
            self.page(
                "Artificial Intelligence",
                self.listing("Artificial Intelligence", with_paywall=True),
            ),
            conditional=True,
        )
        table[self.paywall_path] = self.html(self.paywall_page())
        table["/robots.txt"] = self.robots("User-agent: *\nDisallow: /subscribe/\n")
        return table


# =============================================================================================
# L'Économie Numérique: French, everything ISO-8859-1, RSS, a 500 for one entry.
# =============================================================================================


class EconomieRenderer(SiteRenderer):
    feed_path = "/rss.xml"
    error_path = "/actualites/2026/11/classement-des-laboratoires-d-ia-les-plus-attractifs.html"

    def path(self, article: Article) -> str:
        d = published_dt(article)
        return f"/actualites/{d:%Y/%m}/{article.slug}.html"

    def source(self) -> dict[str, str]:
        return {"name": "economie", "url": self.base + self.feed_path, "type": "feed"}

    def hostile(self) -> dict[str, str]:
        return {"server_error": self.base + self.error_path}

    @staticmethod
    def when(d: datetime) -> str:
        return f"{d:%d/%m/%Y} à {d.hour}h{d.minute:02d}"

    def page(self, title: str, main: str, head: str = "") -> str:
        return f"""<!DOCTYPE html>
<html lang="fr">
<head>
<meta charset="iso-8859-1">
<title>{esc(title)} - L'Économie Numérique</title>
{head}
<link rel="alternate" type="application/rss+xml" title="L'Économie Numérique" href="/rss.xml">
<link rel="stylesheet" type="text/css" href="/styles/global.css">
</head>
<body>
<div id="bandeau-cookies">
  <p>En poursuivant votre navigation sur ce site, vous acceptez l'utilisation de cookies pour vous
  proposer des contenus et des publicités adaptés à vos centres d'intérêt.</p>
  <a href="#" class="fermer">J'accepte</a> <a href="/cookies.html">En savoir plus</a>
</div>
<div id="page">
<div id="entete">
  <a href="/" class="titre-site">L'Économie Numérique</a>
  <span class="devise">Le quotidien de l'économie du numérique depuis 1998</span>
</div>
<nav id="menu">
  <ul>
    <li><a href="/">Accueil</a></li>
    <li><a href="/rubriques/entreprises.html">Entreprises</a></li>
    <li><a href="/rubriques/carrieres.html">Carrières</a></li>
    <li><a href="/rubriques/marches.html">Marchés</a></li>
    <li><a href="/rubriques/start-up.html">Start-up</a></li>
  </ul>
</nav>
<div class="espace-pub" id="pub-haut">Publicité</div>
<div id="corps">
<div id="colonne-gauche">
{main}
</div>
<div id="colonne-droite">
  <div class="espace-pub" id="pub-droite">Publicité</div>
  <div class="lettre-info">
    <h3>Lettre d'information</h3>
    <p>Recevez chaque soir notre sélection d'articles : entreprises, marchés, carrières.</p>
    <form action="/lettre/inscription.php" method="post"><input type="text" name="courriel"
      value="Votre e-mail"><input type="submit" value="OK"></form>
  </div>
</div>
</div>
<div id="pied">
  <a href="/mentions.html">Mentions légales</a> - <a href="/cgu.html">CGU</a> -
  <a href="/publicite.html">Annoncer chez nous</a> - <a href="/rss.xml">Fil RSS</a><br>
  Copyright © 1998-2026 L'Économie Numérique. Reproduction interdite.
</div>
</div>
</body>
</html>
"""

    def article_head(self, article: Article) -> str:
        return (
            f'<meta name="author" content="{esc(", ".join(article.authors))}">\n'
            f'<meta name="description" content="{esc(article.teaser)}">\n'
            f'<link rel="canonical" href="{esc(self.canonical(article))}">'
        )

    def article_main(self, article: Article) -> str:
        d = published_dt(article)
        auteurs = " et ".join(f"<b>{esc(n)}</b>" for n in article.authors)
        paras = "\n".join(f"<p>{esc(p)}</p>" for p in article.paragraphs)
        related = "\n".join(
            f'<li><a href="{esc(self.path(a))}">{esc(a.title)}</a></li>'
            for a in self.related(article)
        )
        return f"""<div id="article">
  <h1>{esc(article.title)}</h1>
  <p class="signature">Par {auteurs} | Publié le {self.when(d)}</p>
  <div class="texte">
{paras}
  </div>
  <p class="outils"><a href="#" onclick="window.print()">Imprimer</a> |
    <a href="mailto:?subject={esc(article.title)}">Envoyer à un ami</a></p>
</div>
<div class="sur-le-meme-sujet">
  <h3>Sur le même sujet</h3>
  <ul>
{related}
  </ul>
</div>"""

    def feed(self) -> str:
        newest = format_datetime(datetime.fromtimestamp(self.newest(), UTC), usegmt=True)
        entries: list[tuple[datetime, str]] = []
        for a in self.articles:
            d = published_dt(a)
            entries.append(
                (
                    d,
                    f"""<item>
<title>{xesc(a.title)}</title>
<link>{xesc(self.url(a))}</link>
<guid>{xesc(self.url(a))}</guid>
<pubDate>{format_datetime(d)}</pubDate>
<author>redaction@economie-numerique.example ({xesc(", ".join(a.authors))})</author>
<description>{xesc(a.teaser)}</description>
</item>""",
                )
            )
        d = datetime.fromisoformat("2026-11-19T09:00:00+01:00")
        url = self.base + self.error_path
        entries.append(
            (
                d,
                f"""<item>
<title>Classement : les laboratoires d'IA les plus attractifs pour les ingénieurs</title>
<link>{xesc(url)}</link>
<guid>{xesc(url)}</guid>
<pubDate>{format_datetime(d)}</pubDate>
<description>Notre palmarès annuel des employeurs préférés des chercheurs.</description>
</item>""",
            )
        )
        body = "\n".join(t for _, t in sorted(entries, key=lambda e: e[0], reverse=True))
        return f"""<?xml version="1.0" encoding="ISO-8859-1"?>
<rss version="2.0">
<channel>
<title>L'Économie Numérique - Carrières et entreprises</title>
<link>{self.base}/</link>
<description>Les dernières actualités de L'Économie Numérique</description>
<language>fr</language>
<lastBuildDate>{newest}</lastBuildDate>
{body}
</channel>
</rss>
"""

    def not_found(self, path: str) -> Resource:
        main = "<h1>Erreur 404</h1><p>Cette page n'existe pas ou a été supprimée.</p>"
        return self.html(self.page("Page introuvable", main), 404)

    def resources(self) -> dict[str, Resource]:
        table = super().resources()
        table[self.feed_path] = self.xml(self.feed(), "application/rss+xml")
        table["/robots.txt"] = self.robots("User-agent: *\nDisallow: /lettre/\n")
        error = (
            "<!DOCTYPE html>\n<html><head><title>500 Erreur interne</title></head><body>"
            "<h1>Erreur interne du serveur</h1><p>Le serveur a rencontré une erreur et n'a pas pu "
            "traiter votre requête. Veuillez réessayer plus tard.</p></body></html>\n"
        )
        table[self.error_path] = self.html(error, 500)
        return table


RENDERERS: dict[str, type[SiteRenderer]] = {
    "wire": WireRenderer,
    "courrier": CourrierRenderer,
    "beobachter": BeobachterRenderer,
    "ledger": LedgerRenderer,
    "economie": EconomieRenderer,
}


def renderer_for(site: str, articles: tuple[Article, ...], base_url: str) -> SiteRenderer:
    """Build the renderer of ``site`` for the given article list and base URL."""
    return RENDERERS[site](SITES[site], articles, base_url)
