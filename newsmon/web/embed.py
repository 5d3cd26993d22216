"""The dashboard inside `newsmon run` (`[web] enabled = true`): a uvicorn server in a daemon
thread beside the scheduler, with its own database engine. The web stack is imported only
when enabled, so a daemon without it pays nothing. A SIGHUP reload does not reach it:
changing [web] needs a restart."""

from __future__ import annotations

from typing import TYPE_CHECKING

from newsmon.config import Config

if TYPE_CHECKING:
    from newsmon.web.server import BackgroundServer


def start_beside_daemon(cfg: Config) -> BackgroundServer | None:
    """The running server, or None when [web] is not enabled; ConfigError (exit 2) for a
    public bind without a password or token."""
    if not cfg.web.enabled:
        return None
    from newsmon.web.server import BackgroundServer

    return BackgroundServer(cfg).start()
