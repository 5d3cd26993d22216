"""Extraction on pages written here: what a reader sees is what is kept."""

from __future__ import annotations

import re
from collections import Counter
from datetime import UTC, datetime, timedelta, timezone

import pytest

from newsmon.extract import Extraction, ExtractOptions, content_hash, extract_article

PARAGRAPHS = [
    "Mistral AI has hired a senior research scientist from Google DeepMind to lead a new "
    "team in Paris working on reasoning models, the company confirmed on Tuesday.",
    "The researcher spent six years at DeepMind in London, where she worked on reinforcement "
    "learning and on the evaluation of large language models for mathematics.",
    "People familiar with the move said the hire was part of a wider effort by the French "
    "start-up to build a research bench that can compete with the largest American labs.",
    "Mistral declined to say how many people the new team would employ, but job listings "
    "published this month point to at least a dozen open positions in Paris and London.",
]


def page(*, head: str = "", body_extra: str = "", paragraphs: list[str] = PARAGRAPHS,
         lang: str = "en",
         title: str = "Mistral AI hires DeepMind scientist to lead reasoning team") -> str:
    paras = "\n".join(f"<p>{p}</p>" for p in paragraphs)
    return f"""<!doctype html><html lang="{lang}"><head><meta charset="utf-8">
<title>{title} | The Wire Daily</title>{head}</head><body>
<div class="cookie-banner">We use cookies to improve your experience. <button>Accept</button></div>
<nav class="main-nav"><a href="/">Home</a> <a href="/ai/">AI</a> <a href="/business/">Business</a></nav>
<div class="ad-slot">Advertisement</div>
<main><article>
<h1>{title}</h1>
<p class="byline">By Jane Doe</p>
{paras}
{body_extra}
</article>
<aside class="related"><h3>Related articles</h3><ul>
<li><a href="/2026/11/01/openai-opens-office-in-munich/">OpenAI opens office in Munich</a></li>
<li><a href="/2026/11/02/anthropic-funding/">Anthropic raises new funding</a></li></ul></aside>
<div class="newsletter">Sign up for our daily AI newsletter <input type="email"></div>
</main><footer><a href="/privacy">Privacy</a> © 2026 The Wire Daily</footer></body></html>"""


def token_f1(predicted: str, truth: str) -> float:
    p = Counter(re.findall(r"\w+", predicted.lower()))
    t = Counter(re.findall(r"\w+", truth.lower()))
    tp = sum((p & t).values())
    if not tp:
        return 0.0
    precision, recall = tp / sum(p.values()), tp / sum(t.values())
    return 2 * precision * recall / (precision + recall)


def test_body_metadata_and_chrome_removed() -> None:
    head = """<link rel="canonical" href="https://wire.example/2026/11/18/mistral-hires/">
<meta property="og:site_name" content="The Wire Daily">
<script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle",
"headline":"Mistral AI hires DeepMind scientist","datePublished":"2026-11-18T09:30:00+01:00",
"author":{"@type":"Person","name":"Jane Doe"},"publisher":{"@type":"Organization","name":"The Wire Daily"}}
</script>"""
    ex = extract_article(page(head=head),
                         "https://wire.example/2026/11/18/mistral-hires/?utm_source=rss")
    assert ex.kind == "article", ex.reason
    assert token_f1(ex.text, "\n".join(PARAGRAPHS)) >= 0.95
    for noise in ("cookies", "Advertisement", "newsletter", "Related", "Privacy", "By Jane Doe"):
        assert noise not in ex.text
    assert not ex.text.startswith("Mistral AI hires DeepMind scientist")  # headline not repeated
    assert ex.title in ("Mistral AI hires DeepMind scientist to lead reasoning team",  # <h1>
                        "Mistral AI hires DeepMind scientist")  # JSON-LD headline
    assert ex.canonical_url == "https://wire.example/2026/11/18/mistral-hires/"
    assert ex.published is not None and ex.published.startswith("2026-11-18T09:30:00+01:00")
    assert ex.authors == ["Jane Doe"]
    assert ex.site_name == "The Wire Daily"
    assert ex.language == "en"
    assert ex.content_hash == content_hash(ex.text)


def test_opengraph_only_page_in_french() -> None:
    fr = [
        "L'ancienne directrice de la recherche de Google DeepMind à Paris rejoint Mistral AI, "
        "où elle dirigera une nouvelle équipe consacrée aux modèles de raisonnement.",
        "Cette arrivée intervient quelques semaines après le départ de plusieurs chercheurs "
        "de la start-up parisienne vers des laboratoires américains concurrents.",
        "Selon nos informations, l'équipe comptera une douzaine de personnes d'ici le printemps "
        "prochain, réparties entre Paris et Londres, et travaillera avec les équipes produit.",
        "Mistral n'a pas souhaité commenter le montant de sa rémunération ni la date exacte "
        "de son arrivée, prévue avant la fin de l'année selon plusieurs sources internes.",
    ]
    head = """<meta property="og:url" content="https://courrier.example/articles/mistral-recrute">
<meta property="og:site_name" content="Le Courrier Tech">
<meta property="article:published_time" content="2026-11-19T07:00:00+01:00">
<meta property="og:locale" content="fr_FR">"""
    ex = extract_article(page(head=head, paragraphs=fr, lang="fr", title="Mistral AI recrute"),
                         "https://courrier.example/articles/mistral-recrute?xtor=RSS-1")
    assert ex.kind == "article", ex.reason
    assert ex.language == "fr"
    assert ex.canonical_url == "https://courrier.example/articles/mistral-recrute"
    assert ex.published.startswith("2026-11-19")
    assert ex.site_name == "Le Courrier Tech"
    assert token_f1(ex.text, "\n".join(fr)) >= 0.95


def test_syndication_credit_becomes_a_field() -> None:
    extra = ("<p>Read more: <a href='/x'>How the AI talent war reached Paris</a></p>"
             "<p><em>This article originally appeared on The Wire Daily.</em></p>")
    ex = extract_article(page(body_extra=extra), "https://ledger.example/2026/11/18/copy/")
    assert ex.kind == "article"
    assert ex.syndicated_from == "The Wire Daily"
    assert "originally appeared" not in ex.text and "Read more" not in ex.text


def test_declared_language_that_lies_is_overridden() -> None:
    de = [
        "Der frühere Forschungschef von OpenAI wechselt zu Anthropic und soll dort ein neues "
        "Team für die Sicherheit großer Sprachmodelle aufbauen, wie das Unternehmen mitteilte.",
        "Der Wechsel kommt für Beobachter nicht überraschend, da er seit Monaten öffentlich "
        "Kritik an der Ausrichtung seines bisherigen Arbeitgebers geübt hatte.",
        "Anthropic wollte sich zu den Einzelheiten des Vertrags nicht äußern und verwies auf "
        "eine Mitteilung, die am Dienstagabend auf der Plattform X veröffentlicht wurde.",
    ]
    ex = extract_article(page(paragraphs=de, lang="en", title="Wechsel zu Anthropic"),
                         "https://beobachter.example/2026/11/wechsel")
    assert ex.language == "de"


@pytest.mark.parametrize(("html", "reason"), [
    ("", "empty page"),
    ("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
    ("<html><body><nav><a href='/'>Home</a></nav><p>Short.</p></body></html>", None),
])
def test_non_articles(html: str, reason: str | None) -> None:
    ex = extract_article(html, "https://wire.example/x")
    assert ex.kind == "non_article"
    if reason:
        assert reason in ex.reason


def test_paywall_teaser_is_a_non_article() -> None:
    teaser = ["OpenAI's head of hardware has left the company, according to an internal memo "
              "seen by our reporters."]
    extra = "<div class='paywall'><p>Subscribe to read the rest of this article.</p></div>"
    ex = extract_article(page(paragraphs=teaser, body_extra=extra), "https://wire.example/p")
    assert ex.kind == "non_article"
    assert "paywall" in ex.reason or "too short" in ex.reason


def test_min_words_is_configurable() -> None:
    html = page()
    assert extract_article(html, "https://w.example/a", ExtractOptions(min_words=10)).kind == \
        "article"
    assert extract_article(html, "https://w.example/a", ExtractOptions(min_words=5000)).kind == \
        "non_article"


def test_canonical_pointing_at_home_page_is_ignored() -> None:
    head = '<link rel="canonical" href="https://wire.example/">'
    ex = extract_article(page(head=head), "https://wire.example/2026/11/18/mistral-hires/")
    assert ex.canonical_url == "https://wire.example/2026/11/18/mistral-hires/"


def test_feed_hints_fill_gaps_only() -> None:
    hints = {"title": "Feed title", "published": "2026-11-17T10:00:00+00:00", "authors": ["X"]}
    ex = extract_article(page(), "https://w.example/a", hints=hints)
    assert ex.title != "Feed title"  # the page's own title wins
    assert ex.published and ex.published.startswith("2026-11-17")  # the page had no date


def test_published_at_is_what_the_database_keeps() -> None:
    def at(published: str | None) -> datetime | None:
        return Extraction("article", published=published).published_at()

    assert at("2026-11-18") == datetime(2026, 11, 18, tzinfo=UTC)  # that day: midnight UTC
    assert at("2026-11-18T09:30:00+01:00") == datetime(
        2026, 11, 18, 9, 30, tzinfo=timezone(timedelta(hours=1)))
    assert at("2026-11-18T09:30:00") == datetime(2026, 11, 18, 9, 30, tzinfo=UTC)
    assert at(None) is None and at("") is None and at("18 Nov 2026") is None
