"""The alternative the daemon did not take: many crawls inside one long-lived process.

Runs N crawls of the fixture web one after another in this process (asyncio reactor,
`AsyncCrawlerRunner`, a new crawler per run: the only way Scrapy allows) and prints resident
memory and open file descriptors every few runs, next to the wall time of one crawl in a
fresh subprocess (`newsmon crawl`, what `newsmon run` does) measured in the same run.

    python bench/inprocess_memory.py --runs 100
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.daemon_soak import fds, rss_mb, soak_article  # noqa: E402
from tests.conftest import newsmon_env, write_config  # noqa: E402
from tests.fixtureweb import FixtureWeb  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--runs", type=int, default=100)
    ap.add_argument("--sample", type=int, default=10)
    ap.add_argument("--subprocess-runs", type=int, default=5)
    args = ap.parse_args()

    from scrapy.utils.reactor import install_reactor

    install_reactor("twisted.internet.asyncioreactor.AsyncioSelectorReactor")
    import os

    from scrapy.crawler import AsyncCrawlerRunner
    from scrapy.utils.defer import deferred_from_coro
    from twisted.internet import reactor

    from crawler.run import crawl_settings
    from crawler.spiders.news import NewsSpider
    from newsmon.config import load_config

    web = FixtureWeb(slow_seconds=0.3)
    web.start()
    tmp = Path(tempfile.mkdtemp(prefix="newsmon-inproc-"))
    config = write_config(tmp / "newsmon.toml", f"sqlite:///{tmp / 'n.db'}", web.sources,
                          crawl={"timeout": "2s"})
    sub_times = []
    for i in range(args.subprocess_runs + 1):  # the first stores everything: not timed
        t = time.monotonic()
        subprocess.run([sys.executable, "-m", "newsmon", "crawl", "--config", str(config),
                        "--no-progress"], env=newsmon_env(), capture_output=True, check=True)
        if i:
            sub_times.append(time.monotonic() - t)
    cfg = load_config(str(config))
    pid = os.getpid()
    samples: list[tuple[int, float, int]] = []
    times: list[float] = []

    async def crawls() -> None:
        for i in range(1, args.runs + 1):
            if i % 5 == 0:  # some real work: a new article every 5 runs
                title, paragraphs = soak_article(i)
                web.add_article("wire", title=title, paragraphs=paragraphs)
            runner = AsyncCrawlerRunner(crawl_settings(cfg, "ERROR", progress=False))
            t = time.monotonic()
            await runner.crawl(NewsSpider, sources=None)
            times.append(time.monotonic() - t)
            if i == 1 or i % args.sample == 0:
                samples.append((i, rss_mb(pid), fds(pid)))
                print(f"{i:>5} runs  rss {samples[-1][1]:7.1f} MB  fds {samples[-1][2]:4}",
                      flush=True)

    def go() -> None:
        d = deferred_from_coro(crawls())  # an asyncio task on the reactor's loop
        d.addBoth(lambda r: (reactor.stop(), r)[1])

    reactor.callLater(0, go)
    reactor.run()
    web.stop()
    first, last = samples[1] if len(samples) > 1 else samples[0], samples[-1]
    per_run = (last[1] - first[1]) / max(1, last[0] - first[0]) * 1024
    print(f"\nin-process: RSS {first[1]:.1f} MB at run {first[0]} -> {last[1]:.1f} MB at run "
          f"{last[0]} (+{last[1] - first[1]:.1f} MB, {per_run:.0f} KB/run); fds {first[2]} -> "
          f"{last[2]}; median crawl "
          f"{statistics.median(times):.2f} s")
    print(f"subprocess: median crawl {statistics.median(sub_times):.2f} s wall including "
          f"start-up (ratio {statistics.median(sub_times) / statistics.median(times):.2f}x "
          "the in-process crawl)")


if __name__ == "__main__":
    main()
