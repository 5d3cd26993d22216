"""crawler/context.py and crawler/addon.py: the config is parsed once, and what the command line
names wins."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from scrapy.settings import SETTINGS_PRIORITIES, Settings

from crawler import context
from crawler.addon import NewsmonAddon
from newsmon.config import Config
from tests.conftest import ROOT, export_articles, newsmon_env, write_config
from tests.scriptedweb import ScriptedWeb, article, rss


def _config(tmp_path: Path, url: str = "http://127.0.0.1:9/feed.xml") -> Path:
    return write_config(tmp_path / "n.toml", f"sqlite:///{tmp_path / 'n.db'}",
                        [{"name": "site", "url": url, "type": "feed"}],
                        crawl={"obey_robots_txt": False, "concurrency": 7})


def test_a_path_given_on_the_command_line_is_parsed_once_and_wins(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = _config(tmp_path)
    parsed: list[str | None] = []
    real = context.load_config
    monkeypatch.setattr(context, "load_config", lambda p=None: parsed.append(p) or real(p))
    process = Settings()
    process.setmodule("crawler.settings", priority="project")
    process.set("NEWSMON_CONFIG", str(path), priority="cmdline")  # scrapy crawl -s ...
    process.set("CONCURRENT_REQUESTS_PER_DOMAIN", 3, priority="cmdline")

    NewsmonAddon.update_pre_crawler_settings(process)  # the crawler process (and its resolver)
    for _ in range(2):  # each crawler copies the process's settings, and runs the add-on
        settings = process.copy()
        NewsmonAddon().update_settings(settings)
        cfg = context.config_from_settings(settings)
        assert isinstance(cfg, Config) and cfg.path == str(path)
        assert settings.getpriority("NEWSMON_CONFIG") == SETTINGS_PRIORITIES["cmdline"]
        assert settings.getint("CONCURRENT_REQUESTS") == 7  # from the config
        assert settings.getint("CONCURRENT_REQUESTS_PER_DOMAIN") == 3  # -s beats the config

    assert parsed == [str(path)]


def test_a_loaded_config_is_used_as_it_is(tmp_path: Path,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    cfg = context.load_config(str(_config(tmp_path)))
    monkeypatch.setattr(context, "load_config", lambda p=None: pytest.fail("parsed again"))
    settings = Settings({"NEWSMON_CONFIG": cfg})
    NewsmonAddon.update_pre_crawler_settings(settings)
    NewsmonAddon().update_settings(settings)
    assert context.config_from_settings(settings) is cfg


COUNTING_CRAWL = """
import sys
import newsmon.config
import crawler.context as context
parsed = []
real = context.load_config
def counting(path=None):
    parsed.append(path)
    return real(path)
context.load_config = counting
newsmon.config.load_config = counting
from scrapy.cmdline import execute
try:
    execute(["scrapy", "crawl", "news", "-s", "NEWSMON_CONFIG=" + sys.argv[1],
             "-s", "LOG_LEVEL=WARNING"])
finally:
    print("parsed", len(parsed), parsed)
"""


def test_scrapy_crawl_parses_the_config_once(tmp_path: Path) -> None:
    """Before, every component (and the spider on each listing) read the path again."""
    web = ScriptedWeb().start()
    try:
        web.routes["/feed.xml"] = rss(web.base, ["/a", "/b"])
        web.routes["/a"] = article("Alpha")
        web.routes["/b"] = article("Beta")
        path = _config(tmp_path, f"{web.base}/feed.xml")
        proc = subprocess.run([sys.executable, "-c", COUNTING_CRAWL, str(path)], cwd=ROOT,
                              env=newsmon_env(), capture_output=True, text=True, timeout=120)
    finally:
        web.stop()
    assert f"parsed 1 [{str(path)!r}]" in proc.stdout, proc.stdout + proc.stderr
    assert sorted(a["title"] for a in export_articles(path)) == ["Alpha", "Beta"]
