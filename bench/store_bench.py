"""What storing an article costs on the crawl's one database thread, next to extracting it.

The 181 real pages of the article-extraction benchmark are analysed once (extraction,
classification, fingerprint, as the workers do), each under ``--copies`` URLs as in
crawl_bench.py, so 5 of every 6 articles are exact copies that dedup must recognise. Each run
then stores all of them with `Ingest.store_article` (insert, URL ledger, dedup decision and
index, story) into a fresh SQLite file and times it. In the same run, bare
`trafilatura.extract` on the same pages gives the reference: storing must stay a small fraction
of extracting, since it runs on one thread of the crawling process while extraction is spread
over the workers.

    python bench/store_bench.py               # 181 pages x 6 copies, 5 runs
    python bench/store_bench.py --runs 3 --copies 2
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
REPO_ROOT = BENCH_DIR.parent
sys.path.insert(0, str(REPO_ROOT))
sys.path.insert(0, str(BENCH_DIR))

from crawl_bench import DEFAULT_DATA, load_dataset  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--data", type=Path, default=DEFAULT_DATA)
    p.add_argument("--copies", type=int, default=6)
    p.add_argument("--runs", type=int, default=5)
    args = p.parse_args(argv)

    import trafilatura

    from newsmon.analyze import RelevanceOptions, analyze_page
    from newsmon.config import SourceConfig
    from newsmon.extract import ExtractOptions
    from newsmon.ingest import Ingest
    from newsmon.storage import sources
    from newsmon.storage.articles import NewArticle
    from newsmon.store import Store

    data = load_dataset(args.data.resolve())
    base = "http://127.0.0.1:8000"
    analyses = {k: analyze_page(html, f"{base}/c0/{k}.html", ExtractOptions(), None,
                                RelevanceOptions((), None, 0.0))
                for k, html in data.html.items()}
    articles = []
    for copy in range(args.copies):
        for k, a in analyses.items():
            ex, url = a.extraction, f"{base}/c{copy}/{k}.html"
            if ex.kind != "article":
                continue
            articles.append(NewArticle(
                source="bench", url=url, canonical_url=url, title=ex.title, text=ex.text,
                language=ex.language, published=ex.published_at(), authors=ex.authors,
                site_name=ex.site_name, description=ex.description,
                syndicated_from=ex.syndicated_from, content_hash=ex.content_hash or "",
                word_count=ex.word_count, relevance=a.relevance, fingerprint=a.fingerprint))
    print(f"{len(articles)} articles ({len(analyses)} pages x {args.copies} copies), "
          f"{args.runs} runs", file=sys.stderr)

    store_ms, extract_ms = [], []
    for run in range(1, args.runs + 1):
        start = time.process_time()
        for html in data.html.values():
            trafilatura.extract(html, include_comments=False)
        extract_ms.append((time.process_time() - start) / len(data.html) * 1000)
        with tempfile.TemporaryDirectory() as tmp:
            store = Store.open(f"sqlite:///{tmp}/bench.db")
            sources.sync(store, [SourceConfig(name="bench", url=f"{base}/feed.xml", type="feed")])
            ingest = Ingest(store, ())
            start = time.process_time()
            for art in articles:
                ingest.store_article(art)
            store_ms.append((time.process_time() - start) / len(articles) * 1000)
            store.close()
        print(f"run {run}: store {store_ms[-1]:.2f} ms/article, "
              f"extract {extract_ms[-1]:.2f} ms/page", file=sys.stderr)
    ratios = [s / e for s, e in zip(store_ms, extract_ms, strict=True)]
    print(f"store_article: median {statistics.median(store_ms):.2f} ms of CPU per article")
    print(f"trafilatura.extract: median {statistics.median(extract_ms):.2f} ms of CPU per page")
    print(f"store / extract: median {statistics.median(ratios):.3f} "
          f"(per run {', '.join(f'{r:.3f}' for r in ratios)})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
