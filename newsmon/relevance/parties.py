"""The parties to a move: the person a staffing word is about (its subject or its object), and
whether each organisation is where they come from or where they go, said outright or read from
word order; also an origin or destination the profile does not know."""

from __future__ import annotations

import re
from dataclasses import replace

from newsmon.relevance.clauses import open_quote, words_before
from newsmon.relevance.matcher import Mention, TopicMatcher
from newsmon.relevance.names import NAME, company_name
from newsmon.relevance.words import (
    AGENT_MARKERS,
    AUXILIARIES,
    DURATION_WORDS,
    FROM_MARKERS,
    GENITIVE_MARKERS,
    INTENT_BEFORE,
    INTRANSITIVE,
    NEW_MARKERS,
    NO_OBJECT_NEXT,
    NOUN_PREDICATES,
    PASSIVE_MARKERS,
    PAST_ADVERBS,
    SUBJECT_PRONOUNS,
    TENURE_WORDS,
    TO_MARKERS,
    lemma,
)

# a company named again by a noun, after its name in the sentence before
ANAPHOR = re.compile(r"\b(?:the (?:company|firm|lab|start-?up)|l['’](?:entreprise|équipe)|"
                     r"la (?:société|start-up|jeune pousse|firme)|le laboratoire|"
                     r"(?:das|dem) (?:Unternehmen|Start-up|Labor)|(?:die|der) Firma)\b")
PERSONAL_ROLE_BETWEEN = 5  # tokens between an organisation and a person in an apposition
MAX_PERSON_DISTANCE = 25  # words between a staffing word and the person it is about
                          # (a subject with a relative clause: "X, who led ... , has left")
MAX_OBJECT_DISTANCE = 8  # an object follows its verb closely: "Meta hires X"
# clauses end here when looking for the object of a verb
OBJECT_STOP = re.compile(r"\s(?:as|while|after|because|–|—|alors que|tandis que|während|nachdem|"
                         r"weil|parce que)\s|;")
FIRST_PERSON = re.compile(r"(?<![\w'’])(?:I|I['’]m|I['’]ll|I['’]ve|je|j['’]|ich)(?![\w'’])")
# who leads something is not who moves: "une offensive de recrutement sous la direction du CEO
# de Meta, Mark Zuckerberg", "a team led by X"
LEADER = re.compile(r"\b(?:sous la (?:direction|houlette|conduite)|under the (?:leadership|"
                    r"direction)|unter (?:der )?(?:Leitung|Führung)|led by|headed by|"
                    r"dirigée? par|(?:an)?geführt von|geleitet von)\b", re.IGNORECASE)
COORDINATOR = re.compile(r"\s(?:and|und|et|sowie)\s")
RELATIVE_OPEN = re.compile(r",\s*(?:der|die|das|who|which|qui|dont)\b")
COMPLEMENTISER = re.compile(r"\b(?:that|que|qu['’]|dass)\s*(\w+)")
NOUN_COMPLEMENT = re.compile(r"^\s*(?:of|de|d['’]|du|des|von|vom)\b")
POSSESSIVE_BEFORE = re.compile(r"\b(?:his|her|their|son|sa|ses|leur|sein|seine|seinen|seinem|"
                               r"seines|ihr|ihre|ihren|ihrem|ihres)\s+(?:\w+\s+)?$", re.IGNORECASE)
# an organisation the profile does not know, named after a destination word:
# "to start Lumen Labs", "pour devenir directrice scientifique de Lumen Labs", "zu Kontextwerk"
UNKNOWN_ORG = re.compile(
    r"(?:\b(?:to|for|joins?|joined|at|found|co-found|start|launch|pour|chez|rejoint|rejoindre|"
    r"fonder|cofonder|zu|zum|zur|bei|gründen|gründet)\b|\bde(?=\s+[A-Z]))"
    r"(?:\s+(?:the|a|new|la|le|les|l'|l’|die|der|das|den|dem|neue|neuen|eigene|eigenen))*\s+"
    r"((?:[A-ZÀ-ÖØ-Þ][\w.&-]*)(?:\s+[A-ZÀ-ÖØ-Þ][\w.&-]*){0,3})"
)
# where a person came from, before a name: "Windsurf-Chef Varun Mohan", "Instacart chief X"
UNKNOWN_ORIGIN_BEFORE = re.compile(
    r"([A-ZÀ-ÖØ-Þ][\w.&]+)-(?:Gründer|Mitgründer|Chef|Chefin|Gründerin|Mitgründerin|Manager|"
    r"Managerin|Forscher|Forscherin)(?:\s+und\s+-\w+)?\s+$")
# where a person came from, after leaving: "quitter la direction d'Instacart", "leaves Instacart"
UNKNOWN_ORIGIN_AFTER = re.compile(
    r"^\s+(?:(?:la direction|la tête|son poste|the helm|the board|the top job|die Spitze)"
    r"\s+(?:de|d['’]|du|chez|of|at|von)\s*)?([A-ZÀ-ÖØ-Þ][\w.&-]*(?:\s+[A-ZÀ-ÖØ-Þ][\w.&-]*)?)")


def person_for(sentence: str, people: list[Mention], pred: Mention, lang: str = "en"
               ) -> Mention | None:
    """The person a staffing word is about: its subject for "X joins/leaves/founds", its
    object for "Meta hires X" (its subject again when passive: "X was hired by Meta")."""
    movers = [p for p in people if not p.owner]
    # reported speech: "Altman said that two others were leaving" is not about Altman
    cut = 0
    for c in COMPLEMENTISER.finditer(sentence, 0, pred.start):
        if c.group(1).lower() not in SUBJECT_PRONOUNS:
            cut = c.end(0) - len(c.group(1))
    quote = open_quote(sentence, pred.start)
    if quote is not None:  # 'X a déclaré : « Ilya et OpenAI vont se séparer »': not about X
        speaker = [p for p in movers if p.end <= quote]
        inside = [p for p in movers if quote <= p.start < pred.start]
        if speaker and not inside and pred.value != "hired" and FIRST_PERSON.search(
                sentence, quote, pred.start):
            return speaker[-1]  # 'X: « ... ich werde zu OpenAI stoßen »' is X's own move
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
             and len(re.findall(r"\w+", sentence[pred.end:p.start])) <= reach
             and not LEADER.search(sentence, pred.end, p.start)]
    if not after and stop and stop.group(0).strip() in ("–", "—"):
        # "has hired Covariant's three founders — Pieter Abbeel, Peter Chen and Rocky Duan":
        # the dash opens the names of the object
        after = [p for p in movers if stop.end() <= p.start <= stop.end() + 2]
    # "join Amazon's AGI group, led by Rohit Prasad": an agent is nobody's object; "rejoindre
    # les rangs de Mark Zuckerberg": nor is the complement of a noun
    if not noun:  # ("le départ de X", "der Rücktritt von X" are complements)
        after = [p for p in after
                 if not set(words_before(sentence, p.start, 1)) & AGENT_MARKERS
                 and not (set(words_before(sentence, p.start, 1)) & GENITIVE_MARKERS
                          and len(re.findall(r"\w+", sentence[pred.end:p.start])) > 1)]
    subject = before[-1] if before else None
    if len(before) >= 2 and RELATIVE_OPEN.search(sentence, before[-2].end, before[-1].start) \
            and not COORDINATOR.search(sentence, before[-2].end, before[-1].start) \
            and "," in sentence[before[-1].end:pred.start]:
        # "Ruoming Pang, der ... das Team für die Foundation Models leitete, wechselt": the
        # name inside the relative clause is not the subject of the main verb
        subject = before[-2]
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
        prev = words_before(sentence, pred.start, 2)
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
        if set(words_before(sentence, pred.start, 1)) & INTENT_BEFORE:
            return None
        if pred_text.endswith("ing") and \
                set(words_before(sentence, pred.start, 1)) & {"on", "in", "for", "of", "about"}:
            return None  # "has spent heavily on recruiting": an activity, not a move
        if lang == "de" and subject is not None:
            # verb-final clause: "OpenAI konnte ... Lucas Beyer ... von Google abwerben", "Mark
            # Zuckerberg hat drei Forscher abgeworben": after the auxiliary stands the object
            aux = [a.end() for a in re.finditer(r"\w+", sentence[:pred.start])
                   if a.group(0) in AUXILIARIES]
            if aux:
                return subject if subject.start >= aux[-1] else _hirer(subject)
        # an object that names nobody: "Zuckerberg has recruited three researchers",
        # "Zuckerberg lockt OpenAI-Forscher ab": the subject is who hires, and the movers
        # are not named here (a headline's "X named chief scientist" has no object)
        if _unnamed_object(sentence, pred):
            return _hirer(subject) if subject is not None else None
        return subject
    return subject or obj


def _hirer(person: Mention) -> Mention:
    """Who hires people the sentence does not name: the sentence reports a move (it counts
    for relevance), but this person is not the one who moves."""
    return replace(person, owner=True)


def _unnamed_object(sentence: str, pred: Mention) -> bool:
    nxt = re.match(r"\s+([\w’'-]+)", sentence[pred.end:pred.end + 40])
    if nxt is None:
        return False  # punctuation or the end: "were both let go, the report said"
    return nxt.group(1).lower() not in NO_OBJECT_NEXT


def org_side(sentence: str, org: Mention, pred: Mention, person: Mention, action: str
             ) -> tuple[str | None, bool]:
    """Is this organisation where the person comes from or where they go, and is that said
    outright (a marker word, an apposition) or only guessed from word order?"""
    before = words_before(sentence, org.start, 8)
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
    if last in ("at", "bei", "chez") and len(before) >= 2 and before[-2] in TENURE_WORDS:
        return "from", True  # "all of whom were based at OpenAI", "qui travaillait chez Meta"
    if last in ("at", "bei", "chez", "of", "de", "d", "von", "in", "am") and (
            set(before[-4:-1]) & PAST_ADVERBS
            or (set(before[:-1]) & {"after", "nach", "après"}
                and set(before[:-1]) & DURATION_WORDS)):
        return "from", True  # "zuletzt bei Apple", "after a decade at Google"
    if last in FROM_MARKERS or (last == "chez" and len(before) >= 2 and before[-2] == "de"):
        return "from", True  # "de chez OpenAI": from, though "chez" alone is where to
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


def unknown_destination(sentence: str, pred: Mention, person: Mention,
                        m: TopicMatcher, lang: str = "en") -> str | None:
    """A destination the profile does not know, right after the staffing word."""
    tail_start = max(pred.end, person.end if person.start > pred.end else pred.end)
    for match in UNKNOWN_ORG.finditer(sentence, pred.start):
        if match.start(1) < tail_start or match.start(1) - pred.end > 80:
            continue
        name = company_name(match.group(1), m, lang)
        if name:
            return name
    return None


def unknown_origin(sentence: str, pred: Mention, person: Mention, m: TopicMatcher
                   ) -> str | None:
    """An origin the profile does not know: "Windsurf-Chef Varun Mohan", "quitter la direction
    d'Instacart"."""
    hit = UNKNOWN_ORIGIN_BEFORE.search(sentence[max(0, person.start - 60):person.start])
    if hit is None and pred.value == "leaves":
        hit = UNKNOWN_ORIGIN_AFTER.match(sentence[pred.end:pred.end + 60])
    if hit is None:
        return None
    name = company_name(hit.group(1), m, "fr")
    if name is None or NAME.fullmatch(name):
        return None  # a known organisation is read elsewhere; two words may be a person
    return name
