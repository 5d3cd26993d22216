"""Is an article a staffing move at an AI lab, and who moved where?

Rules over sentences, no model: an organisation of the topic, a staffing predicate and a named
person in one sentence (or the headline) carry the weight; cues of other news (funding, launches,
lawsuits, salary surveys, job fairs) lower it. Predicates are matched on simplemma lemmas so
"a rejoint", "rejoindra" and "rejoint" are one word. Every decision keeps its reasons.

A spaCy pipeline was considered for person names: its models are separate downloads per
language, and capitalised-name patterns plus a gazetteer do well on news prose.

A move is news, not background: staffing words dated with a past year or in the pluperfect
("had left", "hatte ... verlassen") do not count, a person named as an owner ("Musk's xAI") is
not a mover, and each organisation is read as origin or destination from explicit markers and
appositions first, word order second.
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
# "der"/"den" only after "van"/"von": alone they are German articles ("Unternehmen den Standort")
PARTICLE = r"(?:(?:van|von)\s+(?:der|den|dem)|de|da|di|du|van|von|la|le|del|bin|al|ibn|ten|ter)"
NAME = re.compile(rf"(?<![\w’'-]){NAME_WORD}(?:\s+(?:{PARTICLE}\s+)?{NAME_WORD}){{1,3}}(?![\w-])")
ARTICLES = {"le", "la", "les", "l", "the", "der", "die", "das"}
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
    # quantifiers and conjunctions that start sentences: "Mehrere Forscher", "Dass Forscher"
    "several", "many", "two", "three", "four", "both", "all", "some", "mehrere", "einige",
    "viele", "zwei", "drei", "vier", "beide", "alle", "dass", "statt", "zuvor", "zuletzt",
    "bisher", "bislang", "plusieurs", "deux", "trois", "quatre", "quelques", "tous", "toutes",
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
    "fr": {"qui", "par", "pri", "pro", "nom", "va", "von", "ira", "iro"},
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
NEW_COMPANY_SUFFIX = re.compile(
    r"\b((?:[A-ZÀ-ÖØ-Þ][\w.&-]*\s+){1,2}(?:Labs|Lab|AI|Ventures|Capital|Robotics|Technologies))\b")
# where a person came from, before a name: "Windsurf-Chef Varun Mohan", "Instacart chief X"
UNKNOWN_ORIGIN_BEFORE = re.compile(
    r"([A-ZÀ-ÖØ-Þ][\w.&]+)-(?:Gründer|Mitgründer|Chef|Chefin|Gründerin|Mitgründerin|Manager|"
    r"Managerin|Forscher|Forscherin)(?:\s+und\s+-\w+)?\s+$")
# where a person came from, after leaving: "quitter la direction d'Instacart", "leaves Instacart"
UNKNOWN_ORIGIN_AFTER = re.compile(
    r"^\s+(?:(?:la direction|la tête|son poste|the helm|the board|the top job|die Spitze)"
    r"\s+(?:de|d['’]|du|chez|of|at|von)\s*)?([A-ZÀ-ÖØ-Þ][\w.&-]*(?:\s+[A-ZÀ-ÖØ-Þ][\w.&-]*)?)")
# clauses end here when looking for the object of a verb
OBJECT_STOP = re.compile(r"\s(?:as|while|after|because|–|—|alors que|tandis que|während|nachdem|"
                         r"weil|parce que)\s|;")
COMPLEMENTISER = re.compile(r"\b(?:that|que|qu['’]|dass)\s*(\w+)")
SUBJECT_PRONOUNS = {"he", "she", "they", "il", "elle", "ils", "elles", "er", "sie"}
# a person who owns rather than moves: "Elon Musk's xAI", "le groupe de Mark Zuckerberg"
OWNER_BEFORE = re.compile(r"\b(?:groupe|entreprise|société|empire|company|firm|empire|Konzern|"
                          r"Unternehmen|Firma|Imperium|réseau social)\s+(?:de|d['’]|of|von)\s*$")
# verbs whose subject is the person even when a name follows: "X becomes CEO after Y left"
INTRANSITIVE = {"become", "devenir", "aufsteigen", "übernehmen", "prendre", "lead", "head",
                "run", "diriger", "piloter", "leiten", "führen", "werden"}
INTENT_BEFORE = {"to", "veut", "va", "souhaite", "compte", "wants", "plans", "zu", "will",
                 "möchte", "soll", "pour", "wollen"}
NOUN_COMPLEMENT = re.compile(r"^\s*(?:of|de|d['’]|du|des|von|vom)\b")
# a move dated with a year is background ("left Google in 2021"), unless it is ahead
# ("fin 2025") or the year dates a tenure ("depuis 2022")
YEAR_WORD = re.compile(r"^(?:19[5-9]\d|20[0-4]\d)$")
NOT_DATING = {"since", "depuis", "seit", "fin", "end", "ende", "début", "early", "anfang", "by",
              "until", "bis", "jusqu'à", "à partir", "ab", "from", "dès"}
RELATIVE_PAST = re.compile(
    r"\b(?:years?|months?|decades?)\s+ago\b|\bil y a\s+(?:\w+\s+){1,2}(?:ans|années|mois)\b|"
    r"\bvor\s+(?:\w+\s+){1,2}(?:Jahren|Monaten|Jahrzehnten)\b")
DATED_WINDOW = 8  # words on either side of a staffing word in which a year dates it
PLUPERFECT = {"en": {"had"}, "fr": {"avait", "avaient", "était", "étaient"},
              "de": {"hatte", "hatten", "war", "waren"}}
# a German verb with a separable particle at the end of its clause is another verb:
# "kündigte ... an" is "announced", not "quit"
SEPARABLE_PARTICLES = {"an", "auf", "aus", "vor", "ab", "ein", "fest", "hin", "her", "los", "mit"}
PARTICLES = SEPARABLE_PARTICLES | {"zurück", "frei"}
WERDEN = {"wird", "werden", "wurde", "wurden"}
CLAUSE_PUNCT = re.compile(r"[,;:.!?–—]")
CLAUSE_BREAK = re.compile(r"[;–—]|,\s+(?:wie|as|comme|said|a indiqué|according)\b")
PAST_ADVERBS = {"zuletzt", "bisher", "bislang", "previously", "formerly", "jusqu'ici", "ici",
                "auparavant", "précédemment", "ehemals", "until", "recently", "vorher",
                "zuvor", "dernièrement"}
DURATION_WORDS = {"years", "year", "decade", "months", "ans", "années", "décennie", "mois",
                  "jahren", "jahrzehnt", "monaten"}
NEW_MARKERS = {"new", "nouveau", "nouvelle", "neue", "neuer", "neuen", "newly"}
POSSESSIVE_BEFORE = re.compile(r"\b(?:his|her|their|son|sa|ses|leur|sein|seine|seinen|seinem|"
                               r"seines|ihr|ihre|ihren|ihrem|ihres)\s+(?:\w+\s+)?$", re.IGNORECASE)
# "start a company", "lance sa propre start-up", "startet ein Unternehmen": a founding
LAUNCH_VERBS = {"start", "launch", "lancer", "lance", "monter", "monte", "starten", "co-launch"}
LAUNCH_PREFIXES = {w[:3] for w in LAUNCH_VERBS}
COMPANY_WORD = re.compile(r"start-?ups?|compan(?:y|ies)|firm|lab|laboratory|venture|société|"
                          r"entreprise|laboratoire|pousse|Start-?up|Unternehmen|Firma|Labor",
                          re.IGNORECASE)
DETERMINERS = {"a", "an", "the", "its", "his", "her", "their", "two", "three"}
QUOTE_MARK = re.compile(r'[«»“”„]|(?:^|[\s:])"|"')
# a company named again by a noun, after its name in the sentence before
ANAPHOR = re.compile(r"\b(?:the (?:company|firm|lab|start-?up)|l['’](?:entreprise|équipe)|"
                     r"la (?:société|start-up|jeune pousse|firme)|le laboratoire|"
                     r"(?:das|dem) (?:Unternehmen|Start-up|Labor)|(?:die|der) Firma)\b")
LAUNCH_GAP = re.compile(r"\s+(?:(?:the|its|his|her|a|new|son|sa|la|le|les|die|das|den|sein|seine|"
                        r"ihr|ihre|nouveau|nouvelle|neue|neues)\s+|l['’])*")
PLACE_AFTER = {"in", "à", "au", "en"}
MAX_MULTI_SPAN = 16  # tokens a multi-word predicate may spread over ("tritt ... zurück")
TRANSFERS = ("joins", "hired", "leaves", "founds", "fired")


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


@functools.lru_cache(maxsize=50_000)
def _german_word(token: str) -> bool:
    """A German dictionary word ("Investmentfirma"), so no company name."""
    import simplemma

    return bool(simplemma.is_known(token, lang="de"))


@functools.lru_cache(maxsize=50_000)
def _german_non_noun(token: str) -> bool:
    """A capitalised German word whose lemma is lower case: an adjective or verb that starts a
    sentence ("Überraschende Wende"), never the first word of a name."""
    import simplemma

    return simplemma.lemmatize(token, lang="de")[:1].islower()


@dataclass
class _Mention:
    start: int
    end: int
    value: str  # canonical name / action
    owner: bool = False  # a person named as an owner ("Musk's xAI"), not as someone who moves
    background: bool = False  # a staffing word dated in the past ("left Google in 2021")


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
        self.surnames: set[str] = set()  # one-word aliases: count once the full name is seen
        for person, others in profile.people.items():
            self.person_alias[person] = person
            for other in others:
                self.person_alias[other] = person
                if " " not in other:
                    self.surnames.add(other)
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
                   in_title: bool = False, sentence: str = "") -> list[_Mention]:
        single = (self.headline if in_title else self.single).get(lang) or \
            self.single.get(lang, {})
        out: list[_Mention] = []
        prefixes = self.prefixes.get(lang, set())
        lemmas = [lemma(t, lang) if t[:3].lower() in prefixes or t[:2].lower() == "ge"
                  else t.lower() for _, _, t in tokens]
        for i, ((start, end, tok), lem) in enumerate(zip(tokens, lemmas, strict=True)):
            low = tok.lower()
            if lem in NOUN_PREDICATES and low != lem:
                continue  # "départs", "Abgängen": plural, generic
            if lang == "de" and low in WERDEN and i + 1 < len(tokens) \
                    and tokens[i + 1][2].lower() in self.role_words:
                out.append(_Mention(start, end, "promoted"))  # "wird Leiterin des Labors"
                continue
            if low == "founding" and i + 1 < len(tokens) and tokens[i + 1][2].islower() \
                    and tokens[i + 1][2] not in DETERMINERS:
                continue  # "a founding member of OpenAI": an adjective
            if low[:3] in LAUNCH_PREFIXES and lemma(tok, lang) in LAUNCH_VERBS \
                    and any(COMPANY_WORD.fullmatch(t[2]) for t in tokens[i + 1:i + 5]):
                out.append(_Mention(start, end, "founds"))  # "starts a company of his own"
                continue
            if lem in single or (low in single and lem == low):
                if lang == "de" and sentence and _separated(sentence, tokens, i):
                    continue
                out.append(_Mention(start, end, single[lem] if lem in single else single[low]))
        multi = (self.headline_multi if in_title else self.multi).get(lang) or \
            self.multi.get(lang, [])
        for words, action in multi:
            i = 0
            first: tuple[int, int, int] | None = None
            for k, ((start, end, tok), lem) in enumerate(zip(tokens, lemmas, strict=True)):
                if first is not None and k - first[2] > MAX_MULTI_SPAN:
                    i, first = 0, None
                if tok.lower() == words[i] or lem == words[i]:
                    if i == 0:
                        first = (start, end, k)
                    i += 1
                    if i == len(words):
                        assert first is not None
                        if lang == "de" and words[-1] in PARTICLES and sentence \
                                and k + 1 < len(tokens) \
                                and not _punct_between(sentence, tokens, k):
                            i, first = 0, None  # "stellt ein neues Modell vor": an article
                            continue
                        # spread out ("stellt X und Y ein"): the verb stands for it
                        out.append(_Mention(first[0], end if k - first[2] < len(words)
                                            else first[1], action))
                        break
        return sorted(out, key=lambda m: m.start)

    def people(self, sentence: str, orgs: list[_Mention], lang: str,
               known_full: set[str] | None = None, seen: dict[str, str] | None = None
               ) -> list[_Mention]:
        found: list[_Mention] = []
        taken: list[tuple[int, int]] = [(o.start, o.end) for o in orgs]
        for surname, full in (seen or {}).items():
            # "Ashworth will report to ...": the surname of someone named in full before
            for hit in re.finditer(rf"(?<![\w’'-]){re.escape(surname)}(?![\w-])", sentence) \
                    if surname in sentence else ():
                if not any(s < hit.end() and hit.start() < e for s, e in taken) and \
                        not re.match(r"[ \t]+[A-ZÀ-ÖØ-Þ]", sentence[hit.end():hit.end() + 2]) \
                        and not re.search(r"[A-ZÀ-ÖØ-Þ][\w-]*[ \t]+$", sentence[:hit.start()]):
                    found.append(_Mention(hit.start(), hit.end(), full,
                                          owner=_owner(sentence, hit.start(), hit.end())))
                    taken.append((hit.start(), hit.end()))
        if self.person_re is not None:
            for m in self.person_re.finditer(sentence):
                if m.group(0) in self.surnames and known_full is not None \
                        and self.person_alias[m.group(0)] not in known_full:
                    continue  # "Mensch", "Lacroix" alone: a word, unless the full name was used
                found.append(_Mention(m.start(), m.end(), self.person_alias[m.group(0)],
                                      owner=_owner(sentence, m.start(), m.end())))
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
                end = start + len(name)
                owner = _owner(sentence, start, end)
                last = name.split()[-1]
                if lang == "de" and last.endswith("s") and (
                        last[:-1] in self.person_alias
                        or re.match(r"\s+[A-ZÄÖÜ]", sentence[end:end + 2])):
                    owner = True  # German genitive: "Mustafa Suleymans KI-Sparte"
                found.append(_Mention(start, end, name, owner=owner))
        return sorted(found, key=lambda x: x.start)

    def full_names(self, text: str) -> set[str]:
        """The people named in full in an article: their surnames alone then refer to them."""
        if self.person_re is None:
            return set()
        return {self.person_alias[m.group(0)] for m in self.person_re.finditer(text)
                if m.group(0) not in self.surnames}

    def _trim_name(self, text: str, lang: str) -> str | None:
        words = text.split()
        article = False
        while words and (words[0].lower().strip(".") in NOT_NAME_WORDS
                         or words[0].lower() in self.role_words
                         or words[0] in self.alias_to_org
                         or (lang == "de" and len(words) > 2
                             and GERMAN_NOUN_END.search(words[0].lower()))
                         or (lang == "de" and _german_non_noun(words[0]))):
            article = article or words[0].lower() in ARTICLES
            words = words[1:]
        if article and lang in ("fr", "de") and len(words) > 2:
            words = words[1:]  # "La Française Fidji Simo": a noun follows the article
        while words and words[0].islower():
            words = words[1:]  # "Der Rücktritt von Lukas Berger": the particle is a preposition
        while words and (words[-1].lower() in NOT_NAME_WORDS or words[-1] in self.alias_to_org):
            words = words[:-1]
        if len(words) < 2 or " ".join(words).lower() in PLACES \
                or words[-1].lower() in ORG_SUFFIXES or words[-1].lower() in self.role_words \
                or (lang == "de" and GERMAN_ABSTRACT_NOUN.search(words[-1])):
            return None
        if any(w in self.alias_to_org for w in words):
            return None
        return " ".join(words)


def _own_actor(m: TopicMatcher, sentence: str, tokens: list[tuple[int, int, str]],
               pairs: list[tuple[_Mention, _Mention]], people: list[_Mention], lang: str) -> bool:
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
                    and not _known_word(tok, lang):
                return True
    return False


@functools.lru_cache(maxsize=50_000)
def _known_word(token: str, lang: str) -> bool:
    import simplemma

    try:
        return bool(simplemma.is_known(token, lang=lang) or simplemma.is_known(token.lower(),
                                                                                lang=lang))
    except ValueError:
        return True


def _launches_org(sentence: str, end: int, orgs: list[_Mention]) -> bool:
    """A cue of other news whose object is an organisation of the topic ("unveils Thinking
    Machines Lab", "lance Safe Superintelligence"): a company launch, which is staffing news."""
    gap = LAUNCH_GAP.match(sentence, end)
    return bool(gap) and any(o.start == gap.end() for o in orgs)


def _separated(sentence: str, tokens: list[tuple[int, int, str]], i: int) -> bool:
    """A German verb whose clause ends with a separable particle: "kündigte ... an"."""
    j = i
    while j + 1 < len(tokens) and not _punct_between(sentence, tokens, j):
        j += 1
    return j > i and tokens[j][2] in SEPARABLE_PARTICLES


def _owner(sentence: str, start: int, end: int) -> bool:
    """Named as the owner of something: "Musk's xAI", "le groupe de Mark Zuckerberg"."""
    return bool(re.match(r"['’]s?\b", sentence[end:end + 3])) or \
        bool(OWNER_BEFORE.search(sentence[max(0, start - 30):start]))


class Classifier:
    """Scores articles against every configured topic profile."""

    def __init__(self, profiles: list[Profile], min_score: float = MIN_SCORE):
        self.matchers = [TopicMatcher(p) for p in profiles]
        self.min_score = min_score

    def classify(self, title: str | None, text: str, language: str | None,
                 all_moves: bool = False) -> Relevance:
        """`all_moves`: read the moves of any article with a cue of the topic, not only of
        those the rules find relevant (for a later decision, newsmon.relevance.learned)."""
        best: Relevance | None = None
        for matcher in self.matchers:
            r = self._classify_one(matcher, title or "", text or "", language or "en",
                                   all_moves)
            if best is None or r.score > best.score:
                best = r
        return best or Relevance(False, 0.0, None)

    def _classify_one(self, m: TopicMatcher, title: str, text: str, lang: str,
                      all_moves: bool = False) -> Relevance:
        if m.org_re is None or not (m.org_re.search(title) or m.org_re.search(text)):
            return Relevance(False, 0.0, m.profile.name)  # no organisation of the topic at all
        sentences = [(title, True)] if title else []
        sentences += [(s.strip(), False) for s in SENTENCE_END.split(text) if s and s.strip()]
        article_ai = bool(m.ai_re and (m.ai_re.search(title) or m.ai_re.search(text[:3000])))
        years = [int(y) for y in PAST_YEAR.findall(title + " " + text)]
        latest_year = max(years) if years else None
        known_full = m.full_names(title + "\n" + text)
        seen: dict[str, str] = {}  # surname -> full name, for names outside the gazetteer
        analysed = []
        context: list[_Mention] = []  # the organisations of the headline or previous sentence
        title_orgs: list[_Mention] = []
        for sentence, in_title in sentences[:200]:
            reason, parts = self._sentence(m, sentence, in_title, lang, article_ai, context,
                                           latest_year, known_full, seen)
            analysed.append((reason, parts))
            orgs = parts[1]
            if in_title:
                title_orgs = orgs
            context = orgs or title_orgs
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
        moves = self._moves(m, analysed, lang) if relevant or (all_moves and score > 0) else []
        return Relevance(relevant, score, m.profile.name, reasons, moves)

    def _sentence(self, m: TopicMatcher, sentence: str, in_title: bool, lang: str,
                  article_ai: bool, context: list[_Mention], latest_year: int | None,
                  known_full: set[str] | None = None, seen: dict[str, str] | None = None
                  ) -> tuple[Reason, Any]:
        tokens = [(t.start(), t.end(), t.group(0)) for t in TOKEN.finditer(sentence)]
        ai_here = article_ai or bool(m.ai_re and m.ai_re.search(sentence))
        orgs = m.organisations(sentence, ai_here)
        preds = m.predicates(tokens, lang, in_title, sentence) if orgs or in_title or context \
            else []
        people = m.people(sentence, orgs, lang, known_full, seen) if preds else []
        if seen is not None:
            for p in people:
                if " " in p.value and not p.owner and p.value.split()[-1] not in m.person_alias:
                    seen.setdefault(p.value.split()[-1], p.value)
        for pred in preds:
            pred.background = _background(sentence, tokens, pred, lang)
        live = [p for p in preds if not p.background]
        pairs = [(p, who) for p in live
                 if (who := _person_for(sentence, people, p, lang)) is not None]
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
        # a move's other end counts whatever the sentence is about: "formerly at Apple"
        all_orgs = m.organisations(sentence, True) if pairs and not ai_here else orgs
        return reason, (tokens, all_orgs, preds, people, context, pairs)

    # --- moves -----------------------------------------------------------------------------

    def _moves(self, m: TopicMatcher, analysed: list[tuple[Reason, Any]], lang: str
               ) -> list[Move]:
        moves: dict[str, Move] = {}
        lead = {id(a) for a in analysed[:LEAD_SENTENCES + 1]}
        position = {id(a): i for i, a in enumerate(analysed)}
        ranked = sorted(analysed, key=lambda a: (not a[0].in_title, -a[0].score))
        anonymous: Move | None = None
        left: dict[str, str] = {}  # the organisation each person is said to leave
        for item in ranked:
            reason, (tokens, orgs, preds, people, context, pairs) = item
            sentence = reason.sentence
            if reason.in_title and preds and orgs and not pairs:
                anonymous = self._anonymous(m, sentence, tokens, orgs, preds, lang)
            if reason.score < 0.5 or not pairs:
                continue
            for pred, person, lo, hi in _regions(pairs):
                local = [o for o in orgs if lo <= o.start < hi]
                move = self._read_move(m, sentence, local, pred, person, lang)
                if not local and context:  # the organisation named just before
                    if move.action in ("joins", "hired"):
                        move.to = move.to or context[0].value
                    else:
                        move.from_ = move.from_ or context[0].value
                    if move.action == "promoted":
                        move.to = move.from_ = move.to or move.from_
                elif move.action in ("leaves", "fired") and move.from_ is None:
                    # "X resigned and has joined Anthropic": the company of the sentence or
                    # of the one before
                    others = [o.value for o in [*orgs, *context] if o.value != move.to]
                    move.from_ = others[0] if others else None
                elif move.action in ("joins", "hired") and move.to is None and move.from_:
                    # "a recruté X, chercheuse chez Google DeepMind": the recruiter was named
                    # in the headline or just before
                    others = [o.value for o in context if o.value != move.from_]
                    move.to = others[0] if others else None
                if move.action == "founds" and move.to is None:
                    move.to = _new_company(analysed, position[id(item)], pred, m, lang)
                for each in [move, *_coordinated(sentence, people, person, move, preds, orgs,
                                                  m.role_words)]:
                    key = _person_key(each.person, moves)
                    if each.action == "leaves" and each.from_:
                        left.setdefault(key, each.from_)
                    if key in moves:
                        _fill(moves[key], each)
                    elif id(item) in lead:
                        moves[key] = each
                    elif reason.score >= 1.0 and (each.from_ or each.to):
                        each.primary = False  # a move mentioned further down: kept, flagged
                        moves[key] = each
        if anonymous is not None:
            for move in moves.values():
                _fill_from_headline(move, anonymous)
        if not any(mv.primary for mv in moves.values()):
            salient = self._salient_move(m, analysed, anonymous, lang)
            if salient is not None:
                moves = {_person_key(salient.person, moves): salient, **moves}
        for key, move in moves.items():
            # where the article says they left is where they come from: "Former OpenAI and
            # Tesla AI chief X starts a company ... X left OpenAI in February"
            if move.action in ("joins", "hired", "founds") and left.get(key) not in (
                    None, move.from_, move.to):
                move.from_ = left[key]
        return list(moves.values())

    def _salient_move(self, m: TopicMatcher, analysed: list[tuple[Reason, Any]],
                      anonymous: Move | None, lang: str) -> Move | None:
        """No sentence of the headline or lead ties a person to the move, yet one reports a
        move ("Apple's AI chief to step down") and the lead names people ("John
        Giannandrea, senior vice president for ..."): the move is the lead's most prominent
        person's, the one the headline names if any, else the first named."""
        lead = analysed[:LEAD_SENTENCES + 1]
        base = anonymous
        if base is None:
            for reason, (_, orgs, preds, _, context, _) in sorted(lead,
                                                                  key=lambda a: -a[0].score):
                live = [p for p in preds if not p.background]
                if live and (orgs or context) and reason.score >= 0.4:
                    nobody = _Mention(live[0].end, live[0].end, "")
                    base = self._read_move(m, reason.sentence, orgs or context, live[0],
                                           nobody, lang)
                    break
        if base is None or not (base.from_ or base.to):
            return None
        title = lead[0][0].sentence if lead and lead[0][0].in_title else ""
        names = [p.value for reason, (_, orgs, *_) in lead
                 for p in m.people(reason.sentence, orgs, lang)
                 if not p.owner and " " in p.value]
        if not names:
            return None
        headline = [n for n in names if n.split()[-1] in title]
        return Move(person=(headline or names)[0], action=base.action, from_=base.from_,
                    to=base.to, role=base.role, evidence=base.evidence)

    def _anonymous(self, m: TopicMatcher, sentence: str, tokens: list[tuple[int, int, str]],
                   orgs: list[_Mention], preds: list[_Mention], lang: str) -> Move | None:
        """A headline move without a name ("Aleph Alpha verliert Technikchef an Mistral AI"):
        the organisations it names complete the move the body names a person for."""
        live = [p for p in preds if not p.background]
        if not live:
            return None
        pred = live[0]
        nobody = _Mention(pred.end, pred.end, "")
        move = self._read_move(m, sentence, orgs, pred, nobody, lang)
        return move if move.from_ or move.to else None

    def _read_move(self, m: TopicMatcher, sentence: str, orgs: list[_Mention],
                   pred: _Mention, person: _Mention, lang: str) -> Move:
        move = Move(person=person.value, action=pred.value, evidence=sentence)
        # an organisation named twice is read where it is nearest the move: "hired X, the chief
        # executive of Adept, in a deal that gives a licence to Adept's technology"
        nearest: dict[str, _Mention] = {}
        for org in sorted(orgs, key=lambda o: abs(o.start - pred.start)):
            nearest.setdefault(org.value, org)
        sides = [(org, *_side(sentence, org, pred, person, move.action))
                 for org in nearest.values()]
        # explicit evidence first ("from", "joins", an apposition), then an origin the profile
        # does not know ("Windsurf-Chef X"), then word order within the clause
        for strong in (True, False):
            if not strong and move.from_ is None and person.value and move.action in TRANSFERS:
                move.from_ = _unknown_origin(sentence, pred, person, m)
            for org, side, is_strong in sorted(sides, key=lambda x: abs(x[0].start - pred.start)):
                if side is None or is_strong != strong:
                    continue
                if not strong and CLAUSE_BREAK.search(
                        sentence[min(org.end, pred.end):max(org.start, pred.start)]):
                    continue  # "X geht zu Google DeepMind – OpenAI geht leer aus"
                if move.action == "promoted":
                    move.to = move.from_ = move.to or org.value
                    continue
                if side == "from" and move.from_ is None and move.to != org.value:
                    move.from_ = org.value
                elif side == "to" and move.to is None and move.from_ != org.value:
                    move.to = org.value
                elif not strong and move.action in TRANSFERS:
                    # a second organisation of a move: where the other end is
                    if side == "to" and move.from_ is None and move.to != org.value:
                        move.from_ = org.value
                    elif side == "from" and move.to is None and move.from_ != org.value \
                            and move.action != "fired":
                        move.to = org.value
        if move.to is None and move.action in ("joins", "hired", "founds", "leaves"):
            move.to = _unknown_destination(sentence, pred, person, m, lang)
        if move.action == "promoted" and (move.to or move.from_):
            move.to = move.from_ = move.to or move.from_
        role_re = m.role_re.get(lang)
        if role_re and person.value:
            roles = list(role_re.finditer(sentence))
            if roles:
                nearest = min(roles, key=lambda r: min(abs(r.start() - person.end),
                                                       abs(person.start - r.end())))
                move.role = _role_phrase(sentence, nearest)
        return move


def _background(sentence: str, tokens: list[tuple[int, int, str]], pred: _Mention,
                lang: str) -> bool:
    """A staffing word about the past: dated with a year near it ("a cofondé en 2021",
    "hat OpenAI 2021 verlassen") or in the pluperfect ("hatte ... verlassen", "had left")
    outside reported speech ("said that he had left" is the news)."""
    idx = [i for i, t in enumerate(tokens) if pred.start <= t[0] < pred.end]
    if not idx:
        return False
    first, last = idx[0], idx[-1]
    lo = first
    while lo > 0 and first - lo < DATED_WINDOW and not _punct_between(sentence, tokens, lo - 1):
        lo -= 1
    hi = last
    while hi + 1 < len(tokens) and hi - last < DATED_WINDOW \
            and not _punct_between(sentence, tokens, hi):
        hi += 1
    end = hi  # a relative date stands at the end of its clause, often past the window
    while end + 1 < len(tokens) and end - last < 3 * DATED_WINDOW \
            and not _punct_between(sentence, tokens, end):
        end += 1
    if RELATIVE_PAST.search(sentence, tokens[lo][0], tokens[end][1]):
        return True  # "before becoming COO two years ago", "vor drei Jahren gegründet"
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


def _punct_between(sentence: str, tokens: list[tuple[int, int, str]], i: int) -> bool:
    """Clause punctuation between token i and token i+1."""
    return bool(CLAUSE_PUNCT.search(sentence[tokens[i][1]:tokens[i + 1][0]]))


def _regions(pairs: list[tuple[_Mention, _Mention]]
             ) -> list[tuple[_Mention, _Mention, int, int]]:
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


def _person_for(sentence: str, people: list[_Mention], pred: _Mention, lang: str = "en"
                ) -> _Mention | None:
    """The person a staffing word is about: its subject for "X joins/leaves/founds", its
    object for "Meta hires X" (its subject again when passive: "X was hired by Meta")."""
    movers = [p for p in people if not p.owner]
    # reported speech: "Altman said that two others were leaving" is not about Altman
    cut = 0
    for c in COMPLEMENTISER.finditer(sentence, 0, pred.start):
        if c.group(1).lower() not in SUBJECT_PRONOUNS:
            cut = c.end(0) - len(c.group(1))
    quote = _open_quote(sentence, pred.start)
    if quote is not None:  # 'X a déclaré : « Ilya et OpenAI vont se séparer »': not about X
        cut = max(cut, quote)
    before = [p for p in movers if cut <= p.start and p.end <= pred.start
              and len(re.findall(r"\w+", sentence[p.end:pred.start])) <= MAX_PERSON_DISTANCE]
    pred_text = sentence[pred.start:pred.end]
    noun = lemma(pred_text.split()[0], "fr") in NOUN_PREDICATES or \
        pred_text.lower() in NOUN_PREDICATES
    reach = MAX_PERSON_DISTANCE if noun else MAX_OBJECT_DISTANCE
    stop = OBJECT_STOP.search(sentence, pred.end)
    limit = stop.start() if stop else len(sentence)
    after = [p for p in movers if pred.end <= p.start < limit
             and len(re.findall(r"\w+", sentence[pred.end:p.start])) <= reach]
    # "join Amazon's AGI group, led by Rohit Prasad": an agent is nobody's object
    if not noun:  # ("le départ de X", "der Rücktritt von X" are complements)
        after = [p for p in after
                 if not set(_words_before(sentence, p.start, 1)) & AGENT_MARKERS]
    subject = before[-1] if before else None
    obj = after[0] if after else None
    if noun:  # "le départ d'Alexandr Wang", "Gross's departure"
        if obj and NOUN_COMPLEMENT.match(sentence[pred.end:]) \
                and len(re.findall(r"\w+", sentence[pred.end:obj.start])) <= 12:
            return obj
        if subject and not POSSESSIVE_BEFORE.search(sentence[max(0, pred.start - 12):pred.start]):
            # "X s'implique dans le recrutement": a process, not X's own move ("sa démission")
            subject = None
        return subject or obj
    words = {lemma(w, lang) for w in pred_text.split()} | {w.lower() for w in pred_text.split()}
    if words & INTRANSITIVE:
        return subject or obj
    if pred.value in ("hired", "promoted", "fired"):
        prev = _words_before(sentence, pred.start, 2)
        nxt = re.findall(r"\w+", sentence[pred.end:pred.end + 12])[:1]
        passive = bool(set(prev) & PASSIVE_MARKERS) or (nxt and nxt[0].lower() in AGENT_MARKERS)
        if lang == "de" and subject is not None:
            passive = passive or bool(re.search(r"\b(?:wurde|wird|worden|werden)\b",
                                                sentence[subject.end:pred.start]))
        if passive:
            return subject or obj
        if obj is not None:
            return obj
        # no object: "Zuckerberg veut recruter des chercheurs" is an intent, not a move
        if set(_words_before(sentence, pred.start, 1)) & INTENT_BEFORE:
            return None
        if pred_text.endswith("ing") and \
                set(_words_before(sentence, pred.start, 1)) & {"on", "in", "for", "of", "about"}:
            return None  # "has spent heavily on recruiting": an activity, not a move
        return subject
    return subject or obj


def _open_quote(sentence: str, pos: int) -> int | None:
    """Where a quotation still open at pos starts, if any."""
    opened = None
    for q in QUOTE_MARK.finditer(sentence, 0, pos):
        mark = q.group(0).strip(" :")
        opening = mark in ("«", "“", "„") or (mark == '"' and opened is None)
        opened = q.end() if opening else None
    return opened


def _words_before(sentence: str, pos: int, n: int = 3) -> list[str]:
    return [w.lower() for w in re.findall(r"[\w]+", sentence[:pos])[-n:]]


def _side(sentence: str, org: _Mention, pred: _Mention, person: _Mention, action: str
          ) -> tuple[str | None, bool]:
    """Is this organisation where the person comes from or where they go, and is that said
    outright (a marker word, an apposition) or only guessed from word order?"""
    before = _words_before(sentence, org.start, 8)
    last = before[-1] if before else ""
    # apposition: "OpenAI co-founder Ilya Sutskever", "l'ancien cadre d'OpenAI, Jan Leike",
    # "Meta poaches Google DeepMind scientist Omar Farouk"
    between = len(re.findall(r"\w+", sentence[org.end:person.start]))
    pred_between = org.end <= pred.start < person.start
    if person.value and org.end <= person.start and between <= PERSONAL_ROLE_BETWEEN \
            and not pred_between \
            and not (last in TO_MARKERS and action in ("joins", "hired")):
        return "from", True
    # apposition after the name: "Nadia Belkacem, chercheuse chez Google DeepMind",
    # "Sebastian Krüger, der zuletzt bei Apple ...", "X, who ran inference at Anthropic,"
    gap = sentence[person.end:org.start]
    if person.value and person.end <= org.start and re.match(r"\s*,", gap) \
            and len(re.findall(r"\w+", gap)) <= 8 \
            and not (person.end <= pred.start < org.start):
        if set(re.findall(r"\w+", gap.lower())) & NEW_MARKERS:
            return "to", True  # "X, Anthropic's new head of research"
        return "from", True
    if last in ("at", "bei", "chez", "of", "de", "d", "von", "in", "am") and (
            set(before[-4:-1]) & PAST_ADVERBS
            or (set(before[:-1]) & {"after", "nach", "après"}
                and set(before[:-1]) & DURATION_WORDS)):
        return "from", True  # "zuletzt bei Apple", "after a decade at Google"
    if last in FROM_MARKERS:
        return "from", True
    if last in TO_MARKERS:
        noun = sentence[pred.start:pred.end].lower() in NOUN_PREDICATES
        if noun and person.value and person.end <= org.start \
                and last in ("chez", "pour", "for", "to", "zu", "nach", "vers"):
            return "to", True  # "le départ d'Alexandr Wang chez Meta"
        if action in ("leaves", "fired") and last in ("at", "bei", "chez", "of", "de", "d"):
            return "from", True
        return "to", True
    if org.start > pred.end:  # after the verb: "joins Anthropic", "leaves OpenAI"
        return ("to" if action in ("joins", "hired", "founds", "promoted") else "from"), False
    if action in ("hired", "promoted") and org.end <= pred.start:
        return "to", False  # "Anthropic hires X", "Cohere promotes X"
    if action in ("leaves", "fired"):
        return "from", False
    return None, False


def _coordinated(sentence: str, people: list[_Mention], person: _Mention, move: Move,
                 preds: list[_Mention], orgs: list[_Mention], role_words: set[str]
                 ) -> list[Move]:
    """The others of "A, B and C were poached by Meta" or "A, a former X researcher, and B,
    who led Y, have co-founded Z": the same move for each, with their own origin."""
    out = []
    ordered = sorted((p for p in people if not p.owner), key=lambda p: p.start)
    if person not in ordered:
        return out
    i = ordered.index(person)
    for step in (-1, 1):
        j = i
        while 0 <= j + step < len(ordered):
            a, b = sorted((ordered[j], ordered[j + step]), key=lambda p: p.start)
            gap = sentence[a.end:b.start]
            simple = re.fullmatch(r"\s*(?:,|,?\s*(?:and|et|und|&|sowie)\s)\s*(?:à\s+)?"
                                  r"(?:[\w-]+\s+)?", gap)
            if simple and simple.group(0).split()[-1].lower() not in role_words | {
                    ",", "and", "et", "und", "&", "sowie", "à"}:
                simple = None  # only a role may stand between: "sowie Mitgründer Douglas Chen"
            apposed = re.fullmatch(r"\s*,[^;:()«»\"]{1,140}?,?\s+(?:and|et|und|sowie)\s+"
                                   r"(?:à\s+)?", gap)
            if not (simple or apposed) or any(a.end <= p.start < b.start for p in preds):
                break
            j += step
            other = ordered[j]
            each = Move(other.value, move.action, move.from_, move.to, move.role,
                        move.evidence, move.primary)
            own = _own_origin(sentence, other, ordered, orgs)
            if own and move.action in TRANSFERS and own != each.to:
                each.from_ = own
            out.append(each)
    if out and move.action in TRANSFERS:  # the first of the list has its own origin too
        own = _own_origin(sentence, person, ordered, orgs)
        if own and own != move.to:
            move.from_ = own
    return out


def _own_origin(sentence: str, person: _Mention, people: list[_Mention],
                orgs: list[_Mention]) -> str | None:
    """The organisation in a person's own apposition: "Yuki Sato, a former OpenAI engineer,"."""
    nxt = [p.start for p in people if p.start > person.start]
    end = min(nxt) if nxt else len(sentence)
    clause = re.match(r"\s*,([^;]*?)(?:,|$)", sentence[person.end:end])
    if not clause:
        return None
    lo, hi = person.end + clause.start(1), person.end + clause.end(1)
    inside = [o for o in orgs if lo <= o.start < hi]
    return inside[0].value if inside else None


def _unknown_destination(sentence: str, pred: _Mention, person: _Mention,
                         m: TopicMatcher, lang: str = "en") -> str | None:
    """A destination the profile does not know, right after the staffing word."""
    tail_start = max(pred.end, person.end if person.start > pred.end else pred.end)
    for match in UNKNOWN_ORG.finditer(sentence, pred.start):
        if match.start(1) < tail_start or match.start(1) - pred.end > 80:
            continue
        name = _company_name(match.group(1), m, lang)
        if name:
            return name
    return None


def _company_name(name: str, m: TopicMatcher, lang: str) -> str | None:
    """A capitalised phrase that can be a company the profile does not know, or None."""
    name = name.rstrip(".")
    words = name.split()
    if not words or words[0].lower() in NOT_NAME_WORDS or name.lower() in PLACES \
            or name in m.person_alias or words[0].lower() in m.role_words:
        return None
    if name in m.alias_to_org or name.split("-")[0] in m.alias_to_org:
        return None  # a known organisation: read from the sentence's mentions
    if lang == "de" and len(words) == 1 and _german_word(words[0]):
        return None  # "gründet Investmentfirma": a German noun, no name
    if words[-1].lower() in ("university", "universität", "université", "school", "college",
                             "institute"):
        return None
    return name


def _unknown_origin(sentence: str, pred: _Mention, person: _Mention, m: TopicMatcher
                    ) -> str | None:
    """An origin the profile does not know: "Windsurf-Chef Varun Mohan", "quitter la direction
    d'Instacart"."""
    hit = UNKNOWN_ORIGIN_BEFORE.search(sentence[max(0, person.start - 60):person.start])
    if hit is None and pred.value == "leaves":
        hit = UNKNOWN_ORIGIN_AFTER.match(sentence[pred.end:pred.end + 60])
    if hit is None:
        return None
    name = _company_name(hit.group(1), m, "fr")
    if name is None or NAME.fullmatch(name):
        return None  # a known organisation is read elsewhere; two words may be a person
    return name


def _new_company(analysed: list[tuple[Reason, Any]], index: int, pred: _Mention,
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
                name = _company_name(raw, m, lang)
                if name and name not in m.person_alias:
                    return name
    return None


def _fill_from_headline(move: Move, headline: Move) -> None:
    """Complete a named move with the organisations of a headline that names nobody."""
    if move.action == "promoted" or headline.action == "promoted":
        if move.action == headline.action and move.to is None and headline.to:
            move.to = move.from_ = headline.to
        return
    if move.to and headline.to and move.to != headline.to:
        return
    if move.from_ and headline.from_ and move.from_ != headline.from_:
        return
    if move.from_ is None and headline.from_ and headline.from_ != move.to:
        move.from_ = headline.from_
    if move.to is None and headline.to and headline.to != move.from_ \
            and move.action not in ("leaves", "fired"):
        move.to = headline.to


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
    if {target.action, other.action} == {"leaves", "founds"}:
        leave, found = (target, other) if target.action == "leaves" else (other, target)
        if found.to and found.to == leave.from_:
            # "X, qui a cofondé OpenAI, ... partait": the company founded is the one left
            target.action, target.from_, target.to = "leaves", leave.from_, None
            target.role = target.role or other.role
            return
    if target.action == "leaves" and other.action in ("joins", "hired", "founds"):
        target.action = other.action  # "leaves X to join Y": the move is where they went
    attrs = ("from_", "to", "role")
    if (target.action == "promoted") != (other.action == "promoted"):
        attrs = ("role",)  # "joins OpenAI to lead its apps": the new role is not another move
    for attr in attrs:
        mine, theirs = getattr(target, attr), getattr(other, attr)
        if mine is None and theirs is not None:
            setattr(target, attr, theirs)
        elif mine and theirs and theirs.startswith(mine + " "):
            setattr(target, attr, theirs)  # "Google", then "Google DeepMind": the unit
