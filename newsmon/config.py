"""newsmon's configuration: one typed place, loaded from TOML and validated strictly.

Every mistake is reported with the file, the line where it can be found, the key and what is
wrong, all at once, so a user fixes a config in one edit rather than one error per run.
"""

from __future__ import annotations

import dataclasses
import difflib
import os
import re
import tomllib
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any, Literal
from urllib.parse import urlsplit

from newsmon.units import parse_duration, parse_size

DEFAULT_CONFIG_NAME = "newsmon.toml"
CONFIG_ENV = "NEWSMON_CONFIG"
SOURCE_TYPES = ("feed", "sitemap", "page")


class ConfigError(Exception):
    """A configuration that cannot be used; `problems` lists every mistake found."""

    def __init__(self, path: str, problems: list[str]):
        self.path = path
        self.problems = problems
        super().__init__("\n".join(f"{path}: {p}" for p in problems))


@dataclass(frozen=True)
class DatabaseConfig:
    url: str = "sqlite:///newsmon.db"


@dataclass(frozen=True)
class CrawlConfig:
    allow_private_addresses: bool = False
    concurrency: int = 16
    per_domain_concurrency: int = 2
    per_domain_delay: float = 1.0
    timeout: float = 30.0
    max_page_size: int = 10 * 1024 * 1024
    user_agent: str = "newsmon/0.1 (+https://github.com/newsmon/newsmon)"
    obey_robots_txt: bool = True
    retry_times: int = 2
    max_retry_after: float = 600.0
    max_articles_per_source: int = 200
    page_depth: int = 1


@dataclass(frozen=True)
class ExtractionConfig:
    workers: int = 0
    min_words: int = 60
    favor: Literal["balanced", "precision", "recall"] = "balanced"
    fast: bool = True


@dataclass(frozen=True)
class RelevanceConfig:
    profiles: tuple[str, ...] = ("builtin:ai-lab-staffing",)
    min_score: float = 1.0


@dataclass(frozen=True)
class DaemonConfig:
    """`newsmon run`: how the long-running monitor schedules and looks after itself."""

    max_parallel_crawls: int = 1  # crawl subprocesses at once; due sources share one
    crawl_timeout: float = 3600.0  # a crawl still running after this is stopped
    jitter: float = 0.1  # fraction of a source's interval its runs are spread by (max 5 min)
    delivery_interval: float = 5.0  # how often the alert outbox is drained
    shutdown_timeout: float = 8.0  # SIGTERM: what is in flight gets this long, then is cut
    housekeeping_interval: float = 86400.0
    retention: float = 90 * 86400.0  # drop the text of irrelevant articles older than this
    failure_threshold: int = 5  # consecutive failed crawls before a source is unhealthy
    stale_factor: float = 10.0  # unhealthy when nothing new for this many usual gaps
    health_channel: str | None = None  # alert channel told when a source turns unhealthy


@dataclass(frozen=True)
class SourceConfig:
    name: str
    url: str
    type: Literal["feed", "sitemap", "page"]
    interval: float = 900.0
    enabled: bool = True
    max_articles: int | None = None
    depth: int | None = None
    follow: str | None = None
    language: str | None = None


@dataclass(frozen=True)
class WebhookChannelConfig:
    name: str
    url: str
    type: Literal["webhook"] = "webhook"
    secret: str | None = dataclasses.field(default=None, repr=False)
    secret_env: str | None = None
    timeout: float = 10.0
    max_attempts: int = 12  # then the alert is dead-lettered (visible, re-queueable)
    backoff: float = 5.0  # first retry delay; doubles each attempt (with jitter), capped at 1h
    # alert again when a story gains an article (at once, or in the next digest)
    updates: Literal["none", "immediate", "digest"] = "none"
    mode: Literal["immediate", "digest"] = "immediate"
    digest_at: str = "08:00"  # local time of the daily digest (mode = "digest")
    timezone: str = "UTC"
    languages: tuple[str, ...] = ()  # filters: empty means any
    organisations: tuple[str, ...] = ()
    min_score: float = 0.0
    # a new story's first alert waits this long (seconds) for the story's first copies and
    # other outlets, and then carries them; a later article that merges stories in that time
    # withdraws the second story's alert
    settle: float = 180.0


@dataclass(frozen=True)
class EmailChannelConfig:
    name: str
    smtp_url: str
    from_: str
    to: tuple[str, ...]
    type: Literal["email"] = "email"
    starttls: bool = False
    username_env: str | None = None
    password_env: str | None = None
    timeout: float = 30.0
    max_attempts: int = 12
    backoff: float = 30.0
    # alert again when a story gains an article (at once, or in the next digest)
    updates: Literal["none", "immediate", "digest"] = "none"
    mode: Literal["immediate", "digest"] = "immediate"
    digest_at: str = "08:00"  # local time of the daily digest (mode = "digest")
    timezone: str = "UTC"
    languages: tuple[str, ...] = ()
    organisations: tuple[str, ...] = ()
    min_score: float = 0.0
    # a new story's first alert waits this long (seconds) for the story's first copies and
    # other outlets, and then carries them; a later article that merges stories in that time
    # withdraws the second story's alert
    settle: float = 180.0


@dataclass(frozen=True)
class AppriseChannelConfig:
    """Slack, Discord, Telegram, Teams, ntfy... through Apprise URLs (they carry tokens)."""

    name: str
    urls: tuple[str, ...] = dataclasses.field(repr=False)
    type: Literal["apprise"] = "apprise"
    timeout: float = 10.0
    max_attempts: int = 12
    backoff: float = 5.0
    updates: Literal["none", "immediate", "digest"] = "none"
    mode: Literal["immediate", "digest"] = "immediate"
    digest_at: str = "08:00"
    timezone: str = "UTC"
    languages: tuple[str, ...] = ()
    organisations: tuple[str, ...] = ()
    min_score: float = 0.0
    # a new story's first alert waits this long (seconds) for the story's first copies and
    # other outlets, and then carries them; a later article that merges stories in that time
    # withdraws the second story's alert
    settle: float = 180.0


AlertChannelConfig = WebhookChannelConfig | EmailChannelConfig | AppriseChannelConfig


@dataclass(frozen=True)
class Config:
    path: str
    database: DatabaseConfig = field(default_factory=DatabaseConfig)
    crawl: CrawlConfig = field(default_factory=CrawlConfig)
    extraction: ExtractionConfig = field(default_factory=ExtractionConfig)
    relevance: RelevanceConfig = field(default_factory=RelevanceConfig)
    daemon: DaemonConfig = field(default_factory=DaemonConfig)
    sources: tuple[SourceConfig, ...] = ()
    alerts: tuple[AlertChannelConfig, ...] = ()

    def source(self, name: str) -> SourceConfig:
        for s in self.sources:
            if s.name == name:
                return s
        raise KeyError(name)

    @property
    def base_dir(self) -> str | None:
        """Where relative paths in the config (profiles, SQLite files) are resolved."""
        if self.path.startswith("<"):
            return None
        return str(Path(self.path).resolve().parent)

    def max_articles(self, source: SourceConfig) -> int:
        if source.max_articles is not None:
            return source.max_articles
        return self.crawl.max_articles_per_source

    def page_depth(self, source: SourceConfig) -> int:
        return source.depth if source.depth is not None else self.crawl.page_depth


# --- value parsers: each returns the typed value or raises ValueError with a user message ---


def _bool(v: Any) -> bool:
    if isinstance(v, bool):
        return v
    raise ValueError(f"expected true or false, got {v!r}")


def _int(minimum: int = 0):
    def parse(v: Any) -> int:
        if isinstance(v, bool) or not isinstance(v, int):
            raise ValueError(f"expected a whole number, got {v!r}")
        if v < minimum:
            raise ValueError(f"must be at least {minimum}, got {v}")
        return v

    return parse


def _str(v: Any) -> str:
    if not isinstance(v, str):
        raise ValueError(f"expected a string, got {v!r}")
    if not v.strip():
        raise ValueError("must not be empty")
    return v


def _duration(v: Any) -> float:
    if isinstance(v, bool) or not isinstance(v, (str, int, float)):
        raise ValueError(f"expected a duration like \"500ms\", \"2s\", \"15m\", got {v!r}")
    return parse_duration(v)


def _size(v: Any) -> int:
    if isinstance(v, bool) or not isinstance(v, (str, int)):
        raise ValueError(f"expected a size like \"10MB\" or a number of bytes, got {v!r}")
    return parse_size(v)


def _choice(*options: str):
    def parse(v: Any) -> str:
        if v not in options:
            raise ValueError(f"must be one of {', '.join(options)}; got {v!r}")
        return v

    return parse


def _http_url(v: Any) -> str:
    s = _str(v)
    parts = urlsplit(s)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValueError(f"not an http(s) URL: {s!r}")
    try:
        _ = parts.port
    except ValueError as exc:
        raise ValueError(f"bad port in URL {s!r}") from exc
    return s


def _smtp_url(v: Any) -> str:
    s = _str(v)
    parts = urlsplit(s)
    if parts.scheme not in ("smtp", "smtps") or not parts.hostname:
        raise ValueError(f"expected smtp://host:port or smtps://host:port, got {s!r}")
    return s


def _db_url(v: Any) -> str:
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    s = _str(v)
    try:
        make_url(s)
    except ArgumentError as exc:
        raise ValueError(f"not a SQLAlchemy database URL: {s!r}") from exc
    return s


def _regex(v: Any) -> str:
    s = _str(v)
    try:
        re.compile(s)
    except re.error as exc:
        raise ValueError(f"bad regular expression {s!r}: {exc}") from exc
    return s


def _float(minimum: float = 0.0):
    def parse(v: Any) -> float:
        if isinstance(v, bool) or not isinstance(v, (int, float)):
            raise ValueError(f"expected a number, got {v!r}")
        if v < minimum:
            raise ValueError(f"must be at least {minimum}, got {v}")
        return float(v)

    return parse


def _str_list(v: Any) -> tuple[str, ...]:
    if not isinstance(v, list) or not v or not all(isinstance(x, str) and x for x in v):
        raise ValueError(f"expected a non-empty list of strings, got {v!r}")
    return tuple(v)


def _email_list(v: Any) -> tuple[str, ...]:
    if isinstance(v, str):
        v = [v]
    if not isinstance(v, list) or not v or not all(isinstance(x, str) and "@" in x for x in v):
        raise ValueError(f"expected a list of e-mail addresses, got {v!r}")
    return tuple(v)


def _email(v: Any) -> str:
    s = _str(v)
    if "@" not in s:
        raise ValueError(f"not an e-mail address: {s!r}")
    return s


def _env_name(v: Any) -> str:
    s = _str(v)
    if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", s):
        raise ValueError(f"not an environment variable name: {s!r}")
    return s


def _secret(v: Any) -> str:
    if not isinstance(v, str) or not v:
        raise ValueError("expected a non-empty string")  # never echo a secret back
    return v


_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,63}")


def _apprise_urls(v: Any) -> tuple[str, ...]:
    urls = _str_list(v)
    if not urls:
        raise ValueError("expected at least one Apprise URL, like \"ntfy://ntfy.sh/topic\"")
    for u in urls:
        if "://" not in u:  # never echo the URL: it usually holds a token
            raise ValueError(f"entry {urls.index(u) + 1} is not an Apprise URL (scheme://...)")
    return urls


def _clock(v: Any) -> str:
    s = _str(v)
    m = re.fullmatch(r"([01]?\d|2[0-3]):([0-5]\d)", s)
    if not m:
        raise ValueError(f"expected a time of day like \"08:00\", got {s!r}")
    return f"{int(m.group(1)):02d}:{m.group(2)}"


def _timezone(v: Any) -> str:
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    s = _str(v)
    try:
        ZoneInfo(s)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise ValueError(f"unknown time zone {s!r} (use an IANA name like "
                         "\"Europe/Paris\")") from exc
    return s


def _name(v: Any) -> str:
    s = _str(v)
    if not _NAME.fullmatch(s):
        raise ValueError(f"names use letters, digits, '_', '-', '.' (at most 64), got {s!r}")
    return s


# field name -> parser; the key in TOML is the field name (except from_ -> "from")
# Keys every alert channel takes: delivery, schedule and filters.
_DELIVERY_PARSERS: dict[str, Any] = {
        "timeout": _duration,
        "updates": _choice("none", "immediate", "digest"),
        "mode": _choice("immediate", "digest"),
        "digest_at": _clock,
        "timezone": _timezone,
        "max_attempts": _int(1),
        "backoff": _duration,
        "languages": _str_list,
        "organisations": _str_list,
        "min_score": _float(0.0),
        "settle": _duration,
}

_SECTION_PARSERS: dict[type, dict[str, Any]] = {
    DatabaseConfig: {"url": _db_url},
    CrawlConfig: {
        "allow_private_addresses": _bool,
        "concurrency": _int(1),
        "per_domain_concurrency": _int(1),
        "per_domain_delay": _duration,
        "timeout": _duration,
        "max_page_size": _size,
        "user_agent": _str,
        "obey_robots_txt": _bool,
        "retry_times": _int(0),
        "max_retry_after": _duration,
        "max_articles_per_source": _int(1),
        "page_depth": _int(0),
    },
    ExtractionConfig: {
        "workers": _int(0),
        "min_words": _int(0),
        "favor": _choice("balanced", "precision", "recall"),
        "fast": _bool,
    },
    RelevanceConfig: {
        "profiles": _str_list,
        "min_score": _float(0.0),
    },
    DaemonConfig: {
        "max_parallel_crawls": _int(1),
        "crawl_timeout": _duration,
        "jitter": _float(0.0),
        "delivery_interval": _duration,
        "shutdown_timeout": _duration,
        "housekeeping_interval": _duration,
        "retention": _duration,
        "failure_threshold": _int(1),
        "stale_factor": _float(1.0),
        "health_channel": _name,
    },
    SourceConfig: {
        "name": _name,
        "url": _http_url,
        "type": _choice(*SOURCE_TYPES),
        "interval": _duration,
        "enabled": _bool,
        "max_articles": _int(1),
        "depth": _int(0),
        "follow": _regex,
        "language": _str,
    },
    WebhookChannelConfig: {
        "name": _name,
        "type": _choice("webhook"),
        "url": _http_url,
        "secret": _secret,
        "secret_env": _env_name,
        **_DELIVERY_PARSERS,
    },
    AppriseChannelConfig: {
        "name": _name,
        "type": _choice("apprise"),
        "urls": _apprise_urls,
        **_DELIVERY_PARSERS,
    },
    EmailChannelConfig: {
        "name": _name,
        "type": _choice("email"),
        "smtp_url": _smtp_url,
        "from": _email,
        "to": _email_list,
        "starttls": _bool,
        "username_env": _env_name,
        "password_env": _env_name,
        **_DELIVERY_PARSERS,
    },
}


class _Loader:
    """Collects problems while building dataclasses from TOML tables."""

    def __init__(self, path: str, text: str):
        self.path = path
        self.lines = text.splitlines()
        self.problems: list[str] = []

    def where_top(self, key: str) -> str:
        """'line N: ' of a top-level key or table header."""
        k = re.escape(key)
        pattern = re.compile(rf"^\s*(?:\[\[?\s*{k}\s*\]\]?|\"?{k}\"?\s*=)")
        for i, line in enumerate(self.lines):
            if pattern.match(line):
                return f"line {i + 1}: "
        return ""

    def where(self, table: str, index: int | None, key: str | None) -> str:
        """Best-effort 'line N' for a key: tomllib keeps no positions, so find it in the text."""
        header = re.compile(
            rf"^\s*\[\[\s*{re.escape(table)}\s*\]\]" if index is not None
            else rf"^\s*\[\s*{re.escape(table)}\s*\]"
        )
        seen = -1
        start = None
        for i, line in enumerate(self.lines):
            if header.match(line):
                seen += 1
                if index is None or seen == index:
                    start = i
                    break
        if start is None:
            return ""
        if key is None:
            return f"line {start + 1}: "
        for j in range(start + 1, len(self.lines)):
            line = self.lines[j]
            if re.match(r"^\s*\[", line):
                break
            if re.match(rf"^\s*\"?{re.escape(key)}\"?\s*=", line):
                return f"line {j + 1}: "
        return f"line {start + 1}: "

    def problem(self, table: str, index: int | None, key: str | None, msg: str) -> None:
        label = f"[[{table}]] #{index + 1}" if index is not None else f"[{table}]"
        if key:
            label += f" {key}"
        self.problems.append(f"{self.where(table, index, key)}{label}: {msg}")

    def build(self, cls: type, table: str, data: Any, index: int | None = None,
              skip: tuple[str, ...] = ()) -> Any:
        if not isinstance(data, dict):
            self.problem(table, index, None, f"expected a table, got {type(data).__name__}")
            return None
        parsers = _SECTION_PARSERS[cls]
        kwargs: dict[str, Any] = {}
        ok = True
        for key, value in data.items():
            if key in skip:
                continue
            if key not in parsers:
                hint = difflib.get_close_matches(key, list(parsers), n=1)
                extra = f" (did you mean {hint[0]!r}?)" if hint else ""
                known = ", ".join(parsers)
                self.problem(table, index, key, f"unknown key{extra}; known keys: {known}")
                ok = False
                continue
            try:
                kwargs["from_" if key == "from" else key] = parsers[key](value)
            except ValueError as exc:
                self.problem(table, index, key, str(exc))
                ok = False
        required = [
            f.name for f in dataclasses.fields(cls)
            if f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING
        ]
        for name in required:
            if name not in kwargs and name not in ("path",):
                key = "from" if name == "from_" else name
                if key in data:
                    continue  # already reported as invalid
                self.problem(table, index, None, f"missing required key {key!r}")
                ok = False
        return cls(**kwargs) if ok else None


def parse_config(text: str, path: str = DEFAULT_CONFIG_NAME) -> Config:
    """Parse and validate TOML text; raise ConfigError listing every problem."""
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(path, [f"not valid TOML: {exc}"]) from exc
    ld = _Loader(path, text)
    known_tables = ("database", "crawl", "extraction", "relevance", "daemon", "sources",
                    "alerts")
    for key in raw:
        if key not in known_tables:
            hint = difflib.get_close_matches(key, known_tables, n=1)
            extra = f" (did you mean {hint[0]!r}?)" if hint else ""
            ld.problems.append(
                f"{ld.where_top(key)}unknown table or key {key!r}{extra}; "
                f"known: {', '.join(known_tables)}"
            )

    database = ld.build(DatabaseConfig, "database", raw.get("database", {})) or DatabaseConfig()
    crawl = ld.build(CrawlConfig, "crawl", raw.get("crawl", {})) or CrawlConfig()
    extraction = ld.build(ExtractionConfig, "extraction", raw.get("extraction", {}))
    extraction = extraction or ExtractionConfig()
    relevance = ld.build(RelevanceConfig, "relevance", raw.get("relevance", {}))
    relevance = relevance or RelevanceConfig()
    daemon = ld.build(DaemonConfig, "daemon", raw.get("daemon", {})) or DaemonConfig()
    if relevance.profiles:
        from newsmon.relevance.profile import ProfileError, load_profiles

        base = None if path.startswith("<") else Path(path).resolve().parent
        try:
            load_profiles(list(relevance.profiles), base)
        except ProfileError as exc:
            ld.problem("relevance", None, "profiles", str(exc))

    sources: list[SourceConfig] = []
    raw_sources = raw.get("sources", [])
    if not isinstance(raw_sources, list):
        ld.problems.append(f"{ld.where_top('sources')}sources: expected [[sources]] tables "
                           "(double brackets), one per source")
        raw_sources = []
    seen: dict[str, int] = {}
    for i, item in enumerate(raw_sources):
        src = ld.build(SourceConfig, "sources", item, i)
        if src is None:
            continue
        if src.name in seen:
            ld.problem("sources", i, "name",
                       f"duplicate source name {src.name!r} (also source #{seen[src.name] + 1})")
            continue
        if src.type != "page" and (src.depth is not None or src.follow is not None):
            ld.problem("sources", i, "depth" if src.depth is not None else "follow",
                       "only applies to type = \"page\"")
            continue
        seen[src.name] = i
        sources.append(src)

    alerts: list[AlertChannelConfig] = []
    raw_alerts = raw.get("alerts", [])
    if not isinstance(raw_alerts, list):
        ld.problems.append(f"{ld.where_top('alerts')}alerts: expected [[alerts]] tables "
                           "(double brackets), one per channel")
        raw_alerts = []
    names: set[str] = set()
    for i, item in enumerate(raw_alerts):
        if not isinstance(item, dict):
            ld.problem("alerts", i, None, "expected a table")
            continue
        kind = item.get("type")
        cls = {"webhook": WebhookChannelConfig, "email": EmailChannelConfig,
               "apprise": AppriseChannelConfig}.get(kind)
        if cls is None:
            ld.problem("alerts", i, "type",
                       f"must be \"webhook\", \"email\" or \"apprise\", got {kind!r}")
            continue
        data = dict(item)
        data.setdefault("name", f"{kind}-{i + 1}")
        channel = ld.build(cls, "alerts", data, i)
        if channel is None:
            continue
        if isinstance(channel, WebhookChannelConfig) and channel.secret and channel.secret_env:
            ld.problem("alerts", i, "secret", "give secret or secret_env, not both")
            continue
        if channel.name in names:
            ld.problem("alerts", i, "name", f"duplicate channel name {channel.name!r}")
            continue
        names.add(channel.name)
        alerts.append(channel)
    if daemon.health_channel and daemon.health_channel not in names and not ld.problems:
        ld.problem("daemon", None, "health_channel",
                   f"no [[alerts]] channel named {daemon.health_channel!r}")

    if ld.problems:
        raise ConfigError(path, ld.problems)
    return Config(
        path=path,
        database=DatabaseConfig(url=_resolve_sqlite_path(database.url, path)),
        crawl=crawl,
        extraction=extraction,
        relevance=relevance,
        daemon=daemon,
        sources=tuple(sources),
        alerts=tuple(alerts),
    )


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
