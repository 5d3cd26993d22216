"""Security by default: loopback unless a secret guards the dashboard, a password or token
asked for everywhere once configured, and `newsmon web` itself (CLI, exit codes)."""

from __future__ import annotations

import base64
import re
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from newsmon.config import ConfigError
from newsmon.web.auth import new_session, safe_next, valid_session
from newsmon.web.security import Secrets, is_loopback, resolve
from tests.conftest import newsmon_env, run_newsmon
from tests.newsmon.web.conftest import CrawledSite, config_for, environment, serving

PASSWORD = "correct horse battery staple"
TOKEN = "tok-3f9a1c2e7b"


@pytest.mark.parametrize(("host", "loopback"), [
    ("127.0.0.1", True), ("127.8.9.10", True), ("::1", True), ("[::1]", True),
    ("localhost", True), ("0.0.0.0", False), ("::", False), ("192.0.2.7", False),
    ("example.org", False)])
def test_loopback_addresses(host: str, loopback: bool) -> None:
    assert is_loopback(host) is loopback


def test_a_public_bind_needs_a_secret(tmp_path: Path, crawled: CrawledSite) -> None:
    cfg = config_for(tmp_path / "n.toml", tmp_path / "n.db", crawled.sources,
                     {"host": "0.0.0.0"})
    with pytest.raises(ConfigError) as info:
        resolve(cfg)
    assert info.value.exit_code == 2 and "not a loopback address" in str(info.value)
    assert resolve(cfg, "127.0.0.1") == Secrets()
    guarded = config_for(tmp_path / "g.toml", tmp_path / "n.db", crawled.sources,
                         {"host": "0.0.0.0", "password_env": "NEWSMON_TEST_WEB_PW"})
    with pytest.raises(ConfigError, match="NEWSMON_TEST_WEB_PW is not set"):
        resolve(guarded)
    with environment(NEWSMON_TEST_WEB_PW=PASSWORD):
        assert resolve(guarded).password == PASSWORD


def test_newsmon_web_refuses_a_public_bind_with_exit_2(tmp_path: Path,
                                                       crawled: CrawledSite) -> None:
    cfg = tmp_path / "n.toml"
    config_for(cfg, tmp_path / "n.db", crawled.sources)
    proc = run_newsmon("web", "--config", str(cfg), "--host", "0.0.0.0", timeout=60)
    assert proc.returncode == 2, proc.stderr
    assert "configuration error" in proc.stderr and "not a loopback address" in proc.stderr
    assert "Traceback" not in proc.stderr


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_newsmon_web_serves_the_dashboard(tmp_path: Path, module_db: Path,
                                          crawled: CrawledSite) -> None:
    cfg = tmp_path / "n.toml"
    port = _free_port()
    config_for(cfg, module_db, crawled.sources, {"port": port})
    proc = subprocess.Popen([sys.executable, "-m", "newsmon", "web", "--config", str(cfg)],
                            env=newsmon_env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True)
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                r = httpx.get(f"http://127.0.0.1:{port}/", timeout=2)
                break
            except httpx.TransportError:
                assert proc.poll() is None, proc.stderr.read() if proc.stderr else ""
                assert time.monotonic() < deadline, "newsmon web did not start"
                time.sleep(0.2)
        assert r.status_code == 200 and 'class="story"' in r.text
    finally:
        proc.terminate()
        out, err = proc.communicate(timeout=15)
    assert proc.returncode == 0, err  # SIGTERM is the normal way to stop it
    assert f"http://127.0.0.1:{port}/" in out
    assert "Traceback" not in err


def test_newsmon_web_on_a_busy_port_says_so(tmp_path: Path, crawled: CrawledSite) -> None:
    cfg = tmp_path / "n.toml"
    config_for(cfg, tmp_path / "n.db", crawled.sources)
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        proc = run_newsmon("web", "--config", str(cfg), "--port", str(busy.getsockname()[1]),
                           timeout=60)
    assert proc.returncode == 1 and "cannot serve on 127.0.0.1:" in proc.stderr, proc.stderr
    assert "Traceback" not in proc.stderr


# --- a token ------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def token_url(tmp_path_factory: pytest.TempPathFactory, module_db: Path,
              crawled: CrawledSite) -> Iterator[str]:
    cfg = config_for(tmp_path_factory.mktemp("tok") / "n.toml", module_db, crawled.sources,
                     {"token_env": "NEWSMON_TEST_WEB_TOKEN"})
    with environment(NEWSMON_TEST_WEB_TOKEN=TOKEN), serving(cfg) as url:
        yield url


def test_the_api_needs_the_bearer_token(token_url: str) -> None:
    with httpx.Client(base_url=token_url) as c:
        refused = c.get("/api/stories")
        assert refused.status_code == 401 and "Bearer" in refused.headers["www-authenticate"]
        assert c.get("/api/stories", headers={"Authorization": "Bearer wrong"}
                     ).status_code == 401
        assert c.get("/openapi.json").status_code == 401
        ok = c.get("/api/stories", headers={"Authorization": f"Bearer {TOKEN}"})
        assert ok.status_code == 200 and ok.json()["stories"]
        assert c.get("/feed.atom").status_code == 401
        assert c.get("/feed.atom", headers={"Authorization": f"Bearer {TOKEN}"}
                     ).status_code == 200
        page = c.get("/")  # a page sends the browser to the login form
        assert page.status_code == 303 and page.headers["location"].startswith("/login")
        assert c.get("/static/app.css").status_code == 200


# --- a password ---------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def password_url(tmp_path_factory: pytest.TempPathFactory, module_db: Path,
                 crawled: CrawledSite) -> Iterator[str]:
    cfg = config_for(tmp_path_factory.mktemp("pw") / "n.toml", module_db, crawled.sources,
                     {"password_env": "NEWSMON_TEST_WEB_PW"})
    with environment(NEWSMON_TEST_WEB_PW=PASSWORD), serving(cfg) as url:
        yield url


def test_pages_need_a_login_with_the_password(password_url: str) -> None:
    with httpx.Client(base_url=password_url) as c:
        first = c.get("/outbox?status=dead")
        assert first.status_code == 303
        assert first.headers["location"] == "/login?next=/outbox%3Fstatus%3Ddead"
        form = c.get(first.headers["location"]).text
        token = re.search(r'name="csrf_token" value="([^"]+)"', form).group(1)
        assert c.post("/login", data={"password": PASSWORD, "next": "/"}).status_code == 403
        wrong = c.post("/login", data={"password": "nope", "next": "/", "csrf_token": token})
        assert wrong.status_code == 401 and "Wrong password" in wrong.text
        ok = c.post("/login", data={"password": PASSWORD, "csrf_token": token,
                                    "next": "/outbox?status=dead"})
        assert ok.status_code == 303 and ok.headers["location"] == "/outbox?status=dead"
        assert "httponly" in ok.headers["set-cookie"].lower()
        assert c.get("/outbox?status=dead").status_code == 200
        assert c.post("/logout", data={"csrf_token": token}).status_code == 303
        c.cookies.delete("newsmon_session")
        assert c.get("/").status_code == 303


def test_feed_readers_may_use_basic_auth(password_url: str) -> None:
    basic = base64.b64encode(f"reader:{PASSWORD}".encode()).decode()
    r = httpx.get(password_url + "feed.atom")
    assert r.status_code == 401 and "Basic" in r.headers["www-authenticate"]
    assert httpx.get(password_url + "feed.atom",
                     headers={"Authorization": f"Basic {basic}"}).status_code == 200


def test_sessions_are_signed_and_expire() -> None:
    s = Secrets(password=PASSWORD)
    cookie = new_session(s, now=1000.0)
    assert valid_session(s, cookie, now=2000.0)
    assert not valid_session(s, cookie, now=1000.0 + 8 * 86400)
    assert not valid_session(Secrets(password="other"), cookie, now=2000.0)
    assert not valid_session(s, cookie.split(".")[0] + ".00", now=2000.0)


@pytest.mark.parametrize(("target", "safe"), [("/outbox", "/outbox"), ("//evil.example/", "/"),
                                               ("https://evil.example/", "/"), (None, "/"),
                                               ("/\\evil.example", "/")])
def test_after_login_only_local_paths(target: str | None, safe: str) -> None:
    assert safe_next(target) == safe
