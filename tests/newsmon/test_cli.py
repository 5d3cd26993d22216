"""The command line as a user meets it: first run, mistakes, and the exit codes."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.conftest import run_newsmon, write_config


def test_init_then_crawl_on_the_sample_config_ends_cleanly_offline(tmp_path: Path) -> None:
    init = run_newsmon("init", cwd=tmp_path, check=True)
    assert (tmp_path / "newsmon.toml").exists() and "wrote" in init.stdout
    # The sample's real sources cannot be resolved here (the test network guard refuses every
    # name but localhost), exactly as on a machine without network: each fails with a reason.
    crawl = run_newsmon("crawl", "--no-progress", cwd=tmp_path, timeout=180)
    assert crawl.returncode == 0, crawl.stderr
    assert "6 sources (0 ok, 6 failed)" in crawl.stdout
    assert crawl.stdout.count("cannot resolve host") == 6
    assert "Traceback" not in crawl.stderr
    assert (tmp_path / "newsmon.db").exists()
    sources = run_newsmon("sources", cwd=tmp_path, check=True)
    assert len(re.findall(r" failed +https://", sources.stdout)) == 6
    assert sources.stdout.count("last error: cannot resolve host") == 6


def test_init_refuses_to_overwrite(tmp_path: Path) -> None:
    (tmp_path / "newsmon.toml").write_text("# mine\n")
    proc = run_newsmon("init", cwd=tmp_path)
    assert proc.returncode == 1 and "--force" in proc.stderr
    assert (tmp_path / "newsmon.toml").read_text() == "# mine\n"


def test_bad_config_names_file_line_and_key(tmp_path: Path) -> None:
    cfg = tmp_path / "bad.toml"
    cfg.write_text('[crawl]\nper_domain_dealy = "1s"\ntimeout = "soon"\n\n[[sources]]\n'
                   'name = "a"\nurl = "ftp://example.com/feed"\ntype = "feed"\n')
    proc = run_newsmon("crawl", "--config", str(cfg))
    assert proc.returncode == 2
    err = proc.stderr
    assert str(cfg) in err
    assert "line 2" in err and "per_domain_dealy" in err
    assert "did you mean 'per_domain_delay'" in err
    assert "line 3" in err and "timeout" in err and "bad duration" in err
    assert "line 7" in err and "not an http(s) URL" in err


def test_missing_config_file(tmp_path: Path) -> None:
    proc = run_newsmon("crawl", "--config", str(tmp_path / "nope.toml"))
    assert proc.returncode == 2 and "no such file" in proc.stderr


def test_unreachable_database_is_a_clear_error(tmp_path: Path) -> None:
    cfg = write_config(tmp_path / "n.toml", "postgresql+psycopg://nobody:secret@127.0.0.1:1/x",
                       [{"name": "a", "url": "http://127.0.0.1:9/feed.xml", "type": "feed"}])
    proc = run_newsmon("crawl", "--config", str(cfg))
    assert proc.returncode == 3
    assert "cannot open database" in proc.stderr and "127.0.0.1:1" in proc.stderr
    assert "secret" not in proc.stderr  # the password is masked
    assert "Traceback" not in proc.stderr


def test_a_database_that_cannot_be_opened_is_database_unavailable(tmp_path: Path) -> None:
    """newsmon.db's own error is the NewsmonError of exit code 3, with its message as is."""
    from newsmon.db import DatabaseError
    from newsmon.errors import EXIT_DATABASE, DatabaseUnavailable
    from newsmon.store import Store

    path = tmp_path / "n.db"
    path.mkdir()  # SQLite cannot open a directory
    url = f"sqlite:///{path}"
    with pytest.raises(DatabaseUnavailable) as info:
        Store.open(url)
    assert type(info.value) is DatabaseError and info.value.exit_code == EXIT_DATABASE
    message = f"cannot open database {url}: unable to open database file"
    assert str(info.value) == message
    cfg = write_config(tmp_path / "n.toml", url,
                       [{"name": "a", "url": "http://127.0.0.1:9/feed.xml", "type": "feed"}])
    proc = run_newsmon("sources", "--config", str(cfg))
    assert proc.returncode == 3 and proc.stderr == f"newsmon: {message}\n"


def test_unknown_source_name(tmp_path: Path) -> None:
    cfg = write_config(tmp_path / "n.toml", f"sqlite:///{tmp_path / 'n.db'}",
                       [{"name": "a", "url": "http://127.0.0.1:9/feed.xml", "type": "feed"}])
    proc = run_newsmon("crawl", "--config", str(cfg), "--source", "b")
    assert proc.returncode == 1 and "unknown source(s): b" in proc.stderr


def test_check_command(tmp_path: Path) -> None:
    cfg = write_config(tmp_path / "n.toml", f"sqlite:///{tmp_path / 'n.db'}",
                       [{"name": "a", "url": "http://127.0.0.1:9/feed.xml", "type": "feed"}])
    proc = run_newsmon("check", "--config", str(cfg), check=True)
    assert "1 sources" in proc.stdout and "ok" in proc.stdout
