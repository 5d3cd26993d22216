"""newsmon.lemma_cache: simplemma's own dictionaries, decoded once, and never a wrong answer."""

from __future__ import annotations

import marshal
from pathlib import Path

import pytest
from simplemma.strategies.dictionaries import dictionary_factory

from newsmon import lemma_cache

LANG = "fr"  # a small dictionary keeps these tests quick


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("NEWSMON_CACHE_DIR", str(folder))
    return folder


@pytest.fixture
def decodes(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Counts simplemma's own decodes (the slow path the cache exists to skip)."""
    calls: list[str] = []
    original = dictionary_factory._load_dictionary_from_disk

    def counting(lang: str) -> dict[bytes, bytes]:
        calls.append(lang)
        return original(lang)

    monkeypatch.setattr(dictionary_factory, "_load_dictionary_from_disk", counting)
    return calls


def test_the_cache_holds_simplemmas_own_dictionary(cache: Path, decodes: list[str]) -> None:
    loader = lemma_cache.cached_loader(dictionary_factory._load_dictionary_from_disk)
    first = loader(LANG)
    assert decodes == [LANG]
    path = lemma_cache.cache_path(LANG)
    assert path is not None and path.parent == cache and path.is_file()
    second = loader(LANG)
    assert decodes == [LANG]  # read back, not decoded again
    assert first == second
    assert len(first) > 100_000


def test_a_cached_dictionary_equals_a_fresh_decode(cache: Path) -> None:
    original = dictionary_factory._load_dictionary_from_disk
    lemma_cache.cached_loader(original)(LANG)
    path = lemma_cache.cache_path(LANG)
    assert path is not None
    assert marshal.loads(path.read_bytes()) == original(LANG)


def test_a_damaged_cache_is_rebuilt(cache: Path, decodes: list[str]) -> None:
    loader = lemma_cache.cached_loader(dictionary_factory._load_dictionary_from_disk)
    good = loader(LANG)
    path = lemma_cache.cache_path(LANG)
    assert path is not None
    path.write_bytes(path.read_bytes()[:1000])  # a crash mid-write, a full disk...
    assert loader(LANG) == good
    assert decodes == [LANG, LANG]
    assert marshal.loads(path.read_bytes()) == good


def test_no_writable_cache_folder_still_loads(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                              decodes: list[str]) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("NEWSMON_CACHE_DIR", str(blocker / "cache"))
    loader = lemma_cache.cached_loader(dictionary_factory._load_dictionary_from_disk)
    assert len(loader(LANG)) > 100_000
    assert len(loader(LANG)) > 100_000
    assert decodes == [LANG, LANG]  # decoded each time, and no exception


def test_stale_copies_of_the_language_are_removed(cache: Path) -> None:
    cache.mkdir()
    stale = cache / f"simplemma-1.9.9-py3.11-{LANG}-1-2.marshal"
    other_lang = cache / "simplemma-1.9.9-py3.11-de-1-2.marshal"
    for f in (stale, other_lang):
        f.write_bytes(marshal.dumps({}))
    lemma_cache.cached_loader(dictionary_factory._load_dictionary_from_disk)(LANG)
    assert not stale.exists()
    assert other_lang.exists()


def test_the_cache_location(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("NEWSMON_CACHE_DIR", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert lemma_cache.cache_dir() == tmp_path / "xdg" / "newsmon"
    monkeypatch.delenv("XDG_CACHE_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert lemma_cache.cache_dir() == tmp_path / "home" / ".cache" / "newsmon"


def test_preload_fills_simplemmas_cache_through_the_disk_cache(cache: Path) -> None:
    import simplemma

    factory = dictionary_factory.DEFAULT_DICTIONARY_FACTORY
    factory._get_dictionary.cache_clear()
    original = dictionary_factory._load_dictionary_from_disk
    try:
        lemma_cache.preload([LANG])
        assert lemma_cache.cache_path(LANG).is_file()  # type: ignore[union-attr]
        assert dictionary_factory._load_dictionary_from_disk is original  # put back
        # simplemma answers from what was preloaded, exactly as from its own decode
        words = ["chevaux", "recrutée", "quitte", "nommé", "directrice", "xyzzyq"]
        cached = [(simplemma.lemmatize(w, LANG), simplemma.is_known(w, LANG)) for w in words]
        factory._get_dictionary.cache_clear()
        fresh = [(simplemma.lemmatize(w, LANG), simplemma.is_known(w, LANG)) for w in words]
        assert cached == fresh
        assert cached[0][0] == "cheval"
    finally:
        factory._get_dictionary.cache_clear()
