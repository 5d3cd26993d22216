"""SIGHUP: the config re-read and validated; a mistake is refused with every problem logged,
and the daemon carries on with the config it runs on."""

from __future__ import annotations

import logging
from pathlib import Path

from newsmon.config import Config, ConfigError, parse_config
from newsmon.daemon.logfmt import kv

logger = logging.getLogger("newsmon.daemon")


def reread(cfg: Config) -> tuple[Config, str] | None:
    """The config file `cfg` came from, parsed anew, and its text; None (with the reason
    logged) when it cannot be read, is invalid or names another database."""
    if cfg.path.startswith("<"):
        logger.warning("%s", kv(event="reload_skipped",
                                reason="running on the built-in sample config"))
        return None
    try:
        text = Path(cfg.path).read_text("utf-8")
        new = parse_config(text, cfg.path)
    except (OSError, UnicodeDecodeError) as exc:
        logger.error("%s", kv(event="reload_refused", config=cfg.path,
                              error=f"cannot read: {exc}", kept="the running config"))
        return None
    except ConfigError as exc:
        for problem in exc.problems:
            logger.error("%s", kv(event="reload_refused", config=cfg.path, problem=problem))
        logger.error("%s", kv(event="reload_refused", kept="the running config"))
        return None
    if new.database.url != cfg.database.url:
        logger.error("%s", kv(event="reload_refused", config=cfg.path,
                              problem="[database] url changed; restart the daemon to use it",
                              kept="the running config"))
        return None
    return new, text


def log_reloaded(old: Config, new: Config) -> None:
    before = {s.name for s in old.sources}
    names = {s.name for s in new.sources}
    logger.info("%s", kv(event="reloaded", config=new.path, added=sorted(names - before),
                         removed=sorted(before - names), sources=len(names),
                         channels=len(new.alerts)))
