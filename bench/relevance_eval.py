"""Relevance evaluation: precision, recall and move accuracy on the labelled set, the shared
seeds when present, and classification cost next to trafilatura's in the same run.

    python bench/relevance_eval.py [--set tests/data/relevance_set.jsonl] [--errors]
                                   [--fresh tests/data/relevance_holdout2.jsonl] [--fresh-errors]

The set is split deterministically into dev (rules were tuned looking at it) and held-out by a
hash of each id; figures are printed for both and all. The held-out part was looked at during
earlier tuning, so a second, fresh held-out set (written before the issue-3 rule changes and
never tuned on) is reported on its own line; its errors print only with --fresh-errors, so that
looking at them is a deliberate act.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import statistics
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from newsmon.boilerplate import DATE_PREFIX, clean_body  # noqa: E402
from newsmon.relevance import classifier_for, classify_article  # noqa: E402

SEEDS = ROOT.parent / "shared" / "seeds"
BENCH_PAGES = ROOT.parent / "shared" / "benchmarks" / "article-extraction-benchmark" / "html"
SEED_EXPECTED = {  # from shared/seeds/README.md
    "000": ("Jan Leike", "OpenAI", "Anthropic"), "003": ("Jan Leike", "OpenAI", "Anthropic"),
    "004": ("Jan Leike", "OpenAI", "Anthropic"), "001": ("Ilya Sutskever", "OpenAI", None),
    "002": ("Ilya Sutskever", "OpenAI", None),
}


def split_of(item_id: str) -> str:
    return "held-out" if hashlib.sha256(item_id.encode()).digest()[0] % 10 < 3 else "dev"


def same_person(a: str, b: str) -> bool:
    a, b = a.casefold(), b.casefold()
    return a == b or a.split()[-1] == b.split()[-1]


def move_found(expected: dict[str, Any], got: list[dict[str, Any]]) -> bool:
    """Person right, and each organisation the label names right (unknowns are not graded)."""
    for m in got:
        if not same_person(m["person"], expected["person"]):
            continue
        if expected.get("from") and m.get("from") != expected["from"]:
            continue
        if expected.get("to") and m.get("to") != expected["to"]:
            continue
        return True
    return False


def load_set(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]


def evaluate(items: list[dict[str, Any]], show_errors: bool) -> dict[str, dict[str, float]]:
    rows: dict[str, list[tuple[dict[str, Any], dict[str, Any]]]] = {"dev": [], "held-out": []}
    for item in items:
        decision = classify_article(item["title"], item["text"], item["language"])
        rows[split_of(item["id"])].append((item, decision))
    results = {name: figures(subset) for name, subset in (
        ("dev", rows["dev"]), ("held-out", rows["held-out"]),
        ("all", rows["dev"] + rows["held-out"]))}
    if show_errors:
        print_errors(rows["dev"] + rows["held-out"])
    return results


def evaluate_fresh(items: list[dict[str, Any]], show_errors: bool) -> dict[str, float]:
    """The fresh held-out set as one split: it is a test, not part of dev."""
    rows = [(i, classify_article(i["title"], i["text"], i["language"])) for i in items]
    if show_errors:
        print_errors(rows, split="fresh held-out")
    return figures(rows)


def figures(subset: list[tuple[dict[str, Any], dict[str, Any]]]) -> dict[str, float]:
    tp = sum(1 for i, d in subset if i["relevant"] and d["relevant"])
    fp = sum(1 for i, d in subset if not i["relevant"] and d["relevant"])
    fn = sum(1 for i, d in subset if i["relevant"] and not d["relevant"])
    positives = [(i, d) for i, d in subset if i["relevant"]]
    moves_ok = sum(1 for i, d in positives if all(move_found(m, d["moves"]) for m in i["moves"]))
    extra = sum(max(0, len(d["moves"]) - len(i["moves"])) for i, d in positives)
    return {
        "articles": len(subset),
        "precision": tp / (tp + fp) if tp + fp else 1.0,
        "recall": tp / (tp + fn) if tp + fn else 1.0,
        "moves_right": moves_ok / len(positives) if positives else 1.0,
        "extra_moves": extra,
    }


def print_errors(rows: list[tuple[dict[str, Any], dict[str, Any]]], split: str | None = None
                 ) -> None:
    """Every wrong decision: label, moves wanted and read, the best reasons."""
    for i, d in rows:
        wrong_label = i["relevant"] != d["relevant"]
        wrong_moves = i["relevant"] and not all(move_found(m, d["moves"]) for m in i["moves"])
        if wrong_label or wrong_moves:
            print(f"\n[{i['id']}] ({split or split_of(i['id'])}) label={i['relevant']} "
                  f"got={d['relevant']} score={d['score']} kind={i['kind']}: {i['title']}")
            print("   want:", [(m["person"], m["from"], m["to"]) for m in i["moves"]])
            print("   got: ", [(m["person"], m["from"], m["to"], m["action"])
                              for m in d["moves"]])
            for r in d["reasons"][:2]:
                print(f"   reason {r['score']}: {r['sentence'][:150]}")


def seeds(folder: Path = SEEDS) -> list[str]:
    if not folder.is_dir():
        return [f"seeds: {folder} not present, skipped"]
    out = []
    for path in sorted(folder.glob("0*.txt")):
        first, _, rest = path.read_text("utf-8").partition("\n")
        # a seed starts with its headline, except 002 whose first line is body text behind
        # a stray "date 2024-05" tag
        if DATE_PREFIX.match(first):
            title, body = None, first + "\n" + rest
        else:
            title, body = first, rest
        lang = "de" if "Lesen Sie" in body or " der " in body else "fr"
        d = classify_article(title, clean_body(body, title).text, lang)
        person, frm, to = SEED_EXPECTED[path.name[:3]]
        ok = d["relevant"] and move_found({"person": person, "from": frm, "to": to}, d["moves"])
        moves = "; ".join(f"{m['person']} {m['action']} {m['from']}->{m['to']}" for m in d["moves"])
        out.append(f"seed {path.name[:3]}: relevant={d['relevant']} expected move "
                   f"{person} {frm}->{to} {'found' if ok else 'MISSING'} | {moves}")
    return out


def timing(items: list[dict[str, Any]], runs: int = 5) -> str:
    """Median ms per article: classification on the set, trafilatura on real pages."""
    import trafilatura

    clf = classifier_for()
    for i in items:  # warm the lemmatiser dictionaries
        clf.classify(i["title"], i["text"], i["language"])
    per_article = []
    for _ in range(runs):
        start = time.perf_counter()
        for i in items:
            clf.classify(i["title"], i["text"], i["language"])
        per_article.append((time.perf_counter() - start) * 1000 / len(items))
    line = f"classification: median {statistics.median(per_article):.2f} ms/article"
    pages = sorted(BENCH_PAGES.glob("*.html.gz"))[:60] if BENCH_PAGES.is_dir() else []
    if pages:
        html = [gzip.decompress(p.read_bytes()).decode("utf-8", "replace") for p in pages]
        trafilatura.extract(html[0])
        t_runs = []
        for _ in range(3):
            start = time.perf_counter()
            for h in html:
                trafilatura.extract(h, include_comments=False)
            t_runs.append((time.perf_counter() - start) * 1000 / len(html))
        t = statistics.median(t_runs)
        line += (f"; trafilatura.extract: median {t:.2f} ms/page (60 benchmark pages); "
                 f"ratio {statistics.median(per_article) / t:.3f}")
    return line


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--set", default=str(ROOT / "tests" / "data" / "relevance_set.jsonl"))
    ap.add_argument("--errors", action="store_true", help="print every wrong decision")
    ap.add_argument("--fresh", default=str(ROOT / "tests" / "data" / "relevance_holdout2.jsonl"),
                    help="the fresh held-out set, reported on its own line")
    ap.add_argument("--fresh-errors", action="store_true",
                    help="also print the fresh held-out set's errors (it stops being held out)")
    ap.add_argument("--seeds", default=str(SEEDS), help="the shared seeds folder")
    ap.add_argument("--no-timing", action="store_true")
    args = ap.parse_args()
    items = load_set(Path(args.set))
    results = evaluate(items, args.errors)
    if Path(args.fresh).exists():
        results["fresh held-out"] = evaluate_fresh(load_set(Path(args.fresh)), args.fresh_errors)
    print(f"\n{'split':<14} {'n':>4} {'precision':>9} {'recall':>7} {'moves right':>11} "
          f"{'extra moves':>11}")
    for name, r in results.items():
        print(f"{name:<14} {r['articles']:>4} {r['precision']:>9.3f} {r['recall']:>7.3f} "
              f"{r['moves_right']:>11.3f} {r['extra_moves']:>11}")
    for line in seeds(Path(args.seeds)):
        print(line)
    if not args.no_timing:
        print(timing(items))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
