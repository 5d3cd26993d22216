"""Errors a newsmon command ends with, each carrying the exit code the command line returns.

The command line (`newsmon.cli.main`) catches `NewsmonError` in one place, prints
`newsmon: <message>` on stderr (a `ConfigError` lists its file and every problem instead) and
exits with the error's `exit_code`:

- 0: the command ran (a crawl whose sources failed still exits 0; they are listed), also when
  the reader of its output went away (a broken pipe: `newsmon export | head`).
- 1 `UsageError`: the command cannot do what was asked (an unknown `--source`, no sources, no
  such article or alert channel, a file that exists). Also returned, without an error, when no
  command is given and when `alerts test` fails to deliver.
- 2 `newsmon.config.ConfigError`: the configuration cannot be used (every problem is listed).
  argparse's own usage errors (an unknown option, a missing argument) exit 2 as well.
- 3 `DatabaseUnavailable` (and its subclass `newsmon.db.DatabaseError`): the database cannot
  be opened or migrated, or a crawl pass could not use it at all.
- 4 `DaemonRunning` (and its subclass `newsmon.daemon.lock.AlreadyRunning`): a daemon already
  runs on this database (`run` exits; `alerts send` and `restory` refuse to run beside it).
- 130: interrupted (KeyboardInterrupt).

A subclass names its code in its class line: `class ConfigError(NewsmonError, exit_code=2)`.
This module imports nothing from newsmon, so any module can raise these.
"""

from __future__ import annotations

from typing import Any, ClassVar

EXIT_OK = 0
EXIT_ERROR = 1
EXIT_CONFIG = 2
EXIT_DATABASE = 3
EXIT_RUNNING = 4
EXIT_INTERRUPTED = 130


class NewsmonError(Exception):
    """A command cannot go on; the message says why, `exit_code` is what the process returns."""

    exit_code: ClassVar[int] = EXIT_ERROR

    def __init_subclass__(cls, exit_code: int | None = None, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if exit_code is not None:
            cls.exit_code = exit_code


class UsageError(NewsmonError, exit_code=EXIT_ERROR):
    """The command was asked for something it cannot do (an unknown source, a missing article)."""


class DatabaseUnavailable(NewsmonError, exit_code=EXIT_DATABASE):
    """The database cannot be opened or used."""


class DaemonRunning(NewsmonError, exit_code=EXIT_RUNNING):
    """A daemon runs on this database, and the command must not run beside it."""
