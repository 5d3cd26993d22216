"""The --crawl mode of bench/realnews_eval.py: the real-news excerpts crawled end to end.

The direct mode feeds the store cleaned text; this one checks that what it measures survives
the real path: every excerpt is served from 127.0.0.1 as a realistic article page (navigation,
cookie banner, ad, related links, footer) behind one RSS feed per outlet, `newsmon crawl`
fetches, extracts, classifies, dedupes and stores them and delivers the alerts to a local
signed-webhook receiver, and the outcome is read back from the SQLite file. Nothing leaves the
machine (the site doubles as the guard proxy of bench/crawl_bench.py) and the third-party text
is only ever held in memory and served, never written to disk.
"""

from __future__ import annotations

import base64
import html
import json
import os
import re
import subprocess
import sys
import threading
import unicodedata
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape as xml_escape

BENCH_DIR = Path(__file__).resolve().parent
# the repo root for `bench.*`; bench/ itself because crawl_bench imports `local_site` by that
# name, and its LocalSite must be the class this module extends
sys.path[:0] = [str(BENCH_DIR.parent), str(BENCH_DIR)]

from local_site import HTML_TYPE, ROBOTS_TXT, LocalSite, ServedPage  # noqa: E402

from bench.crawl_bench import cli_env, describe_failure, run_cli  # noqa: E402
from bench.realnews_eval import Outcome, Realnews  # noqa: E402

CRAWL_TIMEOUT = 900.0  # seconds for `newsmon crawl` (workers preload models, then ~175 pages)
SEND_TIMEOUT = 120.0
RELATED_LINKS = 3
_PAGE_RE = re.compile(r"/([A-Za-z0-9][A-Za-z0-9_.-]*)/([^/?#]+)\.html$")
_EXCEPTION_RE = re.compile(r"^(?:[\w.]+\.)?\w*(?:Error|Exception|Exit)\b(?::.*)?$")

# Page chrome in the page's language: what a reader sees around the article, never in it.
CHROME: dict[str, dict[str, Any]] = {
    "en": {"nav": ("Home", "AI", "Tech", "Business", "Opinion", "Newsletter"),
           "cookie": "We use cookies to personalise content and ads and to analyse our traffic. "
                     "You can change your choices at any time in the privacy settings.",
           "accept": "Accept all", "settings": "Manage choices", "ad": "Advertisement",
           "related": "Related", "more": ("More from the AI desk", "The week in tech",
                                          "Our newsletter: the briefing"),
           "footer": ("About us", "Contact", "Privacy", "Terms of use"),
           "rights": "All rights reserved."},
    "fr": {"nav": ("Accueil", "IA", "Tech", "Économie", "Opinions", "Newsletter"),
           "cookie": "Nous utilisons des cookies pour personnaliser le contenu et les publicités "
                     "et pour analyser notre trafic. Vous pouvez modifier vos choix à tout moment.",
           "accept": "Tout accepter", "settings": "Paramétrer", "ad": "Publicité",
           "related": "Sur le même sujet", "more": ("Toute l'actualité de l'IA",
                                                    "La semaine tech", "Notre newsletter"),
           "footer": ("Qui sommes-nous", "Contact", "Confidentialité", "Mentions légales"),
           "rights": "Tous droits réservés."},
    "de": {"nav": ("Startseite", "KI", "Technik", "Wirtschaft", "Meinung", "Newsletter"),
           "cookie": "Wir verwenden Cookies, um Inhalte und Anzeigen zu personalisieren und "
                     "Zugriffe zu analysieren. Sie können Ihre Auswahl jederzeit ändern.",
           "accept": "Alle akzeptieren", "settings": "Einstellungen", "ad": "Anzeige",
           "related": "Mehr zum Thema", "more": ("Alles zur KI", "Die Tech-Woche",
                                                 "Unser Newsletter"),
           "footer": ("Über uns", "Kontakt", "Datenschutz", "Impressum"),
           "rights": "Alle Rechte vorbehalten."},
}


def log(msg: str) -> None:
    """Progress and warnings go to stderr: stdout is the eval's table (or its JSON)."""
    print(msg, file=sys.stderr, flush=True)


def slugify(outlet: str, taken: set[str]) -> str:
    """A source name and URL segment: ASCII, as newsmon's config requires, unique."""
    folded = unicodedata.normalize("NFKD", outlet).encode("ascii", "ignore").decode()
    base = re.sub(r"[^a-z0-9]+", "-", folded.lower()).strip("-")[:56] or "outlet"
    slug, n = base, 1
    while slug in taken:
        n += 1
        slug = f"{base}-{n}"
    taken.add(slug)
    return slug


def paragraphs(item: Mapping[str, Any]) -> list[str]:
    """The excerpt's lines as paragraphs, without a first line that repeats the headline."""
    lines = [" ".join(line.split()) for line in item["text"].splitlines()]
    lines = [line for line in lines if line]
    title = " ".join((item.get("title") or "").split())
    if title and lines and lines[0] == title:
        lines = lines[1:]
    return lines


def _link_name(label: str) -> str:
    """A menu label as a page name: "Économie" -> "economie.html"."""
    folded = unicodedata.normalize("NFKD", label).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", folded.lower()).strip("-") + ".html"


def _iso(when: datetime) -> str:
    return when.replace(microsecond=0).isoformat()


@dataclass(frozen=True)
class Outlet:
    name: str
    slug: str
    lang: str
    items: tuple[dict[str, Any], ...]


def group_outlets(items: list[dict[str, Any]]) -> list[Outlet]:
    by_name: dict[str, list[dict[str, Any]]] = {}
    for item in items:
        by_name.setdefault(item["outlet"], []).append(item)
    taken: set[str] = set()
    out = []
    for name in sorted(by_name):
        group = sorted(by_name[name], key=lambda i: i["when"], reverse=True)
        lang = Counter(i["lang"] for i in group).most_common(1)[0][0]
        out.append(Outlet(name, slugify(name, taken), lang, tuple(group)))
    return out


def page_html(item: Mapping[str, Any], outlet: Outlet, url: str, base: str) -> str:
    """A news page as outlets publish them: metadata in <head>, the article among chrome.

    An excerpt without a headline gets no <h1>, and no <h2> either (the related box is headed
    <h3>): trafilatura would take the first h2 for the title; <title> is then the outlet alone.
    """
    e = html.escape
    chrome = CHROME.get(item["lang"], CHROME["en"])
    title = " ".join((item.get("title") or "").split())
    home = f"{base}/{outlet.slug}/"
    published = _iso(item["when"])
    head_title = f"{title} | {outlet.name}" if title else outlet.name
    og_title = f'<meta property="og:title" content="{e(title)}">\n' if title else ""
    nav = "".join(f'<li><a href="{home}{_link_name(label) if i else ""}">{e(label)}</a></li>'
                  for i, label in enumerate(chrome["nav"]))
    others = [o for o in outlet.items if o["id"] != item["id"]][:RELATED_LINKS]
    related = [(f"{home}{o['id']}.html", " ".join((o.get("title") or "").split())
                or chrome["more"][k]) for k, o in enumerate(others)]
    related += [(f"{home}section-{k}.html", chrome["more"][k])
                for k in range(len(related), RELATED_LINKS)]
    aside = "".join(f'<li><a href="{e(href)}">{e(text)}</a></li>' for href, text in related)
    body = "\n".join(f"<p>{e(p)}</p>" for p in paragraphs(item))
    h1 = f'<h1 class="headline">{e(title)}</h1>\n' if title else ""
    footer = "".join(f'<li><a href="{home}{_link_name(label)}">{e(label)}</a></li>'
                     for label in chrome["footer"])
    return f"""<!DOCTYPE html>
<html lang="{e(item['lang'])}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{e(head_title)}</title>
<meta property="og:site_name" content="{e(outlet.name)}">
<meta property="og:type" content="article">
{og_title}<meta property="og:url" content="{e(url)}">
<meta property="article:published_time" content="{published}">
<link rel="canonical" href="{e(url)}">
<link rel="alternate" type="application/rss+xml" title="{e(outlet.name)}"
 href="{base}/{outlet.slug}/feed.xml">
</head>
<body>
<header class="site-header">
<a class="logo" href="{home}">{e(outlet.name)}</a>
<nav class="main-nav" aria-label="Menu"><ul>{nav}</ul></nav>
</header>
<div id="cookie-banner" class="cookie-consent" role="dialog">
<p>{e(chrome['cookie'])}</p>
<button type="button">{e(chrome['accept'])}</button>
<button type="button">{e(chrome['settings'])}</button>
</div>
<div class="ad ad-leaderboard" aria-hidden="true"><span class="ad-label">{e(chrome['ad'])}</span>
<div id="div-gpt-ad-top"></div></div>
<main id="content">
<article class="article">
{h1}<div class="article-meta"><time datetime="{published}">{item['when']:%Y-%m-%d}</time></div>
<div class="article-body">
{body}
</div>
</article>
<aside class="related"><h3>{e(chrome['related'])}</h3><ul>{aside}</ul></aside>
</main>
<footer class="site-footer"><ul>{footer}</ul>
<p>© {item['when']:%Y} {e(outlet.name)}. {e(chrome['rights'])}</p></footer>
</body>
</html>
"""


def feed_xml(outlet: Outlet, base: str) -> bytes:
    """RSS 2.0, newest first; an excerpt without a headline is listed by its description."""
    entries = []
    for item in outlet.items:
        url = f"{base}/{outlet.slug}/{item['id']}.html"
        title = " ".join((item.get("title") or "").split())
        label = (f"<title>{xml_escape(title)}</title>" if title else
                 f"<description>{xml_escape(' '.join(paragraphs(item)[:1])[:200])}"
                 "</description>")
        entries.append(f"<item>{label}<link>{xml_escape(url)}</link>"
                       f'<guid isPermaLink="true">{xml_escape(url)}</guid>'
                       f"<pubDate>{format_datetime(item['when'], usegmt=True)}</pubDate></item>")
    return ('<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0"><channel>'
            f"<title>{xml_escape(outlet.name)}</title><link>{base}/{outlet.slug}/</link>"
            f"<description>{xml_escape(outlet.name)}</description>"
            f"<language>{outlet.lang}</language>\n" + "\n".join(entries)
            + "\n</channel></rss>\n").encode("utf-8")


class RealnewsSite(LocalSite):
    """LocalSite's server and guard proxy, with one feed and one folder of pages per outlet."""

    def __init__(self, items: list[dict[str, Any]]):
        self.outlets = group_outlets(items)
        super().__init__({})

    def _load(self, pages: Mapping[str, str], copies: int) -> None:
        for outlet in self.outlets:
            for item in outlet.items:
                path = f"/{outlet.slug}/{item['id']}.html"
                url = self.base_url + path
                self.pages.append(ServedPage(item["id"], 0, path, url, item.get("title") or ""))
                body = page_html(item, outlet, url, self.base_url).encode("utf-8")
                self._bodies[path] = ("page", body, HTML_TYPE)
            self._bodies[f"/{outlet.slug}/feed.xml"] = (
                "feed", feed_xml(outlet, self.base_url), "application/rss+xml; charset=utf-8")
        self._bodies["/robots.txt"] = ("robots", ROBOTS_TXT, "text/plain; charset=utf-8")

    def feed_url_of(self, outlet: Outlet) -> str:
        return f"{self.base_url}/{outlet.slug}/feed.xml"


class WebhookReceiver:
    """A local webhook endpoint that checks Standard Webhooks signatures with the reference
    package and records each delivery once (by webhook-id, as the README tells receivers)."""

    def __init__(self, secret: str) -> None:
        from standardwebhooks import Webhook

        self.deliveries: dict[str, dict[str, Any]] = {}
        self.forged = 0
        self.repeats = 0
        lock = threading.Lock()
        receiver = self
        verifier = Webhook(secret)

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers.get("content-length", 0)))
                headers = {k.lower(): v for k, v in self.headers.items()}
                try:
                    verifier.verify(body, headers)
                    ok = True
                except Exception:
                    ok = False
                with lock:
                    if not ok:
                        receiver.forged += 1
                    elif headers.get("webhook-id", "") in receiver.deliveries:
                        receiver.repeats += 1
                    else:
                        receiver.deliveries[headers.get("webhook-id", "")] = json.loads(body)
                self.send_response(200 if ok else 401)
                self.send_header("content-length", "0")
                self.end_headers()

            def log_message(self, format: str, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/hook"
        self.thread = threading.Thread(target=self.server.serve_forever, name="webhook",
                                       daemon=True)

    def __enter__(self) -> WebhookReceiver:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()

    def created_stories(self) -> list[int]:
        return sorted({d["data"]["story"]["id"] for d in self.deliveries.values()
                       if d.get("type") == "story.created"})


def write_config(workdir: Path, site: RealnewsSite, hook_url: str, secret: str) -> Path:
    """Like crawl_bench.write_config, with every outlet a source and one webhook channel."""
    db = workdir / "realnews.db"
    sources = "".join(f"""
[[sources]]
name = "{o.slug}"
url = "{site.feed_url_of(o)}"
type = "feed"
max_articles = 100000
""" for o in site.outlets)
    text = f"""\
[database]
url = "sqlite:///{db.as_posix()}"

[crawl]
allow_private_addresses = true
obey_robots_txt = true
concurrency = 16
per_domain_concurrency = 16
per_domain_delay = "0s"
timeout = "30s"
max_articles_per_source = 100000

[[alerts]]
type = "webhook"
name = "bench"
url = "{hook_url}"
secret = "{secret}"
# every article is crawled in one pass here, so stories are complete when it ends: no need
# to wait for copies before alerting
settle = "0s"
{sources}"""
    path = workdir / "newsmon.toml"
    path.write_text(text, "utf-8")
    return path


def item_of(url: str | None, slugs: Mapping[str, str]) -> str | None:
    """The item id of a served page URL (`/<slug>/<id>.html`), or None."""
    m = _PAGE_RE.search(url or "")
    return m.group(2) if m and slugs.get(m.group(2)) == m.group(1) else None


def read_outcome(db: Path, data: Realnews, slugs: Mapping[str, str],
                 delivered: list[int]) -> Outcome:
    """The stored articles mapped back to items; items never stored count as nothing found."""
    from sqlalchemy import create_engine, select
    from sqlalchemy.orm import Session

    from newsmon.models import Alert, Article, Page

    got: dict[str, dict[str, Any]] = {}
    outbox: list[int] = []
    not_stored: dict[str, str] = {}
    if db.exists():
        engine = create_engine(f"sqlite:///{db.as_posix()}")
        with Session(engine) as s:
            arts = list(s.scalars(select(Article)))
            id_of = {a.id: item_of(a.url, slugs) or item_of(a.canonical_url, slugs)
                     for a in arts}
            for a in arts:
                item = id_of[a.id]
                if item is None:
                    log(f"realnews crawl: stored article {a.id} is no served page: {a.url}")
                    continue
                got[item] = {"root": id_of.get(a.duplicate_of or a.id) or item,
                             "story": a.story_id, "relevant": bool(a.relevant),
                             "moves": a.moves or [], "dedup": a.dedup}
            for p in s.scalars(select(Page).where(Page.kind != "article")):
                if (item := item_of(p.url, slugs)) is not None:
                    not_stored[item] = f"{p.kind}: {p.reason}"
            outbox = sorted({a.story_id for a in s.scalars(
                select(Alert).where(Alert.event == "story.created", Alert.status == "sent"))})
        engine.dispose()
    missing = [i["id"] for i in data.items if i["id"] not in got]
    if missing:
        log(f"realnews crawl: {len(missing)} of {len(data.items)} items not stored:")
        for item_id in missing:
            log(f"  {item_id}: {not_stored.get(item_id, 'never settled (fetch or store failed)')}")
    for item_id in missing:
        got[item_id] = {"root": item_id, "story": None, "relevant": False, "moves": [],
                        "dedup": None}
    if outbox != delivered:
        log(f"realnews crawl: warning: outbox marks {len(outbox)} story.created alerts sent, "
            f"the receiver got {len(delivered)} (only sent: "
            f"{sorted(set(outbox) - set(delivered))}, only received: "
            f"{sorted(set(delivered) - set(outbox))})")
    return Outcome(got, delivered)


def _pending_alerts(db: Path) -> int:
    from sqlalchemy import create_engine, func, select

    from newsmon.models import Alert

    if not db.exists():
        return 0
    engine = create_engine(f"sqlite:///{db.as_posix()}")
    try:
        with engine.connect() as c:
            return int(c.scalar(select(func.count()).select_from(Alert)
                                .where(Alert.status.in_(("pending", "failed")))) or 0)
    finally:
        engine.dispose()


def run_crawl(data: Realnews, workdir: Path) -> Outcome:
    """Serve, crawl with the real CLI, deliver alerts, and read back what was stored."""
    secret = "whsec_" + base64.b64encode(os.urandom(32)).decode("ascii")
    site = RealnewsSite(data.items)
    slugs = {p.page_id: p.path.split("/")[1] for p in site.pages}
    with site, WebhookReceiver(secret) as hook:
        config = write_config(workdir, site, hook.url, secret)
        db = workdir / "realnews.db"
        env = cli_env(site)
        log(f"realnews crawl: {len(site.pages)} pages, {len(site.outlets)} feeds at "
            f"{site.base_url}")
        try:
            crawl = run_cli(["crawl", "--config", str(config), "--no-progress",
                             "--summary-json", str(workdir / "summary.json")],
                            env, workdir, CRAWL_TIMEOUT)
            if crawl.returncode != 0:
                log(describe_failure("crawl", crawl))
            _report_exceptions(crawl.stderr)
            if _pending_alerts(db):  # the crawl's own delivery left some: one more drain
                send = run_cli(["alerts", "send", "--config", str(config), "--wait", "30"],
                               env, workdir, SEND_TIMEOUT)
                if send.returncode != 0:
                    log(describe_failure("alerts send", send))
        except subprocess.TimeoutExpired as exc:
            log(f"realnews crawl: `newsmon {exc.cmd[3]}` did not finish within "
                f"{exc.timeout:.0f}s; reading what it stored")
        stats = site.reset_stats()
        _report_summary(workdir / "summary.json", stats)
        if hook.forged or hook.repeats:
            log(f"realnews crawl: webhook: {hook.forged} unverified, {hook.repeats} repeats")
        delivered = hook.created_stories()
    return read_outcome(db, data, slugs, delivered)


def _report_exceptions(stderr: str | None) -> None:
    """Errors in the pipelines do not fail the pass (and the summary may not count them):
    the exception lines of the CLI's log, counted, say why pages went missing."""
    found = Counter(line.strip()[:200] for line in (stderr or "").splitlines()
                    if _EXCEPTION_RE.match(line.strip()))
    for line, n in found.most_common(5):
        log(f"realnews crawl: crawl log: {n} x {line}")


def _report_summary(path: Path, stats: Mapping[str, object]) -> None:
    """One line on what the crawl did, and anything the guard or the server refused."""
    try:
        summary = json.loads(path.read_text("utf-8"))
    except (OSError, ValueError):
        summary = {}
    keys = ("elapsed_seconds", "pages_fetched", "new_articles", "relevant_articles",
            "non_articles")
    line = ", ".join(f"{k}={summary[k]}" for k in keys if k in summary)
    errors = {k: v for k, v in (summary.get("errors") or {}).items() if v}
    log(f"realnews crawl: {line or 'no summary'}; errors={errors or 'none'}; "
        f"alerts={summary.get('alerts')}; served={ {k: v for k, v in stats.items() if v} }")
