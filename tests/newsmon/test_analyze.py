"""The worker job: one page's extraction, relevance and fingerprint in one round trip."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

from newsmon.analyze import RelevanceOptions, analyze_page
from newsmon.extract import ExtractOptions
from newsmon.relevance import DEFAULT_PROFILES
from tests.newsmon.test_extract import PARAGRAPHS, page

URL = "https://wire.example/2026/11/20/mistral-hires/"
BUILTIN = RelevanceOptions(DEFAULT_PROFILES, None, 1.0)
NAMED = ["Mistral AI has hired Claire Vasseur, a senior research scientist at Google DeepMind, "
         "to lead a new team in Paris working on reasoning models, the company said on Tuesday.",
         *PARAGRAPHS[1:]]


def test_article_is_extracted_classified_and_fingerprinted() -> None:
    result = analyze_page(page(paragraphs=NAMED), URL, ExtractOptions(), None, BUILTIN)
    assert result.extraction.kind == "article"
    assert result.relevance is not None and result.relevance["relevant"] is True
    assert result.relevance["moves"][0]["person"] == "Claire Vasseur"
    assert result.fingerprint is not None and len(result.fingerprint["bands"]) == 24
    assert "vasseur" in result.fingerprint["entities"]
    assert result.errors == {}


def test_non_article_is_neither_classified_nor_fingerprinted() -> None:
    result = analyze_page(page(paragraphs=["Too short."]), URL, ExtractOptions(), None, BUILTIN)
    assert result.extraction.kind == "non_article"
    assert result.relevance is None and result.fingerprint is None


def test_a_failing_classifier_keeps_the_article_and_its_fingerprint(tmp_path: Path) -> None:
    broken = RelevanceOptions(("no-such-profile.toml",), str(tmp_path), 1.0)
    result = analyze_page(page(), URL, ExtractOptions(), None, broken)
    assert result.extraction.kind == "article"
    assert result.relevance is None
    assert "no-such-profile.toml" in result.errors["classify"]
    assert result.fingerprint is not None and "fingerprint" not in result.errors


def test_preload_leaves_the_models_loaded() -> None:
    """What the forkserver imports must leave every per-process cache filled, so that the
    workers it forks never load a model or dictionary themselves."""
    code = textwrap.dedent("""
        import newsmon.worker_preload
        from simplemma.lemmatizer import DEFAULT_DICTIONARY_FACTORY
        from newsmon.dedup.fingerprint import minhash_permutations
        from newsmon.extract import language_detector
        from newsmon.relevance import classifier_for
        print(language_detector.cache_info().currsize, minhash_permutations.cache_info().currsize,
              classifier_for.cache_info().currsize,
              DEFAULT_DICTIONARY_FACTORY._get_dictionary.cache_info().currsize)
    """)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         timeout=120, check=True).stdout.split()
    assert out == ["1", "1", "1", "3"]  # the langid model, MinHash, the profile, en/fr/de
