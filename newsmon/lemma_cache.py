"""simplemma's dictionaries, decoded once per machine instead of once per crawl.

simplemma 2 ships each dictionary front-coded and lzma-compressed, and rebuilds the dict in
pure Python when it loads it: 1.5 to 1.8 s for German, about 0.3 s each for English and French.
Every `newsmon crawl` pays that in its workers' forkserver before the first page can be
extracted, and the daemon starts a crawl every few minutes. A decoded copy in `marshal` format
loads in about 0.5 s, so the workers start about 1.5 s sooner and every crawl saves that CPU.

simplemma has no switch for this: `preload()` fills its default factory's own cache while its
module-level loader is swapped for a caching one. If a simplemma release renames that loader,
the dictionaries load the ordinary way. marshal never runs code, so a tampered cache can give
wrong lemmas but cannot take over the process; a damaged one is rebuilt.

The cache lives in `$NEWSMON_CACHE_DIR`, else `$XDG_CACHE_HOME/newsmon`, else
`~/.cache/newsmon` (about 35 MB); if none is writable, nothing is cached.
"""

from __future__ import annotations

import contextlib
import logging
import marshal
import os
import re
import sys
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path

logger = logging.getLogger(__name__)

PREFIX = "simplemma-"


def cache_dir() -> Path | None:
    if explicit := os.environ.get("NEWSMON_CACHE_DIR"):
        return Path(explicit)
    if xdg := os.environ.get("XDG_CACHE_HOME"):
        return Path(xdg) / "newsmon"
    try:
        return Path.home() / ".cache" / "newsmon"
    except (RuntimeError, KeyError):  # no home directory (some service accounts)
        return None


def _source_file(lang: str) -> Path | None:
    from simplemma.strategies.dictionaries import dictionary_factory

    folder = getattr(dictionary_factory, "DATA_FOLDER", None)
    return Path(folder) / f"{lang}.plzma" if folder is not None else None


def cache_path(lang: str) -> Path | None:
    """The cache file for `lang`, named for everything that could change its content."""
    import simplemma

    folder, source = cache_dir(), _source_file(lang)
    if folder is None or source is None:
        return None
    try:
        st = source.stat()
    except OSError:
        return None
    py = f"{sys.version_info.major}.{sys.version_info.minor}"
    return folder / (f"{PREFIX}{simplemma.__version__}-py{py}-{lang}-"
                     f"{st.st_size}-{st.st_mtime_ns}.marshal")


def cached_loader(load: Callable[[str], dict[bytes, bytes]]
                  ) -> Callable[[str], dict[bytes, bytes]]:
    """`load` (simplemma's decoder) behind the on-disk cache."""

    def loader(lang: str) -> dict[bytes, bytes]:
        path = cache_path(lang)
        if path is not None:
            with contextlib.suppress(OSError, ValueError, EOFError, TypeError):
                data = marshal.loads(path.read_bytes())
                if isinstance(data, dict):
                    return data
        data = load(lang)
        if path is not None:
            _write(path, lang, data)
        return data

    return loader


def _write(path: Path, lang: str, data: dict[bytes, bytes]) -> None:
    """Atomically (a reader never sees half a file), dropping this language's stale copies."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=".marshal")
        try:
            with os.fdopen(fd, "wb") as f:
                marshal.dump(data, f)
            os.replace(tmp, path)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            raise
        stale = re.compile(rf"{PREFIX}.+-py[0-9.]+-{re.escape(lang)}-[0-9]+-[0-9]+\.marshal")
        for old in path.parent.glob(f"{PREFIX}*.marshal"):
            if old != path and stale.fullmatch(old.name):
                with contextlib.suppress(OSError):
                    old.unlink()
    except OSError as exc:  # a read-only or full disk: carry on without the cache
        logger.debug("cannot cache simplemma dictionary in %s: %s", path.parent, exc)


def preload(langs: Iterable[str]) -> None:
    """Load these languages into simplemma's default dictionary cache, via the disk cache."""
    import simplemma
    from simplemma.strategies.dictionaries import dictionary_factory

    original = getattr(dictionary_factory, "_load_dictionary_from_disk", None)
    if original is not None:
        dictionary_factory._load_dictionary_from_disk = cached_loader(original)
    try:
        for lang in langs:
            simplemma.is_known("newsmon", lang)  # loads and caches the dictionary
    finally:
        if original is not None:
            dictionary_factory._load_dictionary_from_disk = original
