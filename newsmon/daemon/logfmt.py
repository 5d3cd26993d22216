"""The daemon's log lines: key=value, so machines can parse them and people can read them."""

from __future__ import annotations

import json
from typing import Any


def kv(**fields: Any) -> str:
    """A log line that machines can parse and people can read: key=value, quoted if needed."""
    out = []
    for k, v in fields.items():
        s = json.dumps(v, ensure_ascii=False) if isinstance(v, (dict, list)) else str(v)
        if not s or any(c in s for c in " \"=\n"):
            s = json.dumps(s, ensure_ascii=False)
        out.append(f"{k}={s}")
    return " ".join(out)
