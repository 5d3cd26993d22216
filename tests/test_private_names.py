"""No module of newsmon, crawler, pipelines or the benches imports another module's private
(underscore) names: what a module keeps private it may rename or drop without looking elsewhere."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("newsmon", "crawler", "pipelines", "bench")


def private_imports(path: Path) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text("utf-8"), str(path))):
        if isinstance(node, ast.ImportFrom):
            found += [f"{path.relative_to(ROOT)}:{node.lineno}: {node.module}.{a.name}"
                      for a in node.names
                      if a.name.startswith("_") and not a.name.endswith("__")]
    return found


def test_no_module_imports_private_names_of_another() -> None:
    found = [hit for package in PACKAGES for path in sorted((ROOT / package).rglob("*.py"))
             for hit in private_imports(path)]
    assert not found, "make these public (or move them) instead:\n" + "\n".join(found)
