"""Durations ("500ms", "15m", "1h30m") and sizes ("10MB") as users write them in the config."""

from __future__ import annotations

import math
import re
from decimal import Decimal

_DURATION_UNITS = {"ms": 0.001, "s": 1.0, "m": 60.0, "h": 3600.0, "d": 86400.0}
_DURATION_PART = re.compile(r"(\d+(?:\.\d+)?)(ms|s|m|h|d)")
_SIZE_UNITS = {
    "": 1, "b": 1, "kb": 1000, "mb": 1000**2, "gb": 1000**3,
    "kib": 1024, "mib": 1024**2, "gib": 1024**3,
}


def parse_duration(value: str | int | float) -> float:
    """Seconds from "500ms", "2s", "15m", "1h", "1d" or "1h30m"; a bare number is seconds."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if not math.isfinite(value):
            raise ValueError(f"a duration must be a finite number: {value}")
        if value < 0:
            raise ValueError(f"a duration cannot be negative: {value}")
        return float(value)
    text = str(value).strip().lower().replace(" ", "")
    if not text:
        raise ValueError("empty duration")
    pos = 0
    total = 0.0
    for m in _DURATION_PART.finditer(text):
        if m.start() != pos:
            break
        total += float(m.group(1)) * _DURATION_UNITS[m.group(2)]
        pos = m.end()
    if pos != len(text) or pos == 0:
        raise ValueError(
            f"bad duration {value!r}: use a number and a unit, e.g. 500ms, 2s, 15m, 1h, 1d"
        )
    if not math.isfinite(total):  # "999...9s" with 400 digits is inf, not a timeout
        raise ValueError(f"duration {value!r} is too large")
    return total


def parse_size(value: str | int) -> int:
    """Bytes from "10MB", "512KiB" or a bare number of bytes."""
    if isinstance(value, int) and not isinstance(value, bool):
        if value < 0:
            raise ValueError(f"a size cannot be negative: {value}")
        return value
    m = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([a-zA-Z]*)\s*", str(value))
    if not m or m.group(2).lower() not in _SIZE_UNITS:
        raise ValueError(f"bad size {value!r}: use e.g. 512KB, 10MB, 1GiB or a number of bytes")
    # Decimal, not float: "4611686019GB" is exactly 4611686019000000000 bytes
    return int(Decimal(m.group(1)) * _SIZE_UNITS[m.group(2).lower()])


def format_duration(seconds: float) -> str:
    if seconds < 1:
        return f"{seconds * 1000:.0f}ms"
    if seconds < 120:
        return f"{seconds:.1f}s"
    if seconds < 7200:
        return f"{seconds / 60:.0f}m"
    return f"{seconds / 3600:.1f}h"


def format_span(seconds: float) -> str:
    """A coarse span for people ("3.2d", "4.1h", "12s"), where format_duration's ms and
    minutes-up-to-two-hours would be noise."""
    for unit, size in (("d", 86400), ("h", 3600), ("m", 60)):
        if seconds >= size:
            return f"{seconds / size:.1f}{unit}"
    return f"{seconds:.0f}s"
