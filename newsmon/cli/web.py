"""`newsmon web`: the dashboard, feeds and API on [web] host and port (or --host/--port)."""

from __future__ import annotations

import argparse

from newsmon.cli.common import check_database
from newsmon.config import Config
from newsmon.errors import EXIT_OK


def cmd_web(cfg: Config, args: argparse.Namespace) -> int:
    """Serves until Ctrl-C / SIGTERM; a public bind without a password or token is a
    configuration error (exit 2)."""
    from newsmon.web.security import resolve
    from newsmon.web.server import serve

    resolve(cfg, args.host)  # before the database: the bind rule is the config's problem
    check_database(cfg)
    serve(cfg, args.host, args.port)
    return EXIT_OK
