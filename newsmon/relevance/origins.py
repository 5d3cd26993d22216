"""Where a mover comes from or goes when the sentence of the move does not say: an appointee's
prior employer ("the former CTO at Stripe"), the organisation a returning person is named with,
a person's own apposition, and the company a founder starts."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from newsmon.relevance.matcher import Mention, TopicMatcher
from newsmon.relevance.names import company_name
from newsmon.relevance.words import RETURN_WORDS

if TYPE_CHECKING:  # moves imports this module
    from newsmon.relevance.classify import Reason
    from newsmon.relevance.moves import Move

# a new company named near a founding: "a start-up called Parallax", "Ihr Start-up Lumora",
# "une start-up baptisée Orme", "sa propre start-up, Safe Superintelligence"
COMPANY_NOUN = (r"(?:start-?up|company|firm|lab|laboratory|venture|société|entreprise|"
                r"jeune pousse|laboratoire|Start-up|Unternehmen|Firma|Labor|Forschungslabor|"
                r"Gesellschaft)")
CAP_SEQ = r"((?:[A-ZÀ-ÖØ-Þ][\w.&-]*)(?:\s+[A-ZÀ-ÖØ-Þ][\w.&-]*){0,3})"
NEW_COMPANY = re.compile(
    rf"(?:\b(?:called|named|dubbed|baptisée?|nommée?|appelée?|namens|mit dem Namen)\s+"
    rf"|\b{COMPANY_NOUN}(?:\s+[a-zà-ÿ]+)?\s*,?\s+(?!(?:[A-ZÀ-ÖØ-Þ]\w*\s+)*(?:in|à|de)\b)"
    rf"(?=[A-ZÀ-ÖØ-Þ]))" + CAP_SEQ)
# "the former CTO at Stripe", "formerly of Stripe", "who previously served as CTO at Stripe",
# "l'ancien dirigeant de Salesforce", "zuvor bei Apple"
PRIOR_MARKER = re.compile(r"\b(?:former|formerly|previously|recently|ex|ancien|ancienne|auparavant|"
                          r"précédemment|zuvor|zuletzt|ehemalige[rnms]?|früher)\b")
PRIOR_ORG = re.compile(r"(?<![\w-])[A-ZÀ-ÖØ-Þ][\w.&-]*(?:\s+[A-ZÀ-ÖØ-Þ][\w.&-]*)?")
NEW_COMPANY_SUFFIX = re.compile(
    r"\b((?:[A-ZÀ-ÖØ-Þ][\w.&-]*\s+){1,2}(?:Labs|Lab|AI|Ventures|Capital|Robotics|Technologies))\b")


def appointed_from_outside(m: TopicMatcher, move: Move, analysed: list[tuple[Reason, Any]],
              around: list[Mention], lang: str) -> None:
    """An appointment of someone the article says was elsewhere before ("Anthropic has
    appointed Rahul Patil, the former Chief Technology Officer at Stripe"; "The company
    appointed X, a former Microsoft executive") is a hire from there."""
    surname = move.person.split()[-1] if move.person else ""
    if not surname:
        return
    prior = None
    for reason, _parts in analysed:
        if surname in reason.sentence:
            prior = prior_employer(m, reason.sentence, move.person, lang)
            if prior:
                break
    if prior is None:
        return
    here = move.to if move.to != prior else next(
        (o.value for o in around if o.value != prior), None)
    if here is None:
        return
    move.action, move.from_, move.to = "hired", prior, here


def prior_employer(m: TopicMatcher, sentence: str, person: str, lang: str) -> str | None:
    """The organisation after a "former"/"previously" word near the person's name."""
    surname = person.split()[-1]
    at = sentence.find(surname)
    for hit in PRIOR_MARKER.finditer(sentence):
        if not (at - 60 <= hit.start() <= at + len(surname) + 80):
            continue
        for cap in PRIOR_ORG.finditer(sentence, hit.end(), min(len(sentence), hit.end() + 70)):
            raw = cap.group(0).rstrip(".,")
            if raw in m.alias_to_org:
                return m.alias_to_org[raw]
            first = raw.split()[0]
            if first.lower() in m.role_words or raw in person or first.isupper():
                continue  # "former Chief Technology Officer at", "previously served as CTO"
            name = company_name(raw.split("’")[0].split("'")[0], m, lang)
            if name and name not in m.person_alias:
                return name
    return None


def a_return(sentence: str, pred: Mention) -> bool:
    words = re.findall(r"[\w’'-]+", sentence[pred.start:pred.end + 12].lower())
    return bool(set(words[:3]) & RETURN_WORDS)


def own_origin(sentence: str, person: Mention, people: list[Mention],
                orgs: list[Mention]) -> str | None:
    """The organisation in a person's own apposition: "Yuki Sato, a former OpenAI engineer,"."""
    nxt = [p.start for p in people if p.start > person.start]
    end = min(nxt) if nxt else len(sentence)
    clause = re.match(r"\s*,([^;]*?)(?:,|$)", sentence[person.end:end])
    if not clause:
        return None
    lo, hi = person.end + clause.start(1), person.end + clause.end(1)
    inside = [o for o in orgs if lo <= o.start < hi]
    return inside[0].value if inside else None


def new_company(analysed: list[tuple[Reason, Any]], index: int, pred: Mention,
                 m: TopicMatcher, lang: str) -> str | None:
    """The company a founder starts, named after the founding word or in the next sentences:
    "a start-up called Parallax", "Das Unternehmen mit dem Namen Quellwerk"."""
    for k in [index, index + 1, index + 2, index - 1, index - 2]:
        if not 0 <= k < len(analysed):
            continue
        sentence = analysed[k][0].sentence
        start = pred.start if k == index else 0
        for pattern in (NEW_COMPANY, NEW_COMPANY_SUFFIX):
            for hit in pattern.finditer(sentence, start):
                raw = hit.group(1).rstrip(".")
                if raw in m.alias_to_org:
                    return m.alias_to_org[raw]
                name = company_name(raw, m, lang)
                if name and name not in m.person_alias:
                    return name
    return None
