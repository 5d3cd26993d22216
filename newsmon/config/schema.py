"""The config schema: every key declared once, with its type, default, parser and the line the
README gives it (`python -m newsmon.config --markdown` prints the README's tables from here)."""

from __future__ import annotations

import dataclasses
import functools
from dataclasses import MISSING, dataclass, field
from pathlib import Path
from typing import Any, Literal, get_args

from newsmon.config import values as v

REQUIRED: Any = MISSING  # the default of a key that has none
# the relevance score an article needs, declared here (the config's one typed place) and read
# by the classifier as its default: one sentence with an organisation, a staffing word, a person
MIN_SCORE = 1.0


def setting(default: Any, parse: Any, doc: str, *, key: str | None = None,
            shown: str | None = None, secret: bool = False) -> Any:
    """A config key: `default` (REQUIRED for none), `parse` (TOML value -> typed value, or
    ValueError with the user's message) and `doc`, its meaning in the README. `key` is its name
    in TOML when that is no Python name (from_ -> "from"); `shown` is the README's default when
    the value would mislead; a `secret` is left out of repr."""
    return field(default=default, repr=not secret,
                 metadata={"parse": parse, "doc": doc, "key": key, "shown": shown})


def like(cls: type, name: str, default: Any) -> Any:
    """Key `name` of `cls` (a base class) with another default."""
    f = cls.__dataclass_fields__[name]  # type: ignore[attr-defined]
    return field(default=default, repr=f.repr, metadata=f.metadata)


def key_of(f: dataclasses.Field) -> str:
    return f.metadata.get("key") or f.name


@dataclass(frozen=True)
class DatabaseConfig:
    url: str = setting(
        "sqlite:///newsmon.db", v.db_url,
        "any SQLAlchemy URL. A relative SQLite path is relative to the config file. PostgreSQL: "
        "`\"postgresql+psycopg://user:pass@host/db\"` (install with "
        "`pip install \".[postgres]\"`). The schema is created and migrated on start.")


@dataclass(frozen=True)
class CrawlConfig:
    allow_private_addresses: bool = setting(
        False, v.boolean, "allow loopback, private, link-local and other non-public targets "
        "(intranet sources, tests)")
    concurrency: int = setting(16, v.whole(1), "requests in flight in all")
    per_domain_concurrency: int = setting(2, v.whole(1), "requests in flight per site")
    per_domain_delay: float = setting(
        1.0, v.duration, "pause between two requests to one site (randomised ±50%); with a "
        "delay, Scrapy sends one request at a time per site")
    timeout: float = setting(30.0, v.duration, "per request: DNS, connect and download")
    max_page_size: int = setting(
        10 * 1024 * 1024, v.size, "larger bodies are abandoned (counted after decompression, so "
        "gzip bombs stop here too)")
    user_agent: str = setting(
        "newsmon/0.1 (+https://github.com/newsmon/newsmon)", v.text,
        "the User-Agent, also matched against robots.txt")
    obey_robots_txt: bool = setting(True, v.boolean, "obey robots.txt")
    retry_times: int = setting(
        2, v.whole(0), "retries of 5xx, 408, 429, timeouts and connection errors within a pass")
    max_retry_after: float = setting(
        600.0, v.duration, "wait at most this long for a `Retry-After`; a longer one defers the "
        "page to the next pass")
    max_articles_per_source: int = setting(
        200, v.whole(1), "new articles fetched from one source in one pass (newest first)")
    page_depth: int = setting(
        1, v.whole(0), "for `page` sources: 1 follows the section page's article links; 2 also "
        "reads its pagination pages")


Favor = Literal["balanced", "precision", "recall"]


@dataclass(frozen=True)
class ExtractionConfig:
    workers: int = setting(
        0, v.whole(0), "extraction processes; `0` = one per CPU. Extraction holds Python's GIL, "
        "so processes, not threads")
    min_words: int = setting(
        60, v.whole(0), "bodies with fewer words are recorded as non-articles (teasers, index "
        "pages)")
    favor: Favor = setting(  # noqa: RUF009 (setting() is a dataclasses.field)
        "balanced", v.one_of(Favor),
        "trafilatura's trade-off: `balanced`, `precision` or `recall`")
    fast: bool = setting(
        True, v.boolean, "skip trafilatura's fallback extractors: about 1.5x faster at the same "
        "F1 on news pages")


@dataclass(frozen=True)
class RelevanceConfig:
    profiles: tuple[str, ...] = setting(
        ("builtin:ai-lab-staffing",), v.text_list,
        "topic profiles: `builtin:NAME` or a TOML file (relative to the config file). Profiles "
        "with the same `name` merge, so a small file of your own labs and people extends the "
        "built-in topic; a profile with another name is another topic (an article is relevant "
        "when any topic says so)")
    min_score: float = setting(
        MIN_SCORE, v.number(0.0), "the score an article needs to be relevant: 1.0 is one "
        "sentence (or the headline) naming an organisation of the topic, a staffing word and a "
        "person")


@dataclass(frozen=True)
class DaemonConfig:
    """`newsmon run`: how the long-running monitor schedules and looks after itself."""

    max_parallel_crawls: int = setting(
        1, v.whole(1), "crawl subprocesses at once; sources that fall due together share one")
    crawl_timeout: float = setting(
        3600.0, v.duration, "a crawl still running after this is stopped (SIGINT, then SIGKILL "
        "30 s later) and its sources count as failed")
    jitter: float = setting(
        0.1, v.number(0.0), "each source's runs are spread by up to this fraction of its "
        "interval (at most 5 minutes), so sources do not fire in lockstep")
    delivery_interval: float = setting(
        5.0, v.duration, "how often the alert outbox is drained (also right after every crawl)")
    shutdown_timeout: float = setting(
        8.0, v.duration, "on SIGTERM/SIGINT, how long a crawl in flight gets to finish before "
        "it is cut")
    housekeeping_interval: float = setting(
        86400.0, v.duration, "how often housekeeping runs (first run a minute after start)")
    retention: float = setting(
        90 * 86400.0, v.duration, "irrelevant articles older than this lose their text (their "
        "row, URL and hash stay, so they are never fetched again); crawl-run records older "
        "than this are deleted; `\"0s\"` keeps everything")
    failure_threshold: int = setting(
        5, v.whole(1), "consecutive failed crawls after which a source is reported `failing`")
    stale_factor: float = setting(
        10.0, v.number(1.0), "a source is `stale` when nothing new arrived for this many of its "
        "usual gaps between new articles (at least this many intervals; a source with no "
        "history yet gets at least a day)")
    health_channel: str | None = setting(
        None, v.name, "the name of an `[[alerts]]` channel told (once per change) when a source "
        "turns failing or stale")


@dataclass(frozen=True)
class ClusterConfig:
    """Distributed mode: `newsmon run` queues due sources, `newsmon worker` processes crawl."""

    enabled: bool = setting(
        False, v.boolean, "`newsmon run` only schedules: each due source becomes a job in "
        "PostgreSQL (procrastinate) that one of any number of `newsmon worker` processes, on "
        "any machine, crawls; `newsmon run` still sends every alert. Needs a PostgreSQL "
        "`[database] url` (refused on SQLite, exit 2)")
    concurrency: int = setting(
        1, v.whole(1), "crawls one `newsmon worker` runs at once (`newsmon worker "
        "--concurrency` overrides it), each a `newsmon crawl` subprocess of one source")
    heartbeat: float = setting(
        5.0, v.duration, "how often a worker tells the database it is alive, and how often "
        "`newsmon run` judges the health of the sources the workers crawled since")
    stalled_after: float = setting(
        30.0, v.duration, "a worker silent for this long is taken for dead (kill -9, lost "
        "machine): its crawl goes back to the queue for another worker; keep it several "
        "heartbeats")
    poll_interval: float = setting(
        5.0, v.duration, "how often an idle worker polls for jobs besides being woken at once "
        "by PostgreSQL LISTEN/NOTIFY (the fallback)")


def _port(value: Any) -> int:
    port = v.whole(1)(value)
    if port > 65535:
        raise ValueError(f"must be a TCP port (1-65535), got {port}")
    return port


@dataclass(frozen=True)
class WebConfig:
    """`newsmon web` (and `newsmon run` with `enabled`): the dashboard, feeds and API."""

    host: str = setting(
        "127.0.0.1", v.text, "the address to listen on; any other than loopback (`127.0.0.1`, "
        "`::1`, `localhost`) is refused unless `password_env` or `token_env` is set")
    port: int = setting(8080, _port, "the TCP port (`newsmon web --port` overrides it)")
    password_env: str | None = setting(
        None, v.env_name, "the name of an environment variable holding the password: then "
        "every page, feed and API call needs it (a login form, or HTTP basic auth for feed "
        "readers)")
    token_env: str | None = setting(
        None, v.env_name, "the name of an environment variable holding an API token: then "
        "`/api/` and the feeds take `Authorization: Bearer TOKEN` (without a password the "
        "token is also what the login form asks for)")
    enabled: bool = setting(
        False, v.boolean, "`newsmon run` also serves the dashboard, in a thread beside the "
        "scheduler")


SourceType = Literal["feed", "sitemap", "page"]
SOURCE_TYPES: tuple[str, ...] = get_args(SourceType)


@dataclass(frozen=True)
class SourceConfig:
    name: str = setting(REQUIRED, v.name, "unique; letters, digits, `_`, `-`, `.`")
    url: str = setting(
        REQUIRED, v.http_url, "http(s) URL of the feed, sitemap, robots.txt or section page")
    type: SourceType = setting(  # noqa: RUF009 (setting() is a dataclasses.field)
        REQUIRED, v.one_of(SourceType), "`feed` (RSS/Atom), `sitemap` (sitemap, index, "
        "Google-News sitemap, or a robots.txt whose `Sitemap:` lines are read), `page` (a "
        "section page)")
    interval: float = setting(
        900.0, v.duration, "how often `newsmon run` crawls it (spread by `[daemon] jitter`)")
    enabled: bool = setting(
        True, v.boolean, "`false` skips it in `newsmon crawl` unless named with `--source`")
    max_articles: int | None = setting(
        None, v.whole(1), "new articles per pass from this source",
        shown="`[crawl] max_articles_per_source`")
    depth: int | None = setting(
        None, v.whole(0), "`page` sources only", shown="`[crawl] page_depth`")
    follow: str | None = setting(
        None, v.regex, "`page` sources only: a regular expression; exactly the same-site links "
        "it matches are articles")
    language: str | None = setting(None, v.text, "a hint for pages that declare no language")


Updates = Literal["none", "immediate", "digest"]
Mode = Literal["immediate", "digest"]


@dataclass(frozen=True, kw_only=True)
class ChannelConfig:
    """What every alert channel has: a name, and how and which alerts it is sent."""

    name: str = setting(
        REQUIRED, v.name, "unique channel name (used by `newsmon alerts`)",
        shown="type and number (`\"email-2\"`)")
    type: str = setting(REQUIRED, v.text, "`webhook`, `email` or `apprise`", shown="required")
    timeout: float = setting(10.0, v.duration, "per attempt")
    updates: Updates = setting(  # noqa: RUF009 (setting() is a dataclasses.field)
        "none", v.one_of(Updates), "`\"immediate\"`: also alert (event `story.updated`) when a "
        "new, non-copy article joins a story already alerted; `\"digest\"`: collect those "
        "updates into the channel's daily digest (new stories still go at once); copies and "
        "translations never alert")
    mode: Mode = setting(  # noqa: RUF009 (setting() is a dataclasses.field)
        "immediate", v.one_of(Mode), "`\"digest\"`: collect the channel's alerts and send them "
        "as one message (type `digest`, `data.stories` a list of what `story.created` carries) "
        "once a day")
    digest_at: str = setting(
        "08:00", v.clock, "when the digest goes out, in local time of `timezone`")
    timezone: str = setting(
        "UTC", v.timezone, "the IANA zone of `digest_at` (`\"Europe/Paris\"`; daylight saving "
        "handled)")
    max_attempts: int = setting(
        12, v.whole(1), "then the alert is dead-lettered (see `newsmon alerts`)")
    backoff: float = setting(
        5.0, v.duration, "delay before the first retry; doubles each attempt, ±20% jitter, at "
        "most 1h; a longer `Retry-After` wins")
    languages: tuple[str, ...] = setting(
        (), v.text_list, "only stories whose first article is in one of these languages "
        "(ISO 639-1)", shown="any")
    organisations: tuple[str, ...] = setting(
        (), v.text_list, "only stories whose first article has a move from or to one of these "
        "organisations (canonical profile names, case-insensitive)", shown="any")
    min_score: float = setting(
        0.0, v.number(0.0), "only stories whose first article's relevance score reaches this")
    settle: float = setting(
        180.0, v.duration, "a new story's first alert waits this long, so that its first "
        "copies and other outlets' articles (and any merge with another story) are in it when "
        "it goes out; `\"0s\"` sends at once. The daemon delivers it on the first delivery "
        "round after that; a one-off `newsmon crawl` leaves it for the next `crawl` or "
        "`alerts send`")


@dataclass(frozen=True, kw_only=True)
class WebhookChannelConfig(ChannelConfig):
    type: Literal["webhook"] = like(ChannelConfig, "type", "webhook")
    url: str = setting(
        REQUIRED, v.http_url, "where to POST; checked against the address policy like crawl "
        "targets (no private or metadata addresses unless `allow_private_addresses`) and "
        "never redirected")
    secret: str | None = setting(
        None, v.secret, "the signing key (`whsec_...` as Standard Webhooks defines it); never "
        "logged or exported", secret=True)
    secret_env: str | None = setting(
        None, v.env_name,
        "instead of `secret` (not both): the name of an environment variable holding it")


@dataclass(frozen=True, kw_only=True)
class EmailChannelConfig(ChannelConfig):
    type: Literal["email"] = like(ChannelConfig, "type", "email")
    timeout: float = like(ChannelConfig, "timeout", 30.0)
    backoff: float = like(ChannelConfig, "backoff", 30.0)
    smtp_url: str = setting(
        REQUIRED, v.smtp_url, "`\"smtp://host:port\"` or `\"smtps://host:port\"`")
    from_: str = setting(REQUIRED, v.email, "the sender address", key="from")
    to: tuple[str, ...] = setting(
        REQUIRED, v.email_list, "the recipients: a list of addresses (or one)")
    starttls: bool = setting(False, v.boolean, "upgrade an `smtp://` connection with STARTTLS")
    username_env: str | None = setting(
        None, v.env_name, "the name of an environment variable with the SMTP user name")
    password_env: str | None = setting(
        None, v.env_name, "the name of an environment variable with the SMTP password")


@dataclass(frozen=True, kw_only=True)
class AppriseChannelConfig(ChannelConfig):
    """Slack, Discord, Telegram, Teams, ntfy... through Apprise URLs (they carry tokens)."""

    type: Literal["apprise"] = like(ChannelConfig, "type", "apprise")
    urls: tuple[str, ...] = setting(
        REQUIRED, v.apprise_urls, "[Apprise URLs](https://github.com/caronc/apprise/wiki) for "
        "Slack, Discord, Telegram, Teams, ntfy and many more (`pip install "
        "\"newsmon[apprise]\"`); they usually hold tokens and are never logged. `json://`, "
        "`xml://` and `form://` targets obey the address policy", secret=True)


AlertChannelConfig = WebhookChannelConfig | EmailChannelConfig | AppriseChannelConfig

# [[alerts]] type -> its channel class
CHANNELS: dict[str, type[ChannelConfig]] = {
    c.__dataclass_fields__["type"].default: c  # type: ignore[attr-defined]
    for c in (WebhookChannelConfig, EmailChannelConfig, AppriseChannelConfig)
}


@functools.cache
def settings(cls: type) -> tuple[dataclasses.Field, ...]:
    """The keys of a table, in the order errors and the README list them: a channel's name and
    type, its own keys, then the keys every channel has."""
    fields = [f for f in dataclasses.fields(cls) if "parse" in f.metadata]
    if not issubclass(cls, ChannelConfig):
        return tuple(fields)
    shared = {f.name for f in dataclasses.fields(ChannelConfig)} - {"name", "type"}
    return (*(f for f in fields if f.name not in shared), *(f for f in fields if f.name in shared))


@dataclass(frozen=True)
class Config:
    path: str
    database: DatabaseConfig = field(default_factory=DatabaseConfig)
    crawl: CrawlConfig = field(default_factory=CrawlConfig)
    extraction: ExtractionConfig = field(default_factory=ExtractionConfig)
    relevance: RelevanceConfig = field(default_factory=RelevanceConfig)
    daemon: DaemonConfig = field(default_factory=DaemonConfig)
    web: WebConfig = field(default_factory=WebConfig)
    cluster: ClusterConfig = field(default_factory=ClusterConfig)
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


# [table] name -> its class, in the order they are read: the fields of Config with a table each
TABLES: dict[str, type] = {
    f.name: f.default_factory for f in dataclasses.fields(Config)
    if f.default_factory is not MISSING
}
