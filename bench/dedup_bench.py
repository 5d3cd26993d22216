"""Dedup decision cost at 1e4, 1e5 and 1e6 stored articles, next to a brute-force baseline.

Builds a SQLite store per size with synthetic articles (random band keys: distinct texts; entity
terms drawn from a Zipf vocabulary, so "openai" is everywhere and most names are rare), plants
real fingerprinted originals, then times `newsmon.dedup.index.decide` for new articles (half of
them edited copies of planted originals, half fresh) inside a transaction that is rolled back.
The baseline compares each new signature with every stored one in numpy (what you do without
an index). Prints median and p99 ms, resident memory, and disk per article.

    python bench/dedup_bench.py [--sizes 10000,100000,1000000] [--queries 400]
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from newsmon.dedup.fingerprint import BANDS, NUM_PERM, fingerprint, term_key  # noqa: E402
from newsmon.dedup.index import decide  # noqa: E402
from newsmon.extract import content_hash  # noqa: E402
from newsmon.models import Article  # noqa: E402
from newsmon.store import Store  # noqa: E402

VOCAB = [f"w{i}" for i in range(30_000)]
NAMES = [f"Name{i}" for i in range(200_000)]
START = datetime(2025, 1, 1, tzinfo=UTC)


def rss_mb() -> float:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * resource.getpagesize() / 2**20


def zipf_names(rng: random.Random, k: int) -> list[str]:
    return [NAMES[min(int(rng.paretovariate(1.1)) - 1, len(NAMES) - 1)].casefold()
            for _ in range(k)]


def paragraph(rng: random.Random, names: list[str]) -> str:
    words = [rng.choice(VOCAB) for _ in range(45)]
    for n in names[:3]:
        words.insert(rng.randrange(len(words)), n.capitalize())
    return " ".join(words) + "."


def real_article(rng: random.Random) -> tuple[str, list[str]]:
    names = [NAMES[rng.randrange(1000, len(NAMES))] for _ in range(12)]
    paras = [paragraph(rng, names[i * 2:i * 2 + 3]) for i in range(6)]
    return "\n".join(paras), paras


def build(path: Path, n: int, rng: random.Random) -> tuple[Store, list[list[str]]]:
    store = Store.open(f"sqlite:///{path}")
    raw = store.engine.raw_connection()
    cur = raw.cursor()
    counts: dict[int, int] = {}
    batch = 20_000
    for lo in range(0, n, batch):
        arts, keys = [], []
        for i in range(lo, min(n, lo + batch)):
            ents = list(dict.fromkeys(zipf_names(rng, 12)))
            text = " ".join(rng.choice(VOCAB) for _ in range(60))
            when = (START + timedelta(minutes=i * 525_600 // max(n, 1))).isoformat(" ")[:26]
            arts.append((i + 1, f"https://s{i % 500}.example/a/{i}", f"https://s{i % 500}"
                         f".example/a/{i}", f"title {i}", text, ("en", "fr", "de")[i % 3],
                         when, "[]", f"{rng.getrandbits(128):032x}", 60, when,
                         json.dumps(ents)))
            for _ in range(BANDS):
                keys.append((rng.getrandbits(63) - 2**62, i + 1))
            for t in ents:
                k = term_key(t)
                keys.append((k, i + 1))
                counts[k] = counts.get(k, 0) + 1
        cur.executemany(
            "INSERT INTO articles (id, url, canonical_url, title, text, language, published,"
            " authors, content_hash, word_count, fetched_at, entities)"
            " VALUES (?,?,?,?,?,?,?,?,?,?,?,?)", arts)
        cur.executemany("INSERT OR IGNORE INTO dedup_keys (key, article_id) VALUES (?,?)", keys)
        raw.commit()
    cur.executemany("INSERT INTO term_counts (key, articles) VALUES (?,?)", list(counts.items()))
    raw.commit()
    raw.close()
    planted: list[list[str]] = []
    from newsmon.ingest import Ingest
    from newsmon.storage.articles import NewArticle

    ingest = Ingest(store, ())
    for j in range(50):  # real originals the copies will be checked against
        text, paras = real_article(rng)
        planted.append(paras)
        ingest.store_article(NewArticle(
            source="bench", url=f"https://orig.example/{j}", canonical_url=f"https://orig"
            f".example/{j}", title=f"orig {j}", text=text, language="en",
            published=START + timedelta(days=200), authors=[], site_name=None,
            description=None, syndicated_from=None, content_hash=content_hash(text),
            word_count=len(text.split()), fingerprint=fingerprint(None, text, "en")))
    return store, planted


def query_texts(rng: random.Random, planted: list[list[str]], q: int) -> list[str]:
    out = []
    for i in range(q):
        if i % 2 == 0:
            paras = list(rng.choice(planted))
            del paras[rng.randrange(len(paras))]
            out.append("This article first appeared elsewhere.\n" + "\n".join(paras))
        else:
            out.append(real_article(rng)[0])
    return out


def time_decisions(store: Store, texts: list[str]) -> tuple[list[float], int]:
    times, found = [], 0
    fps = [fingerprint(None, t, "en") for t in texts]
    with store.engine.connect() as conn:
        from sqlalchemy.orm import Session

        for i, (text, fp) in enumerate(zip(texts, fps, strict=True)):
            trans = conn.begin()
            with Session(bind=conn) as s:
                art = Article(url=f"https://q.example/{i}", canonical_url=f"https://q.example/{i}",
                              text=text, language="en", authors=[],
                              content_hash=content_hash(text), word_count=len(text.split()),
                              published=START + timedelta(days=201), entities=fp["entities"])
                s.add(art)
                s.flush()
                t0 = time.perf_counter()
                d = decide(s, art, fp)
                times.append((time.perf_counter() - t0) * 1000)
                found += d.duplicate_of is not None
            trans.rollback()
    return times, found


def brute_force(n: int, rng: random.Random, queries: int) -> list[float]:
    """No index: estimate Jaccard against every stored signature (numpy, in memory)."""
    sigs = np.random.default_rng(rng.getrandbits(32)).integers(
        0, 2**32, size=(n, NUM_PERM), dtype=np.uint32)
    times = []
    for _ in range(queries):
        q = sigs[rng.randrange(n)]
        t0 = time.perf_counter()
        est = (sigs == q).sum(axis=1)
        int(np.argmax(est))
        times.append((time.perf_counter() - t0) * 1000)
    return times


def p99(xs: list[float]) -> float:
    return sorted(xs)[max(0, int(len(xs) * 0.99) - 1)]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="10000,100000,1000000")
    ap.add_argument("--queries", type=int, default=400)
    ap.add_argument("--dir", help="where to build the databases (default: a temp dir)")
    args = ap.parse_args()
    sizes = [int(x) for x in args.sizes.split(",")]
    print(f"{'stored':>9} {'build s':>8} {'decide med ms':>13} {'p99 ms':>7} {'copies found':>12}"
          f" {'brute med ms':>12} {'p99 ms':>7} {'RSS MB':>7} {'disk B/art':>10}"
          f" {'index B/art':>11}")
    with tempfile.TemporaryDirectory(dir=args.dir) as tmp:
        for n in sizes:
            rng = random.Random(n)
            path = Path(tmp) / f"bench{n}.db"
            t0 = time.perf_counter()
            store, planted = build(path, n, rng)
            built = time.perf_counter() - t0
            texts = query_texts(rng, planted, args.queries)
            time_decisions(store, texts[:20])  # warm the page cache and statement cache
            times, found = time_decisions(store, texts)
            rss = rss_mb()
            with store.engine.connect() as conn:
                from sqlalchemy import text as sql

                conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
                sizes_by = dict(conn.execute(sql(
                    "SELECT name, SUM(pgsize) FROM dbstat GROUP BY name")).all())
            store.close()
            index_bytes = sum(v for k, v in sizes_by.items()
                              if "dedup_keys" in k or "term_counts" in k)
            disk = path.stat().st_size
            brute = brute_force(n, rng, 30)
            print(f"{n:>9} {built:>8.1f} {statistics.median(times):>13.2f} {p99(times):>7.2f}"
                  f" {found:>5}/{args.queries // 2:<6} {statistics.median(brute):>12.2f}"
                  f" {p99(brute):>7.2f} {rss:>7.0f} {disk / n:>10.0f} {index_bytes / n:>11.0f}",
                  flush=True)
            path.unlink()
    print("decide: exact hash, near-copy LSH + exact confirmation, translation candidates, on "
          "SQLite; brute: one signature against all stored signatures in numpy. Synthetic "
          "articles are ~60 words, so disk per article is mostly the index, not text.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
