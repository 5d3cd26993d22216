"""Feeds of stories (one entry per story, its `updated` the time it last grew) as Atom
(feedgen) and JSON Feed 1.1 (a plain dict), and the sources as OPML."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from xml.etree import ElementTree as ET

from feedgen.feed import FeedGenerator

from newsmon.models import utcnow
from newsmon.text_format import format_move
from newsmon.web.queries import StoryRow

TITLE = "newsmon stories"


def _summary(st: StoryRow) -> str:
    lines = [format_move(m) for m in st.moves]
    lines.append(f"{st.article_count} article(s) from {', '.join(st.sources) or '?'}; "
                 f"languages {', '.join(st.languages) or '?'}")
    return "\n".join(lines)


def _title(st: StoryRow) -> str:
    return st.title or f"story {st.id}"


def atom(rows: list[StoryRow], base: str, self_url: str, subtitle: str) -> bytes:
    fg = FeedGenerator()
    fg.id(self_url)
    fg.title(TITLE)
    fg.subtitle(subtitle)
    fg.link(href=self_url, rel="self")
    fg.link(href=base, rel="alternate")
    fg.generator("newsmon")
    fg.updated(max((r.updated for r in rows), default=utcnow()))
    for st in reversed(rows):  # feedgen prepends: oldest first gives newest first
        fe = fg.add_entry()
        url = f"{base}story/{st.id}"
        fe.id(url)
        fe.title(_title(st))
        fe.link(href=url)
        fe.published(st.first_seen)
        fe.updated(st.updated)
        fe.summary(_summary(st))
        for lang in st.languages:
            fe.category(term=lang)
    return fg.atom_str(pretty=True)


def json_feed(rows: list[StoryRow], base: str, self_url: str, subtitle: str) -> dict[str, Any]:
    return {
        "version": "https://jsonfeed.org/version/1.1",
        "title": TITLE,
        "description": subtitle,
        "home_page_url": base,
        "feed_url": self_url,
        "items": [{
            "id": f"{base}story/{st.id}",
            "url": f"{base}story/{st.id}",
            "title": _title(st),
            "content_text": _summary(st),
            "date_published": st.first_seen.isoformat(),
            "date_modified": st.updated.isoformat(),
            "tags": st.languages,
            "_newsmon": {"story_id": st.id, "moves": st.moves, "sources": st.sources,
                         "article_count": st.article_count},
        } for st in rows],
    }


def opml(sources: list[dict[str, Any]], now: datetime | None = None) -> bytes:
    """OPML 2.0 of the sources; feed sources are `type="rss"` outlines a reader can import."""
    root = ET.Element("opml", version="2.0")
    head = ET.SubElement(root, "head")
    ET.SubElement(head, "title").text = "newsmon sources"
    ET.SubElement(head, "dateCreated").text = (now or utcnow()).strftime(
        "%a, %d %b %Y %H:%M:%S GMT")
    body = ET.SubElement(root, "body")
    for src in sources:
        attrs = {"text": src["name"], "title": src["name"], "newsmonType": src["type"]}
        if src["type"] == "feed":
            attrs.update(type="rss", xmlUrl=src["url"])
        else:
            attrs.update(type="link", url=src["url"])
        ET.SubElement(body, "outline", attrs)
    ET.indent(root)
    text = ET.tostring(root, encoding="unicode")
    return ('<?xml version="1.0" encoding="UTF-8"?>\n' + text + "\n").encode()
