"""DNS resolution that refuses private addresses at connection time.

Checking a URL's host before the request is not enough: a public-looking name can resolve to
127.0.0.1 or the cloud metadata service. The resolver is the last point before connect(),
so the address checked is the address used.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from scrapy.resolver import CachingThreadedResolver
from scrapy.utils.signal import send_catch_log
from twisted.internet.error import DNSLookupError

from crawler import signals
from crawler.context import config_from_settings
from newsmon.netpolicy import RefusedAddress, check_address


class RefusedAddressError(DNSLookupError):
    """Raised instead of an address newsmon may not connect to."""


def normalise_host(name: str) -> str:
    return name.rstrip(".").lower()


class PolicyResolver(CachingThreadedResolver):
    """Twisted's HostnameEndpoint turns any resolver failure into "no results for hostname
    lookup", so a refusal would reach the spider as a DNS failure: each one is also announced
    with the address_refused signal, from which the address policy middleware raises
    RefusedRequest for the requests to that host."""

    allow_private = False

    @classmethod
    def from_crawler(cls, crawler: Any, reactor: Any) -> PolicyResolver:
        resolver = super().from_crawler(crawler, reactor)
        # `crawler` is the CrawlerProcess here: its settings have the config the add-on parsed
        # for the process (NewsmonAddon.update_pre_crawler_settings), not the add-on's settings
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
            send_catch_log(signal=signals.address_refused, sender=self,
                           host=normalise_host(name), address=address, message=message)
            raise RefusedAddressError(message) from exc
        return address
