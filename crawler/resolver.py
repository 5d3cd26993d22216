"""DNS resolution that refuses private addresses at connection time.

Checking a URL's host before the request is not enough: a public-looking name can resolve to
127.0.0.1 or the cloud metadata service. The resolver is the last point before connect(),
so the address checked is the address used.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from scrapy.resolver import CachingThreadedResolver
from twisted.internet.error import DNSLookupError

from crawler.context import config_from_settings
from newsmon.netpolicy import RefusedAddress, check_address


class RefusedAddressError(DNSLookupError):
    """Raised instead of an address newsmon may not connect to."""


_refusals: dict[str, str] = {}
_MAX_REFUSALS = 10_000


def refusal_for(name: str) -> str | None:
    """Why `name` was refused, if it was.

    Twisted's HostnameEndpoint turns any resolver failure into "no results for hostname
    lookup", so the refusal's reason would reach the crawl summary as a DNS failure; the
    spider looks it up here instead.
    """
    return _refusals.get(name.rstrip(".").lower())


class PolicyResolver(CachingThreadedResolver):
    allow_private = False

    @classmethod
    def from_crawler(cls, crawler: Any, reactor: Any) -> PolicyResolver:
        resolver = super().from_crawler(crawler, reactor)
        # `crawler` is the CrawlerProcess here: its settings never saw the add-on, so read the
        # config itself
        resolver.allow_private = config_from_settings(
            crawler.settings).crawl.allow_private_addresses
        return resolver

    def getHostByName(self, name: str, timeout: Sequence[int] = ()) -> Any:
        d = super().getHostByName(name, timeout)
        d.addCallback(self._check, name)
        return d

    def _check(self, address: str, name: str) -> str:
        try:
            check_address(address, self.allow_private)
        except RefusedAddress as exc:
            message = f"{name} resolves to {address}: {exc}"
            if len(_refusals) >= _MAX_REFUSALS:
                _refusals.clear()
            _refusals[name.rstrip(".").lower()] = message
            raise RefusedAddressError(message) from exc
        return address
