"""newsmon/config.py: a typed config from TOML, every mistake reported with file, line and key."""

from __future__ import annotations

import re
import textwrap
import tomllib
from pathlib import Path

import pytest

from newsmon.config import (
    Config,
    ConfigError,
    CrawlConfig,
    DatabaseConfig,
    EmailChannelConfig,
    ExtractionConfig,
    SourceConfig,
    WebhookChannelConfig,
    load_config,
    parse_config,
    sample_config_text,
)

PATH = "/srv/newsmon/newsmon.toml"

FULL = """\
[database]
url = "postgresql+psycopg://newsmon@db.example.net/newsmon"

[crawl]
allow_private_addresses = true
concurrency = 8
per_domain_concurrency = 3
per_domain_delay = "500ms"
timeout = "45s"
max_page_size = "5MiB"
user_agent = "newsmon-test/1.0"
obey_robots_txt = false
retry_times = 4
max_retry_after = "2m"
max_articles_per_source = 75
page_depth = 2

[extraction]
workers = 3
min_words = 40
favor = "precision"
fast = false

[[sources]]
name = "harbour-gazette"
url = "https://news.example.org/rss.xml"
type = "feed"
interval = "1h30m"
language = "en"

[[sources]]
name = "courier.sitemap"
url = "https://courier.example.com/sitemap-news.xml"
type = "sitemap"
interval = 600
enabled = false
max_articles = 20

[[sources]]
name = "climate_section"
url = "https://courier.example.com/climate/"
type = "page"
depth = 2
follow = "/climate/20\\\\d\\\\d/"

[[alerts]]
name = "team-hook"
type = "webhook"
url = "https://hooks.example.com/newsmon"
secret_env = "NEWSMON_WEBHOOK_SECRET"

[[alerts]]
type = "email"
smtp_url = "smtp://mail.example.com:587"
starttls = true
username_env = "SMTP_USER"
password_env = "SMTP_PASSWORD"
from = "newsmon@example.com"
to = ["desk@example.com", "editor@example.com"]
"""


def problems_of(text: str, path: str = PATH) -> list[str]:
    with pytest.raises(ConfigError) as info:
        parse_config(text, path)
    err = info.value
    assert err.path == path
    assert err.problems
    # the message names the file on every problem
    lines = str(err).splitlines()
    assert len(lines) == len(err.problems)
    assert all(line.startswith(f"{path}: ") for line in lines)
    return err.problems


def one_problem(text: str) -> str:
    problems = problems_of(text)
    assert len(problems) == 1, problems
    return problems[0]


def line_of(problem: str) -> int:
    m = re.match(r"line (\d+): ", problem)
    assert m, f"no line number in {problem!r}"
    return int(m.group(1))


def numbered(text: str, needle: str) -> int:
    """1-based line number of the first line containing `needle`."""
    for i, line in enumerate(text.splitlines(), 1):
        if needle in line:
            return i
    raise AssertionError(needle)


# --- a valid config -------------------------------------------------------------------------

def test_full_config_round_trips_into_typed_values() -> None:
    cfg = parse_config(FULL, PATH)
    assert isinstance(cfg, Config)
    assert cfg.path == PATH
    assert cfg.database == DatabaseConfig(url="postgresql+psycopg://newsmon@db.example.net/newsmon")
    assert cfg.crawl == CrawlConfig(
        allow_private_addresses=True, concurrency=8, per_domain_concurrency=3,
        per_domain_delay=0.5, timeout=45.0, max_page_size=5 * 1024 * 1024,
        user_agent="newsmon-test/1.0", obey_robots_txt=False, retry_times=4,
        max_retry_after=120.0, max_articles_per_source=75, page_depth=2,
    )
    assert cfg.extraction == ExtractionConfig(workers=3, min_words=40, favor="precision",
                                              fast=False)
    assert cfg.sources == (
        SourceConfig(name="harbour-gazette", url="https://news.example.org/rss.xml", type="feed",
                     interval=5400.0, language="en"),
        SourceConfig(name="courier.sitemap", url="https://courier.example.com/sitemap-news.xml",
                     type="sitemap", interval=600.0, enabled=False, max_articles=20),
        SourceConfig(name="climate_section", url="https://courier.example.com/climate/",
                     type="page", depth=2, follow=r"/climate/20\d\d/"),
    )
    hook, mail = cfg.alerts
    assert hook == WebhookChannelConfig(name="team-hook", url="https://hooks.example.com/newsmon",
                                        secret_env="NEWSMON_WEBHOOK_SECRET")
    assert mail == EmailChannelConfig(
        name="email-2", smtp_url="smtp://mail.example.com:587", from_="newsmon@example.com",
        to=("desk@example.com", "editor@example.com"), starttls=True, username_env="SMTP_USER",
        password_env="SMTP_PASSWORD",
    )


def test_durations_are_seconds_and_sizes_bytes() -> None:
    cfg = parse_config(FULL, PATH)
    assert isinstance(cfg.crawl.per_domain_delay, float)
    assert isinstance(cfg.crawl.max_page_size, int)
    assert isinstance(cfg.sources[1].interval, float)


def test_config_helpers() -> None:
    cfg = parse_config(FULL, PATH)
    gazette, sitemap, section = cfg.sources
    assert cfg.source("courier.sitemap") is sitemap
    with pytest.raises(KeyError):
        cfg.source("nope")
    assert cfg.max_articles(gazette) == 75  # crawl default
    assert cfg.max_articles(sitemap) == 20  # its own
    assert cfg.page_depth(section) == 2
    assert cfg.page_depth(gazette) == 2  # crawl.page_depth


def test_empty_config_gives_defaults() -> None:
    cfg = parse_config("", "/tmp/empty.toml")
    assert cfg.crawl == CrawlConfig()
    assert cfg.extraction == ExtractionConfig()
    assert cfg.sources == () and cfg.alerts == ()
    assert cfg.database.url == "sqlite:////tmp/newsmon.db"


def test_single_email_recipient_string_becomes_a_tuple() -> None:
    cfg = parse_config(textwrap.dedent("""\
        [[alerts]]
        name = "m"
        type = "email"
        smtp_url = "smtps://mail.example.com"
        from = "a@example.com"
        to = "b@example.com"
        """), PATH)
    assert cfg.alerts[0].to == ("b@example.com",)


def test_webhook_secret_is_kept_but_not_in_repr() -> None:
    cfg = parse_config(textwrap.dedent("""\
        [[alerts]]
        type = "webhook"
        url = "https://hooks.example.com/x"
        secret = "whsec_topsecret_4242"
        """), PATH)
    assert cfg.alerts[0].secret == "whsec_topsecret_4242"
    assert "whsec_topsecret_4242" not in repr(cfg)


# --- sqlite path ---------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("sqlite:///newsmon.db", "sqlite:////srv/newsmon/newsmon.db"),
        ("sqlite:///data/news.db", "sqlite:////srv/newsmon/data/news.db"),
        ("sqlite:///../shared/news.db", "sqlite:////srv/newsmon/../shared/news.db"),
        ("sqlite:////var/lib/newsmon.db", "sqlite:////var/lib/newsmon.db"),
        ("sqlite:///:memory:", "sqlite:///:memory:"),
        ("sqlite://", "sqlite://"),
        ("postgresql+psycopg://u@h/db", "postgresql+psycopg://u@h/db"),
    ],
)
def test_relative_sqlite_path_is_relative_to_the_config_file(url: str, expected: str) -> None:
    cfg = parse_config(f'[database]\nurl = "{url}"\n', PATH)
    assert cfg.database.url == expected


def test_relative_config_path_resolves_from_cwd(tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    cfg = parse_config('[database]\nurl = "sqlite:///x.db"\n', "conf/newsmon.toml")
    assert cfg.database.url == f"sqlite:///{tmp_path.resolve() / 'conf' / 'x.db'}"


def test_sample_config_path_is_not_resolved() -> None:
    cfg = parse_config('[database]\nurl = "sqlite:///x.db"\n', "<built-in sample config>")
    assert cfg.database.url == "sqlite:///x.db"


def test_relative_sqlite_path_with_driver_is_resolved() -> None:
    cfg = parse_config('[database]\nurl = "sqlite+pysqlite:///news.db"\n', PATH)
    assert cfg.database.url == "sqlite+pysqlite:////srv/newsmon/news.db"


# --- mistakes ------------------------------------------------------------------------------

def test_unknown_key_with_suggestion() -> None:
    text = "[crawl]\nconcurrency = 4\nper_domain_dealy = \"2s\"\n"
    problem = one_problem(text)
    assert line_of(problem) == 3
    assert "[crawl] per_domain_dealy" in problem
    assert "unknown key" in problem
    assert "did you mean 'per_domain_delay'?" in problem


def test_unknown_key_in_a_source_names_the_source() -> None:
    text = textwrap.dedent("""\
        [[sources]]
        name = "a"
        url = "https://a.example/feed"
        type = "feed"

        [[sources]]
        name = "b"
        url = "https://b.example/feed"
        type = "feed"
        intervall = "5m"
        """)
    problem = one_problem(text)
    assert line_of(problem) == numbered(text, "intervall")
    assert "[[sources]] #2 intervall" in problem
    assert "did you mean 'interval'?" in problem


def test_unknown_key_without_close_match_lists_known_keys() -> None:
    problem = one_problem("[extraction]\nzzzz = 1\n")
    assert "did you mean" not in problem
    assert "favor" in problem and "min_words" in problem


@pytest.mark.parametrize(
    ("table", "key", "value", "expect"),
    [
        ("crawl", "concurrency", '"many"', "expected a whole number"),
        ("crawl", "concurrency", "0", "at least 1"),
        ("crawl", "concurrency", "2.5", "expected a whole number"),
        ("crawl", "retry_times", "-1", "at least 0"),
        ("crawl", "obey_robots_txt", '"yes"', "expected true or false"),
        ("crawl", "allow_private_addresses", "1", "expected true or false"),
        ("crawl", "user_agent", "42", "expected a string"),
        ("crawl", "user_agent", '"  "', "must not be empty"),
        ("crawl", "max_articles_per_source", "true", "expected a whole number"),
        ("extraction", "favor", '"speed"', "must be one of balanced, precision, recall"),
        ("extraction", "fast", '"true"', "expected true or false"),
        ("database", "url", '"not a url"', "not a SQLAlchemy database URL"),
    ],
)
def test_wrong_type_or_value(table: str, key: str, value: str, expect: str) -> None:
    text = f"# comment\n[{table}]\n{key} = {value}\n"
    problem = one_problem(text)
    assert line_of(problem) == 3
    assert f"[{table}] {key}:" in problem
    assert expect in problem


@pytest.mark.parametrize(
    ("value", "expect"),
    [('"30x"', "bad duration '30x'"), ('"-5s"', "bad duration"), ('""', "empty duration"),
     ("-3", "cannot be negative"), ("true", "expected a duration"), ("[1]", "expected a duration")],
)
def test_bad_duration(value: str, expect: str) -> None:
    problem = one_problem(f"[crawl]\ntimeout = {value}\n")
    assert line_of(problem) == 2
    assert "[crawl] timeout:" in problem
    assert expect in problem


@pytest.mark.parametrize(
    ("value", "expect"),
    [('"10QB"', "bad size '10QB'"), ('"lots"', "bad size"), ("-1", "cannot be negative"),
     ("1.5", "expected a size"), ("false", "expected a size")],
)
def test_bad_size(value: str, expect: str) -> None:
    problem = one_problem(f"[crawl]\nmax_page_size = {value}\n")
    assert line_of(problem) == 2
    assert "[crawl] max_page_size:" in problem
    assert expect in problem


def source(**fields: str) -> str:
    values = {"name": '"s"', "url": '"https://example.com/feed"', "type": '"feed"'}
    values.update(fields)
    return "[[sources]]\n" + "".join(f"{k} = {v}\n" for k, v in values.items() if v)


@pytest.mark.parametrize(
    ("url", "expect"),
    [
        ('"ftp://example.com/feed"', "not an http(s) URL"),
        ('"file:///etc/passwd"', "not an http(s) URL"),
        ('"https:///no-host"', "not an http(s) URL"),
        ('"example.com/feed"', "not an http(s) URL"),
        ('"https://example.com:99999/"', "bad port"),
        ('""', "must not be empty"),
        ("42", "expected a string"),
    ],
)
def test_bad_source_url(url: str, expect: str) -> None:
    text = source(url=url)
    problem = one_problem(text)
    assert line_of(problem) == numbered(text, "url =")
    assert "[[sources]] #1 url:" in problem
    assert expect in problem


@pytest.mark.parametrize("kind", ['"rss"', '"Feed"', "1"])
def test_bad_source_type(kind: str) -> None:
    text = source(type=kind)
    problem = one_problem(text)
    assert line_of(problem) == numbered(text, "type =")
    assert "[[sources]] #1 type:" in problem
    assert "must be one of feed, sitemap, page" in problem


@pytest.mark.parametrize(
    ("field", "value", "expect"),
    [
        ("name", '"has space"', "names use letters"),
        ("name", '"-leading"', "names use letters"),
        ("follow", '"(unclosed"', "bad regular expression"),
        ("max_articles", "0", "at least 1"),
        ("enabled", '"no"', "expected true or false"),
        ("interval", '"often"', "bad duration"),
    ],
)
def test_bad_source_field(field: str, value: str, expect: str) -> None:
    text = source(type='"page"', **{field: value})
    problem = one_problem(text)
    assert f"[[sources]] #1 {field}:" in problem
    assert expect in problem
    assert line_of(problem) == numbered(text, f"{field} =")


@pytest.mark.parametrize("field", ["depth = 2", 'follow = "/news/"'])
def test_page_only_keys_on_a_feed(field: str) -> None:
    text = source() + field + "\n"
    problem = one_problem(text)
    assert 'only applies to type = "page"' in problem
    assert line_of(problem) == 5


def test_duplicate_source_names() -> None:
    text = source(name='"dup"') + "\n" + source(name='"other"') + "\n" + source(name='"dup"')
    problem = one_problem(text)
    assert "[[sources]] #3 name:" in problem
    assert "duplicate source name 'dup'" in problem
    assert "source #1" in problem
    assert line_of(problem) == 12  # the third block's `name =` line


@pytest.mark.parametrize("missing", ["name", "url", "type"])
def test_missing_required_source_key(missing: str) -> None:
    text = "[crawl]\nretry_times = 1\n\n" + source(**{missing: ""})
    problem = one_problem(text)
    assert f"missing required key '{missing}'" in problem
    assert "[[sources]] #1" in problem
    assert line_of(problem) == 4  # the [[sources]] header


@pytest.mark.parametrize("missing", ["smtp_url", "from", "to"])
def test_missing_required_email_key(missing: str) -> None:
    fields = {"type": '"email"', "smtp_url": '"smtp://mail.example.com"',
              "from": '"a@example.com"', "to": '["b@example.com"]'}
    del fields[missing]
    text = "[[alerts]]\n" + "".join(f"{k} = {v}\n" for k, v in fields.items())
    problem = one_problem(text)
    assert f"missing required key '{missing}'" in problem
    assert "[[alerts]] #1" in problem


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("[crawl\ntimeout = 1\n", 1),
        ('[crawl]\ntimeout = "1s"\ntimeout = "2s"\n', 3),
        ('[crawl]\nuser_agent = "unterminated\n', 2),
        ("[crawl]\nconcurrency = = 4\n", 2),
    ],
)
def test_invalid_toml_has_a_line(text: str, line: int) -> None:
    problem = one_problem(text)
    assert problem.startswith("not valid TOML")
    assert f"line {line}" in problem


@pytest.mark.parametrize("secret", ["4242424242", "true", '["whsec_s3cr3t_value"]',
                                    '{ value = "whsec_s3cr3t_value" }'])
def test_bad_webhook_secret_is_not_echoed(secret: str) -> None:
    text = ('[[alerts]]\ntype = "webhook"\nurl = "https://hooks.example.com/x"\n'
            f"secret = {secret}\n")
    with pytest.raises(ConfigError) as info:
        parse_config(text, PATH)
    message = str(info.value)
    assert "[[alerts]] #1 secret:" in message
    assert line_of(info.value.problems[0]) == 4
    for leaked in ("4242424242", "whsec_s3cr3t_value", "True"):
        assert leaked not in message


def test_secret_and_secret_env_together() -> None:
    text = ('[[alerts]]\ntype = "webhook"\nurl = "https://hooks.example.com/x"\n'
            'secret = "whsec_s3cr3t_value"\nsecret_env = "HOOK_SECRET"\n')
    problem = one_problem(text)
    assert "not both" in problem
    assert "whsec_s3cr3t_value" not in problem


@pytest.mark.parametrize("kind", ['"slack"', None, '["webhook"]', '{ name = "x" }'])
def test_bad_alert_type(kind: str | None) -> None:
    text = "[[alerts]]\n" + (f"type = {kind}\n" if kind else "") + 'url = "https://h.example/"\n'
    problem = one_problem(text)
    assert "[[alerts]] #1 type:" in problem
    assert 'must be "webhook", "email" or "apprise"' in problem


def test_duplicate_alert_names() -> None:
    hook = '[[alerts]]\nname = "x"\ntype = "webhook"\nurl = "https://h.example/"\n'
    problem = one_problem(hook + "\n" + hook)
    assert "duplicate channel name 'x'" in problem
    assert "[[alerts]] #2" in problem


def test_unknown_top_level_table_with_suggestion() -> None:
    problem = one_problem("[crawler]\nconcurrency = 4\n")
    assert "'crawler'" in problem
    assert "did you mean 'crawl'?" in problem


@pytest.mark.parametrize(
    ("text", "line"),
    [("[crawl]\nretry_times = 1\n\n[crawler]\nconcurrency = 4\n", 4),
     ('[database]\nurl = "sqlite:///x.db"\n\n[sources]\nname = "x"\n', 4)],
)
def test_top_level_mistakes_have_a_line(text: str, line: int) -> None:
    assert line_of(one_problem(text)) == line


def test_single_bracket_sources_is_reported() -> None:
    problem = one_problem('[sources]\nname = "x"\n')
    assert "[[sources]]" in problem


def test_several_mistakes_are_reported_at_once() -> None:
    text = textwrap.dedent("""\
        [crawl]
        concurency = 4
        timeout = "30x"
        max_page_size = "10QB"

        [extraction]
        favor = "speed"

        [[sources]]
        name = "a"
        url = "ftp://example.com/feed"
        type = "rss"

        [[sources]]
        name = "b"
        url = "https://example.com/feed"
        type = "feed"

        [[sources]]
        name = "b"
        url = "https://example.com/other"
        type = "sitemap"

        [[sources]]
        url = "https://example.com/x"
        type = "page"
        """)
    problems = problems_of(text, PATH)
    expected = [
        (2, "[crawl] concurency", "did you mean 'concurrency'?"),
        (3, "[crawl] timeout", "bad duration"),
        (4, "[crawl] max_page_size", "bad size"),
        (7, "[extraction] favor", "must be one of"),
        (11, "[[sources]] #1 url", "not an http(s) URL"),
        (12, "[[sources]] #1 type", "must be one of"),
        (20, "[[sources]] #3 name", "duplicate source name 'b'"),
        (24, "[[sources]] #4", "missing required key 'name'"),
    ]
    assert len(problems) == len(expected), problems
    for problem, (line, label, what) in zip(problems, expected, strict=True):
        assert line_of(problem) == line, problem
        assert label in problem and what in problem, problem


def test_nan_duration_is_rejected() -> None:
    with pytest.raises(ConfigError):
        parse_config("[crawl]\ntimeout = nan\n", PATH)


# --- the built-in sample and load_config ----------------------------------------------------

def test_sample_config_parses_and_has_every_source_type() -> None:
    cfg = parse_config(sample_config_text(), "<built-in sample config>")
    assert {s.type for s in cfg.sources} == {"feed", "sitemap", "page"}
    assert all(s.url.startswith("https://") for s in cfg.sources)
    assert cfg.crawl.allow_private_addresses is False
    assert cfg.crawl.per_domain_delay == 1.0
    assert cfg.crawl.max_page_size == 10 * 1024 * 1024
    assert cfg.crawl.max_retry_after == 600.0


def test_sample_config_settings_are_the_built_in_defaults() -> None:
    """The sample spells out the defaults of the keys it sets (all but the database URL):
    "10MB" for a default of 10MiB would quietly lower the cap of whoever starts from it."""
    sample = parse_config(sample_config_text(), "<built-in sample config>")
    default = parse_config('[database]\nurl = "sqlite:///newsmon.db"\n', "<defaults>")
    tables = {k: v for k, v in tomllib.loads(sample_config_text()).items()
              if isinstance(v, dict)}
    assert tables
    for table, keys in tables.items():
        for key in keys:
            assert getattr(getattr(sample, table), key) == getattr(getattr(default, table), key), \
                f"[{table}] {key}"


def test_load_config_falls_back_to_the_sample(tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("NEWSMON_CONFIG", raising=False)
    cfg = load_config(None)
    assert cfg.path == "<built-in sample config>"
    assert cfg == parse_config(sample_config_text(), "<built-in sample config>")


def test_load_config_reads_newsmon_toml_in_cwd(tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("NEWSMON_CONFIG", raising=False)
    (tmp_path / "newsmon.toml").write_text("[crawl]\nretry_times = 7\n", encoding="utf-8")
    cfg = load_config(None)
    assert cfg.crawl.retry_times == 7
    assert cfg.database.url == f"sqlite:///{tmp_path.resolve() / 'newsmon.db'}"


def test_load_config_honours_the_environment(tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "newsmon.toml").write_text("[crawl]\nretry_times = 7\n", encoding="utf-8")
    elsewhere = tmp_path / "etc" / "other.toml"
    elsewhere.parent.mkdir()
    elsewhere.write_text("[crawl]\nretry_times = 3\n", encoding="utf-8")
    monkeypatch.setenv("NEWSMON_CONFIG", str(elsewhere))
    cfg = load_config(None)
    assert cfg.path == str(elsewhere)
    assert cfg.crawl.retry_times == 3
    assert cfg.database.url == f"sqlite:///{elsewhere.parent.resolve() / 'newsmon.db'}"


def test_explicit_path_beats_the_environment(tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    explicit = tmp_path / "mine.toml"
    explicit.write_text("[crawl]\nretry_times = 5\n", encoding="utf-8")
    monkeypatch.setenv("NEWSMON_CONFIG", str(tmp_path / "missing.toml"))
    assert load_config(str(explicit)).crawl.retry_times == 5


def test_missing_explicit_file_is_a_config_error(tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NEWSMON_CONFIG", raising=False)
    missing = tmp_path / "nope.toml"
    with pytest.raises(ConfigError) as info:
        load_config(str(missing))
    assert info.value.path == str(missing)
    assert "no such file" in str(info.value) and "--config" in str(info.value)


def test_missing_file_named_by_the_environment_is_a_config_error(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("NEWSMON_CONFIG", str(tmp_path / "gone.toml"))
    with pytest.raises(ConfigError, match=r"no such file \(chosen by \$NEWSMON_CONFIG\)"):
        load_config(None)


def test_unreadable_file_is_a_config_error(tmp_path: Path) -> None:
    bad = tmp_path / "latin1.toml"
    bad.write_bytes(b'[crawl]\nuser_agent = "caf\xe9"\n')
    with pytest.raises(ConfigError, match="cannot read"):
        load_config(str(bad))


def test_load_config_reports_mistakes_with_the_file_name(tmp_path: Path) -> None:
    path = tmp_path / "newsmon.toml"
    path.write_text("[crawl]\ntimeout = \"soon\"\n", encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        load_config(str(path))
    assert str(info.value).startswith(f"{path}: line 2: [crawl] timeout:")


def test_daemon_section_typed_and_checked() -> None:
    cfg = parse_config(textwrap.dedent("""\
        [daemon]
        max_parallel_crawls = 2
        crawl_timeout = "20m"
        retention = "30d"
        health_channel = "ops"

        [[alerts]]
        type = "webhook"
        name = "ops"
        url = "https://hooks.example/ops"
        """))
    assert cfg.daemon.max_parallel_crawls == 2 and cfg.daemon.crawl_timeout == 1200.0
    assert cfg.daemon.retention == 30 * 86400.0 and cfg.daemon.health_channel == "ops"
    problem = one_problem('[daemon]\nshutdown_timeout = "soon"\n')
    assert line_of(problem) == 2 and "[daemon] shutdown_timeout" in problem
    problem = one_problem('[daemon]\nhealth_channel = "ops"\n')
    assert "no [[alerts]] channel named 'ops'" in problem
