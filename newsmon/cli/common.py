"""What the commands share: the config, the store (opened and closed in one place), the
daemon check and the alert delivery after a pass."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from newsmon.config import (
    DEFAULT_CONFIG_NAME,
    Config,
    find_config_path,
    load_config,
    parse_config,
)
from newsmon.db import DatabaseError, safe_url
from newsmon.errors import DatabaseUnavailable, UsageError

if TYPE_CHECKING:
    from newsmon.store import Store


def load(args: argparse.Namespace) -> Config:
    """The config `--config` names, else $NEWSMON_CONFIG, ./newsmon.toml or the sample."""
    explicit = getattr(args, "config", None)
    if explicit == "-":  # the TOML on stdin (from `newsmon run`), named for messages and paths
        return parse_config(sys.stdin.read(), getattr(args, "config_name", None) or "<stdin>")
    path, _ = find_config_path(explicit)
    if path is None:
        print("newsmon: no config file found; using the built-in sample config "
              f"(run `newsmon init` to write {DEFAULT_CONFIG_NAME} and edit it)", file=sys.stderr)
    return load_config(explicit)


@contextmanager
def open_store(cfg: Config) -> Iterator[Store]:
    """The database, opened (and migrated) for the block and closed after it; any failure to
    open it is a database error (exit 3) that names the (password-masked) URL."""
    from newsmon.store import Store

    try:
        store = Store.open(cfg.database.url)
    except DatabaseError:
        raise  # its message names the URL already
    except Exception as exc:  # driver missing, bad path, server down...
        raise DatabaseUnavailable(
            f"cannot open database {safe_url(cfg.database.url)}: {exc}") from exc
    try:
        yield store
    finally:
        store.close()


def require_sources(cfg: Config) -> None:
    if not cfg.sources:
        raise UsageError(f"no sources in {cfg.path}; add [[sources]] tables")


def no_article(key: str) -> UsageError:
    return UsageError(f"no stored article with id or URL {key!r}")


def check_database(cfg: Config) -> None:
    """Open (migrate) and close the database: fail fast, with a clear message."""
    with open_store(cfg):
        pass


def daemon_running(cfg: Config) -> bool:
    """A running daemon is the outbox's only sender: two senders could send one alert twice."""
    from newsmon.daemon.lock import daemon_running

    with open_store(cfg) as store:
        return daemon_running(store.engine, cfg.database.url)


def deliver(cfg: Config, budget: float) -> dict[str, Any]:
    """Drain the alert outbox after a pass; what cannot go now waits for the next pass."""
    from newsmon.alerts.outbox import deliver

    with open_store(cfg) as store:
        report = deliver(store, cfg, budget=budget)
    return {"sent": report.sent, "retrying": report.failed, "dead": report.dead,
            "pending": report.pending, "errors": report.errors}
