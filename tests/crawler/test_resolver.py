"""crawler/resolver.py: the address a name resolves to is checked before connect().

The parent resolver is stubbed: no DNS query is made."""

from __future__ import annotations

from typing import Any

import pytest
from scrapy.resolver import CachingThreadedResolver
from twisted.internet import defer
from twisted.internet.error import DNSLookupError
from twisted.python.failure import Failure

from crawler.resolver import PolicyResolver, RefusedAddressError

ZONE = {
    "intranet.example": "10.1.2.3",
    "metadata.example": "169.254.169.254",
    "loopback.example": "127.0.0.1",
    "cgnat.example": "100.64.7.7",
    "v6-loopback.example": "::1",
    "v6-linklocal.example": "fe80::1",
    "mapped.example": "::ffff:10.0.0.1",
    "news.example": "93.184.216.34",
    "v6-public.example": "2606:4700:4700::1111",
}
PRIVATE = [n for n, a in ZONE.items() if n not in ("news.example", "v6-public.example")]
PUBLIC = ["news.example", "v6-public.example"]


@pytest.fixture
def lookups(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, Any]]:
    """Replace the real (threaded, caching) lookup with a table; record what was asked."""
    calls: list[tuple[str, Any]] = []

    def fake_get_host_by_name(self: Any, name: str, timeout: Any = ()) -> defer.Deferred[str]:
        calls.append((name, timeout))
        if name not in ZONE:
            return defer.fail(DNSLookupError(name))
        return defer.succeed(ZONE[name])

    monkeypatch.setattr(CachingThreadedResolver, "getHostByName", fake_get_host_by_name)
    return calls


def make_resolver(allow_private: bool) -> PolicyResolver:
    resolver = PolicyResolver.__new__(PolicyResolver)
    resolver.allow_private = allow_private
    return resolver


def outcome(d: defer.Deferred[str]) -> str | Failure:
    """The Deferred's result; the stub fires synchronously, so it is already there."""
    results: list[Any] = []
    d.addBoth(results.append)
    assert results, "the Deferred did not fire"
    return results[0]


def test_the_class_default_is_to_refuse() -> None:
    assert PolicyResolver.allow_private is False


@pytest.mark.parametrize("name", PRIVATE)
def test_a_name_resolving_to_a_private_address_is_refused(
        lookups: list[tuple[str, Any]], name: str) -> None:
    result = outcome(make_resolver(allow_private=False).getHostByName(name))
    assert isinstance(result, Failure)
    assert result.check(RefusedAddressError)
    assert result.check(DNSLookupError)  # Scrapy reports it like an unresolvable name
    message = str(result.value)
    assert name in message and ZONE[name] in message
    assert lookups == [(name, ())]


@pytest.mark.parametrize("name", PUBLIC)
@pytest.mark.parametrize("allow_private", [False, True])
def test_a_public_address_passes_through(lookups: list[tuple[str, Any]], name: str,
                                         allow_private: bool) -> None:
    assert outcome(make_resolver(allow_private).getHostByName(name)) == ZONE[name]


@pytest.mark.parametrize("name", PRIVATE)
def test_private_addresses_pass_when_allowed(lookups: list[tuple[str, Any]], name: str) -> None:
    assert outcome(make_resolver(allow_private=True).getHostByName(name)) == ZONE[name]


def test_a_failed_lookup_stays_a_lookup_failure(lookups: list[tuple[str, Any]]) -> None:
    result = outcome(make_resolver(allow_private=False).getHostByName("missing.example"))
    assert isinstance(result, Failure)
    assert result.check(DNSLookupError)
    assert not result.check(RefusedAddressError)


def test_the_timeout_is_passed_to_the_parent(lookups: list[tuple[str, Any]]) -> None:
    outcome(make_resolver(allow_private=False).getHostByName("news.example", (5,)))
    assert lookups == [("news.example", (5,))]


def test_refusal_is_per_instance(lookups: list[tuple[str, Any]]) -> None:
    strict, lenient = make_resolver(False), make_resolver(True)
    assert isinstance(outcome(strict.getHostByName("intranet.example")), Failure)
    assert outcome(lenient.getHostByName("intranet.example")) == "10.1.2.3"


def test_a_refusal_is_announced_to_whoever_reports_it(lookups: list[tuple[str, Any]]) -> None:
    """Twisted reports the refusal as "no results for hostname lookup"; the reason travels by
    signal (the address policy middleware listens), not through a module-level table."""
    from pydispatch import dispatcher

    from crawler import signals

    heard: list[tuple[str, str, str]] = []

    def receiver(host: str, address: str, message: str) -> None:
        heard.append((host, address, message))

    dispatcher.connect(receiver, signal=signals.address_refused, sender=dispatcher.Any)
    try:
        outcome(make_resolver(allow_private=False).getHostByName("metadata.example"))
        outcome(make_resolver(allow_private=False).getHostByName("news.example"))
        outcome(make_resolver(allow_private=True).getHostByName("intranet.example"))
    finally:
        dispatcher.disconnect(receiver, signal=signals.address_refused, sender=dispatcher.Any)
    ((host, address, message),) = heard
    assert (host, address) == ("metadata.example", "169.254.169.254")
    assert "metadata.example resolves to 169.254.169.254" in message
