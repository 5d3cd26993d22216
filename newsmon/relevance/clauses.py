"""Clause rules over a sentence's tokens: where a clause ends, whether a staffing word is dated
in the past (background, not news), and the stretch of a sentence each move owns."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from newsmon.relevance.words import (
    INTENT_WORDS,
    NEGATIONS,
    NOT_DATING,
    PLUPERFECT,
    SEPARABLE_PARTICLES,
)

if TYPE_CHECKING:  # the matcher imports this module
    from newsmon.relevance.matcher import Mention

# a move dated with a year is background ("left Google in 2021"), unless it is ahead
# ("fin 2025") or the year dates a tenure ("depuis 2022")
YEAR_WORD = re.compile(r"^(?:19[5-9]\d|20[0-4]\d)$")
RELATIVE_PAST = re.compile(
    r"\b(?:years?|months?|decades?)\s+ago\b|\bil y a\s+(?:\w+\s+){1,2}(?:ans|années|mois)\b|"
    r"\bvor\s+(?:\w+\s+){1,2}(?:Jahren|Monaten|Jahrzehnten)\b|"
    # an article that dates a move a month or more back reports something else about it
    r"\blast\s+(?:month|year)\b|\b(?:le mois|l['’]an|l['’]année)\s+derni(?:er|ère)\b|"
    r"\b(?:im\s+)?(?:letzten|vergangenen)\s+(?:Monat|Jahr)\b|\bletztes\s+Jahr\b",
    re.IGNORECASE)
# a move that dates something else a month or more later is background: "A year after she
# left Meta", "Un an après son départ", "zwei Jahre nach seinem Abgang", "since leaving
# OpenAI"; weeks are not ("joins Anthropic two weeks after quitting OpenAI" is where from)
RELATIVE_AFTER = re.compile(
    r"\b(?:years?|months?|decades?)\s+(?:after|since)\b|\bsince\s*$|"
    r"\b(?:ans?|années?|mois)\s+après\b|\bdepuis\s+(?:son|sa|leur)\s*$|"
    r"\b(?:Jahre?n?|Monate?n?)\s+nach\b|\bseit\s+(?:seinem|ihrem)\s*$",
    re.IGNORECASE)
# a past move in a relative clause describes the person: "la chercheuse qui a quitté DeepMind",
# "X, who left Google," (the news, if any, is the main clause's; the English present perfect,
# "X, who has joined Perplexity", is news)
RELATIVE_PAST_CLAUSE = re.compile(
    r"\b(?:who|qui)\s+(?:(?:had|a|avait|est|était)\s+(?:\w+\s+)?)?$", re.IGNORECASE)
NEGATION_REACH = 2  # words on either side of a staffing word in which a negation is its own
# what a negation denies when these follow it is the manner or the time, not the move: "not
# only ... but also", "nicht nur", "ne ... que"; "not immediately", "pas tout de suite",
# "nicht sofort" (the move happens, later)
NOT_THE_MOVE = {"only", "just", "nur", "seulement", "uniquement", "que", "immediately",
                "right", "immédiatement", "tout", "sofort", "gleich", "unmittelbar"}
DATED_WINDOW = 8  # words on either side of a staffing word in which a year dates it
CLAUSE_PUNCT = re.compile(r"[,;:.!?–—]")
QUOTE_MARK = re.compile(r'[«»“”„]|(?:^|[\s:])"|"')


def background(sentence: str, tokens: list[tuple[int, int, str]], pred: Mention,
               lang: str) -> bool:
    """A staffing word about the past: dated with a year near it ("a cofondé en 2021",
    "hat OpenAI 2021 verlassen") or in the pluperfect ("hatte ... verlassen", "had left")
    outside reported speech ("said that he had left" is the news)."""
    idx = [i for i, t in enumerate(tokens) if pred.start <= t[0] < pred.end]
    if not idx:
        return False
    first, last = idx[0], idx[-1]
    lo = first
    while lo > 0 and first - lo < DATED_WINDOW and not punct_between(sentence, tokens, lo - 1):
        lo -= 1
    hi = last
    while hi + 1 < len(tokens) and hi - last < DATED_WINDOW \
            and not punct_between(sentence, tokens, hi):
        hi += 1
    end = hi  # a relative date stands at the end of its clause, often past the window
    while end + 1 < len(tokens) and end - last < 3 * DATED_WINDOW \
            and not punct_between(sentence, tokens, end):
        end += 1
    opening = re.match(r"\W*(?:\w+\W+){0,3}", sentence)  # "Last month, X left": the sentence's
    if RELATIVE_PAST.search(sentence, tokens[lo][0], tokens[end][1]) or (
            opening and RELATIVE_PAST.search(opening.group(0))):
        return True  # "before becoming COO two years ago", "vor drei Jahren gegründet"
    lead_in = sentence[tokens[lo][0]:pred.start]
    if RELATIVE_AFTER.search(lead_in):
        return True
    rel = RELATIVE_PAST_CLAUSE.search(lead_in)
    if rel and (rel.group(0).split()[1:] or re.search(r"(?:ed|left|quit)$",
                                                       sentence[pred.start:pred.end])):
        return True  # past tense only: "X, qui quitte OpenAI, rejoint Anthropic" is news
    if set(re.findall(r"[\w’'-]+", lead_in.lower())[-2:]) & INTENT_WORDS:
        return True  # "to discuss joining", "preparing to leave": no move has happened
    if negated(sentence, tokens, first, last):
        return True  # "wechselt nicht wie geplant in den Beirat", "will not join": no move
    for i in range(lo, hi + 1):
        if YEAR_WORD.match(tokens[i][2]):
            prev = {tokens[k][2].lower() for k in range(max(0, i - 2), i)}
            if not prev & NOT_DATING:
                return True
    aux = PLUPERFECT.get(lang, set())
    window = tokens[lo:first] if lang == "de" else tokens[max(0, first - 3):first]
    for t in window:
        if t[2].lower() in aux:
            before = sentence[max(0, t[0] - 40):t[0]].lower()
            if not re.search(r"\b(?:that|que|qu['’]|dass)\b[^,.;]*$", before):
                return True
    return False


def negated(sentence: str, tokens: list[tuple[int, int, str]], first: int, last: int) -> bool:
    """A negation next to the staffing word, within its clause: "will not join", "n'a pas
    rejoint", "ne rejoindra pas", "wechselt nicht", "nicht verlassen"."""
    near = []
    for i in range(first - 1, max(-1, first - 1 - NEGATION_REACH), -1):
        if punct_between(sentence, tokens, i):
            break
        near.append(i)
    for i in range(last + 1, min(len(tokens), last + 1 + NEGATION_REACH)):
        if punct_between(sentence, tokens, i - 1):
            break
        near.append(i)
    # "not immediately" denies the time: right after the negation, or after the move
    # ("does not leave Apple immediately")
    after = {tokens[i][2].lower() for i in range(last + 1, min(len(tokens), last + 4))}
    for i in near:
        if tokens[i][2].lower().replace("’", "'") in NEGATIONS:
            follows = tokens[i + 1][2].lower() if i + 1 < len(tokens) else ""
            if follows not in NOT_THE_MOVE and not after & NOT_THE_MOVE:
                return True
    return False


def separated(sentence: str, tokens: list[tuple[int, int, str]], i: int) -> bool:
    """A German verb whose clause ends with a separable particle: "kündigte ... an"."""
    j = i
    while j + 1 < len(tokens) and not punct_between(sentence, tokens, j):
        j += 1
    return j > i and tokens[j][2] in SEPARABLE_PARTICLES


def punct_between(sentence: str, tokens: list[tuple[int, int, str]], i: int) -> bool:
    """Clause punctuation between token i and token i+1."""
    return bool(CLAUSE_PUNCT.search(sentence[tokens[i][1]:tokens[i + 1][0]]))


def regions(pairs: list[tuple[Mention, Mention]]
            ) -> list[tuple[Mention, Mention, int, int]]:
    """The stretch of a sentence each move owns: from the end of the previous person's move to
    the start of the next person's ("X becomes CEO of SSI after Y left to join Meta")."""
    anchors = [(min(p.start, who.start), max(p.end, who.end), p, who) for p, who in pairs]
    out = []
    for s, e, pred, who in anchors:
        others = [(s2, e2) for s2, e2, _, w2 in anchors if w2.value != who.value]
        lo = max([e2 for s2, e2 in others if e2 <= s], default=0)
        hi = min([s2 for s2, e2 in others if s2 >= e], default=1 << 30)
        out.append((pred, who, lo, hi))
    return out


def open_quote(sentence: str, pos: int) -> int | None:
    """Where a quotation still open at pos starts, if any."""
    opened = None
    for q in QUOTE_MARK.finditer(sentence, 0, pos):
        mark = q.group(0).strip(" :")
        opening = mark in ("«", "“", "„") or (mark == '"' and opened is None)
        opened = q.end() if opening else None
    return opened


def words_before(sentence: str, pos: int, n: int = 3) -> list[str]:
    """The last n words before pos, in lower case."""
    return [w.lower() for w in re.findall(r"[\w]+", sentence[:pos])[-n:]]
