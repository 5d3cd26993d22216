"""The README's tables of config keys, made from the schema, so that they cannot drift from it."""

from __future__ import annotations

import dataclasses
import itertools
import json
import re
from typing import Any

from newsmon.config import values
from newsmon.config.schema import CHANNELS, TABLES, SourceConfig, key_of, settings

# README heading -> the classes whose keys its table lists ([[alerts]]: every channel type's)
HEADINGS: dict[str, tuple[type, ...]] = {
    **{f"`[{name}]`": (cls,) for name, cls in TABLES.items()},
    "`[[sources]]` (one table per source)": (SourceConfig,),
    "`[[alerts]]` (one table per channel)": tuple(CHANNELS.values()),
}
_UNITS = {values.duration: (("d", 86400), ("h", 3600), ("m", 60), ("s", 1), ("ms", 0.001)),
          values.size: (("GiB", 1024**3), ("GB", 1000**3), ("MiB", 1024**2), ("MB", 1000**2),
                        ("KiB", 1024), ("KB", 1000))}


def toml_value(value: Any, parse: Any = None) -> str:
    """`value` as a user writes it in TOML: durations and sizes with a unit, lists in brackets."""
    for unit, scale in _UNITS.get(parse, ()):
        if value >= scale and (value / scale).is_integer():
            return f'"{value / scale:.0f}{unit}"'
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, tuple):
        return "[" + ", ".join(toml_value(x) for x in value) + "]"
    return json.dumps(value) if isinstance(value, str) else repr(value)


def shown_default(f: dataclasses.Field) -> str:
    """The default column of the README for one key."""
    if f.metadata["shown"]:
        return f.metadata["shown"]
    if f.default is dataclasses.MISSING:
        return "required"
    if f.default is None:
        return "none"
    return f"`{toml_value(f.default, f.metadata['parse'])}`"


def rows(classes: tuple[type, ...]) -> list[tuple[str, str, str]]:
    """(key, default, meaning) of each key of the classes; a key only some of them (channel
    types) have, or with defaults that differ, says which have which."""
    kinds: dict[str, dict[type, dataclasses.Field]] = {}
    for cls in classes:
        for f in settings(cls):
            kinds.setdefault(key_of(f), {})[cls] = f
    # the keys all have, those only some have, then the rest of those all have
    common = [k for k in kinds if len(kinds[k]) == len(classes)]
    lead = list(itertools.takewhile(common.__contains__, kinds))
    order = lead + [k for k in kinds if k not in common] + [k for k in common if k not in lead]
    out = []
    for key in order:
        by_cls = kinds[key]
        docs = {f.metadata["doc"] for f in by_cls.values()}
        assert len(docs) == 1, f"{key}: one key, one meaning ({docs})"
        defaults: dict[str, list[str]] = {}
        for cls, f in by_cls.items():
            defaults.setdefault(shown_default(f), []).append(_kind(cls))
        if len(defaults) == 1 and len(by_cls) == len(classes):
            default = next(iter(defaults))
        else:
            default = ", ".join(f"{d} ({', '.join(k)})" for d, k in defaults.items())
        out.append((f"`{key}`", default, docs.pop()))
    return out


def _kind(cls: type) -> str:
    return {c: k for k, c in CHANNELS.items()}.get(cls, "")


def table(classes: tuple[type, ...]) -> str:
    lines = ["| key | default | meaning |", "| --- | --- | --- |"]
    lines += [f"| {key} | {default} | {doc} |" for key, default, doc in rows(classes)]
    return "\n".join(lines) + "\n"


def markdown() -> str:
    """Every table under its README heading."""
    return "\n".join(f"### {h}\n\n{table(classes)}" for h, classes in HEADINGS.items())


def readme_tables(readme: str) -> dict[str, tuple[int, int]]:
    """heading -> (start, end) offsets of the first table after that heading in README text."""
    found = {}
    for heading in HEADINGS:
        m = re.search(rf"^### {re.escape(heading)}\n(?:(?!#|\|).*\n)*?((?:\|.*\n)+)", readme, re.M)
        if m:
            found[heading] = (m.start(1), m.end())
    return found


def update_readme(readme: str) -> str:
    """README text with every config table replaced by the schema's."""
    spans = readme_tables(readme)
    missing = set(HEADINGS) - set(spans)
    if missing:
        raise ValueError(f"README has no table under: {', '.join(sorted(missing))}")
    for heading, (start, end) in sorted(spans.items(), key=lambda kv: -kv[1][0]):
        readme = readme[:start] + table(HEADINGS[heading]) + readme[end:]
    return readme
