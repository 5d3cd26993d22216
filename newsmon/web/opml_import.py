"""OPML import: a feed reader's subscription list turned into `[[sources]]` tables to paste
into the config. The config stays the one place sources are defined (and reloaded from),
so the dashboard writes nothing: it checks each feed URL against the address policy (no
DNS lookup: names are checked again when a crawl resolves them) and prints the TOML."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from xml.etree import ElementTree as ET

from newsmon.config import Config
from newsmon.netpolicy import RefusedAddress, check_url

MAX_BYTES = 1_000_000


@dataclass
class ImportResult:
    toml: str = ""
    added: list[tuple[str, str]] = field(default_factory=list)  # (name, url)
    refused: list[tuple[str, str]] = field(default_factory=list)  # (url, why)
    known: list[str] = field(default_factory=list)  # URLs the config already has
    error: str | None = None


def _outlines(data: bytes) -> list[tuple[str, str]]:
    """(title, xmlUrl) of every feed outline, nested folders included."""
    if len(data) > MAX_BYTES:
        raise ValueError(f"the file is larger than {MAX_BYTES // 1000} kB")
    if b"<!DOCTYPE" in data.upper() or b"<!ENTITY" in data.upper():
        raise ValueError("OPML with a DOCTYPE or entities is not accepted")
    try:
        root = ET.fromstring(data)
    except ET.ParseError as exc:
        raise ValueError(f"not valid XML: {exc}") from None
    if root.tag != "opml":
        raise ValueError("not an OPML document (no <opml> root)")
    return [((o.get("title") or o.get("text") or "").strip(), o.get("xmlUrl", "").strip())
            for o in root.iter("outline") if o.get("xmlUrl")]


def _name(title: str, url: str, taken: set[str]) -> str:
    base = re.sub(r"[^A-Za-z0-9_.-]+", "-", title or url.split("//", 1)[-1]).strip("-.")[:56]
    base = base.lower() or "feed"
    name, n = base, 2
    while name in taken:
        name, n = f"{base}-{n}", n + 1
    taken.add(name)
    return name


def import_opml(cfg: Config, data: bytes) -> ImportResult:
    result = ImportResult()
    try:
        outlines = _outlines(data)
    except ValueError as exc:
        result.error = str(exc)
        return result
    have = {s.url for s in cfg.sources}
    taken = {s.name for s in cfg.sources}
    tables = []
    for title, url in outlines:
        if url in have:
            result.known.append(url)
            continue
        try:
            check_url(url, cfg.crawl.allow_private_addresses)
        except RefusedAddress as exc:
            result.refused.append((url, str(exc)))
            continue
        have.add(url)
        name = _name(title, url, taken)
        result.added.append((name, url))
        tables.append(f'[[sources]]\nname = {json.dumps(name)}\nurl = {json.dumps(url)}\n'
                      'type = "feed"\n')
    result.toml = "\n".join(tables)
    return result
