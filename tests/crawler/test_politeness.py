"""Politeness and limits against a scripted server: Retry-After, delays, sizes, addresses."""

from __future__ import annotations

import itertools
import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import export_articles, run_newsmon, write_config
from tests.scriptedweb import ScriptedWeb, article, rss


@pytest.fixture
def web() -> Iterator[ScriptedWeb]:
    w = ScriptedWeb().start()
    yield w
    w.stop()


def crawl(tmp_path: Path, web: ScriptedWeb, **crawl_opts: object) -> dict:
    cfg = write_config(tmp_path / "n.toml", f"sqlite:///{tmp_path / 'n.db'}",
                       [{"name": "site", "url": f"{web.base}/feed.xml", "type": "feed"}],
                       crawl={"obey_robots_txt": False, **crawl_opts})
    run_newsmon("crawl", "--config", str(cfg), "--summary-json", str(tmp_path / "s.json"),
                check=True)
    return json.loads((tmp_path / "s.json").read_text())


def test_retry_after_is_honoured(tmp_path: Path, web: ScriptedWeb) -> None:
    web.routes["/feed.xml"] = rss(web.base, ["/a"])
    web.routes["/a"] = lambda n: (503, {"Retry-After": "2"}, b"busy") if n == 1 else article("A")
    summary = crawl(tmp_path, web, retry_times=2)
    assert summary["new_articles"] == 1
    first, second = web.times("/a")
    assert second - first >= 1.9  # waited as asked, not Scrapy's immediate retry


def test_retry_after_longer_than_allowed_defers_to_next_pass(tmp_path: Path,
                                                             web: ScriptedWeb) -> None:
    web.routes["/feed.xml"] = rss(web.base, ["/a"])
    web.routes["/a"] = (503, {"Retry-After": "3600"}, b"come back tomorrow")
    summary = crawl(tmp_path, web, retry_times=2, max_retry_after="5s")
    assert summary["new_articles"] == 0 and summary["errors"] == {"http_503": 1}
    assert len(web.times("/a")) == 1


def test_per_domain_delay_spaces_requests(tmp_path: Path, web: ScriptedWeb) -> None:
    paths = [f"/a{i}" for i in range(4)]
    web.routes["/feed.xml"] = rss(web.base, paths)
    for i, p in enumerate(paths):
        web.routes[p] = article(f"Story {i}")
    crawl(tmp_path, web, per_domain_delay="500ms", per_domain_concurrency=1)
    times = sorted(h.time for h in web.hits)
    gaps = [b - a for a, b in itertools.pairwise(times)]
    assert len(times) == 5 and min(gaps) >= 0.24  # 500 ms randomised by +-50%


def test_oversized_page_is_abandoned_and_the_pass_goes_on(tmp_path: Path,
                                                          web: ScriptedWeb) -> None:
    web.routes["/feed.xml"] = rss(web.base, ["/big", "/ok"])
    web.routes["/big"] = article("Big", words=400_000)  # ~3 MB
    web.routes["/ok"] = article("Fine")
    summary = crawl(tmp_path, web, max_page_size="1MB")
    assert summary["new_articles"] == 1 and summary["errors"] == {"too_large": 1}
    assert [a["title"] for a in export_articles(tmp_path / "n.toml")] == ["Fine"]


def test_private_addresses_refused_by_default(tmp_path: Path, web: ScriptedWeb) -> None:
    web.routes["/feed.xml"] = rss(web.base, ["/a"])
    summary = crawl(tmp_path, web, allow_private_addresses=False)
    assert web.hits == []  # nothing reached the server
    (result,) = summary["sources"].values()
    assert result["status"] == "failed" and "non-public address 127.0.0.1" in result["error"]


def test_scrapy_crawl_from_the_repository_root(tmp_path: Path, web: ScriptedWeb) -> None:
    import subprocess
    import sys

    from tests.conftest import ROOT, newsmon_env

    web.routes["/feed.xml"] = rss(web.base, ["/a"])
    web.routes["/a"] = article("Via scrapy")
    cfg = write_config(tmp_path / "n.toml", f"sqlite:///{tmp_path / 'n.db'}",
                       [{"name": "site", "url": f"{web.base}/feed.xml", "type": "feed"}],
                       crawl={"obey_robots_txt": False})
    proc = subprocess.run([sys.executable, "-m", "scrapy", "crawl", "news", "-s",
                           f"NEWSMON_CONFIG={cfg}", "-s", "LOG_LEVEL=WARNING"],
                          cwd=ROOT, env=newsmon_env(), capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert [a["title"] for a in export_articles(cfg)] == ["Via scrapy"]
