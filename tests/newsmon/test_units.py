"""Durations and sizes as users write them in the config (newsmon/units.py)."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsmon.units import format_duration, parse_duration, parse_size

DURATION_FACTORS = {"ms": 0.001, "s": 1.0, "m": 60.0, "h": 3600.0, "d": 86400.0}


@pytest.mark.parametrize(
    ("text", "seconds"),
    [
        ("500ms", 0.5),
        ("2s", 2.0),
        ("15m", 900.0),
        ("1h", 3600.0),
        ("1d", 86400.0),
        ("1h30m", 5400.0),
        ("1h 30m", 5400.0),
        ("2m30s", 150.0),
        ("1s500ms", 1.5),
        ("1.5s", 1.5),
        ("0s", 0.0),
        ("1H", 3600.0),
        ("  2s  ", 2.0),
        ("10M", 600.0),  # units are case-insensitive: M is minutes, not months
    ],
)
def test_parse_duration_text(text: str, seconds: float) -> None:
    assert parse_duration(text) == pytest.approx(seconds)


@pytest.mark.parametrize(("number", "seconds"), [(0, 0.0), (90, 90.0), (1.5, 1.5), (3600, 3600.0)])
def test_parse_duration_bare_number_is_seconds(number: float, seconds: float) -> None:
    result = parse_duration(number)
    assert result == seconds
    assert isinstance(result, float)


@pytest.mark.parametrize(
    "text",
    ["", "   ", "1x", "-1s", "s", "ms", "1", "90", "2m30", "5sec", "30mm", "1e3s", "nan",
     "1h-30m", "h1", "1.s", ".5s"],
)
def test_parse_duration_rejects(text: str) -> None:
    with pytest.raises(ValueError):
        parse_duration(text)


@pytest.mark.parametrize("value", [-1, -0.5, True, False])
def test_parse_duration_rejects_negative_numbers_and_bools(value: object) -> None:
    with pytest.raises(ValueError):
        parse_duration(value)  # type: ignore[arg-type]


def test_parse_duration_error_names_the_value_and_shows_examples() -> None:
    with pytest.raises(ValueError) as info:
        parse_duration("30x")
    message = str(info.value)
    assert "'30x'" in message
    assert "15m" in message


def test_parse_duration_rejects_nan() -> None:
    with pytest.raises(ValueError):
        parse_duration(float("nan"))


UNITS = st.sampled_from(sorted(DURATION_FACTORS))


@given(n=st.integers(min_value=0, max_value=10**12), unit=UNITS)
def test_parse_duration_number_and_unit(n: int, unit: str) -> None:
    assert parse_duration(f"{n}{unit}") == n * DURATION_FACTORS[unit]


@given(parts=st.lists(st.tuples(st.integers(min_value=0, max_value=10**6), UNITS),
                      min_size=1, max_size=4))
def test_parse_duration_compound_is_the_sum(parts: list[tuple[int, str]]) -> None:
    text = "".join(f"{n}{unit}" for n, unit in parts)
    expected = sum(n * DURATION_FACTORS[unit] for n, unit in parts)
    assert parse_duration(text) == pytest.approx(expected)


@given(n=st.integers(min_value=0, max_value=10**9), unit=UNITS)
def test_parse_duration_never_negative(n: int, unit: str) -> None:
    result = parse_duration(f"{n}{unit}")
    assert result >= 0
    assert math.isfinite(result)


@pytest.mark.parametrize(
    ("text", "size"),
    [
        ("10MB", 10_000_000),
        ("10mb", 10_000_000),
        ("10 MB", 10_000_000),
        ("512KB", 512_000),
        ("512KiB", 524_288),
        ("1GiB", 1024**3),
        ("1GB", 1000**3),
        ("2MiB", 2 * 1024**2),
        ("1.5MB", 1_500_000),
        ("10", 10),
        ("10B", 10),
        ("0", 0),
        (0, 0),
        (4096, 4096),
    ],
)
def test_parse_size(text: str | int, size: int) -> None:
    result = parse_size(text)
    assert result == size
    assert isinstance(result, int)


@pytest.mark.parametrize("value", ["", "MB", "10XB", "10 M", "-1", "1e3", "ten", -1, True])
def test_parse_size_rejects(value: object) -> None:
    with pytest.raises(ValueError):
        parse_size(value)  # type: ignore[arg-type]


@given(n=st.integers(min_value=0, max_value=10**6),
       unit=st.sampled_from(["", "B", "KB", "MB", "GB", "KiB", "MiB", "GiB"]))
def test_parse_size_number_and_unit(n: int, unit: str) -> None:
    factor = {"": 1, "B": 1, "KB": 1000, "MB": 1000**2, "GB": 1000**3,
              "KiB": 1024, "MiB": 1024**2, "GiB": 1024**3}[unit]
    assert parse_size(f"{n}{unit}") == n * factor


@pytest.mark.parametrize(
    ("seconds", "text"),
    [(0.25, "250ms"), (2, "2.0s"), (90, "90.0s"), (900, "15m"), (7200, "2.0h")],
)
def test_format_duration(seconds: float, text: str) -> None:
    assert format_duration(seconds) == text
