"""A timeline of one organisation's moves: arrivals above the axis, departures below, each a
point linked to its story, placed by the story's first sighting."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

WIDTH, HEIGHT, PAD = 900, 220, 40
AXIS_Y = HEIGHT / 2


@dataclass
class Point:
    story_id: int
    title: str | None
    person: str | None
    other: str | None  # the organisation on the other side, when named
    direction: str  # "in" | "out"
    when: datetime
    x: float = 0.0
    y: float = 0.0


@dataclass
class Timeline:
    org: str
    points: list[Point]
    ticks: list[tuple[float, str]]
    width: int = WIDTH
    height: int = HEIGHT
    axis_y: float = AXIS_Y


def _same(a: str | None, b: str) -> bool:
    return a is not None and a.casefold() == b.casefold()


def build(org: str, stories: list[tuple[int, str | None, datetime, list[dict[str, Any]]]]
          ) -> Timeline:
    points: list[Point] = []
    for sid, title, seen, moves in stories:
        done: set[tuple[str | None, str]] = set()
        for m in moves:
            frm, to, person = m.get("from"), m.get("to"), m.get("person")
            if _same(frm, org) and _same(to, org):
                continue  # a promotion: no move in or out
            direction = "in" if _same(to, org) else "out" if _same(frm, org) else None
            if direction is None or (person, direction) in done:
                continue
            done.add((person, direction))
            points.append(Point(sid, title, person, frm if direction == "in" else to,
                                direction, seen))
    points.sort(key=lambda p: (p.when, p.story_id))
    ticks: list[tuple[float, str]] = []
    if points:
        start, end = points[0].when, points[-1].when
        if end - start < timedelta(days=1):
            start, end = start - timedelta(hours=12), end + timedelta(hours=12)
        span = (end - start).total_seconds()
        stack: dict[tuple[str, int], int] = {}
        for p in points:
            p.x = PAD + (WIDTH - 2 * PAD) * (p.when - start).total_seconds() / span
            slot = (p.direction, round(p.x / 12))
            level = stack.get(slot, 0)
            stack[slot] = level + 1
            offset = min(28 + 18 * level, AXIS_Y - 12)
            p.y = AXIS_Y - offset if p.direction == "in" else AXIS_Y + offset
        fmt = "%m-%d %H:%M" if end - start < timedelta(days=5) else "%Y-%m-%d"
        for i in range(5):
            t = start + (end - start) * i / 4
            ticks.append((PAD + (WIDTH - 2 * PAD) * i / 4, t.strftime(fmt)))
    return Timeline(org, points, ticks)
