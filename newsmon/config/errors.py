"""Config errors: every problem names the file, the line it can be found on, the key and what is
wrong, and all of them are reported at once."""

from __future__ import annotations

import re

from newsmon.errors import EXIT_CONFIG, NewsmonError


class ConfigError(NewsmonError, exit_code=EXIT_CONFIG):
    """A configuration that cannot be used; `problems` lists every mistake found."""

    def __init__(self, path: str, problems: list[str]):
        self.path = path
        self.problems = problems
        super().__init__("\n".join(f"{path}: {p}" for p in problems))


class Problems:
    """The problems found in one config text, each with the line it is on."""

    def __init__(self, path: str, text: str):
        self.path = path
        self.lines = text.splitlines()
        self.problems: list[str] = []

    def __bool__(self) -> bool:
        return bool(self.problems)

    def where_top(self, key: str) -> str:
        """'line N: ' of a top-level key or table header."""
        k = re.escape(key)
        pattern = re.compile(rf"^\s*(?:\[\[?\s*{k}\s*\]\]?|\"?{k}\"?\s*=)")
        for i, line in enumerate(self.lines):
            if pattern.match(line):
                return f"line {i + 1}: "
        return ""

    def where(self, table: str, index: int | None, key: str | None) -> str:
        """Best-effort 'line N' for a key: tomllib keeps no positions, so find it in the text."""
        header = re.compile(
            rf"^\s*\[\[\s*{re.escape(table)}\s*\]\]" if index is not None
            else rf"^\s*\[\s*{re.escape(table)}\s*\]"
        )
        seen = -1
        start = None
        for i, line in enumerate(self.lines):
            if header.match(line):
                seen += 1
                if index is None or seen == index:
                    start = i
                    break
        if start is None:
            return ""
        if key is None:
            return f"line {start + 1}: "
        for j in range(start + 1, len(self.lines)):
            line = self.lines[j]
            if re.match(r"^\s*\[", line):
                break
            if re.match(rf"^\s*\"?{re.escape(key)}\"?\s*=", line):
                return f"line {j + 1}: "
        return f"line {start + 1}: "

    def top(self, key: str, msg: str) -> None:
        """A problem with a top-level key or table."""
        self.problems.append(f"{self.where_top(key)}{msg}")

    def problem(self, table: str, index: int | None, key: str | None, msg: str) -> None:
        label = f"[[{table}]] #{index + 1}" if index is not None else f"[{table}]"
        if key:
            label += f" {key}"
        self.problems.append(f"{self.where(table, index, key)}{label}: {msg}")

    def raise_any(self) -> None:
        if self.problems:
            raise ConfigError(self.path, self.problems)
