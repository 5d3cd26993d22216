"""The SQL of a story filter, per dialect: moves and languages are JSON arrays on the story
row (SQLite json_each, PostgreSQL json_array_elements), full text is PostgreSQL's
to_tsvector with the language-neutral 'simple' configuration (articles are in several
languages, so no stemming), and on SQLite every word must appear (LIKE, case-insensitive for
ASCII) in the story's title or a member's title or text. SQLite's FTS5 would need a shadow
table kept by triggers, a schema change; LIKE over the stored text is exact and fast enough
for a monitor's few thousand stories (bench/web_bench.py measures it)."""

from __future__ import annotations

import itertools
from typing import Any

from sqlalchemy import ColumnElement, and_, exists, func, or_, select, text
from sqlalchemy.sql.elements import TextClause

from newsmon.models import Article, Source, Story
from newsmon.web.filters import StoryFilter

_names = itertools.count()


def _param() -> str:
    return f"w{next(_names)}"


def _moves_exist(dialect: str, **match: str) -> TextClause:
    """A move of the story matches every given field: person (a part, any case), org (either
    side), from, to (exact, any case)."""
    if dialect == "postgresql":
        src, get = "json_array_elements(stories.moves) AS m(value)", "m.value->>'{}'"
    else:
        src, get = "json_each(stories.moves) AS m", "json_extract(m.value, '$.{}')"
    conds, params = [], {}
    for key, value in match.items():
        p = _param()
        params[p] = value.lower()
        if key == "person":
            params[p] = f"%{_escape(value.lower())}%"
            conds.append(f"lower({get.format('person')}) LIKE :{p} ESCAPE '\\'")
        elif key == "org":
            conds.append(f"(lower({get.format('from')}) = :{p} OR "
                         f"lower({get.format('to')}) = :{p})")
        else:
            conds.append(f"lower({get.format(key)}) = :{p}")
    return text(f"EXISTS (SELECT 1 FROM {src} WHERE {' AND '.join(conds)})").bindparams(
        **params)


def _language(dialect: str, lang: str) -> TextClause:
    p = _param()
    src = ("json_array_elements_text(stories.languages) AS l(value)" if dialect == "postgresql"
           else "json_each(stories.languages) AS l")
    return text(f"EXISTS (SELECT 1 FROM {src} WHERE lower(l.value) = :{p})").bindparams(
        **{p: lang.lower()})


def _escape(word: str) -> str:
    return word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def text_match(dialect: str, q: str) -> ColumnElement[bool]:
    """Stories whose title, or a member article's title or text, match the search."""
    member = select(Article.id).where(Article.story_id == Story.id)
    if dialect == "postgresql":
        query = func.plainto_tsquery("simple", q)
        doc = func.to_tsvector("simple", func.coalesce(Article.title, "") + " " + Article.text)
        title = func.to_tsvector("simple", func.coalesce(Story.title, ""))
        return or_(title.bool_op("@@")(query), exists(member.where(doc.bool_op("@@")(query))))
    words = [w for w in q.split() if w][:8]
    conds = []
    for w in words:
        like = f"%{_escape(w)}%"
        conds.append(or_(Story.title.ilike(like, escape="\\"), exists(member.where(or_(
            Article.title.ilike(like, escape="\\"), Article.text.ilike(like, escape="\\"))))))
    return and_(*conds)


def where(dialect: str, f: StoryFilter) -> list[Any]:
    """The WHERE clauses of a filter on the stories table (live stories only)."""
    out: list[Any] = [Story.merged_into.is_(None)]
    if f.q:
        out.append(text_match(dialect, f.q))
    move = {k: v for k, v in (("person", f.person), ("from", f.from_), ("to", f.to)) if v}
    if move:
        out.append(_moves_exist(dialect, **move))
    if f.org:
        out.append(_moves_exist(dialect, org=f.org))
    if f.lang:
        out.append(_language(dialect, f.lang))
    if f.source:
        out.append(exists(select(Article.id).join(Source, Source.id == Article.source_id)
                          .where(Article.story_id == Story.id, Source.name == f.source)))
    if f.since_dt:
        out.append(Story.first_seen >= f.since_dt)
    if f.until_dt:
        out.append(Story.first_seen < f.until_dt)
    return out
