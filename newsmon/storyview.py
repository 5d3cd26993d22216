"""Stories and dedup decisions as the CLI shows them (`newsmon stories`, `newsmon dedupe`)."""

from __future__ import annotations

from typing import Any

from newsmon.storage import articles, stories
from newsmon.store import Store
from newsmon.text_format import format_move, printable


def story_rows(store: Store) -> list[dict[str, Any]]:
    """Every story, newest first, with its articles (copies marked)."""
    with store.read() as s:
        live = stories.live_stories(s)
        arts = articles.story_members(s)
    by_story: dict[int, list[dict[str, Any]]] = {}
    for a in arts:
        by_story.setdefault(a.story_id, []).append({
            "id": a.id, "url": a.url, "title": a.title, "source": a.name,
            "language": a.language, "published": a.published.isoformat() if a.published else None,
            "duplicate_of": a.duplicate_of, "copy": a.duplicate_of is not None})
    return [{"id": st.id, "title": st.title, "moves": st.moves or [],
             "languages": st.languages or [], "first_seen": st.first_seen.isoformat(),
             "last_seen": st.last_seen.isoformat(), "articles": by_story.get(st.id, [])}
            for st in live]


def format_table(rows: list[dict[str, Any]]) -> str:
    if not rows:
        return "no stories yet (stories are built from relevant articles as they are stored)"
    out = []
    for st in rows:
        out.append(f"story {st['id']}: {printable(st['title'])}")
        out.append(f"  seen {st['first_seen'][:16]} .. {st['last_seen'][:16]}; languages "
                   f"{', '.join(st['languages']) or '-'}; {len(st['articles'])} articles")
        out += [f"  move: {format_move(m)}" for m in st["moves"]]
        for a in st["articles"]:
            kind = f"copy of {a['duplicate_of']}" if a["copy"] else "original"
            out.append(f"  - [{a['id']}] {a['language'] or '?'} {a['source'] or '?'} ({kind}) "
                       f"{a['url']}")
    return "\n".join(out)


def explain(store: Store, key: str) -> str | None:
    art = articles.find(store, key)
    if art is None:
        return None
    d = art.dedup or {}
    lines = [f"article {art.id}: {printable(art.title)!r} ({art.language}) {art.canonical_url}"]
    if not d:
        lines.append("  no dedup decision recorded (stored before deduplication existed)")
        return "\n".join(lines)
    kind = d.get("kind")
    if kind == "original":
        lines.append("  original: no stored article matched"
                     + (f" ({d['note']})" if d.get("note") else ""))
    else:
        lines.append(f"  {kind} duplicate of article {d.get('duplicate_of')} "
                     f"(matched article {d.get('matched')}, score {d.get('score')})")
        if kind == "exact":
            lines.append("  the same body text, ignoring case and spacing")
        if kind == "near":
            lines.append(f"  word 4-gram Jaccard {d.get('jaccard')}, containment "
                         f"{d.get('containment')}")
        if kind == "translation":
            lines.append(f"  rarity-weighted share of names and numbers {d.get('entity_overlap')}"
                         f", same order {d.get('order')}, same credit line "
                         f"{d.get('same_credit')}")
            lines.append(f"  shared terms: {', '.join(d.get('shared_terms', []))}")
    story = d.get("story")
    if art.story_id is not None:
        how = ("started it" if story and story.get("created") else
               f"joined it (probability {story.get('score')}, on "
               f"{', '.join(story.get('matched', []))})" if story else "as a copy")
        lines.append(f"  story {art.story_id}: {how}")
        if story and "threshold" in story:
            lines.append(f"  story threshold {story['threshold']}; candidate stories:"
                         + ("" if story.get("candidates") else " none"))
            for sid, c in (story.get("candidates") or {}).items():
                sig = ", ".join(f"{k} {v}" for k, v in c.get("signals", {}).items())
                lines.append(f"    story {sid}: probability {c.get('p')} via article "
                             f"{c.get('member')} ({sig})")
        if story and story.get("merged"):
            lines.append(f"  merged stories {', '.join(map(str, story['merged']))} into it")
    elif not art.relevant:
        lines.append("  no story: not relevant to the topic")
    return "\n".join(lines)

