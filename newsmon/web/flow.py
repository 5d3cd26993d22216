"""Talent flow: who moved from which organisation to which, counted over a period, laid out
as a two-column (Sankey-like) diagram. This module only counts and computes geometry; the
template draws it as SVG, each link a link to the stories behind it."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

WIDTH = 900
LEFT_X, RIGHT_X, NODE_W = 190, 690, 14
TOP, GAP, MIN_NODE = 20, 14, 18
UNIT = 26  # pixels of height per move, shrunk when the diagram would be too tall
MAX_HEIGHT = 1400


@dataclass
class Node:
    name: str
    count: int
    x: float
    y: float = 0.0
    h: float = 0.0
    used: float = 0.0  # how much of its height links already take


@dataclass
class Link:
    source: str
    target: str
    count: int
    width: float
    path: str = ""
    stories: list[int] = field(default_factory=list)


@dataclass
class Flow:
    left: list[Node]
    right: list[Node]
    links: list[Link]
    height: float
    one_sided: list[tuple[str, int, int]]  # (organisation, arrivals, departures) from/to unnamed
    total: int

    @property
    def width(self) -> int:
        return WIDTH


def org_pairs(move: dict[str, Any]) -> tuple[str | None, str | None]:
    """(from, to) of a move, None for a side not named."""
    return move.get("from") or None, move.get("to") or None


def count(stories: list[tuple[int, str | None, datetime, list[dict[str, Any]]]]
          ) -> tuple[dict[tuple[str, str], list[int]], Counter[str], Counter[str]]:
    """(from, to) -> story ids, and arrivals / departures whose other side is not named.
    A story counts once per pair however many of its articles repeat the move; a move
    within one organisation (a promotion) is no flow."""
    pairs: dict[tuple[str, str], list[int]] = {}
    arrivals: Counter[str] = Counter()
    departures: Counter[str] = Counter()
    for sid, _title, _seen, moves in stories:
        seen: set[tuple[str | None, str | None]] = set()
        for m in moves:
            frm, to = org_pairs(m)
            if frm == to or (frm, to) in seen:
                continue
            seen.add((frm, to))
            if frm and to:
                pairs.setdefault((frm, to), []).append(sid)
            elif to:
                arrivals[to] += 1
            elif frm:
                departures[frm] += 1
    return pairs, arrivals, departures


def layout(stories: list[tuple[int, str | None, datetime, list[dict[str, Any]]]]) -> Flow:
    pairs, arrivals, departures = count(stories)
    out_total: Counter[str] = Counter()
    in_total: Counter[str] = Counter()
    for (frm, to), ids in pairs.items():
        out_total[frm] += len(ids)
        in_total[to] += len(ids)
    total = sum(out_total.values())
    n = max(len(out_total), len(in_total), 1)
    unit = UNIT
    while unit > 4 and TOP * 2 + total * unit + n * (GAP + MIN_NODE) > MAX_HEIGHT:
        unit -= 2
    left = _column(out_total, LEFT_X, unit)
    right = _column(in_total, RIGHT_X, unit)
    height = max([TOP * 2] + [nd.y + nd.h + TOP for nd in left + right])
    by_left = {nd.name: nd for nd in left}
    by_right = {nd.name: nd for nd in right}
    links = []
    rank = {("L", nd.name): i for i, nd in enumerate(left)} | {
        ("R", nd.name): i for i, nd in enumerate(right)}
    # bands leave each node in the order of their targets, so they cross as little as can be
    order = sorted(pairs.items(), key=lambda kv: (rank["L", kv[0][0]], rank["R", kv[0][1]]))
    for (frm, to), ids in order:
        a, b = by_left[frm], by_right[to]
        pa, pb = a.h * len(ids) / a.count, b.h * len(ids) / b.count  # share of each node
        w = min(pa, pb)
        y1, y2 = a.y + a.used + pa / 2, b.y + b.used + pb / 2
        a.used += pa
        b.used += pb
        x1, x2 = a.x + NODE_W, b.x
        mid = (x1 + x2) / 2
        links.append(Link(frm, to, len(ids), max(2.0, w - 1),
                          f"M{x1:.1f},{y1:.1f} C{mid:.1f},{y1:.1f} {mid:.1f},{y2:.1f} "
                          f"{x2:.1f},{y2:.1f}", sorted(set(ids))))
    orgs = sorted(set(arrivals) | set(departures), key=lambda o: (-arrivals[o] - departures[o], o))
    one_sided = [(o, arrivals[o], departures[o]) for o in orgs]
    return Flow(left, right, links, height, one_sided, total)


def _column(totals: Counter[str], x: float, unit: float) -> list[Node]:
    nodes = [Node(name, c, x) for name, c in sorted(totals.items(), key=lambda kv: (-kv[1],
                                                                                    kv[0]))]
    y = TOP
    for nd in nodes:
        nd.y, nd.h = y, max(MIN_NODE, nd.count * unit)
        y += nd.h + GAP
    return nodes
