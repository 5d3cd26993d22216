"""Fit the copy model (newsmon/dedup/copy_model.json) on labelled copies and non-copies.

Every article of the training sets is classified, fingerprinted and stored (as the monitor
does); then every pair the store would propose as candidates (two or more entity terms in
common; across languages within the translation window) gets the signals of
newsmon.dedup.copymodel and the label "same piece of writing" (one copy group). A logistic
regression (bench/logistic.py) is fitted on them. The L2 strength and the threshold are chosen
by cross-validation grouped by event (a pair's event is held out with it), for the best F1
among thresholds whose pairwise precision stays at or above --min-precision: a false copy
link hides an event's article behind another's, so precision comes first.

Training sets: tests/data/dedup_set*.jsonl (ours; pairs within each file only, as
bench/dedup_eval.py scores them) and the "tune" events of ../shared/realnews (the held-out
events are never used here).

    python bench/learn_copy_model.py [--write] [--no-realnews] [--min-precision 0.98]
"""

from __future__ import annotations

import argparse
import itertools
import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import realnews_eval  # noqa: E402
from bench.logistic import fit  # noqa: E402
from newsmon.dedup.copymodel import FEATURES, MODEL_FILE, Side, movers, signals  # noqa: E402
from newsmon.logit import SignalModel  # noqa: E402

L2_GRID = (0.03, 0.1, 0.3, 1.0, 3.0)
FOLDS = 5


def own_sets() -> list[tuple[str, list[dict[str, Any]]]]:
    """Each own file apart (its pairs only: the files were written apart about the same
    events), with each item's copy group."""
    from bench.dedup_eval import DATA, load_set, root_of

    out = []
    for path in sorted(DATA.glob("dedup_set*.jsonl")):
        items = load_set(path)
        by_id = {i["id"]: i for i in items}
        rows = []
        for i in items:
            when = datetime.fromisoformat(i["published"]) if i.get("published") else \
                datetime(2025, 1, 1, tzinfo=UTC)
            rows.append({"id": f"{path.stem}-{i['id']}", "title": i["title"], "text": i["text"],
                         "lang": i["language"], "when": when, "outlet": i["source"],
                         "url": i["url"], "event": f"{path.stem}-{i['event']}",
                         "group": f"{path.stem}-{root_of(i, by_id)}"})
        out.append((path.stem, rows))
    return out


def realnews_tune() -> list[dict[str, Any]]:
    data = realnews_eval.load()
    return [{**i, "event": i["event"] or i["group"]} for i in data.items
            if realnews_eval.split_of(i) == "tune"]


def pairs_of(items: list[dict[str, Any]], db: Path
             ) -> tuple[list[list[float]], list[float], list[str]]:
    """Signals, labels and event (for grouped folds) of every candidate pair of a set."""
    from newsmon.dedup.index import MIN_WORDS, TRANSLATION_WINDOW
    from newsmon.models import Article

    store, ids = realnews_eval.store_items(items, db)
    by_item = {i["id"]: i for i in items}
    with store.read() as s:
        arts = [(Side(a.text, a.language, tuple(a.entities or []), a.published,
                      a.syndicated_from, a.site_name, movers(a.moves)), by_item[ids[a.id]])
                for a in s.query(Article) if a.id in ids and len(a.text.split()) >= MIN_WORDS]
    store.close()
    xs, ys, events = [], [], []
    for (a, ia), (b, ib) in itertools.combinations(arts, 2):
        if len(set(a.entities) & set(b.entities)) < 2:
            continue  # the store proposes candidates by shared rare terms
        if a.language != b.language and a.published and b.published \
                and abs(a.published - b.published) > TRANSLATION_WINDOW:
            continue
        sig = signals(a, b)
        xs.append([sig[k] for k in FEATURES])
        ys.append(1.0 if ia["group"] == ib["group"] else 0.0)
        events.append(ia["event"] if ia["group"] == ib["group"] else
                      min(ia["event"] or "", ib["event"] or ""))
    return xs, ys, events


def gather(sets: list[tuple[str, list[dict[str, Any]]]]
           ) -> tuple[np.ndarray, np.ndarray, list[str]]:
    xs: list[list[float]] = []
    ys: list[float] = []
    events: list[str] = []
    with tempfile.TemporaryDirectory() as tmp:
        for name, items in sets:
            x, y, ev = pairs_of(items, Path(tmp) / f"{name}.db")
            print(f"{name}: {len(items)} articles, {len(y)} candidate pairs, "
                  f"{int(sum(y))} copies")
            xs += x
            ys += y
            events += [f"{name}:{e}" for e in ev]
    return np.array(xs), np.array(ys), events


def _prob(x: np.ndarray, w: np.ndarray, b: float) -> np.ndarray:
    return 1 / (1 + np.exp(-(x @ w + b)))


def _prf(p: np.ndarray, y: np.ndarray, t: float) -> tuple[float, float, float]:
    pred = p >= t
    tp = float((pred & (y == 1)).sum())
    prec = tp / pred.sum() if pred.sum() else 1.0
    rec = tp / (y == 1).sum() if (y == 1).sum() else 1.0
    return prec, rec, (2 * prec * rec / (prec + rec) if prec + rec else 0.0)


def cross_validate(x: np.ndarray, y: np.ndarray, events: list[str], l2: float) -> np.ndarray:
    """Out-of-fold probabilities, folds by event."""
    names = sorted(set(events))
    fold_of = {e: k % FOLDS for k, e in enumerate(names)}
    folds = np.array([fold_of[e] for e in events])
    out = np.zeros(len(y))
    for k in range(FOLDS):
        test = folds == k
        w, b = fit(x[~test], y[~test], l2)
        out[test] = _prob(x[test], w, b)
    return out


def choose(p: np.ndarray, y: np.ndarray, min_precision: float) -> tuple[float, float, float, float]:
    """(threshold, precision, recall, F1): the best F1 at or above the precision floor."""
    best = (0.99, 1.0, 0.0, 0.0)
    for t in np.arange(0.3, 0.991, 0.01):
        prec, rec, f1 = _prf(p, y, float(t))
        if prec >= min_precision and f1 > best[3] + 1e-9:
            best = (round(float(t), 2), prec, rec, f1)
    return best


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--write", action="store_true", help=f"rewrite {MODEL_FILE.name}")
    ap.add_argument("--no-realnews", action="store_true")
    ap.add_argument("--min-precision", type=float, default=0.98)
    ap.add_argument("--cache", type=Path, help="keep the pairs' signals in this .npz file and "
                    "read them from it when it exists (refitting without re-encoding)")
    args = ap.parse_args(argv)
    from newsmon.dedup import copymodel

    copymodel.use_model(None)  # stored decisions do not matter here; spare the encoder
    sets = own_sets()
    if not args.no_realnews and (realnews_eval.REALNEWS / "articles.jsonl").exists():
        sets.append(("realnews-tune", realnews_tune()))
    if args.cache and args.cache.exists():
        kept = np.load(args.cache)
        x, y, events = kept["x"], kept["y"], [str(e) for e in kept["events"]]
    else:
        x, y, events = gather(sets)
        if args.cache:
            np.savez(args.cache, x=x, y=y, events=np.array(events))
    best: tuple[float, tuple[float, float, float, float]] | None = None
    for l2 in L2_GRID:
        chosen = choose(cross_validate(x, y, events, l2), y, args.min_precision)
        print(f"  l2 {l2}: CV threshold {chosen[0]} precision {chosen[1]:.3f} "
              f"recall {chosen[2]:.3f} F1 {chosen[3]:.3f}")
        if best is None or chosen[3] > best[1][3] + 1e-9:
            best = (l2, chosen)
    assert best is not None
    l2, (threshold, *_rest) = best
    w, b = fit(x, y, l2)
    weights = {k: round(float(v), 3) for k, v in zip(FEATURES, w, strict=True)}
    print("weights:", weights, "bias:", round(b, 3), "l2:", l2, "threshold:", threshold)
    prec, rec, f1 = _prf(_prob(x, w, b), y, threshold)
    print(f"training pairs at that threshold: precision {prec:.3f} recall {rec:.3f} F1 {f1:.3f}")
    if args.write:
        SignalModel(weights, round(b, 3), threshold).save(
            MODEL_FILE, "fitted by bench/learn_copy_model.py on tests/data/dedup_set*.jsonl "
                        "and the tune events of shared/realnews")
        print(f"wrote {MODEL_FILE}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
