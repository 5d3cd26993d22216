"""`newsmon classify --explain` (one article's relevance decision) and `newsmon reclassify`
(relevance re-run over every stored article)."""

from __future__ import annotations

import argparse
from typing import Any

from newsmon.cli.common import no_article, open_store
from newsmon.cli.output import format_move, print_json
from newsmon.config import Config
from newsmon.errors import EXIT_OK


def classify_now(cfg: Config, art: Any) -> dict[str, Any]:
    """The decision today's profiles and threshold make on a stored article."""
    from newsmon.relevance import classify_article

    return classify_article(art.title, art.text, art.language, cfg.relevance.profiles,
                            cfg.base_dir, cfg.relevance.min_score, art.published)


def find_article(cfg: Config, key: str) -> Any:
    """The stored article with this id, URL or canonical URL; exit 1 when there is none."""
    from newsmon.storage import articles

    with open_store(cfg) as store:
        art = articles.find(store, key)
    if art is None:
        raise no_article(key)
    return art


def cmd_classify(cfg: Config, args: argparse.Namespace) -> int:
    art = find_article(cfg, args.explain)
    decision = classify_now(cfg, art)
    if args.json:
        print_json(decision)
    else:
        print(decision_text(art, decision, cfg.relevance.min_score))
    return EXIT_OK


def decision_text(art: Any, d: dict[str, Any], min_score: float) -> str:
    """The decision as text: verdict and score, each scoring sentence and its terms, the moves."""
    verdict = "RELEVANT" if d["relevant"] else "not relevant"
    lines = [f"article {art.id}: {art.title!r} ({art.language}) {art.canonical_url}",
             f"{verdict} to topic {d['topic']!r}: score {d['score']} (threshold {min_score})"]
    if not d["reasons"]:
        lines.append("  no sentence names an organisation of the topic with a staffing word")
    for r in d["reasons"]:
        where = "headline" if r["in_title"] else "sentence"
        lines.append(f"  {where} (score {r['score']}): {r['sentence'][:200]}")
        terms = [f"organisations {', '.join(r['organisations']) or '-'}",
                 f"staffing words {', '.join(r['predicates']) or '-'}",
                 f"people {', '.join(r['people']) or '-'}"]
        if r["negative_cues"]:
            terms.append(f"other-news cues {', '.join(r['negative_cues'])}")
        lines.append("    " + "; ".join(terms))
    lines += [f"  move: {format_move(m)}" for m in d["moves"]]
    return "\n".join(lines)


def cmd_reclassify(cfg: Config, args: argparse.Namespace) -> int:
    from newsmon.ingest import Ingest
    from newsmon.storage import articles

    changed = total = relevant = 0
    with open_store(cfg) as store:
        for art, _ in articles.with_source_names(store):
            decision = classify_now(cfg, art)
            total += 1
            relevant += decision["relevant"]
            if decision["relevant"] != art.relevant or decision["moves"] != (art.moves or []):
                changed += 1
            articles.set_relevance(store, art.id, decision)
        placed = Ingest(store, cfg.alerts).assign_missing_stories()
    print(f"reclassified {total} articles: {relevant} relevant, {changed} decisions changed, "
          f"{placed} newly relevant articles placed in stories")
    return EXIT_OK
