"""Body-text clean-up that trafilatura leaves to us: lines a reader does not count as the article.

trafilatura finds the article block; inside it, news sites still put the headline again, a
byline, "Read more:" links, embed placeholders ("This tweet may have been deleted"), newsletter
boxes and syndication credits ("Read the original article on Business Insider"). These are
matched line by line in English, French and German. Credits are not thrown away: the outlet
they name becomes `syndicated_from`, evidence for deduplication. Works on plain text, so it
serves extracted pages and text-only inputs (the shared seed articles) alike.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

_SRC = r"[«\"“']?\s*(?P<src>[^\n]{2,80}?)\s*[»\"”']?\s*[.!]?\s*"

# Credit lines: the article is a copy of one published elsewhere. Group `src` names the outlet.
CREDIT_PATTERNS = [
    re.compile(p, re.IGNORECASE)
    for p in (
        # "originally"/"first" is required: "The article was published in The Lancet" is news
        rf"^(?:this|the) (?:article|story|post|piece) (?:was )?(?:originally|first) "
        rf"(?:appeared|published|ran) (?:on|in|at|by|with) {_SRC}$",
        rf"^(?:this|the) (?:article|story|post|piece) (?:was )?(?:appeared|published|ran) "
        rf"(?:originally|first) (?:on|in|at|by|with) {_SRC}$",
        rf"^read the original (?:article|story|post) (?:on|at|in) {_SRC}$",
        rf"^originally (?:published|appeared) (?:on|in|at|by) {_SRC}$",
        rf"^republished (?:with permission )?(?:from|courtesy of) {_SRC}$",
        rf"^lire l['’]article original(?:e)? (?:sur|de|du|chez) {_SRC}$",
        rf"^(?:cet|l['’]) ?article (?:a été |a d['’]abord été |est )?(?:publié|paru) "
        rf"(?:initialement |à l['’]origine |d['’]abord |en premier )?(?:sur|par|dans|chez) {_SRC}$",
        rf"^(?:article )?(?:publié|paru) (?:initialement|à l['’]origine|d['’]abord) "
        rf"(?:sur|par|dans|chez) {_SRC}$",
        rf"^lesen sie den original(?:artikel|beitrag) (?:auf|bei|in) {_SRC}$",
        rf"^(?:dieser|der) (?:artikel|beitrag|text) (?:ist |erschien |wurde )?"
        rf"(?:zuerst |ursprünglich )?"
        rf"(?:erschienen |veröffentlicht )?(?:auf|bei|in|im) {_SRC}"
        rf"(?:erschienen|veröffentlicht)?\.?$",
        rf"^(?:zuerst|ursprünglich) (?:erschienen|veröffentlicht) (?:auf|bei|in|im) {_SRC}$",
    )
]
# A bare "source X" tag at the end of syndicated copies (e.g. "source site-19").
SOURCE_TAG = re.compile(r"^(?:source|quelle)\s*:?\s*(?P<src>[\w.-]{2,40})$", re.IGNORECASE)

# Reading links and teasers for other articles.
READ_MORE = re.compile(
    r"^(?:read more|read also|also read|see also|related(?: article| story)?s?|more on this"
    r"|recommended|à lire (?:aussi|également)|a lire (?:aussi|également)|lire aussi|voir aussi"
    r"|sur le même sujet|lesen sie auch|lesen sie mehr|mehr zum thema|auch interessant"
    r"|weiterlesen|das könnte sie auch interessieren)\b\s*(?:[:：|–—-]|$)",
    re.IGNORECASE,
)

# Placeholders left where an embed (tweet, post, video) was.
EMBED_PLACEHOLDERS = re.compile(
    r"^(?:le tweet a peut-être été supprimé|this tweet (?:may have been|was) deleted"
    r"|der tweet wurde möglicherweise gelöscht|dieser tweet wurde (?:möglicherweise )?gelöscht"
    r"|view this post on (?:instagram|x|twitter)|voir cette publication sur instagram"
    r"|diesen beitrag auf instagram ansehen|loading (?:twitter|tweet|embed|video)[^\n]{0,30}"
    r"|(?:twitter|instagram|youtube|tiktok) (?:content|embed|placeholder)"
    r"|ce contenu (?:n['’]est pas disponible|est bloqué)[^\n]{0,60}"
    r"|(?:externer inhalt|empfohlener externer inhalt)[^\n]{0,80}"
    r"|embedded content[^\n]{0,40}|content not available[^\n]{0,40})\.?$",
    re.IGNORECASE,
)

# Newsletter, cookie and subscription boxes that slip into the article block.
CHROME = re.compile(
    r"^(?:sign up (?:for|to) (?:our|the)[^\n]{0,60}newsletter|subscribe to (?:our|the)[^\n]{0,40}"
    r"newsletter|get (?:our|the) [^\n]{0,40}newsletter|we use cookies|this (?:site|website) uses "
    r"cookies|abonnez-vous à (?:notre|la) [^\n]{0,40}newsletter|inscrivez-vous à (?:notre|la) "
    r"[^\n]{0,40}newsletter|recevez (?:notre|la) newsletter|nous utilisons des cookies"
    r"|(?:jetzt )?(?:zum )?newsletter (?:abonnieren|anmelden)|melden sie sich für (?:unseren|den) "
    r"[^\n]{0,40}newsletter an|wir verwenden cookies|diese (?:website|seite) verwendet cookies)"
    r"\b[^\n]{0,120}$"
    r"|^(?:advertisement|publicité|anzeige|werbung|sponsored|sponsorisé)\s*$",
    re.IGNORECASE,
)

_NOT_A_BYLINE = (r"(?!(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|lundi|mardi"
                 r"|mercredi|jeudi|vendredi|samedi|dimanche|montag|dienstag|mittwoch"
                 r"|donnerstag|freitag|samstag|sonntag|january|february|march|april|may|june"
                 r"|july|august|september|october|november|december|then|now|contrast)\b)")
BYLINE = re.compile(  # "By Jane Doe", "Par Marie Dupont et Luc Martin", "Von Hans Müller, Berlin"
    r"^(?:[Bb]y|[Pp]ar|[Vv]on)\s+(?i:" + _NOT_A_BYLINE + r")[A-ZÀ-ÖØ-Þ][\w'’.-]+"
    r"(?:\s+(?:[A-ZÀ-ÖØ-Þ][\w'’.-]+|and|et|und|,|&|de|van|von)){1,8}"
    r"\s*(?:[,|–—-]\s*[^\n]{0,60})?$"
)

_NAME = r"[A-ZÀ-ÖØ-Þ][\w'’.-]+(?:\s+(?:[A-ZÀ-ÖØ-Þ][\w'’.-]+|de|van|von|di|da)){1,3}"
# a byline that names its author by a label or by the author's trade: "Autor: Hans Müller",
# "Auteure : Claire Petit", "Tobias Keller Redaktor Digital", "Jane Doe, Senior Reporter";
# matched early in the page only (a teaser block may come before it)
AUTHOR_LINE = re.compile(
    r"^(?:(?:author|autor|autorin|auteur|auteure|text|texte|written by|reporting by|"
    r"rédigé par|geschrieben von)\s*[:：]?\s*" + _NAME + r"(?:\s*[,|–—-]\s*[^\n]{0,120})?"
    r"|" + _NAME + r"\s*[,|–—-]?\s*"
    r"(?:(?:senior|chief|staff|deputy|leitende[rn]?|stellvertretende[rn]?)\s+)?(?:reporter|correspondent|editor|writer|contributor|journalist|columnist|"
    r"redaktor|redaktorin|redakteur|redakteurin|korrespondent|korrespondentin|journalistin|"
    r"reporterin|journaliste|rédacteur|rédactrice|correspondant|correspondante|chroniqueur|"
    r"chroniqueuse)(?:\s+[\w&-]+){0,3})$",
    re.IGNORECASE,
)
BYLINE_LINES = 12  # the lines of a page's top in which an author line is a byline

_MONTHS = (
    r"jan(?:uary|vier|uar)?|feb(?:ruary|ruar)?|f[ée]v(?:rier)?|m[aä]r(?:ch|s|z)?|apr(?:il)?|avr(?:il)?"
    r"|ma[iy]|june?|juin|juni|july?|juil(?:let)?|juli|aug(?:ust)?|ao[uû]t|sep(?:t(?:ember|embre)?)?"
    r"|o[ck]t(?:ober|obre)?|nov(?:ember|embre)?|d[eé]c(?:ember|embre)?|dez(?:ember)?"
)
# A line that is only a date (with optional "Published"/"Publié le"/"Veröffentlicht am" and time).
DATE_LINE = re.compile(
    rf"^(?:(?:published|updated|posted|publié|mis à jour|modifié|veröffentlicht|aktualisiert)"
    rf"(?: on| le| am)?\s*:?\s*)?(?:\w+day,?\s+|(?:lun|mar|mer|jeu|ven|sam|dim)\w*\.?\s+"
    rf"|(?:mo|di|mi|do|fr|sa|so)\w*\.?,?\s+)?"
    rf"(?:\d{{1,4}}[./-]\d{{1,2}}[./-]\d{{1,4}}|\d{{1,2}}\.?\s+(?:{_MONTHS})\.?\s+\d{{4}}"
    rf"|(?:{_MONTHS})\.?\s+\d{{1,2}},?\s+\d{{4}}|\d{{4}}-\d{{2}}(?:-\d{{2}})?)"
    rf"(?:,?\s*(?:at|à|um)?\s*\d{{1,2}}[:.h]\d{{2}}(?:\s*(?:am|pm|uhr))?)?(?:\s*\w{{2,5}})?$",
    re.IGNORECASE,
)
# A "date 2024-05 " tag glued to the start of a paragraph by some syndication feeds.
DATE_PREFIX = re.compile(r"^\s*date\s+\d{4}-\d{2}(?:-\d{2})?\s+")


@dataclass(frozen=True)
class CleanBody:
    text: str
    syndicated_from: str | None
    removed: tuple[str, ...]


def fold(text: str) -> str:
    """Comparison form: case-folded, accents kept, punctuation and spacing collapsed."""
    text = unicodedata.normalize("NFKC", text).casefold()
    return " ".join(re.findall(r"\w+", text))


def clean_body(text: str, title: str | Iterable[str | None] | None = None,
               max_line: int = 200) -> CleanBody:
    """Drop non-article lines from extracted text; keep the credit as `syndicated_from`.

    `title` may be several spellings of the headline (JSON-LD, <h1>, og:title): a page
    repeats whichever it shows, not necessarily the one metadata names.
    """
    lines = [ln.strip() for ln in text.replace("\r\n", "\n").split("\n")]
    lines = [ln for ln in lines if ln]
    titles = [title] if isinstance(title, str) or title is None else list(title)
    title_keys = {fold(t) for t in titles if t}
    kept: list[str] = []
    removed: list[str] = []
    credit: str | None = None
    tag: str | None = None
    seen: set[str] = set()
    for i, line in enumerate(lines):
        line = DATE_PREFIX.sub("", line)
        key = fold(line)
        short = len(line) <= max_line
        if not key:
            removed.append(line)
            continue
        if short and (m := _match_credit(line)):
            credit = credit or _clean_source(m)
            removed.append(line)
            continue
        if short and (m := SOURCE_TAG.match(line)) and i >= len(lines) - 3:
            tag = tag or m.group("src")
            removed.append(line)
            continue
        is_noise = short and (
            READ_MORE.match(line)
            or EMBED_PLACEHOLDERS.match(line)
            or CHROME.match(line)
            or DATE_LINE.match(line)
            or (not kept and BYLINE.match(line))
            or (i < BYLINE_LINES and AUTHOR_LINE.match(line))
            or (not kept and key in title_keys)
        )
        if is_noise or key in seen:  # a repeated lede or paragraph counts once
            removed.append(line)
            continue
        seen.add(key)
        kept.append(line)
    return CleanBody("\n".join(kept), credit or tag, tuple(removed))


def _match_credit(line: str) -> re.Match[str] | None:
    for pattern in CREDIT_PATTERNS:
        m = pattern.match(line)
        if m:
            return m
    return None


def _clean_source(m: re.Match[str]) -> str:
    src = m.group("src").strip(" .«»\"“”'")
    src = re.sub(r"^(?:the website |le site |la page |die website |der website )", "", src,
                 flags=re.IGNORECASE)
    return src
