"""The README's config tables say what the schema (newsmon/config/schema.py) declares: the same
keys, defaults and meanings, so neither can drift from the other.

When one of these fails after a schema change: `python -m newsmon.config --readme README.md`."""

from __future__ import annotations

import dataclasses
import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from newsmon.config import ChannelConfig, ConfigError, parse_config
from newsmon.config.docs import HEADINGS, markdown, readme_tables, rows, toml_value, update_readme
from newsmon.config.load import KNOWN_TABLES
from newsmon.config.schema import CHANNELS, TABLES, SourceConfig, key_of, settings

ROOT = Path(__file__).resolve().parents[2]
README = (ROOT / "README.md").read_text("utf-8")
REGENERATE = "regenerate with `python -m newsmon.config --readme README.md`"
CLASSES = (*TABLES.values(), SourceConfig, *CHANNELS.values())


def readme_rows(heading: str) -> list[tuple[str, str, str]]:
    start, end = readme_tables(README)[heading]
    body = README[start:end].splitlines()
    assert body[0] == "| key | default | meaning |", body[0]
    out = []
    for line in body[2:]:
        key, default, meaning = (cell.strip() for cell in line.strip().strip("|").split(" | "))
        out.append((key, default, meaning))
    return out


def test_the_readme_has_a_table_for_every_config_table() -> None:
    assert set(readme_tables(README)) == set(HEADINGS)
    tables = {re.match(r"`\[\[?(\w+)", h).group(1) for h in HEADINGS}
    assert tables == set(KNOWN_TABLES)


@pytest.mark.parametrize("heading", list(HEADINGS))
def test_readme_keys_and_defaults_are_the_schemas(heading: str) -> None:
    schema = rows(HEADINGS[heading])
    readme = readme_rows(heading)
    assert [r[0] for r in readme] == [r[0] for r in schema], f"keys differ: {REGENERATE}"
    assert {r[0]: r[1] for r in readme} == {r[0]: r[1] for r in schema}, \
        f"defaults differ: {REGENERATE}"
    assert readme == schema, f"meanings differ: {REGENERATE}"


def test_the_readme_is_what_the_generator_writes() -> None:
    assert update_readme(README) == README, REGENERATE


def test_every_key_has_a_one_line_meaning() -> None:
    for cls in CLASSES:
        for f in settings(cls):
            doc = f.metadata["doc"]
            assert doc and "\n" not in doc and "|" not in doc, (cls.__name__, f.name)
            assert callable(f.metadata["parse"]), (cls.__name__, f.name)


def test_shown_defaults_are_read_back_as_the_defaults() -> None:
    """What the README shows as a default, written in a config, gives the default."""
    checked = 0
    for cls in CLASSES:
        for f in settings(cls):
            if f.metadata["shown"] or f.default in (dataclasses.MISSING, None):
                continue
            written = toml_value(f.default, f.metadata["parse"])
            value = tomllib.loads(f"key = {written}")["key"]
            assert f.metadata["parse"](value) == f.default, (cls.__name__, f.name, written)
            checked += 1
    assert checked > 40


@pytest.mark.parametrize(("value", "expected"), [(10 * 1024 * 1024, '"10MiB"'),
                                                 (10_000_000, '"10MB"'), (1000, '"1KB"'),
                                                 (1023, "1023")])
def test_sizes_are_shown_with_their_unit(value: int, expected: str) -> None:
    from newsmon.config import values

    assert toml_value(value, values.size) == expected


@pytest.mark.parametrize(("seconds", "expected"), [(0.5, '"500ms"'), (1.0, '"1s"'),
                                                   (600.0, '"10m"'), (5400.0, '"90m"'),
                                                   (90 * 86400.0, '"90d"'), (1.5, '"1500ms"'),
                                                   (0.0001, "0.0001")])
def test_durations_are_shown_with_their_unit(seconds: float, expected: str) -> None:
    from newsmon.config import values

    assert toml_value(seconds, values.duration) == expected


@pytest.mark.parametrize(("table", "cls", "extra"), [
    *((name, cls, "") for name, cls in TABLES.items()),
    ("sources", SourceConfig, 'name = "s"\nurl = "https://e.example/f"\ntype = "feed"\n'),
    *(("alerts", cls, f'type = "{kind}"\n') for kind, cls in CHANNELS.items()),
])
def test_the_parser_knows_exactly_the_schemas_keys(table: str, cls: type, extra: str) -> None:
    """An unknown key lists the known ones: those the schema declares, in its order."""
    header = f"[[{table}]]" if table in ("sources", "alerts") else f"[{table}]"
    with pytest.raises(ConfigError) as info:
        parse_config(f"{header}\n{extra}zzzz = 1\n", "/tmp/newsmon.toml")
    problem = next(p for p in info.value.problems if "zzzz" in p)
    known = problem.split("known keys: ", 1)[1]
    assert known == ", ".join(key_of(f) for f in settings(cls))


def test_channels_share_their_delivery_keys() -> None:
    shared = {f.name for f in dataclasses.fields(ChannelConfig)}
    for kind, cls in CHANNELS.items():
        assert issubclass(cls, ChannelConfig)
        assert shared <= {f.name for f in dataclasses.fields(cls)}
        assert cls.__dataclass_fields__["type"].default == kind
        assert f"`{kind}`" in ChannelConfig.__dataclass_fields__["type"].metadata["doc"]
    # a key that only some channel types have says which in the README
    alerts = dict((k, d) for k, d, _ in rows(tuple(CHANNELS.values())))
    assert alerts["`url`"] == "required (webhook)"
    assert alerts["`timeout`"] == '`"10s"` (webhook, apprise), `"30s"` (email)'
    assert alerts["`min_score`"] == "`0.0`"


def test_python_m_newsmon_config_prints_and_writes_the_tables(tmp_path: Path) -> None:
    out = subprocess.run([sys.executable, "-m", "newsmon.config", "--markdown"], cwd=ROOT,
                         capture_output=True, text=True, check=True).stdout
    assert out == markdown()
    assert all(f"### {h}\n" in out for h in HEADINGS)
    stale = tmp_path / "README.md"
    stale.write_text(README.replace("| `concurrency` | `16` |", "| `concurrency` | `8` |"),
                     "utf-8")
    subprocess.run([sys.executable, "-m", "newsmon.config", "--readme", str(stale)], cwd=ROOT,
                   check=True)
    assert stale.read_text("utf-8") == README
