"""`newsmon classify --explain` and `newsmon reclassify` on a real database."""

from __future__ import annotations

from pathlib import Path

from newsmon.config import SourceConfig
from newsmon.ingest import Ingest
from newsmon.storage import sources
from newsmon.storage.articles import NewArticle
from newsmon.store import Store
from tests.conftest import run_newsmon, write_config

TEXT = ("Priya Nair, who led safety evaluations at OpenAI, has joined Anthropic, the company "
        "confirmed on Tuesday. She will lead a new team on model audits.\n"
        "Nair spent four years at OpenAI and worked on its preparedness framework.")


def setup_db(tmp_path: Path) -> Path:
    db = f"sqlite:///{tmp_path / 'n.db'}"
    cfg = write_config(tmp_path / "n.toml", db,
                       [{"name": "wire", "url": "http://127.0.0.1:9/feed.xml", "type": "feed"}])
    store = Store.open(db)
    sources.sync(store, [SourceConfig("wire", "http://127.0.0.1:9/feed.xml", "feed")])
    Ingest(store, ()).store_article(NewArticle(
        source="wire", url="https://w.example/a", canonical_url="https://w.example/a",
        title="OpenAI safety lead Priya Nair joins Anthropic", text=TEXT, language="en",
        published=None, authors=[], site_name=None, description=None, syndicated_from=None,
        content_hash="x", word_count=40))
    store.close()
    return cfg


def test_explain_prints_the_decision_and_its_reasons(tmp_path: Path) -> None:
    cfg = setup_db(tmp_path)
    out = run_newsmon("classify", "--config", str(cfg), "--explain", "1", check=True).stdout
    assert "RELEVANT" in out and "threshold 1.0" in out
    assert "headline (score" in out and "staffing words joins" in out
    assert "move: Priya Nair joins from OpenAI to Anthropic" in out
    by_url = run_newsmon("classify", "--config", str(cfg), "--explain", "https://w.example/a",
                         check=True).stdout
    assert by_url == out


def test_explain_unknown_article(tmp_path: Path) -> None:
    cfg = setup_db(tmp_path)
    proc = run_newsmon("classify", "--config", str(cfg), "--explain", "999")
    assert proc.returncode == 1 and "no stored article" in proc.stderr


def test_reclassify_after_a_profile_change(tmp_path: Path) -> None:
    cfg = setup_db(tmp_path)
    first = run_newsmon("reclassify", "--config", str(cfg), check=True).stdout
    assert "1 relevant" in first
    # a profile that knows nothing of Anthropic or OpenAI: the article stops being relevant
    (tmp_path / "other.toml").write_text('name = "chips"\n[organisations.TSMC]\n'
                                         'aliases = ["TSMC"]\n[predicates.en]\njoin = "joins"\n')
    cfg.write_text(cfg.read_text() + '\n[relevance]\nprofiles = ["other.toml"]\n')
    second = run_newsmon("reclassify", "--config", str(cfg), check=True).stdout
    assert "0 relevant, 1 decisions changed" in second
    exported = run_newsmon("export", "--config", str(cfg), check=True).stdout
    assert '"relevant": false' in exported and '"moves": []' in exported
