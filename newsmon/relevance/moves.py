"""Who moved where: the moves of an article, read from the sentences the classifier analysed.

A move is news, not background: staffing words dated with a past year or in the pluperfect
("had left", "hatte ... verlassen") do not count, a person named as an owner ("Musk's xAI") is
not a mover, and each organisation is read as origin or destination from explicit markers and
appositions first, word order second.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING, Any

from newsmon.relevance.clauses import regions
from newsmon.relevance.matcher import Mention, TopicMatcher
from newsmon.relevance.origins import (
    a_return,
    appointed_from_outside,
    new_company,
    own_origin,
)
from newsmon.relevance.parties import ANAPHOR, org_side, unknown_destination, unknown_origin
from newsmon.relevance.words import INTERNAL_PROMOTIONS

if TYPE_CHECKING:  # the classifier imports this module
    from newsmon.relevance.classify import Reason

LEAD_SENTENCES = 6  # new moves come from the headline and the lead; later sentences only add
TRANSFERS = ("joins", "hired", "leaves", "founds", "fired")
CLAUSE_BREAK = re.compile(r"[;–—]|,\s+(?:wie|as|comme|said|a indiqué|according)\b")


@dataclass
class Move:
    """One person's move as the article reports it; from_ and to are None where it says nothing."""

    person: str
    action: str
    from_: str | None = None
    to: str | None = None
    role: str | None = None
    evidence: str = ""
    primary: bool = True  # reported in the headline or lead, not in background further down
    mentions: int = 0  # how often the article names the person (full name or surname)

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["from"] = d.pop("from_")
        return d


def read_moves(m: TopicMatcher, analysed: list[tuple[Reason, Any]], lang: str) -> list[Move]:
    """The moves an article reports, one per person: those of the headline and lead, and the
    well-evidenced ones further down (flagged as not primary)."""
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
            anonymous = _anonymous_move(m, sentence, tokens, orgs, preds, lang)
        if reason.score < 0.5 or not pairs:
            continue
        for pred, person, lo, hi in regions(pairs):
            if person.owner:
                continue  # who hires unnamed people: "Zuckerberg has recruited three ..."
            local = [o for o in orgs if lo <= o.start < hi]
            move = _read_move(m, sentence, local, pred, person, lang)
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
            _named_again(move, sentence, pred, orgs, context)
            if move.action == "founds" and move.to is None:
                move.to = new_company(analysed, position[id(item)], pred, m, lang)
            if move.action == "promoted" and not set(
                    re.findall(r"[\w’'-]+", sentence[pred.start:pred.end].lower())
            ) & INTERNAL_PROMOTIONS:
                appointed_from_outside(m, move, analysed, [*context, *orgs], lang)
            together = [move, *_coordinated(sentence, people, person, move, preds, orgs,
                                            m.role_words)]
            # "Lucas Beyer, Alexander Kolesnikov and Xiaohua Zhai will join": in the order
            # the sentence names them, the first first
            together.sort(key=lambda mv: _named_at(sentence, mv.person))
            for each in together:
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
        salient = _salient_move(m, analysed, anonymous, lang)
        if salient is not None:
            moves = {_person_key(salient.person, moves): salient, **moves}
    for key, move in moves.items():
        # where the article says they left is where they come from: "Former OpenAI and
        # Tesla AI chief X starts a company ... X left OpenAI in February"
        if move.action in ("joins", "hired", "founds") and left.get(key) not in (
                None, move.from_, move.to):
            move.from_ = left[key]
    # a person the article names once only is seldom whom it is about, and a capitalised
    # phrase read as a name ("Zürcher Standort") is named once: of the headline and lead moves,
    # those of people named again (in full or by surname) come first
    text = " ".join(reason.sentence for reason, _ in analysed)
    for move in moves.values():
        move.mentions = _mentions(text, move.person)
    return sorted(moves.values(), key=lambda mv: (not mv.primary, mv.mentions < 2))


def _mentions(text: str, person: str) -> int:
    surname = person.split()[-1] if person else ""
    return len(re.findall(rf"(?<![\w-]){re.escape(surname)}(?![\w-])", text)) if surname else 0


def _named_again(move: Move, sentence: str, pred: Mention, orgs: list[Mention],
                 context: list[Mention]) -> None:
    """The organisation a staffing word's object names by a noun ("will join the company",
    "a quitté l'entreprise", "verlässt das Unternehmen"): the last one named before it in the
    sentence, or in the headline or sentence before."""
    after = ANAPHOR.match(sentence, pred.end + 1) or ANAPHOR.match(sentence, pred.end)
    if after is None:
        return
    before = [o.value for o in orgs if o.end <= pred.start]
    named = before[-1] if before else (context[0].value if context else None)
    if named is None:
        return
    if move.action in ("joins", "hired") and move.to is None and move.from_ != named:
        move.to = named
    elif move.action in ("leaves", "fired") and move.from_ is None and move.to != named:
        move.from_ = named


def _salient_move(m: TopicMatcher, analysed: list[tuple[Reason, Any]],
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
                nobody = Mention(live[0].end, live[0].end, "")
                base = _read_move(m, reason.sentence, orgs or context, live[0], nobody, lang)
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


def _anonymous_move(m: TopicMatcher, sentence: str, tokens: list[tuple[int, int, str]],
                    orgs: list[Mention], preds: list[Mention], lang: str) -> Move | None:
    """A headline move without a name ("Aleph Alpha verliert Technikchef an Mistral AI"):
    the organisations it names complete the move the body names a person for."""
    live = [p for p in preds if not p.background]
    if not live:
        return None
    pred = live[0]
    nobody = Mention(pred.end, pred.end, "")
    move = _read_move(m, sentence, orgs, pred, nobody, lang)
    return move if move.from_ or move.to else None


def _read_move(m: TopicMatcher, sentence: str, orgs: list[Mention],
               pred: Mention, person: Mention, lang: str) -> Move:
    """The move a staffing word reports for a person (nobody: a name-less mention), with
    each organisation read as its origin or destination, and the person's role."""
    move = Move(person=person.value, action=pred.value, evidence=sentence)
    # an organisation named twice is read where it is nearest the move: "hired X, the chief
    # executive of Adept, in a deal that gives a licence to Adept's technology"
    nearest: dict[str, Mention] = {}
    for org in sorted(orgs, key=lambda o: abs(o.start - pred.start)):
        nearest.setdefault(org.value, org)
    sides = [(org, *org_side(sentence, org, pred, person, move.action))
             for org in nearest.values()]
    # explicit evidence first ("from", "joins", an apposition), then an origin the profile
    # does not know ("Windsurf-Chef X"), then word order within the clause
    for strong in (True, False):
        if not strong and move.from_ is None and person.value and move.action in TRANSFERS:
            move.from_ = unknown_origin(sentence, pred, person, m)
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
    if move.action == "joins" and move.to is None and move.from_ and a_return(sentence, pred):
        # "OpenAI co-founder Greg Brockman has returned": who returns goes back to the
        # organisation they are named with
        move.to, move.from_ = move.from_, None
    if move.to is None and move.action in ("joins", "hired", "founds", "leaves"):
        move.to = unknown_destination(sentence, pred, person, m, lang)
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


def _coordinated(sentence: str, people: list[Mention], person: Mention, move: Move,
                 preds: list[Mention], orgs: list[Mention], role_words: set[str]
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
            own = own_origin(sentence, other, ordered, orgs)
            if own and move.action in TRANSFERS and own != each.to:
                each.from_ = own
            out.append(each)
    if out and move.action in TRANSFERS:  # the first of the list has its own origin too
        own = own_origin(sentence, person, ordered, orgs)
        if own and own != move.to:
            move.from_ = own
    return out


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


def _named_at(sentence: str, person: str) -> int:
    at = sentence.find(person)
    return at if at >= 0 else len(sentence)


def _person_key(name: str, moves: dict[str, Move]) -> str:
    """A surname alone ("Leike") refers to the full name seen before ("Jan Leike")."""
    for key in moves:
        if key == name or key.split()[-1] == name or name.split()[-1] == key.split()[-1]:
            return key
    return name


def _fill(target: Move, other: Move) -> None:
    """Complete a person's move with another reading of it, from a later sentence."""
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
        if other.to is not None and other.to == target.from_:
            # "X departed xAI ... X joined xAI in April": the arrival before, not the next
            # step; keep the exit, take only the role
            target.role = target.role or other.role
            return
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
