"""Secrets: webhook signing keys, SMTP passwords and Apprise tokens never appear in logs at
any level (-vv), in exports, in the database, in error messages or in any command's output,
whether delivery works or fails."""

from __future__ import annotations

import base64
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult

from tests.conftest import newsmon_env, write_config
from tests.scriptedweb import ScriptedWeb, rss
from tests.webhookreceiver import SECRET, Receiver

HOOK_ENV_SECRET = "whsec_" + base64.b64encode(b"hook-env-secret-marker-58d0").decode()
SMTP_USER = "alerts-user"
SMTP_PASSWORD = "smtp-pass-marker-51c9"
APPRISE_TOKEN = "apprise-token-marker-a7e2"


def markers() -> list[str]:
    """Every spelling under which a secret could leak (raw, base64 payload, AUTH encodings)."""
    hook_raw = base64.b64decode(SECRET.removeprefix("whsec_"))
    plain = base64.b64encode(f"\0{SMTP_USER}\0{SMTP_PASSWORD}".encode()).decode()
    return [SECRET, SECRET.removeprefix("whsec_"), repr(hook_raw)[2:-1], HOOK_ENV_SECRET,
            HOOK_ENV_SECRET.removeprefix("whsec_"), "hook-env-secret-marker", SMTP_PASSWORD,
            base64.b64encode(SMTP_PASSWORD.encode()).decode().rstrip("="), plain.rstrip("="),
            APPRISE_TOKEN]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Inbox:
    def __init__(self) -> None:
        self.count = 0
        self.logins: list[bool] = []

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.count += 1
        return "250 OK"


@pytest.fixture
def smtp_with_auth() -> Iterator[tuple[Inbox, int]]:
    inbox, port = Inbox(), free_port()

    def authenticate(server: Any, session: Any, envelope: Any, mechanism: str,
                     auth_data: Any) -> AuthResult:
        ok = auth_data.login == SMTP_USER.encode() and auth_data.password == SMTP_PASSWORD.encode()
        inbox.logins.append(ok)
        return AuthResult(success=ok)

    controller = Controller(inbox, hostname="127.0.0.1", port=port, authenticator=authenticate,
                            auth_require_tls=False)
    controller.start()
    try:
        yield inbox, port
    finally:
        controller.stop()


STORY = ("Priya Nair has joined Anthropic from OpenAI to lead its model evaluations team, "
         "the company said on Tuesday. Nair spent four years at OpenAI. ")


def article_page(title: str) -> tuple[int, dict[str, str], bytes]:
    body = (f"<html lang='en'><head><title>{title}</title></head><body><article><h1>{title}"
            f"</h1><p>{STORY * 4}</p><p>{STORY * 3}</p></article></body></html>")
    return 200, {"Content-Type": "text/html; charset=utf-8"}, body.encode()


def run(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "newsmon", *args], env=env,
                          capture_output=True, text=True, timeout=180)


@pytest.mark.timeout(300)
def test_no_secret_in_any_output(tmp_path: Path, webhook_receiver: Receiver,
                                 smtp_with_auth: tuple[Inbox, int]) -> None:
    inbox, smtp_port = smtp_with_auth
    web = ScriptedWeb().start()
    try:
        web.routes["/feed.xml"] = rss(web.base, ["/nair"])
        web.routes["/nair"] = article_page("Priya Nair joins Anthropic from OpenAI")
        closed = free_port()
        channels: list[dict[str, Any]] = [
            {"type": "webhook", "name": "hook", "url": webhook_receiver.url, "secret": SECRET},
            {"type": "webhook", "name": "hook_down", "url": f"http://127.0.0.1:{closed}/h",
             "secret_env": "NEWSMON_TEST_HOOK_SECRET", "backoff": "1h"},
            {"type": "webhook", "name": "hook_refused", "url": "http://169.254.169.254/h",
             "secret": SECRET, "backoff": "1h"},
            {"type": "email", "name": "mail", "smtp_url": f"smtp://127.0.0.1:{smtp_port}",
             "from": "newsmon@example.com", "to": ["desk@example.com"],
             "username_env": "NEWSMON_TEST_SMTP_USER", "password_env": "NEWSMON_TEST_SMTP_PASS"},
            {"type": "email", "name": "mail_down", "smtp_url": f"smtp://127.0.0.1:{closed}",
             "from": "newsmon@example.com", "to": ["desk@example.com"], "backoff": "1h",
             "username_env": "NEWSMON_TEST_SMTP_USER", "password_env": "NEWSMON_TEST_SMTP_PASS"},
            {"type": "apprise", "name": "ap", "backoff": "1h",
             "urls": [f"json://127.0.0.1:{closed}/notify?token={APPRISE_TOKEN}"]},
        ]
        cfg = write_config(tmp_path / "n.toml", f"sqlite:///{tmp_path / 'n.db'}",
                           [{"name": "site", "url": f"{web.base}/feed.xml", "type": "feed"}],
                           crawl={"obey_robots_txt": False}, alerts=channels)
        env = newsmon_env()
        env.update(NEWSMON_TEST_HOOK_SECRET=HOOK_ENV_SECRET, NEWSMON_TEST_SMTP_USER=SMTP_USER,
                   NEWSMON_TEST_SMTP_PASS=SMTP_PASSWORD)
        c = str(cfg)
        outputs = [run("-vv", "crawl", "--config", c, "--alert-wait", "2", "--no-progress",
                       env=env)]
        for args in (["alerts", "list"], ["alerts", "test", "hook"],
                     ["alerts", "test", "hook_down"], ["alerts", "test", "hook_refused"],
                     ["alerts", "test", "mail"], ["alerts", "test", "mail_down"],
                     ["alerts", "test", "ap"], ["alerts", "retry"], ["export"],
                     ["export", "--format", "csv"], ["sources"], ["check"]):
            outputs.append(run("-vv", *args, "--config", c, env=env))
    finally:
        web.stop()

    crawl_out = outputs[0].stdout + outputs[0].stderr
    assert outputs[0].returncode == 0, crawl_out
    # the channels really were exercised: sent where up, failed where down
    assert webhook_receiver.requests and all(webhook_receiver.verified)
    assert inbox.count >= 1 and inbox.logins and all(inbox.logins)
    assert "hook_down" in crawl_out and "mail_down" in crawl_out and "refused" in crawl_out
    assert "DEBUG" in crawl_out  # -vv really logged at debug level
    assert any("apprise" in p.stdout + p.stderr for p in outputs)
    text = "\n".join(p.stdout + p.stderr for p in outputs)
    stored = b"".join(p.read_bytes() for p in tmp_path.glob("n.db*"))
    for marker in markers():
        assert marker not in text, f"{marker!r} leaked into command output"
        assert marker.encode() not in stored, f"{marker!r} stored in the database"
