"""A topic profile compiled to regexes and sets, and the mentions it finds in a sentence:
the topic's organisations, staffing words (matched on lemmas) and people."""

from __future__ import annotations

import re
from dataclasses import dataclass

from newsmon.relevance.clauses import punct_between, separated
from newsmon.relevance.names import (
    NAME,
    confirmed_in,
    department_of_role,
    named_as_owner,
    trim_name,
)
from newsmon.relevance.profile import Profile, word_pattern
from newsmon.relevance.words import (
    DETERMINERS,
    IRREGULAR,
    LAUNCH_PREFIXES,
    LAUNCH_VERBS,
    NOUN_PREDICATES,
    PARTICLES,
    WERDEN,
    lemma,
)

MAX_MULTI_SPAN = 16  # tokens a multi-word predicate may spread over ("tritt ... zurück")
# "start a company", "lance sa propre start-up", "startet ein Unternehmen": a founding
COMPANY_WORD = re.compile(r"start-?ups?|compan(?:y|ies)|firm|lab|laboratory|venture|société|"
                          r"entreprise|laboratoire|pousse|Start-?up|Unternehmen|Firma|Labor",
                          re.IGNORECASE)


UMLAUT = str.maketrans("äöü", "aou")


def _prefix(word: str) -> str:
    """The first letters a staffing word keeps when inflected: "stößt" is "stoßen"."""
    return word[:3].lower().translate(UMLAUT)


@dataclass
class Mention:
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
            # Swiss German writes ß as ss ("zu OpenAI stossen"): both spellings count
            preds = {**{k.replace("ß", "ss"): v for k, v in preds.items()}, **preds}
            self.single[lang] = {k: v for k, v in preds.items() if " " not in k}
            self.multi[lang] = [(tuple(k.split()), v) for k, v in preds.items() if " " in k]
        self.headline_multi: dict[str, list[tuple[tuple[str, ...], str]]] = {}
        # simplemma is slow on words it does not know: only lemmatise tokens that could be a
        # staffing word (same first letters as a listed form or lemma, or a German participle)
        self.prefixes: dict[str, set[str]] = {}
        for lang in set(profile.predicates) | set(profile.headline_predicates):
            forms = [*profile.predicates.get(lang, {}), *profile.headline_predicates.get(lang, {})]
            self.prefixes[lang] = {_prefix(w) for f in forms for w in f.split()} | \
                IRREGULAR.get(lang, set())
        for lang, preds in profile.headline_predicates.items():
            self.headline[lang] = {**self.single.get(lang, {}),
                                   **{k: v for k, v in preds.items() if " " not in k}}
            self.headline_multi[lang] = self.multi.get(lang, []) + [
                (tuple(k.split()), v) for k, v in preds.items() if " " in k]

    # --- mentions ---------------------------------------------------------------------------

    def organisations(self, sentence: str, ai_context: bool) -> list[Mention]:
        if self.org_re is None:
            return []
        out = []
        for m in self.org_re.finditer(sentence):
            org = self.profile.organisations[self.alias_to_org[m.group(1)]]
            if org.lab or ai_context:
                out.append(Mention(m.start(), m.end(), org.name))
        return out

    def predicates(self, tokens: list[tuple[int, int, str]], lang: str,
                   in_title: bool = False, sentence: str = "") -> list[Mention]:
        single = (self.headline if in_title else self.single).get(lang) or \
            self.single.get(lang, {})
        out: list[Mention] = []
        prefixes = self.prefixes.get(lang, set())
        lemmas = [lemma(t, lang) if _prefix(t) in prefixes or t[:2].lower() == "ge"
                  else t.lower() for _, _, t in tokens]
        for i, ((start, end, tok), lem) in enumerate(zip(tokens, lemmas, strict=True)):
            low = tok.lower()
            if lem in NOUN_PREDICATES and low != lem:
                continue  # "départs", "Abgängen": plural, generic
            if lang == "de" and low in WERDEN and i + 1 < len(tokens) \
                    and tokens[i + 1][2].lower() in self.role_words:
                out.append(Mention(start, end, "promoted"))  # "wird Leiterin des Labors"
                continue
            if low == "founding" and i + 1 < len(tokens) and tokens[i + 1][2].islower() \
                    and tokens[i + 1][2] not in DETERMINERS:
                continue  # "a founding member of OpenAI": an adjective
            if low[:3] in LAUNCH_PREFIXES and lemma(tok, lang) in LAUNCH_VERBS \
                    and any(COMPANY_WORD.fullmatch(t[2]) for t in tokens[i + 1:i + 5]):
                out.append(Mention(start, end, "founds"))  # "starts a company of his own"
                continue
            if lem in single or (low in single and lem == low):
                if lang == "de" and sentence and separated(sentence, tokens, i):
                    continue
                out.append(Mention(start, end, single[lem] if lem in single else single[low]))
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
                                and not punct_between(sentence, tokens, k):
                            i, first = 0, None  # "stellt ein neues Modell vor": an article
                            continue
                        # spread out ("stellt X und Y ein"): the verb stands for it
                        out.append(Mention(first[0], end if k - first[2] < len(words)
                                           else first[1], action))
                        break
        return sorted(out, key=lambda m: m.start)

    def people(self, sentence: str, orgs: list[Mention], lang: str,
               known_full: set[str] | None = None, seen: dict[str, str] | None = None,
               confirm_in: str | None = None) -> list[Mention]:
        """`confirm_in`: the body, for a headline: a name the gazetteer does not know counts
        there only in the part the body names too."""
        found: list[Mention] = []
        taken: list[tuple[int, int]] = [(o.start, o.end) for o in orgs]
        for surname, full in (seen or {}).items():
            # "Ashworth will report to ...": the surname of someone named in full before
            for hit in re.finditer(rf"(?<![\w’'-]){re.escape(surname)}(?![\w-])", sentence) \
                    if surname in sentence else ():
                if not any(s < hit.end() and hit.start() < e for s, e in taken) and \
                        not re.match(r"[ \t]+[A-ZÀ-ÖØ-Þ]", sentence[hit.end():hit.end() + 2]) \
                        and not re.search(r"[A-ZÀ-ÖØ-Þ][\w-]*[ \t]+$", sentence[:hit.start()]):
                    found.append(Mention(hit.start(), hit.end(), full,
                                         owner=named_as_owner(sentence, hit.start(), hit.end())))
                    taken.append((hit.start(), hit.end()))
        if self.person_re is not None:
            for m in self.person_re.finditer(sentence):
                if m.group(0) in self.surnames and known_full is not None \
                        and self.person_alias[m.group(0)] not in known_full:
                    continue  # "Mensch", "Lacroix" alone: a word, unless the full name was used
                found.append(Mention(m.start(), m.end(), self.person_alias[m.group(0)],
                                     owner=named_as_owner(sentence, m.start(), m.end())))
                taken.append((m.start(), m.end()))
        pos = 0
        while (m := NAME.search(sentence, pos)) is not None:
            overlap = [(s, e) for s, e in taken if s < m.end() and m.start() < e]
            phrase = m.group(0)
            if overlap:  # "Mistral-Mitgründer Julien Marchand": look again after the company
                pos = max(max(e for _, e in overlap), m.start() + 1)
                # "die Forscherin Lea Sommer von Google": the name before the company
                phrase = sentence[m.start():min(s for s, _ in overlap)].rstrip()
                if len(phrase.split()) < 2:
                    continue
            else:
                pos = m.end()
            name = trim_name(phrase, lang, self)
            if name and confirm_in:
                name = confirmed_in(name, confirm_in)
            if name and department_of_role(sentence, m.start() + phrase.index(name),
                                           self.role_words):
                name = None
            if name:
                start = m.start() + phrase.index(name)
                end = start + len(name)
                owner = named_as_owner(sentence, start, end)
                last = name.split()[-1]
                if lang == "de" and last.endswith("s") and (
                        last[:-1] in self.person_alias
                        or re.match(r"\s+[A-ZÄÖÜ]", sentence[end:end + 2])):
                    owner = True  # German genitive: "Mustafa Suleymans KI-Sparte"
                found.append(Mention(start, end, name, owner=owner))
        return sorted(found, key=lambda x: x.start)

    def full_names(self, text: str) -> set[str]:
        """The people named in full in an article: their surnames alone then refer to them."""
        if self.person_re is None:
            return set()
        return {self.person_alias[m.group(0)] for m in self.person_re.finditer(text)
                if m.group(0) not in self.surnames}
