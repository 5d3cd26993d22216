"""Reading a config: TOML text into the typed schema, every mistake found reported at once."""

from __future__ import annotations

import dataclasses
import difflib
import os
import tomllib
from importlib import resources
from pathlib import Path
from typing import Any

from newsmon.config.errors import ConfigError, Problems
from newsmon.config.schema import (
    CHANNELS,
    TABLES,
    AlertChannelConfig,
    Config,
    DatabaseConfig,
    SourceConfig,
    WebhookChannelConfig,
    key_of,
    settings,
)

DEFAULT_CONFIG_NAME = "newsmon.toml"
CONFIG_ENV = "NEWSMON_CONFIG"
KNOWN_TABLES = (*TABLES, "sources", "alerts")


def _did_you_mean(key: str, known: list[str] | tuple[str, ...]) -> str:
    hint = difflib.get_close_matches(key, known, n=1)
    return f" (did you mean {hint[0]!r}?)" if hint else ""


def build(found: Problems, cls: type, table: str, data: Any, index: int | None = None) -> Any:
    """An instance of `cls` from a TOML table, or None (with the problems recorded)."""
    if not isinstance(data, dict):
        found.problem(table, index, None, f"expected a table, got {type(data).__name__}")
        return None
    keys = {key_of(f): f for f in settings(cls)}
    kwargs: dict[str, Any] = {}
    ok = True
    for key, value in data.items():
        if key not in keys:
            known = ", ".join(keys)
            found.problem(table, index, key,
                          f"unknown key{_did_you_mean(key, list(keys))}; known keys: {known}")
            ok = False
            continue
        f = keys[key]
        try:
            kwargs[f.name] = f.metadata["parse"](value)
        except ValueError as exc:
            found.problem(table, index, key, str(exc))
            ok = False
    for key, f in keys.items():
        if f.default is dataclasses.MISSING and f.name not in kwargs and key not in data:
            found.problem(table, index, None, f"missing required key {key!r}")
            ok = False
    return cls(**kwargs) if ok else None


def _array(found: Problems, raw: dict[str, Any], table: str, one: str) -> list[Any]:
    items = raw.get(table, [])
    if isinstance(items, list):
        return items
    found.top(table, f"{table}: expected [[{table}]] tables (double brackets), one per {one}")
    return []


def _sources(found: Problems, raw: dict[str, Any]) -> list[SourceConfig]:
    sources: list[SourceConfig] = []
    seen: dict[str, int] = {}
    for i, item in enumerate(_array(found, raw, "sources", "source")):
        src = build(found, SourceConfig, "sources", item, i)
        if src is None:
            continue
        if src.name in seen:
            found.problem("sources", i, "name",
                          f"duplicate source name {src.name!r} (also source #{seen[src.name] + 1})")
            continue
        if src.type != "page" and (src.depth is not None or src.follow is not None):
            found.problem("sources", i, "depth" if src.depth is not None else "follow",
                          "only applies to type = \"page\"")
            continue
        seen[src.name] = i
        sources.append(src)
    return sources


def _alerts(found: Problems, raw: dict[str, Any]) -> list[AlertChannelConfig]:
    alerts: list[AlertChannelConfig] = []
    names: set[str] = set()
    kinds = [f'"{k}"' for k in CHANNELS]
    kinds_text = f"{', '.join(kinds[:-1])} or {kinds[-1]}"
    for i, item in enumerate(_array(found, raw, "alerts", "channel")):
        if not isinstance(item, dict):
            found.problem("alerts", i, None, "expected a table")
            continue
        kind = item.get("type")
        cls = CHANNELS.get(kind) if isinstance(kind, str) else None
        if cls is None:
            found.problem("alerts", i, "type", f"must be {kinds_text}, got {kind!r}")
            continue
        data = dict(item)
        data.setdefault("name", f"{kind}-{i + 1}")
        channel = build(found, cls, "alerts", data, i)
        if channel is None:
            continue
        if isinstance(channel, WebhookChannelConfig) and channel.secret and channel.secret_env:
            found.problem("alerts", i, "secret", "give secret or secret_env, not both")
            continue
        if channel.name in names:
            found.problem("alerts", i, "name", f"duplicate channel name {channel.name!r}")
            continue
        names.add(channel.name)
        alerts.append(channel)
    return alerts


def parse_config(text: str, path: str = DEFAULT_CONFIG_NAME) -> Config:
    """Parse and validate TOML text; raise ConfigError listing every problem."""
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(path, [f"not valid TOML: {exc}"]) from exc
    found = Problems(path, text)
    for key in raw:
        if key not in KNOWN_TABLES:
            found.top(key, f"unknown table or key {key!r}{_did_you_mean(key, KNOWN_TABLES)}; "
                           f"known: {', '.join(KNOWN_TABLES)}")

    tables = {name: build(found, cls, name, raw.get(name, {})) or cls()
              for name, cls in TABLES.items()}
    relevance, daemon = tables["relevance"], tables["daemon"]
    if relevance.profiles:
        from newsmon.relevance.profile import ProfileError, load_profiles

        base = None if path.startswith("<") else Path(path).resolve().parent
        try:
            load_profiles(list(relevance.profiles), base)
        except ProfileError as exc:
            found.problem("relevance", None, "profiles", str(exc))

    sources = _sources(found, raw)
    alerts = _alerts(found, raw)
    names = {a.name for a in alerts}
    if daemon.health_channel and daemon.health_channel not in names and not found:
        found.problem("daemon", None, "health_channel",
                      f"no [[alerts]] channel named {daemon.health_channel!r}")

    if tables["cluster"].enabled and not found and \
            not tables["database"].url.startswith("postgresql"):
        found.problem("cluster", None, "enabled",
                      "the distributed mode needs PostgreSQL: its job queue and locks live "
                      "there (set [database] url to a postgresql+psycopg:// URL, or "
                      "enabled = false to run everything in `newsmon run`)")

    found.raise_any()
    tables["database"] = DatabaseConfig(url=_resolve_sqlite_path(tables["database"].url, path))
    return Config(path=path, **tables, sources=tuple(sources), alerts=tuple(alerts))


def _resolve_sqlite_path(url: str, config_path: str) -> str:
    """A relative SQLite file is taken relative to the config file, not the daemon's cwd."""
    from sqlalchemy.engine import make_url

    u = make_url(url)
    database = u.database or ""
    if (u.get_backend_name() != "sqlite" or not database or database.startswith(":memory:")
            or database.startswith("file:") or Path(database).is_absolute()
            or config_path.startswith("<")):
        return url
    resolved = Path(config_path).resolve().parent / database
    return u.set(database=str(resolved)).render_as_string(hide_password=False)


def sample_config_text() -> str:
    return resources.files("newsmon").joinpath("sample_config.toml").read_text("utf-8")


def find_config_path(explicit: str | None) -> tuple[str | None, str]:
    """Which config file to use: --config, else $NEWSMON_CONFIG, else ./newsmon.toml.

    Returns (path or None when nothing exists and the sample should be used, how it was chosen).
    """
    if explicit:
        return explicit, "--config"
    env = os.environ.get(CONFIG_ENV)
    if env:
        return env, f"${CONFIG_ENV}"
    if Path(DEFAULT_CONFIG_NAME).exists():
        return DEFAULT_CONFIG_NAME, "./" + DEFAULT_CONFIG_NAME
    return None, "built-in sample"


def load_config(explicit: str | None = None) -> Config:
    """Load the config the user meant; fall back to the built-in sample when none exists."""
    path, how = find_config_path(explicit)
    if path is None:
        return parse_config(sample_config_text(), "<built-in sample config>")
    try:
        text = Path(path).read_text("utf-8")
    except FileNotFoundError as exc:
        raise ConfigError(path, [f"no such file (chosen by {how})"]) from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(path, [f"cannot read: {exc}"]) from exc
    return parse_config(text, path)
