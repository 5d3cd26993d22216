"""Deduplication and story quality on the labelled set, through the real store.

Every article of tests/data/dedup_set.jsonl is classified, fingerprinted and stored in a fresh
SQLite database, in several random orders (the decision must not depend on arrival order).
Prints pairwise precision and recall for duplicates (copies and translations of one piece of
writing) and for stories (relevant articles about one event), then the same for
../shared/seeds when present.

    python bench/dedup_eval.py [--orders 5] [--errors] [--set all|core|FILE] [--no-seeds]
"""

from __future__ import annotations

import argparse
import itertools
import json
import random
import shutil
import statistics
import sys
import tempfile
from collections.abc import Iterable
from datetime import datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from newsmon.boilerplate import clean_body  # noqa: E402
from newsmon.config import SourceConfig  # noqa: E402
from newsmon.dedup import fingerprint  # noqa: E402
from newsmon.extract import content_hash  # noqa: E402
from newsmon.ingest import Ingest  # noqa: E402
from newsmon.models import Article  # noqa: E402
from newsmon.relevance import classify_article  # noqa: E402
from newsmon.storage import sources  # noqa: E402
from newsmon.storage.articles import NewArticle  # noqa: E402
from newsmon.store import Store  # noqa: E402

DATA = ROOT / "tests" / "data"
RELEVANCE_SET = DATA / "relevance_set.jsonl"
SEEDS = ROOT.parent / "shared" / "seeds"
# shared/seeds/README.md: 000 = 004 (one article); stories (001, 002) and (000, 003, 004)
SEED_DUPLICATES = [{"000", "004"}]
SEED_STORIES = [{"001", "002"}, {"000", "003", "004"}]


def load_set(path: Path | None = None) -> list[dict[str, Any]]:
    """One file, or every tests/data/dedup_set*.jsonl; each item knows its file."""
    paths = [path] if path else sorted(DATA.glob("dedup_set*.jsonl"))
    return [{**json.loads(line), "_file": p.name} for p in paths
            for line in p.read_text("utf-8").splitlines() if line.strip()]


def root_of(item: dict[str, Any], by_id: dict[str, dict[str, Any]]) -> str:
    while item.get("copy_of"):
        item = by_id[item["copy_of"]]
    return item["id"]


def pairs(groups: Iterable[Iterable[str]]) -> set[frozenset[str]]:
    return {frozenset(p) for g in groups for p in itertools.combinations(sorted(g), 2)}


def prf(got: set[frozenset[str]], want: set[frozenset[str]]) -> tuple[float, float, float]:
    tp = len(got & want)
    p = tp / len(got) if got else 1.0
    r = tp / len(want) if want else 1.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def run_order(items: list[dict[str, Any]], db: Path,
              background: Path | None = None) -> dict[str, dict[str, Any]]:
    """Store the items in this order; returns per id: duplicate root id, story id, relevant.

    `background`: a database to start from (a monitor always has history, and how rare a
    name is, which translation matching weighs, is only known against one)."""
    if background is not None:
        shutil.copyfile(background, db)
    store = Store.open(f"sqlite:///{db}")
    ingest = Ingest(store, ())
    items = [{"source": "history", "url": f"https://history.example/{i['id']}",
              "published": None, **i} for i in items]
    names = sorted({i["source"] for i in items})
    sources.sync(store, [SourceConfig(name=_name(s), url="https://example.com/feed", type="feed")
                         for s in names])
    ids: dict[int, str] = {}
    for item in items:
        body = clean_body(item["text"], title=item["title"])  # as the extractor does
        item = {**item, "text": body.text,
                "syndicated_from": body.syndicated_from or item.get("syndicated_from")}
        rel = classify_article(item["title"], item["text"], item["language"])
        art = NewArticle(
            source=_name(item["source"]), url=item["url"], canonical_url=item["url"],
            title=item["title"], text=item["text"], language=item["language"],
            published=datetime.fromisoformat(item["published"]) if item.get("published")
            else None, authors=[], site_name=item["source"], description=None,
            syndicated_from=item.get("syndicated_from"), content_hash=content_hash(item["text"]),
            word_count=len(item["text"].split()), relevance=rel,
            fingerprint=fingerprint(item["title"], item["text"], item["language"]))
        aid, _ = ingest.store_article(art)
        ids[aid] = item["id"]
    out: dict[str, dict[str, Any]] = {}
    with store.read() as s:
        for art in s.query(Article):
            if art.id not in ids:
                continue
            out[ids[art.id]] = {"root": ids.get(art.duplicate_of or art.id),
                                "story": art.story_id, "relevant": art.relevant,
                                "dedup": art.dedup, "moves": art.moves}
    store.close()
    return out


def _name(source: str) -> str:
    return "".join(c if c.isalnum() else "-" for c in source.lower())[:60] or "source"


def score(items: list[dict[str, Any]], got: dict[str, dict[str, Any]],
          show_errors: bool) -> dict[str, float]:
    by_id = {i["id"]: i for i in items}
    # duplicate pairs count within one file: the files were written apart, about the same
    # events, and some of their articles paraphrase each other line by line (dedup_set's
    # e05 and core's e6), so a pair across files has no label to score against
    file_of = {i["id"]: i.get("_file") for i in items}
    want_dup = pairs(_groups({i["id"]: root_of(i, by_id) for i in items}))
    got_dup = {p for p in pairs(_groups({k: v["root"] for k, v in got.items()}))
               if len({file_of.get(x) for x in p}) == 1}
    relevant_events = {i["id"]: i["event"] for i in items
                       if got[i["id"]]["relevant"] and i.get("staffing", True)}
    want_story = pairs(_groups(relevant_events))
    got_story = pairs(_groups({k: v["story"] for k, v in got.items()
                               if v["story"] is not None and k in relevant_events}))
    dp, dr, df = prf(got_dup, want_dup)
    sp, sr, sf = prf(got_story, want_story)
    if show_errors:
        for label, g, w in (("dup", got_dup, want_dup), ("story", got_story, want_story)):
            for p in sorted(g - w, key=sorted):
                a, b = sorted(p)
                print(f"  false {label}: {a} ~ {b}  {got[a]['dedup']} | {got[b]['dedup']}")
            for p in sorted(w - g, key=sorted):
                a, b = sorted(p)
                print(f"  missed {label}: {a} ~ {b}  {got[a]['dedup']} | {got[b]['dedup']}")
    return {"dup_p": dp, "dup_r": dr, "dup_f": df, "story_p": sp, "story_r": sr, "story_f": sf,
            "dup_pairs": len(want_dup), "story_pairs": len(want_story)}


def _groups(assign: dict[str, Any]) -> list[list[str]]:
    groups: dict[Any, list[str]] = {}
    for k, v in assign.items():
        groups.setdefault(v, []).append(k)
    return list(groups.values())


# the outlets, from shared/seeds/README.md (a crawler reads them from og:site_name)
SEED_SITES = {"000": "Business Insider France", "001": "Business Insider France",
              "004": "Business Insider Deutschland"}


def seed_items() -> list[dict[str, Any]]:
    items = []
    for f in sorted(SEEDS.glob("0*.txt")):
        lines = [x for x in f.read_text("utf-8").splitlines() if x.strip()]
        sid = f.name[:3]
        body = clean_body("\n".join(lines[1:]), title=lines[0])  # as the extractor does
        items.append({"id": sid, "title": lines[0], "text": body.text,
                      "language": "de" if sid == "004" else "fr",
                      "source": SEED_SITES.get(sid, f"seed{sid}"),
                      "url": f"https://seed{sid}.example/article", "published": None,
                      "syndicated_from": body.syndicated_from})
    return items


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--orders", type=int, default=5)
    ap.add_argument("--errors", action="store_true")
    ap.add_argument("--background", action="store_true",
                    help="store tests/data/relevance_set.jsonl before the seeds, as history")
    ap.add_argument("--set", default="all",
                    help="all: every tests/data/dedup_set*.jsonl (default); core: "
                         "dedup_set_core.jsonl; or a JSONL file")
    ap.add_argument("--no-seeds", action="store_true", help="skip ../shared/seeds")
    args = ap.parse_args()
    items = load_set(None if args.set == "all" else
                     DATA / "dedup_set_core.jsonl" if args.set == "core" else Path(args.set))
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for n in range(args.orders if items else 0):
            order = items[:]
            random.Random(n).shuffle(order)
            got = run_order(order, Path(tmp) / f"set{n}.db")
            rows.append(score(items, got, args.errors and n == 0))
        if rows:
            print(f"labelled set: {len(items)} articles, {rows[0]['dup_pairs']} duplicate pairs, "
                  f"{rows[0]['story_pairs']} story pairs, {args.orders} random orders (median)")
        for what in ("dup", "story") if rows else ():
            print(f"  {what:<6} precision {statistics.median(r[what + '_p'] for r in rows):.3f}"
                  f"  recall {statistics.median(r[what + '_r'] for r in rows):.3f}"
                  f"  F1 {statistics.median(r[what + '_f'] for r in rows):.3f}"
                  f"  (worst F1 {min(r[what + '_f'] for r in rows):.3f})")
        if SEEDS.is_dir() and not args.no_seeds:
            seeds = seed_items()
            background = Path(tmp) / "background.db"
            if args.background:
                run_order(load_set(RELEVANCE_SET), background)
            ok = 0
            for n, order in enumerate(itertools.permutations(seeds)):
                got = run_order(list(order), Path(tmp) / f"seeds{n}.db",
                                background if args.background else None)
                dup = pairs(_groups({k: v["root"] for k, v in got.items()}))
                story = pairs(_groups({k: v["story"] for k, v in got.items()}))
                good = (dup == pairs(SEED_DUPLICATES) and story == pairs(SEED_STORIES)
                        and all(v["relevant"] for v in got.values()))
                ok += good
                if not good and args.errors:
                    print("  seeds order", [i["id"] for i in order], "dup", sorted(map(sorted,
                          dup)), "story", sorted(map(sorted, story)))
            print(f"seeds{' after the relevance set as history' if args.background else ''}: "
                  f"right in {ok} of 120 arrival orders "
                  "(000=004 one article; stories {001,002} and {000,003,004})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
