"""Is an article a staffing move at an AI lab, and who moved where?

Rules over sentences, no model: an organisation of the topic, a staffing predicate and a named
person in one sentence (or the headline) carry the weight; cues of other news (funding, launches,
lawsuits, salary surveys, job fairs) lower it. Predicates are matched on simplemma lemmas so
"a rejoint", "rejoindra" and "rejoint" are one word. Every decision keeps its reasons.

This module scores sentences and articles. The rules it uses live beside it: words (the word
lists, kept in words/*.toml), names (person and company names), matcher (a profile compiled to
the mentions it finds), clauses (clause and dating rules), parties (who a staffing word is about
and which side of the move each organisation is on) and moves (who moved where).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from datetime import date, datetime
from typing import Any

from newsmon.config.schema import MIN_SCORE
from newsmon.relevance.clauses import background
from newsmon.relevance.matcher import Mention, TopicMatcher
from newsmon.relevance.moves import LEAD_SENTENCES, Move, read_moves
from newsmon.relevance.names import known_word
from newsmon.relevance.parties import ANAPHOR, RELATIVE_OPEN, person_for
from newsmon.relevance.profile import Profile
from newsmon.relevance.words import NOT_DATING, NOT_NAME_WORDS

SENTENCE_END = re.compile(r"(?<=[.!?…])[\"»”)]?\s+(?=[\"«“(]?[A-ZÀ-ÖØ-Þ0-9])|\n+")
TOKEN = re.compile(r"[\w'’.-]*\w|[\w]")
PAST_YEAR = re.compile(r"\b(19[5-9]\d|20[0-4]\d)\b")
MIN_BODY_WORDS = 40  # a body this long names the headline's people again
# a sentence whose subject refers back to the person just named by a definite description by
# role ("The reinforcement-learning researcher, who ...", "Der Forschungschef"). Not pronouns:
# "She joined OpenAI in 2018" opens profiles as often as news (measured: one more false
# positive and one wrong move on held-out sets for one fixed)
DESCRIPTION_SUBJECT = re.compile(r"^(?:The|This|Le|La|L['’]|Ce|Cette|Der|Die|Dieser|Diese)\s*"
                                 r"(?:[\w’'-]+\s+){0,4}")
DESCRIPTION_WORDS = 5  # words of the description, the role among them
LAUNCH_GAP = re.compile(r"\s+(?:(?:the|its|his|her|a|new|son|sa|la|le|les|die|das|den|sein|seine|"
                        r"ihr|ihre|nouveau|nouvelle|neue|neues)\s+|l['’])*")


@dataclass
class Reason:
    sentence: str
    score: float
    organisations: list[str]
    predicates: list[str]
    people: list[str]
    negative_cues: list[str]
    in_title: bool


@dataclass
class Relevance:
    relevant: bool
    score: float
    topic: str | None
    reasons: list[Reason] = field(default_factory=list)
    moves: list[Move] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"relevant": self.relevant, "score": round(self.score, 3), "topic": self.topic,
                "reasons": [asdict(r) for r in self.reasons],
                "moves": [m.to_dict() for m in self.moves]}


class Classifier:
    """Scores articles against every configured topic profile."""

    def __init__(self, profiles: list[Profile], min_score: float = MIN_SCORE):
        self.matchers = [TopicMatcher(p) for p in profiles]
        self.min_score = min_score

    def classify(self, title: str | None, text: str, language: str | None,
                 all_moves: bool = False, published: str | date | None = None) -> Relevance:
        """`all_moves`: read the moves of any article with a cue of the topic, not only of
        those the rules find relevant (for a later decision, newsmon.relevance.learned).
        `published`: when the article appeared (ISO text or a date), where known: a move
        dated to a year that ended well before it is background."""
        best: Relevance | None = None
        stale = news_since(published)
        for matcher in self.matchers:
            r = self._classify_one(matcher, title or "", text or "", language or "en",
                                   all_moves, stale)
            if best is None or r.score > best.score:
                best = r
        return best or Relevance(False, 0.0, None)

    def _classify_one(self, m: TopicMatcher, title: str, text: str, lang: str,
                      all_moves: bool = False, stale: int | None = None) -> Relevance:
        if m.org_re is None or not (m.org_re.search(title) or m.org_re.search(text)):
            return Relevance(False, 0.0, m.profile.name)  # no organisation of the topic at all
        sentences = [(title, True)] if title else []
        # a body line repeating the headline is the headline, read once (as the headline,
        # where a Title Case phrase needs the body's confirmation)
        sentences += [(s.strip(), False) for s in SENTENCE_END.split(text)
                      if s and s.strip() and s.strip() != title]
        article_ai = bool(m.ai_re and (m.ai_re.search(title) or m.ai_re.search(text[:3000])))
        # a move dated before the latest year the article names, or before the first year it
        # can be news in when it was published, is background
        years = [int(y) for y in PAST_YEAR.findall(title + " " + text)]
        latest_year = max([*years, stale or 0]) or None
        known_full = m.full_names(title + "\n" + text)
        seen: dict[str, str] = {}  # surname -> full name, for names outside the gazetteer
        # the body without the headline's copies, to confirm the headline's names in; an
        # article of a headline alone confirms nothing
        body = text.replace(title, " ") if title else text
        body_or_none = body if len(body.split()) >= MIN_BODY_WORDS else None
        analysed = []
        context: list[Mention] = []  # the organisations of the headline or previous sentence
        title_orgs: list[Mention] = []
        lead: list[tuple[str, Any, str | None]] = []  # headline and lead, for who they name

        def named() -> str | None:
            """The person the headline or lead named last (looked up only when a sentence
            refers back to someone: most never do)."""
            for sentence, parts, confirm in reversed(lead):
                if (who := _last_named(m, sentence, parts, lang, known_full, confirm)):
                    return who
            return None

        for k, (sentence, in_title) in enumerate(sentences[:200]):
            reason, parts = self._sentence(m, sentence, in_title, lang, article_ai, context,
                                           latest_year, known_full, seen,
                                           body_or_none if in_title else None, named)
            analysed.append((reason, parts))
            orgs = parts[1]
            if in_title:
                title_orgs = orgs
            context = orgs or title_orgs
            if k <= LEAD_SENTENCES:
                lead.append((sentence, parts, body_or_none if in_title else None))
        title_neg = bool(title and analysed and analysed[0][0].negative_cues)
        scores = sorted((a[0].score for a in analysed), reverse=True)
        score = scores[0] if scores else 0.0
        # each further sentence that reports a move adds (up to three): much evidence outweighs
        # a headline cue such as "unveils"
        score += 0.25 * sum(1 for s in scores[1:4] if s >= 0.45)
        if title_neg:
            score *= 0.6
        reasons = sorted((a[0] for a in analysed if a[0].score > 0), key=lambda r: -r.score)[:5]
        relevant = score >= self.min_score
        moves = read_moves(m, analysed, lang) if relevant or (all_moves and score > 0) else []
        return Relevance(relevant, score, m.profile.name, reasons, moves)

    def _sentence(self, m: TopicMatcher, sentence: str, in_title: bool, lang: str,
                  article_ai: bool, context: list[Mention], latest_year: int | None,
                  known_full: set[str] | None = None, seen: dict[str, str] | None = None,
                  body: str | None = None, named: Callable[[], str | None] | None = None
                  ) -> tuple[Reason, Any]:
        tokens = [(t.start(), t.end(), t.group(0)) for t in TOKEN.finditer(sentence)]
        ai_here = article_ai or bool(m.ai_re and m.ai_re.search(sentence))
        orgs = m.organisations(sentence, ai_here)
        preds = m.predicates(tokens, lang, in_title, sentence) if orgs or in_title or context \
            else []
        people = m.people(sentence, orgs, lang, known_full, seen,
                          confirm_in=body) if preds else []
        if seen is not None:
            for p in people:
                if " " in p.value and not p.owner and p.value.split()[-1] not in m.person_alias:
                    seen.setdefault(p.value.split()[-1], p.value)
        for pred in preds:
            pred.background = background(sentence, tokens, pred, lang)
        live = [p for p in preds if not p.background]
        pairs = [(p, who) for p in live
                 if (who := person_for(sentence, people, p, lang)) is not None]
        pairs = [(p, who) for p, who in pairs if not _hired_between(pairs, live, p, who)]
        if live and not pairs and named and not people \
                and (described := DESCRIPTION_SUBJECT.match(sentence)) and (who := named()):
            pairs = _referred(m, sentence, described, live, who)
        neg = m.neg_re.get(lang)
        negatives = sorted({x.group(0) for x in neg.finditer(sentence)
                            if not _launches_org(sentence, x.end(), orgs)}) if neg else []
        score = 0.0
        if live and orgs and pairs:
            score = 1.0
        elif live and orgs:
            score = 0.4
        elif live and pairs and context and not _own_actor(m, sentence, tokens, pairs, people,
                                                          lang):
            score = 0.8  # "X, its chief scientist, leaves": the company was named just before
            if ANAPHOR.search(sentence):
                score = 1.0  # "X quitte l'entreprise": the sentence names it again, by a noun
        elif live and pairs and in_title:
            score = 0.6
        if negatives:
            score *= 0.5
        # a year after "since" dates a tenure, not the move: "who has led it since 2018"
        years = [int(y.group(1)) for y in PAST_YEAR.finditer(sentence)
                 if not set(re.findall(r"[\w'’]+", sentence[max(0, y.start() - 12):y.start()]
                                       .lower())[-1:]) & NOT_DATING]
        if years and latest_year and max(years) < latest_year:
            score *= 0.5  # "Musk had left OpenAI's board in 2018": background, not news
        if in_title:
            score *= 1.2
        reason = Reason(sentence=sentence[:400], score=round(score, 3),
                        organisations=sorted({o.value for o in orgs}),
                        predicates=[sentence[p.start:p.end] for p in preds],
                        people=[p.value for p in people], negative_cues=negatives,
                        in_title=in_title)
        # a move's other end counts whatever the sentence is about: "formerly at Apple"
        all_orgs = m.organisations(sentence, True) if pairs and not ai_here else orgs
        return reason, (tokens, all_orgs, preds, people, context, pairs)


def _last_named(m: TopicMatcher, sentence: str, parts: Any, lang: str,
                known_full: set[str] | None, body: str | None) -> str | None:
    """The last person a sentence names in full, not as an owner ("Musk's xAI")."""
    people = parts[3] or m.people(sentence, parts[1], lang, known_full, None, confirm_in=body)
    named = [p.value for p in people if " " in p.value and not p.owner]
    return named[-1] if named else None


def _referred(m: TopicMatcher, sentence: str, described: re.Match[str], live: list[Mention],
              named: str) -> list[tuple[Mention, Mention]]:
    """A staffing word whose subject (`described`, a description opening the sentence) refers
    back to the person the lead just named, if the description names a role; for the moves the
    subject makes: who hires is the subject of "hires", and only the object of that is a
    mover."""
    words = list(re.finditer(r"[\w’'-]+", sentence[:described.end() + 40]))
    roles = [w for w in words[1:DESCRIPTION_WORDS + 1] if _role_noun(w.group(0), m.role_words)]
    if not roles:
        return []
    end = roles[0].end()
    subject = Mention(0, end, named)
    return [(p, subject) for p in live if p.start >= end and p.value != "hired"
            and not _in_relative_clause(sentence, end, p.start)][:1]


def _in_relative_clause(sentence: str, start: int, at: int) -> bool:
    """Inside a relative clause about the subject ("The researcher, who left OpenAI in 2023,
    has rejoined"): what the relative clause says is background to the main verb."""
    opened = list(RELATIVE_OPEN.finditer(sentence, start, at))
    return bool(opened) and "," not in sentence[opened[-1].end():at]


def _role_noun(word: str, role_words: set[str]) -> bool:
    """A role, or a German compound ending in one ("Infrastrukturchef")."""
    w = word.lower()
    return w in role_words or any(len(r) >= 4 and w.endswith(r) for r in role_words)


def news_since(published: str | date | None) -> int | None:
    """The first year whose moves can still be news in an article published then: a year
    that ended more than half a year before (in any reading of "in 2024") dates background,
    as in a profile's "when she left Google Brain in 2020"."""
    if isinstance(published, str):
        try:
            published = datetime.fromisoformat(published.strip()[:10])
        except ValueError:
            return None
    if published is None:
        return None
    return published.year if (published.month, published.day) >= (7, 2) else published.year - 1


def _hired_between(pairs: list[tuple[Mention, Mention]], live: list[Mention], pred: Mention,
                   who: Mention) -> bool:
    """"Zuckerberg has recruited three researchers from OpenAI to join his team": who joins
    is whom he recruited, not the recruiter; a hiring word between a subject and the move it
    seems to make, that is not the subject's own (passive) hiring, takes the subject away."""
    own = {id(p) for p, w in pairs if w is who}
    return any(q.value == "hired" and who.end <= q.start < pred.start and id(q) not in own
               for q in live)


def _own_actor(m: TopicMatcher, sentence: str, tokens: list[tuple[int, int, str]],
               pairs: list[tuple[Mention, Mention]], people: list[Mention], lang: str) -> bool:
    """The sentence names the company that hires or appoints, one the topic does not know
    ("Brightmark, the supermarket group, has appointed X"): the organisation of the sentence
    before is not where X goes."""
    for pred, who in pairs:
        if pred.value not in ("hired", "promoted", "fired") or who.start < pred.end:
            continue
        for start, _end, tok in tokens:
            if start >= pred.start:
                break
            if tok[:1].isupper() and tok.lower() not in NOT_NAME_WORDS \
                    and tok not in m.alias_to_org and tok not in m.person_alias \
                    and not any(p.start <= start < p.end for p in people) \
                    and not known_word(tok, lang):
                return True
    return False


def _launches_org(sentence: str, end: int, orgs: list[Mention]) -> bool:
    """A cue of other news whose object is an organisation of the topic ("unveils Thinking
    Machines Lab", "lance Safe Superintelligence"): a company launch, which is staffing news."""
    gap = LAUNCH_GAP.match(sentence, end)
    return bool(gap) and any(o.start == gap.end() for o in orgs)
