"""Shared fixtures: the network guard, databases (SQLite file, PostgreSQL when reachable), the
fixture web, config files and running the real `newsmon` command."""

from __future__ import annotations

import atexit
import json
import os
import shutil
import subprocess
import sys
import tempfile
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
NETGUARD = Path(__file__).resolve().parent / "netguard"

def _load_netguard() -> Any:
    """The same guard the subprocesses load as sitecustomize, installed in this process."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("newsmon_netguard", NETGUARD / "sitecustomize.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)  # installs itself
    return module


netguard = _load_netguard()

# The decoded-dictionary cache (newsmon.lemma_cache) goes to a folder of this session, never the
# user's ~/.cache; set at import, so every test and every subprocess started by one inherits it.
os.environ["NEWSMON_CACHE_DIR"] = tempfile.mkdtemp(prefix="newsmon-test-cache-")
atexit.register(shutil.rmtree, os.environ["NEWSMON_CACHE_DIR"], True)

PG_ADMIN_URL = os.environ.get("NEWSMON_TEST_POSTGRES_URL",
                              "postgresql+psycopg://postgres@127.0.0.1:5432/postgres")


# --- databases ------------------------------------------------------------------------------

def _postgres_admin() -> Any:
    """An engine on the PostgreSQL server, or a skip reason as a string."""
    try:
        import psycopg  # noqa: F401
        from sqlalchemy import create_engine, text
    except ImportError:
        return "psycopg is not installed"
    engine = create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT",
                           connect_args={"connect_timeout": 2})
    try:
        with engine.connect() as conn:
            conn.execute(text("select 1"))
    except Exception as exc:
        return f"no PostgreSQL at {PG_ADMIN_URL.split('@')[-1]}: {type(exc).__name__}"
    return engine


@pytest.fixture(scope="session")
def postgres_server() -> Any:
    admin = _postgres_admin()
    if isinstance(admin, str):
        pytest.skip(f"PostgreSQL tests skipped: {admin} (set NEWSMON_TEST_POSTGRES_URL)")
    yield admin
    admin.dispose()


@pytest.fixture
def postgres_url(postgres_server: Any) -> Iterator[str]:
    """A fresh, empty database on the PostgreSQL server, dropped afterwards."""
    from sqlalchemy import text

    name = f"newsmon_test_{uuid.uuid4().hex[:12]}"
    with postgres_server.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    base = PG_ADMIN_URL.rsplit("/", 1)[0]
    yield f"{base}/{name}"
    with postgres_server.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'newsmon.db'}"


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """Each test using this runs on a SQLite file and on PostgreSQL (when reachable)."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'newsmon.db'}"
    return request.getfixturevalue("postgres_url")


# --- the fixture web and newsmon runs -------------------------------------------------------

@pytest.fixture
def fixture_web() -> Iterator[Any]:
    from tests.fixtureweb import FixtureWeb

    web = FixtureWeb(slow_seconds=6.0)
    web.start()
    try:
        yield web
    finally:
        web.stop()


@pytest.fixture
def webhook_receiver() -> Iterator[Any]:
    from tests.webhookreceiver import Receiver

    receiver = Receiver().start()
    try:
        yield receiver
    finally:
        receiver.stop()


@pytest.fixture
def smtp() -> Iterator[Any]:
    """A real SMTP server on 127.0.0.1: (its Inbox, its port)."""
    from aiosmtpd.controller import Controller

    from tests.smtpinbox import Inbox, free_port

    inbox, port = Inbox(), free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield inbox, port
    finally:
        controller.stop()


def toml_value(value: Any) -> str:
    return json.dumps(value) if not isinstance(value, bool) else ("true" if value else "false")


def write_config(path: Path, db_url: str, sources: list[dict[str, Any]],
                 crawl: dict[str, Any] | None = None,
                 extraction: dict[str, Any] | None = None,
                 alerts: list[dict[str, Any]] | None = None) -> Path:
    """A config for tests: loopback allowed, no politeness delay, short timeouts."""
    crawl_values = {"allow_private_addresses": True, "per_domain_delay": "0s",
                    "timeout": "3s", "retry_times": 0, "concurrency": 16,
                    "per_domain_concurrency": 8, "max_retry_after": "5s"}
    crawl_values.update(crawl or {})
    extraction_values = {"workers": 2}
    extraction_values.update(extraction or {})
    lines = ["[database]", f"url = {toml_value(db_url)}", "", "[crawl]"]
    lines += [f"{k} = {toml_value(v)}" for k, v in crawl_values.items()]
    lines += ["", "[extraction]"]
    lines += [f"{k} = {toml_value(v)}" for k, v in extraction_values.items()]
    for src in sources:
        lines += ["", "[[sources]]"] + [f"{k} = {toml_value(v)}" for k, v in src.items()]
    for channel in alerts or []:
        # alerts go out in the pass that found the story, unless a test asks to settle
        channel = {"settle": "0s", **channel}
        lines += ["", "[[alerts]]"] + [f"{k} = {toml_value(v)}" for k, v in channel.items()]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def newsmon_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "NEWSMON_CONFIG"}
    env["PYTHONPATH"] = os.pathsep.join(
        [str(NETGUARD), str(ROOT), *filter(None, [os.environ.get("PYTHONPATH")])])
    return env


def run_newsmon(*args: str, cwd: Path | None = None, timeout: float = 120,
                check: bool = False) -> subprocess.CompletedProcess[str]:
    """Run the real command line in a subprocess (Scrapy's reactor runs once per process)."""
    proc = subprocess.run([sys.executable, "-m", "newsmon", *args], cwd=cwd, env=newsmon_env(),
                          capture_output=True, text=True, timeout=timeout)
    if check and proc.returncode != 0:
        raise AssertionError(f"newsmon {' '.join(args)} exited {proc.returncode}\n"
                             f"stdout:\n{proc.stdout}\nstderr:\n{proc.stderr}")
    return proc


def export_articles(config: Path) -> list[dict[str, Any]]:
    proc = run_newsmon("export", "--config", str(config), check=True)
    return [json.loads(line) for line in proc.stdout.splitlines() if line.strip()]
