"""crawler/middlewares.py: Retry-After parsing and the address policy middleware."""

from __future__ import annotations

import contextlib
import email.utils
import os
import time
from collections import Counter
from collections.abc import Iterator

import pytest
from scrapy import Request
from scrapy.exceptions import IgnoreRequest

from crawler.middlewares import AddressPolicyMiddleware, RefusedRequest, retry_after_seconds

NOW = 1_800_000_000.0  # Fri, 15 Jan 2027 08:00:00 GMT


def http_date(timestamp: float) -> str:
    return email.utils.formatdate(timestamp, usegmt=True)


# --- retry_after_seconds -------------------------------------------------------------------

@pytest.mark.parametrize(
    ("value", "seconds"),
    [
        ("120", 120.0),
        (b"120", 120.0),
        (" 30 ", 30.0),
        (b"0", 0.0),
        ("86400", 86400.0),
    ],
)
def test_delta_seconds(value: str | bytes, seconds: float) -> None:
    assert retry_after_seconds(value, now=NOW) == seconds


@pytest.mark.parametrize("delta", [1, 120, 3600, 86400 * 3])
@pytest.mark.parametrize("as_bytes", [False, True])
def test_http_date_in_the_future(delta: int, as_bytes: bool) -> None:
    value: str | bytes = http_date(NOW + delta)
    if as_bytes:
        value = value.encode("latin-1")
    assert retry_after_seconds(value, now=NOW) == pytest.approx(delta)


@pytest.mark.parametrize(
    "value",
    ["Fri, 15 Jan 2027 08:02:00 GMT", "Fri, 15 Jan 2027 08:02:00 +0000",
     "Fri, 15 Jan 2027 09:02:00 +0100", "Friday, 15-Jan-27 08:02:00 GMT"],
)
def test_http_date_spellings(value: str) -> None:
    assert retry_after_seconds(value, now=NOW) == pytest.approx(120)


@pytest.mark.parametrize("delta", [1, 3600, 86400 * 365])
def test_http_date_in_the_past_is_zero(delta: int) -> None:
    assert retry_after_seconds(http_date(NOW - delta), now=NOW) == 0.0


def test_http_date_uses_the_clock_when_now_is_not_given() -> None:
    wait = retry_after_seconds(http_date(time.time() + 600))
    assert wait is not None and 590 <= wait <= 601


@pytest.mark.parametrize(
    "value",
    [None, "", b"", "soon", "1.5", "-5", "1e3", "Fri, 99 Foo 2027 08:00:00 GMT", "tomorrow",
     "120 seconds", "0x10"],
)
def test_garbage_is_none(value: str | bytes | None) -> None:
    assert retry_after_seconds(value, now=NOW) is None


@pytest.mark.parametrize("value", [b"\xb2", b"\xb9", "³"])
def test_superscript_digits_are_garbage(value: str | bytes) -> None:
    assert retry_after_seconds(value, now=NOW) is None


@pytest.fixture
def eastern_time() -> Iterator[None]:
    """Run with the local clock five hours behind UTC (a POSIX TZ string: no tzdata needed)."""
    old = os.environ.get("TZ")
    os.environ["TZ"] = "EST+05"
    time.tzset()
    try:
        yield
    finally:
        if old is None:
            os.environ.pop("TZ", None)
        else:
            os.environ["TZ"] = old
        time.tzset()


def test_gmt_date_does_not_depend_on_the_local_timezone(eastern_time: None) -> None:
    assert retry_after_seconds("Fri, 15 Jan 2027 08:02:00 GMT", now=NOW) == pytest.approx(120)


@pytest.mark.parametrize("value", ["Fri Jan 15 08:02:00 2027", "Fri, 15 Jan 2027 08:02:00 -0000"])
def test_asctime_date_is_gmt(eastern_time: None, value: str) -> None:
    assert retry_after_seconds(value, now=NOW) == pytest.approx(120)


# --- AddressPolicyMiddleware ----------------------------------------------------------------

class StatsStub:
    def __init__(self) -> None:
        self.values: Counter[str] = Counter()

    def inc_value(self, key: str, count: int = 1, start: int = 0) -> None:
        self.values[key] += count


@pytest.mark.parametrize(
    "url",
    ["http://127.0.0.1/admin", "http://localhost:8080/", "http://169.254.169.254/latest/",
     "http://10.0.0.1/", "http://[::1]/", "http://2130706433/", "http://0x7f.0.0.1/"],
)
def test_private_url_is_refused(url: str) -> None:
    stats = StatsStub()
    mw = AddressPolicyMiddleware(allow_private=False, stats=stats)
    with pytest.raises(RefusedRequest) as info:
        mw.process_request(Request(url))
    assert isinstance(info.value, IgnoreRequest)  # Scrapy drops it quietly, no retry
    assert "allow_private_addresses" in str(info.value)
    assert stats.values == Counter({"newsmon/refused": 1})


@pytest.mark.parametrize("url", ["http://127.0.0.1/admin", "http://10.0.0.1/", "http://[::1]/"])
def test_private_url_passes_when_allowed(url: str) -> None:
    stats = StatsStub()
    mw = AddressPolicyMiddleware(allow_private=True, stats=stats)
    assert mw.process_request(Request(url)) is None
    assert not stats.values


@pytest.mark.parametrize("url", ["https://example.com/feed.xml", "http://93.184.216.34/",
                                 "https://news.example.org/2026/11/18/story/"])
@pytest.mark.parametrize("allow_private", [False, True])
def test_public_url_passes(url: str, allow_private: bool) -> None:
    stats = StatsStub()
    mw = AddressPolicyMiddleware(allow_private=allow_private, stats=stats)
    assert mw.process_request(Request(url)) is None
    assert not stats.values


@pytest.mark.parametrize("allow_private", [False, True])
def test_bad_scheme_is_refused_even_when_private_allowed(allow_private: bool) -> None:
    stats = StatsStub()
    mw = AddressPolicyMiddleware(allow_private=allow_private, stats=stats)
    with pytest.raises(RefusedRequest, match="scheme"):
        mw.process_request(Request("file:///etc/passwd"))
    assert stats.values["newsmon/refused"] == 1


def test_each_refusal_is_counted() -> None:
    stats = StatsStub()
    mw = AddressPolicyMiddleware(allow_private=False, stats=stats)
    for url in ("http://127.0.0.1/", "http://10.0.0.1/", "https://example.com/"):
        with contextlib.suppress(RefusedRequest):
            mw.process_request(Request(url))
    assert stats.values["newsmon/refused"] == 2
