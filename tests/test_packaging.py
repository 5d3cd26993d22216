"""A non-editable install carries every data file the code reads (profiles, sample config,
migrations): a file missing from package-data works in a checkout and fails for users."""

from __future__ import annotations

import fnmatch
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_every_data_file_of_the_core_package_is_declared() -> None:
    meta = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))
    globs = meta["tool"]["setuptools"]["package-data"]["newsmon"]
    package = ROOT / "newsmon"
    missing = [
        str(p.relative_to(package)) for p in package.rglob("*")
        if p.is_file() and p.suffix not in (".py", ".pyc") and "__pycache__" not in p.parts
        and not any(fnmatch.fnmatch(str(p.relative_to(package)), g) for g in globs)
    ]
    assert not missing, f"add to [tool.setuptools.package-data]: {missing}"
