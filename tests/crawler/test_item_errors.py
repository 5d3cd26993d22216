"""An exception in an item pipeline (not a DropItem) is counted in the crawl summary, named in
the log with its source and URL, and leaves its source unfinished: the page is not settled."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from pathlib import Path

from crawler.settings import ITEM_PIPELINES
from tests.conftest import ROOT, export_articles, newsmon_env, write_config
from tests.scriptedweb import ScriptedWeb, article, rss


def test_a_pipeline_that_raises_is_counted_and_its_source_stays_unfinished(
        tmp_path: Path) -> None:
    web = ScriptedWeb().start()
    try:
        status, headers, body = rss(web.base, ["/fine", "/explodes"])
        web.routes["/feed.xml"] = (status, {**headers, "ETag": '"feed-v1"'}, body)
        web.routes["/fine"] = article("A fine story", 150)
        web.routes["/explodes"] = article("A story a pipeline chokes on", 160)
        db = tmp_path / "n.db"
        cfg = write_config(tmp_path / "n.toml", f"sqlite:///{db}",
                           [{"name": "site", "url": f"{web.base}/feed.xml", "type": "feed"}],
                           crawl={"obey_robots_txt": False})
        pipelines = {**ITEM_PIPELINES, "tests.crawler.faults.ExplodingPipeline": 450}
        proc = subprocess.run(
            [sys.executable, "-m", "scrapy", "crawl", "news", "-s", f"NEWSMON_CONFIG={cfg}",
             "-s", f"ITEM_PIPELINES={json.dumps(pipelines)}", "-s", "LOG_LEVEL=INFO"],
            cwd=ROOT, env=newsmon_env(), capture_output=True, text=True, timeout=120)
    finally:
        web.stop()
    assert proc.returncode == 0, proc.stderr
    assert [a["title"] for a in export_articles(cfg)] == ["A fine story"]
    with sqlite3.connect(db) as conn:
        (stats,) = conn.execute("select stats from crawl_runs").fetchone()
        validators = conn.execute("select count(*) from fetch_state").fetchone()[0]
        settled = {u for (u,) in conn.execute("select url from pages")}
    stats = json.loads(stats)
    assert stats["newsmon/errors/pipeline"] == 1, stats
    assert f"source 'site': a pipeline failed on {web.base}/explodes: ValueError" in proc.stderr
    # not settled: neither in the ledger nor hidden behind the feed's validators next pass
    assert f"{web.base}/explodes" not in settled
    assert validators == 0
    site = stats["sources"]["site"]
    assert site["status"] == "ok" and site["errors"] == 1 and "ValueError" in site["error"]
