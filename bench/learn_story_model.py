"""Fit the story-matching model (newsmon/stories/model.json) on labelled events.

Every article of the training sets is classified, fingerprinted and stored (as the monitor
does), then every pair of articles classified relevant within the candidate window gets the
signals of newsmon.stories.match and the label "same event". A logistic regression (L2,
Newton steps; a dozen weights need no library) is fitted on them, and the threshold is the
one that maximises pairwise F1 on the training pairs.

Training sets: tests/data/dedup_set*.jsonl (ours) and the "tune" events of ../shared/realnews
(bench/realnews_eval.py holds the others out; they are never used here).

    python bench/learn_story_model.py [--write] [--no-realnews]
"""

from __future__ import annotations

import argparse
import itertools
import json
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
from newsmon.stories.match import (  # noqa: E402
    FEATURES,
    MODEL_FILE,
    Model,
    different_people,
    features,
    use_model,
)

L2 = 1.0


def own_items() -> list[dict[str, Any]]:
    rows = []
    for p in sorted((ROOT / "tests" / "data").glob("dedup_set*.jsonl")):
        for line in p.read_text("utf-8").splitlines():
            if not line.strip():
                continue
            i = json.loads(line)
            when = datetime.fromisoformat(i["published"]) if i.get("published") else \
                datetime(2025, 1, 1, tzinfo=UTC)
            rows.append({"id": f"own-{i['id']}", "title": i["title"], "text": i["text"],
                         "lang": i["language"], "when": when, "outlet": i["source"],
                         "url": i["url"], "event": i["event"]})
    return rows


def realnews_tune() -> list[dict[str, Any]]:
    data = realnews_eval.load()
    return [i for i in data.items if realnews_eval.split_of(i) == "tune"]


def pairs_of(items: list[dict[str, Any]], db: Path) -> tuple[np.ndarray, np.ndarray]:
    """Signals and labels of every pair of stored, relevant articles within the window."""
    from newsmon.models import Article
    from newsmon.stories.assign import WINDOW, idf_lookup, member

    store, ids = realnews_eval.store_items(items, db)
    by_item = {i["id"]: i for i in items}
    with store.read() as s:
        arts = [a for a in s.query(Article) if a.relevant and a.id in ids]
        members = [(member(a, a.published or a.fetched_at), by_item[ids[a.id]]) for a in arts]
        idf = idf_lookup(s, set().union(*(m.terms for m, _ in members)))
    store.close()
    xs, ys = [], []
    for (a, ia), (b, ib) in itertools.combinations(members, 2):
        if abs(a.when - b.when) > WINDOW or different_people(a, b) or not _candidates(a, b):
            continue
        f = features(a, b, idf)
        xs.append([f[k] for k in FEATURES])
        ys.append(1.0 if ia["event"] and ia["event"] == ib["event"] else 0.0)
    return np.array(xs), np.array(ys)


def _candidates(a: Any, b: Any) -> bool:
    """Would the store score this pair? Only stories sharing a lead term or a move key's
    person are fetched (newsmon.stories.assign), so only such pairs teach the model."""
    people_a = {k.split("|")[0] for k in a.keys}
    people_b = {k.split("|")[0] for k in b.keys}
    return bool(a.terms.keys() & b.terms.keys() or people_a & people_b)


def best_threshold(p: np.ndarray, y: np.ndarray) -> tuple[float, float]:
    best = (0.5, 0.0)
    for t in np.arange(0.2, 0.91, 0.05):
        pred = p >= t
        tp = float((pred & (y == 1)).sum())
        prec = tp / pred.sum() if pred.sum() else 1.0
        rec = tp / (y == 1).sum() if (y == 1).sum() else 1.0
        f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
        if f1 > best[1] + 1e-9:
            best = (round(float(t), 2), f1)
    return best


def story_f1(sets: list[tuple[str, list[dict[str, Any]]]], tmp: Path) -> float:
    """Mean pairwise story F1 of the online clustering (the store, arrival by date, and a
    shuffled order) over the training sets, with whatever model is in use."""
    import random

    scores = []
    for name, items in sets:
        for k in range(2):
            order = sorted(items, key=lambda i: i["when"])
            if k:
                random.Random(k).shuffle(order)
            db = tmp / f"sim-{name}-{k}.db"
            db.unlink(missing_ok=True)
            store, ids = realnews_eval.store_items(order, db)
            from newsmon.models import Article

            with store.read() as s:
                got = {ids[a.id]: a.story_id for a in s.query(Article)
                       if a.id in ids and a.story_id is not None}
            store.close()
            want = realnews_eval.pairs(realnews_eval._groups(
                {i["id"]: i["event"] for i in items if i["event"]}))
            have = realnews_eval.pairs(realnews_eval._groups(got))
            scores.append(realnews_eval.prf(have, want)[2])
    return float(np.mean(scores))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--write", action="store_true", help=f"rewrite {MODEL_FILE.name}")
    ap.add_argument("--no-realnews", action="store_true")
    args = ap.parse_args(argv)
    sets = [("own", own_items())]
    if not args.no_realnews and (realnews_eval.REALNEWS / "articles.jsonl").exists():
        sets.append(("realnews-tune", realnews_tune()))
    xs, ys = [], []
    with tempfile.TemporaryDirectory() as tmp:
        for name, items in sets:
            x, y = pairs_of(items, Path(tmp) / f"{name}.db")
            print(f"{name}: {len(items)} articles, {len(y)} pairs, {int(y.sum())} same-event")
            xs.append(x)
            ys.append(y)
    x, y = np.vstack(xs), np.concatenate(ys)
    w, b = fit(x, y, L2)
    p = 1 / (1 + np.exp(-(x @ w + b)))
    pair_t, f1 = best_threshold(p, y)
    weights = {k: round(float(v), 3) for k, v in zip(FEATURES, w, strict=True)}
    print("weights:", weights, "bias:", round(b, 3))
    print(f"pairwise: best threshold {pair_t} (F1 on the training pairs {f1:.3f})")
    # single linkage chains what pairs alone do not: the threshold is the one the online
    # clustering does best with, not the best one for isolated pairs
    best = (pair_t, -1.0)
    with tempfile.TemporaryDirectory() as tmp:
        for t in (0.4, 0.5, 0.6, 0.7):
            use_model(Model(weights, round(b, 3), t))
            f = story_f1(sets, Path(tmp))
            print(f"  threshold {t}: story F1 {f:.3f} (mean over sets and orders)")
            if f > best[1] + 1e-9:
                best = (t, f)
    use_model(None)
    threshold = best[0]
    print(f"threshold {threshold}")
    if args.write:
        Model(weights, round(b, 3), threshold).save(
            MODEL_FILE, "fitted by bench/learn_story_model.py on tests/data/dedup_set*.jsonl "
                        "and the tune events of shared/realnews")
        print(f"wrote {MODEL_FILE}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
