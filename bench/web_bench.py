"""What a dashboard page costs next to the SQL behind it, on a large synthetic store.

Fills a fresh SQLite file with ``--stories`` synthetic stories (one article each, moves among
a dozen organisations, three languages, twenty sources, 80-word texts of our own vocabulary),
serves it with the real app (uvicorn on 127.0.0.1, keep-alive client) and times each page
``--requests`` times; then times the storage query of the same page alone (newsmon.web.queries,
in-process). Rendering must stay a small multiple of its query: the page adds templates and
HTTP, not more database work.

    python bench/web_bench.py                    # 100000 stories, 40 requests a page
    python bench/web_bench.py --stories 20000 --requests 20
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO_ROOT))

ORGS = ["OpenAI", "Anthropic", "Google DeepMind", "Meta", "xAI", "Mistral AI", "Microsoft",
        "Apple", "Cohere", "Aleph Alpha", "Hugging Face", "Nvidia"]
WORDS = ["research", "team", "model", "lab", "lead", "scientist", "joins", "leaves", "hired",
         "safety", "alignment", "training", "infrastructure", "policy", "product", "engineer",
         "former", "chief", "head", "agent", "reasoning", "compute", "company", "announced",
         "statement", "spokesperson", "weeks", "months", "group", "paris", "london", "zurich"]


def fill(url: str, n: int, seed: int = 7) -> None:
    from sqlalchemy import insert

    from newsmon.models import Article, Source, Story
    from newsmon.store import Store

    rng = random.Random(seed)
    store = Store.open(url)
    t0 = datetime(2025, 1, 1, tzinfo=UTC)
    with store.write() as s:
        s.execute(insert(Source), [{"id": i + 1, "name": f"src{i}", "type": "feed",
                                    "url": f"https://src{i}.example/feed"} for i in range(20)])
    batch = 5000
    for start in range(0, n, batch):
        stories, articles = [], []
        for i in range(start, min(n, start + batch)):
            frm, to = rng.sample(ORGS, 2)
            when = t0 + timedelta(minutes=7 * i)
            lang = rng.choice(("en", "fr", "de"))
            person = f"Person{rng.randrange(4000)} Surname{rng.randrange(900)}"
            title = f"{person} leaves {frm} for {to}"
            stories.append({"id": i + 1, "title": title, "languages": [lang],
                            "moves": [{"person": person, "action": "joins", "from": frm,
                                       "to": to, "role": None}],
                            "article_count": 1, "first_seen": when, "last_seen": when})
            text = " ".join(rng.choice(WORDS) for _ in range(80))
            articles.append({"id": i + 1, "source_id": rng.randrange(20) + 1,
                             "url": f"https://x.example/{i}", "canonical_url":
                             f"https://x.example/{i}", "title": title, "text": text,
                             "language": lang, "published": when, "content_hash": f"{i:064x}",
                             "fetched_at": when, "story_id": i + 1, "relevant": True,
                             "authors": []})
        with store.write() as s:
            s.execute(insert(Story), stories)
            s.execute(insert(Article), articles)
    store.close()


def timed(fn: Callable[[], Any], times: int) -> list[float]:
    out = []
    for _ in range(times):
        t = time.perf_counter()
        fn()
        out.append(time.perf_counter() - t)
    return out


def p95(xs: list[float]) -> float:
    return sorted(xs)[max(0, int(len(xs) * 0.95 + 0.5) - 1)]


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--stories", type=int, default=100_000)
    p.add_argument("--requests", type=int, default=40)
    args = p.parse_args(argv)

    import httpx

    from newsmon.config import parse_config
    from newsmon.store import Store
    from newsmon.web import queries
    from newsmon.web.filters import StoryFilter
    from newsmon.web.server import BackgroundServer

    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{Path(tmp) / 'bench.db'}"
        t = time.perf_counter()
        fill(url, args.stories)
        print(f"filled {args.stories} stories in {time.perf_counter() - t:.1f}s")
        cfg = parse_config(f'[database]\nurl = "{url}"\n', str(Path(tmp) / "n.toml"))
        store = Store.open(url)
        last = datetime(2025, 1, 1, tzinfo=UTC) + timedelta(minutes=7 * args.stories)
        recent = last - timedelta(days=30)

        def listing(**criteria: Any) -> Callable[[], Any]:
            return lambda: queries.list_stories(store, StoryFilter(**criteria), 50)

        cases: list[tuple[str, str, Callable[[], Any]]] = [
            ("list", "/", listing()),
            ("org", "/?org=Cohere", listing(org="Cohere")),
            ("lang+source", "/?lang=de&source=src3", listing(lang="de", source="src3")),
            ("search", "/?q=Surname42", listing(q="Surname42")),
            ("search miss", "/?q=nowhere", listing(q="nowhere")),  # reads every text
            ("story", "/story/777", lambda: queries.story(store, 777)),
            ("atom", "/feed.atom?org=Meta", listing(org="Meta")),
            ("flow 30d", f"/flow?since={recent:%Y-%m-%d}",
             lambda: queries.moves_between(store, recent, None)),
        ]
        server = BackgroundServer(cfg, "127.0.0.1", 0).start()
        print(f"{'page':<12} {'render p50':>10} {'p95':>8} {'SQL p50':>8} {'p95':>8} "
              f"{'ratio p50':>9}")
        try:
            with httpx.Client(base_url=server.url, timeout=60) as client:
                for name, path, sql in cases:
                    assert client.get(path).status_code == 200, path  # warm up
                    render = timed(lambda path=path: client.get(path), args.requests)
                    query = timed(sql, args.requests)
                    r50, q50 = statistics.median(render), statistics.median(query)
                    print(f"{name:<12} {r50 * 1e3:>8.1f}ms {p95(render) * 1e3:>6.1f}ms "
                          f"{q50 * 1e3:>6.1f}ms {p95(query) * 1e3:>6.1f}ms {r50 / q50:>8.1f}x")
        finally:
            server.stop()
            store.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
