"""Is an article a staffing move at an AI lab, and who moved where?

Rules over sentences, no model: an organisation of the topic, a staffing predicate and a named
person in one sentence (or the headline) carry the weight; cues of other news (funding, launches,
lawsuits, salary surveys, job fairs) lower it. Predicates are matched on simplemma lemmas so
"a rejoint", "rejoindra" and "rejoint" are one word. Every decision keeps its reasons.

A spaCy pipeline was considered for person names: its models are separate downloads per
language, and capitalised-name patterns plus a gazetteer do well on news prose.
"""

from __future__ import annotations

import functools
import re
from dataclasses import asdict, dataclass, field
from typing import Any

from newsmon.relevance.profile import Profile, word_pattern

MIN_SCORE = 1.0
SENTENCE_END = re.compile(r"(?<=[.!?…])[\"»”)]?\s+(?=[\"«“(]?[A-ZÀ-ÖØ-Þ0-9])|\n+")
TOKEN = re.compile(r"[\w'’.-]*\w|[\w]")
NAME_WORD = (r"(?:[A-ZÀ-ÖØ-Þ][a-zà-öø-ÿ]+(?:[A-Z][a-zà-öø-ÿ]+)?(?:-[A-ZÀ-ÖØ-Þ][a-zà-öø-ÿ]+)?"
             r"|[A-Z]\.)")
PARTICLE = r"(?:de|da|di|du|van|von|der|den|la|le|del|bin|al|ibn|ten|ter)"
NAME = re.compile(rf"(?<![\w’'-]){NAME_WORD}(?:\s+(?:{PARTICLE}\s+)?{NAME_WORD}){{1,3}}(?![\w-])")
NOT_NAME_WORDS = {
    # capitalised words that start sentences or titles but are no names
    "the", "a", "an", "in", "on", "at", "for", "from", "to", "and", "but", "as", "after",
    "before", "with", "by", "former", "ex", "new", "le", "la", "les", "un", "une", "des", "du",
    "l", "d", "chez", "pour", "selon", "après", "avant", "ancien", "ancienne", "nouveau",
    "nouvelle", "der", "die", "das", "ein", "eine", "bei", "nach", "von", "zu", "mit", "laut",
    "frühere", "früherer", "ehemalige", "ehemaliger", "neue", "neuer", "this", "that", "these",
    "its", "his", "her", "their", "ce", "cette", "son", "sa", "ses", "dieser", "diese", "sein",
    "seine", "ihr", "ihre", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
    "sunday", "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche", "montag",
    "dienstag", "mittwoch", "donnerstag", "freitag", "samstag", "sonntag", "january",
    "february", "march", "april", "may", "june", "july", "august", "september", "october",
    "november", "december", "janvier", "février", "mars", "avril", "mai", "juin", "juillet",
    "août", "septembre", "octobre", "novembre", "décembre", "januar", "februar", "märz", "juni",
    "juli", "oktober", "dezember", "mr", "mrs", "ms", "dr", "prof", "professor", "professorin",
    "sources", "source", "people", "according", "when", "while", "if", "it", "he", "she", "they",
    "we", "il", "elle", "er", "sie", "es", "wie", "als", "auch", "mais", "et", "und", "oder",
}
PLACES = {
    "san francisco", "new york", "los angeles", "silicon valley", "hong kong", "united states",
    "palo alto", "mountain view", "menlo park", "business insider", "financial times",
    "wall street journal", "the information", "le monde", "les echos", "new york times",
    "washington post", "der spiegel", "bay area", "white house", "x.com",
}
ORG_SUFFIXES = {"labs", "lab", "ai", "inc", "inc.", "gmbh", "ag", "sa", "sas", "ltd", "llc",
                "corp", "corporation", "technologies", "systems", "research", "institute",
                "university", "universität", "université", "group", "capital", "ventures",
                "partners", "foundation", "stiftung", "fondation", "school", "college"}
IRREGULAR = {  # first letters of inflected forms that do not share their lemma's
    "en": {"lef", "lea", "hir", "fir", "ous", "quit"[:3]},
    "fr": {"qui", "par", "pri", "pro", "nom"},
    "de": {"tri", "tra", "hol", "kam", "kom", "ver", "wec", "ste", "sti"},
}
GERMAN_ABSTRACT_NOUN = re.compile(r"(?:ung|ungen|heit|keit|schaft|tion|nehmens|tums|nis)$")
GERMAN_NOUN_END = re.compile(r"(?:in|er|chef|ung|schaft|ler|or|ent|ist|eur|eurin)$")
FROM_MARKERS = {"from", "left", "leaves", "leaving", "quits", "quit", "former", "ex", "formerly",
                "von", "verlässt", "verließ", "verlassen", "früher", "frühere", "früheren",
                "früherer", "ehemalige", "ehemaligen", "ehemaliger", "de", "d", "quitte", "quitter",
                "quitté", "ancien", "ancienne", "anciens", "depuis", "departs", "departed",
                "exits", "exited", "resigns", "resigned", "of"}
TO_MARKERS = {"to", "for", "joins", "joined", "joining", "join", "at", "zu", "zur", "zum", "nach",
              "pour", "chez", "rejoint", "rejoindre", "rejoindra", "vers", "à", "au", "bei",
              "into", "by", "par", "an"}
PERSONAL_ROLE_BETWEEN = 5  # tokens between an organisation and a person in an apposition
LEAD_SENTENCES = 6  # new moves come from the headline and the lead; later sentences only add
MAX_PERSON_DISTANCE = 25  # words between a staffing word and the person it is about
                          # (a subject with a relative clause: "X, who led ... , has left")
MAX_OBJECT_DISTANCE = 8  # an object follows its verb closely: "Meta hires X"
# staffing nouns: in the plural they are generic ("a wave of departures"), not one move
NOUN_PREDICATES = {"départ", "departure", "démission", "nomination", "arrivée", "recrutement",
                   "abgang", "weggang", "rücktritt", "exit", "resignation", "promotion",
                   "limogeage", "wechsel"}
PAST_YEAR = re.compile(r"\b(19[5-9]\d|20[0-4]\d)\b")
PASSIVE_MARKERS = {"was", "is", "been", "being", "be", "été", "est", "wurde", "wird", "ist",
                   "worden"}
AGENT_MARKERS = {"by", "par", "von"}
# an organisation the profile does not know, named after a destination word:
# "to start Lumen Labs", "pour devenir directrice scientifique de Lumen Labs", "zu Kontextwerk"
UNKNOWN_ORG = re.compile(
    r"(?:\b(?:to|for|joins?|joined|at|found|co-found|start|launch|pour|chez|rejoint|rejoindre|"
    r"fonder|cofonder|zu|zum|zur|bei|gründen|gründet)\b|\bde(?=\s+[A-Z]))"
    r"(?:\s+(?:the|a|new|la|le|les|l'|l’|die|der|das|den|dem|neue|neuen|eigene|eigenen))*\s+"
    r"((?:[A-ZÀ-ÖØ-Þ][\w.&-]*)(?:\s+[A-ZÀ-ÖØ-Þ][\w.&-]*){0,3})"
)


@dataclass
class Move:
    person: str
    action: str
    from_: str | None = None
    to: str | None = None
    role: str | None = None
    evidence: str = ""
    primary: bool = True  # reported in the headline or lead, not in background further down

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["from"] = d.pop("from_")
        return d


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


@functools.lru_cache(maxsize=200_000)
def lemma(token: str, lang: str) -> str:
    import simplemma

    try:
        return simplemma.lemmatize(token, lang=lang).lower()
    except ValueError:  # a language simplemma does not know
        return token.lower()


@dataclass
class _Mention:
    start: int
    end: int
    value: str  # canonical name / action


class TopicMatcher:
    """One profile compiled to regexes and sets, reused for every article."""

    def __init__(self, profile: Profile):
        self.profile = profile
        self.alias_to_org: dict[str, str] = {}
        for org in profile.organisations.values():
            for alias in org.aliases:
                self.alias_to_org[alias] = org.name
        aliases = list(self.alias_to_org)
        items = sorted(aliases, key=len, reverse=True)
        self.org_re = re.compile(
            r"(?<!\w)(" + "|".join(re.escape(a) for a in items) + r")(?:['’]s|s)?"
            r"(?!\w|-[a-z])"  # "OpenAI-Chef", "DeepMind-Forscher" count; "Meta-analysis" not
        ) if items else None
        self.person_alias: dict[str, str] = {}
        for person, others in profile.people.items():
            self.person_alias[person] = person
            for other in others:
                self.person_alias[other] = person
        self.person_re = word_pattern(list(self.person_alias))
        self.ai_re = word_pattern(profile.ai_cues, re.IGNORECASE)
        self.neg_re = {lang: word_pattern(words, re.IGNORECASE)
                       for lang, words in profile.negative_cues.items()}
        self.role_re = {lang: word_pattern(words, re.IGNORECASE)
                        for lang, words in profile.roles.items()}
        self.role_words = {w.lower() for words in profile.roles.values() for w in words
                           for w in w.split()}
        self.single: dict[str, dict[str, str]] = {}
        self.multi: dict[str, list[tuple[tuple[str, ...], str]]] = {}
        self.headline: dict[str, dict[str, str]] = {}
        for lang, preds in profile.predicates.items():
            self.single[lang] = {k: v for k, v in preds.items() if " " not in k}
            self.multi[lang] = [(tuple(k.split()), v) for k, v in preds.items() if " " in k]
        self.headline_multi: dict[str, list[tuple[tuple[str, ...], str]]] = {}
        # simplemma is slow on words it does not know: only lemmatise tokens that could be a
        # staffing word (same first letters as a listed form or lemma, or a German participle)
        self.prefixes: dict[str, set[str]] = {}
        for lang in set(profile.predicates) | set(profile.headline_predicates):
            forms = [*profile.predicates.get(lang, {}), *profile.headline_predicates.get(lang, {})]
            self.prefixes[lang] = {w[:3] for f in forms for w in f.split()} | IRREGULAR.get(lang,
                                                                                          set())
        for lang, preds in profile.headline_predicates.items():
            self.headline[lang] = {**self.single.get(lang, {}),
                                   **{k: v for k, v in preds.items() if " " not in k}}
            self.headline_multi[lang] = self.multi.get(lang, []) + [
                (tuple(k.split()), v) for k, v in preds.items() if " " in k]

    # --- mentions ---------------------------------------------------------------------------

    def organisations(self, sentence: str, ai_context: bool) -> list[_Mention]:
        if self.org_re is None:
            return []
        out = []
        for m in self.org_re.finditer(sentence):
            org = self.profile.organisations[self.alias_to_org[m.group(1)]]
            if org.lab or ai_context:
                out.append(_Mention(m.start(), m.end(), org.name))
        return out

    def predicates(self, tokens: list[tuple[int, int, str]], lang: str,
                   in_title: bool = False) -> list[_Mention]:
        single = (self.headline if in_title else self.single).get(lang) or \
            self.single.get(lang, {})
        out: list[_Mention] = []
        prefixes = self.prefixes.get(lang, set())
        lemmas = [lemma(t, lang) if t[:3].lower() in prefixes or t[:2].lower() == "ge"
                  else t.lower() for _, _, t in tokens]
        for (start, end, tok), lem in zip(tokens, lemmas, strict=True):
            low = tok.lower()
            if lem in NOUN_PREDICATES and low != lem:
                continue  # "départs", "Abgängen": plural, generic
            if lem in single:
                out.append(_Mention(start, end, single[lem]))
            elif low in single and lem == low:
                out.append(_Mention(start, end, single[low]))
        multi = (self.headline_multi if in_title else self.multi).get(lang) or \
            self.multi.get(lang, [])
        for words, action in multi:
            i = 0
            first = None
            for (start, end, tok), lem in zip(tokens, lemmas, strict=True):
                if tok.lower() == words[i] or lem == words[i]:
                    if i == 0:
                        first = (start, end)
                    i += 1
                    if i == len(words):
                        assert first is not None
                        out.append(_Mention(first[0], end, action))
                        break
        return sorted(out, key=lambda m: m.start)

    def people(self, sentence: str, orgs: list[_Mention], lang: str) -> list[_Mention]:
        found: list[_Mention] = []
        taken: list[tuple[int, int]] = [(o.start, o.end) for o in orgs]
        if self.person_re is not None:
            for m in self.person_re.finditer(sentence):
                found.append(_Mention(m.start(), m.end(), self.person_alias[m.group(0)]))
                taken.append((m.start(), m.end()))
        pos = 0
        while (m := NAME.search(sentence, pos)) is not None:
            overlap = [e for s, e in taken if s < m.end() and m.start() < e]
            if overlap:  # "Mistral-Mitgründer Julien Marchand": look again after the company
                pos = max(max(overlap), m.start() + 1)
                continue
            pos = m.end()
            name = self._trim_name(m.group(0), lang)
            if name:
                start = m.start() + m.group(0).index(name)
                found.append(_Mention(start, start + len(name), name))
        return sorted(found, key=lambda x: x.start)

    def _trim_name(self, text: str, lang: str) -> str | None:
        words = text.split()
        while words and (words[0].lower().strip(".") in NOT_NAME_WORDS
                         or words[0].lower() in self.role_words
                         or words[0] in self.alias_to_org
                         or (lang == "de" and len(words) > 2
                             and GERMAN_NOUN_END.search(words[0]))):
            words = words[1:]
        while words and (words[-1].lower() in NOT_NAME_WORDS or words[-1] in self.alias_to_org):
            words = words[:-1]
        if len(words) < 2 or " ".join(words).lower() in PLACES \
                or words[-1].lower() in ORG_SUFFIXES \
                or (lang == "de" and GERMAN_ABSTRACT_NOUN.search(words[-1])):
            return None
        if any(w in self.alias_to_org for w in words):
            return None
        return " ".join(words)


class Classifier:
    """Scores articles against every configured topic profile."""

    def __init__(self, profiles: list[Profile], min_score: float = MIN_SCORE):
        self.matchers = [TopicMatcher(p) for p in profiles]
        self.min_score = min_score

    def classify(self, title: str | None, text: str, language: str | None) -> Relevance:
        best: Relevance | None = None
        for matcher in self.matchers:
            r = self._classify_one(matcher, title or "", text or "", language or "en")
            if best is None or r.score > best.score:
                best = r
        return best or Relevance(False, 0.0, None)

    def _classify_one(self, m: TopicMatcher, title: str, text: str, lang: str) -> Relevance:
        if m.org_re is None or not (m.org_re.search(title) or m.org_re.search(text)):
            return Relevance(False, 0.0, m.profile.name)  # no organisation of the topic at all
        sentences = [(title, True)] if title else []
        sentences += [(s.strip(), False) for s in SENTENCE_END.split(text) if s and s.strip()]
        article_ai = bool(m.ai_re and (m.ai_re.search(title) or m.ai_re.search(text[:3000])))
        title_neg = bool(m.neg_re.get(lang) and m.neg_re[lang].search(title))
        years = [int(y) for y in PAST_YEAR.findall(title + " " + text)]
        latest_year = max(years) if years else None
        analysed = []
        context: list[_Mention] = []  # the organisations of the headline or previous sentence
        title_orgs: list[_Mention] = []
        for sentence, in_title in sentences[:200]:
            reason, parts = self._sentence(m, sentence, in_title, lang, article_ai, context,
                                           latest_year)
            analysed.append((reason, parts))
            orgs = parts[1]
            if in_title:
                title_orgs = orgs
            context = orgs or title_orgs
        scores = sorted((a[0].score for a in analysed), reverse=True)
        score = scores[0] if scores else 0.0
        score += 0.25 * sum(1 for s in scores[1:3] if s >= 0.45)
        if title_neg:
            score *= 0.6
        reasons = sorted((a[0] for a in analysed if a[0].score > 0), key=lambda r: -r.score)[:5]
        relevant = score >= self.min_score
        moves = self._moves(m, analysed, lang) if relevant else []
        return Relevance(relevant, score, m.profile.name, reasons, moves)

    def _sentence(self, m: TopicMatcher, sentence: str, in_title: bool, lang: str,
                  article_ai: bool, context: list[_Mention], latest_year: int | None
                  ) -> tuple[Reason, Any]:
        tokens = [(t.start(), t.end(), t.group(0)) for t in TOKEN.finditer(sentence)]
        ai_here = article_ai or bool(m.ai_re and m.ai_re.search(sentence))
        orgs = m.organisations(sentence, ai_here)
        preds = m.predicates(tokens, lang, in_title) if orgs or in_title or context else []
        people = m.people(sentence, orgs, lang) if preds else []
        neg = m.neg_re.get(lang)
        negatives = sorted({x.group(0) for x in neg.finditer(sentence)}) if neg else []
        score = 0.0
        if preds and orgs and people:
            score = 1.0
        elif preds and orgs:
            score = 0.4
        elif preds and people and context:
            score = 0.8  # "X, its chief scientist, leaves": the company was named just before
        elif preds and people and in_title:
            score = 0.6
        if negatives:
            score *= 0.5
        years = [int(y) for y in PAST_YEAR.findall(sentence)]
        if years and latest_year and max(years) < latest_year:
            score *= 0.5  # "Musk had left OpenAI's board in 2018": background, not news
        if in_title:
            score *= 1.2
        reason = Reason(sentence=sentence[:400], score=round(score, 3),
                        organisations=sorted({o.value for o in orgs}),
                        predicates=[sentence[p.start:p.end] for p in preds],
                        people=[p.value for p in people], negative_cues=negatives,
                        in_title=in_title)
        return reason, (tokens, orgs, preds, people, context)

    # --- moves -----------------------------------------------------------------------------

    def _moves(self, m: TopicMatcher, analysed: list[tuple[Reason, Any]], lang: str
               ) -> list[Move]:
        moves: dict[str, Move] = {}
        lead = {id(a) for a in analysed[:LEAD_SENTENCES + 1]}
        ranked = sorted(analysed, key=lambda a: (not a[0].in_title, -a[0].score))
        for item in ranked:
            reason, (tokens, orgs, preds, people, context) = item
            if reason.score < 0.5 or not preds or not people:
                continue
            for pred in preds:
                person = _person_for(reason.sentence, people, pred)
                if person is None:
                    continue
                move = self._read_move(m, reason.sentence, tokens, orgs, pred, person, lang)
                if not orgs and context:  # the organisation named just before
                    if move.action in ("joins", "hired"):
                        move.to = move.to or context[0].value
                    else:
                        move.from_ = move.from_ or context[0].value
                    if move.action == "promoted":
                        move.to = move.from_ = move.to or move.from_
                for each in [move, *_coordinated(reason.sentence, people, person, move)]:
                    key = _person_key(each.person, moves)
                    if key in moves:
                        _fill(moves[key], each)
                    elif id(item) in lead:
                        moves[key] = each
                    elif reason.score >= 1.0 and (each.from_ or each.to):
                        each.primary = False  # a move mentioned further down: kept, flagged
                        moves[key] = each
        return list(moves.values())

    def _read_move(self, m: TopicMatcher, sentence: str, tokens: list[tuple[int, int, str]],
                   orgs: list[_Mention], pred: _Mention, person: _Mention, lang: str) -> Move:
        move = Move(person=person.value, action=pred.value, evidence=sentence)
        for org in orgs:
            side = _side(sentence, org, pred, person, move.action)
            if side == "from" and move.from_ is None:
                move.from_ = org.value
            elif side == "to" and move.to is None:
                move.to = org.value
        if move.to is None and move.action in ("joins", "hired", "founds", "leaves"):
            move.to = _unknown_destination(sentence, pred, person, m)
        if move.action == "promoted" and (move.to or move.from_):
            move.to = move.from_ = move.to or move.from_
        role_re = m.role_re.get(lang)
        if role_re:
            roles = list(role_re.finditer(sentence))
            if roles:
                nearest = min(roles, key=lambda r: min(abs(r.start() - person.end),
                                                       abs(person.start - r.end())))
                move.role = _role_phrase(sentence, nearest)
        return move


def _person_for(sentence: str, people: list[_Mention], pred: _Mention) -> _Mention | None:
    """The person a staffing word is about: its subject for "X joins/leaves/founds", its
    object for "Meta hires X" (its subject again when passive: "X was hired by Meta")."""
    before = [p for p in people if p.end <= pred.start
              and len(re.findall(r"\w+", sentence[p.end:pred.start])) <= MAX_PERSON_DISTANCE]
    # a staffing noun takes its person as a complement: "the departure of OpenAI's X"
    noun = lemma(sentence[pred.start:pred.end].split()[0], "fr") in NOUN_PREDICATES or \
        sentence[pred.start:pred.end].lower() in NOUN_PREDICATES
    reach = MAX_PERSON_DISTANCE if noun else MAX_OBJECT_DISTANCE
    after = [p for p in people if p.start >= pred.end
             and len(re.findall(r"\w+", sentence[pred.end:p.start])) <= reach]
    subject = before[-1] if before else None
    obj = after[0] if after else None
    if pred.value in ("hired", "promoted", "fired"):
        prev = _words_before(sentence, pred.start, 2)
        nxt = re.findall(r"\w+", sentence[pred.end:pred.end + 12])[:1]
        passive = bool(set(prev) & PASSIVE_MARKERS) or (nxt and nxt[0].lower() in AGENT_MARKERS)
        return (subject or obj) if passive else (obj or subject)
    return subject or obj


def _words_before(sentence: str, pos: int, n: int = 3) -> list[str]:
    return [w.lower() for w in re.findall(r"[\w]+", sentence[:pos])[-n:]]


def _side(sentence: str, org: _Mention, pred: _Mention, person: _Mention, action: str
          ) -> str | None:
    """Is this organisation where the person comes from or where they go?"""
    before = _words_before(sentence, org.start)
    # apposition: "OpenAI co-founder Ilya Sutskever", "l'ancien cadre d'OpenAI, Jan Leike",
    # "Meta poaches Google DeepMind scientist Omar Farouk"
    between = len(re.findall(r"\w+", sentence[org.end:person.start]))
    pred_between = org.end <= pred.start < person.start
    if org.end <= person.start and between <= PERSONAL_ROLE_BETWEEN and not pred_between \
            and not (before and before[-1] in TO_MARKERS and action in ("joins", "hired")):
        return "from"
    if before and before[-1] in FROM_MARKERS:
        return "from"
    if before and before[-1] in TO_MARKERS:
        if action in ("leaves", "fired") and before[-1] in ("at", "bei", "chez", "of", "de", "d"):
            return "from"
        return "to"
    if org.start > pred.end:  # after the verb: "joins Anthropic", "leaves OpenAI"
        return "to" if action in ("joins", "hired", "founds") else "from"
    if action in ("hired", "promoted") and org.end <= pred.start:
        return "to"  # "Anthropic hires X", "Cohere promotes X"
    if action in ("leaves", "fired"):
        return "from"
    return None


def _coordinated(sentence: str, people: list[_Mention], person: _Mention, move: Move
                 ) -> list[Move]:
    """The others of "A, B and C were poached by Meta": the same move for each."""
    out = []
    ordered = sorted(people, key=lambda p: p.start)
    i = ordered.index(person)
    for step in (-1, 1):
        j = i
        while 0 <= j + step < len(ordered):
            a, b = sorted((ordered[j], ordered[j + step]), key=lambda p: p.start)
            if not re.fullmatch(r"\s*(?:,|,?\s*(?:and|et|und|&)\s)\s*", sentence[a.end:b.start]):
                break
            j += step
            other = ordered[j]
            out.append(Move(other.value, move.action, move.from_, move.to, move.role,
                            move.evidence, move.primary))
    return out


def _unknown_destination(sentence: str, pred: _Mention, person: _Mention,
                         m: TopicMatcher) -> str | None:
    """A destination the profile does not know, right after the staffing word."""
    tail_start = max(pred.end, person.end if person.start > pred.end else pred.end)
    for match in UNKNOWN_ORG.finditer(sentence, pred.start):
        if match.start(1) < tail_start or match.start(1) - pred.end > 80:
            continue
        name = match.group(1).rstrip(".")
        words = name.split()
        if words[0].lower() in NOT_NAME_WORDS or name.lower() in PLACES \
                or name in m.person_alias or words[0].lower() in m.role_words:
            continue
        return name
    return None


def _role_phrase(sentence: str, match: re.Match[str]) -> str:
    """The role word with what qualifies it: "head of alignment", "chief scientist"."""
    tail = re.match(r"(?:\s+(?:of|for|de|du|des|für)\s+[\w-]+(?:\s+[\w-]+)?)?",
                    sentence[match.end():])
    return (match.group(0) + (tail.group(0) if tail else "")).strip()


def _person_key(name: str, moves: dict[str, Move]) -> str:
    """A surname alone ("Leike") refers to the full name seen before ("Jan Leike")."""
    for key in moves:
        if key == name or key.split()[-1] == name or name.split()[-1] == key.split()[-1]:
            return key
    return name


def _fill(target: Move, other: Move) -> None:
    if len(other.person) > len(target.person) and other.person.endswith(target.person):
        target.person = other.person
    for attr in ("from_", "to", "role"):
        if getattr(target, attr) is None and getattr(other, attr) is not None:
            setattr(target, attr, getattr(other, attr))
