"""The dashboard in a real browser (Debian's chromium driven by Playwright, headless, nothing
downloaded): list, filter, search, keyboard navigation, a story, the talent flow and its
links, re-queueing a dead alert, and the login form. Screenshots go to $NEWSMON_ARTIFACTS
(else the test's tmp_path)."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from newsmon.config import Config
from tests.newsmon.web.conftest import CrawledSite, config_for, environment, serving

CHROMIUM = Path("/usr/bin/chromium")
pytestmark = pytest.mark.skipif(not CHROMIUM.exists(),
                                reason="browser tests need Debian's chromium at "
                                       "/usr/bin/chromium (apt-get install chromium)")
PASSWORD = "a long password for the browser test"


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), headless=True,
                              args=["--no-sandbox"])
        try:
            yield b
        finally:
            b.close()


@pytest.fixture
def shots(tmp_path: Path) -> Path:
    where = Path(os.environ.get("NEWSMON_ARTIFACTS") or tmp_path)
    where.mkdir(parents=True, exist_ok=True)
    return where


@pytest.fixture
def page(browser: Any, base_url: str) -> Iterator[Any]:
    context = browser.new_context(base_url=base_url, viewport={"width": 1100, "height": 900})
    blocked: list[str] = []
    context.route(re.compile(r"^(?!http://127\.0\.0\.1[:/]).*"),  # nothing leaves loopback
                  lambda route: (blocked.append(route.request.url), route.abort()))
    pg = context.new_page()
    errors: list[str] = []
    pg.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    pg.on("pageerror", lambda e: errors.append(str(e)))
    yield pg
    context.close()
    assert not errors, errors  # a CSP violation or a script error shows here
    assert not blocked, blocked


def story_ids(pg: Any) -> list[str]:
    return pg.locator(".story").evaluate_all("els => els.map(e => e.dataset.story)")


def test_list_filter_and_search(page: Any, shots: Path) -> None:
    page.goto("/")
    every = story_ids(page)
    assert len(every) >= 6
    page.screenshot(path=str(shots / "story-list.png"), full_page=True)
    page.select_option("select[name=lang]", "de")
    page.click("button[type=submit]")
    page.wait_for_url(re.compile(r"lang=de"))
    german = story_ids(page)
    assert german and set(german) < set(every)
    page.goto("/")
    page.keyboard.press("/")  # the search box takes the focus
    assert page.evaluate("document.activeElement.id") == "search"
    page.keyboard.type("Colossus")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"q=Colossus"))
    assert len(story_ids(page)) == 1
    page.screenshot(path=str(shots / "search.png"), full_page=True)


def test_keyboard_opens_a_story(page: Any, shots: Path) -> None:
    page.goto("/")
    ids = story_ids(page)
    page.keyboard.press("j")
    page.keyboard.press("j")
    page.keyboard.press("k")
    page.keyboard.press("j")
    assert page.locator(".story.current").get_attribute("data-story") == ids[1]
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(rf"/story/{ids[1]}$"))
    assert page.locator("table.articles tbody tr").count() >= 1
    assert page.locator(".badge").first.inner_text() in ("original", "copy", "translation")
    page.screenshot(path=str(shots / "story-keyboard.png"), full_page=True)


def test_a_story_with_copies_and_translations(page: Any, shots: Path) -> None:
    page.goto("/?lang=fr")
    page.locator(".story a.title").last.click()
    page.wait_for_url(re.compile(r"/story/\d+$"))
    assert page.locator("details.why").count() == page.locator("table.articles tbody tr").count()
    page.screenshot(path=str(shots / "story.png"), full_page=True)


def test_the_talent_flow_links_to_its_stories(page: Any, shots: Path) -> None:
    page.goto("/flow")
    links = page.locator("#flow a.flow-link")
    assert links.count() >= 2
    assert page.locator("#flow a.flow-node").count() >= 4
    page.screenshot(path=str(shots / "talent-flow.png"), full_page=True)
    href = links.first.get_attribute("href")
    links.first.locator("path").dispatch_event("click")  # bands cross: no unique point
    page.wait_for_url(re.compile(r"from=.*to="))
    assert page.url.endswith(href) and story_ids(page)
    page.goto("/flow")
    page.locator("#flow a.flow-node").first.click()
    page.wait_for_url(re.compile(r"/flow/org/"))
    assert page.locator("#timeline a.point").count() >= 1
    page.screenshot(path=str(shots / "timeline.png"), full_page=True)


def test_requeue_a_dead_alert(page: Any, shots: Path) -> None:
    page.goto("/outbox?status=dead")
    rows = page.locator("tr.status-dead")
    before = rows.count()
    assert before >= 1
    page.locator("button.requeue").first.click()
    page.wait_for_url(re.compile(r"done="))
    assert "re-queued" in page.locator(".notice").inner_text()
    page.goto("/outbox?status=dead")
    assert page.locator("tr.status-dead").count() == before - 1
    page.goto("/outbox?status=pending")
    assert page.locator("tr.status-pending").count() >= 1
    page.screenshot(path=str(shots / "outbox.png"), full_page=True)


def test_dark_mode_and_a_phone(browser: Any, base_url: str, shots: Path) -> None:
    context = browser.new_context(base_url=base_url, color_scheme="dark",
                                  viewport={"width": 390, "height": 844}, is_mobile=True)
    pg = context.new_page()
    pg.goto("/")
    bg = pg.evaluate("getComputedStyle(document.body).backgroundColor")
    assert bg == "rgb(21, 23, 26)"
    assert pg.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    pg.screenshot(path=str(shots / "phone-dark.png"), full_page=True)
    context.close()


@pytest.fixture(scope="module")
def password_url(tmp_path_factory: pytest.TempPathFactory, module_db: Path,
                 crawled: CrawledSite) -> Iterator[str]:
    cfg: Config = config_for(tmp_path_factory.mktemp("pw") / "n.toml", module_db,
                             crawled.sources, {"password_env": "NEWSMON_TEST_BROWSER_PW"})
    with environment(NEWSMON_TEST_BROWSER_PW=PASSWORD), serving(cfg) as url:
        yield url


def test_login_when_a_password_is_set(browser: Any, password_url: str, shots: Path) -> None:
    context = browser.new_context(base_url=password_url)
    pg = context.new_page()
    pg.goto("/flow")
    pg.wait_for_url(re.compile(r"/login\?next="))
    assert pg.locator("form.logout").count() == 0
    pg.fill("#password", "wrong")
    pg.click("form.login button[type=submit]")
    assert "Wrong password" in pg.content()
    pg.fill("#password", PASSWORD)
    pg.click("form.login button[type=submit]")
    pg.wait_for_url(re.compile(r"/flow$"))
    assert pg.locator("#flow").count() == 1 and pg.locator("form.logout").count() == 1
    pg.screenshot(path=str(shots / "after-login.png"), full_page=True)
    context.close()
