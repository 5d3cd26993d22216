"""Which network addresses newsmon may connect to (SSRF defence).

A feed is written by strangers: its links and redirects may point at the metadata service,
the admin interface on localhost or the office network. By default only globally routable
addresses are allowed; `crawl.allow_private_addresses = true` lifts that (tests, intranets).
"""

from __future__ import annotations

import ipaddress
import socket
import unicodedata
from urllib.parse import unquote, urlsplit

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
ALLOWED_SCHEMES = ("http", "https")


class RefusedAddress(Exception):
    """The target is not one newsmon may connect to; the message says why."""


def parse_ip_literal(host: str) -> IPAddress | None:
    """The address a host string denotes, counting the legacy IPv4 spellings.

    `inet_aton` accepts what browsers and libc resolvers accept: "2130706433" (decimal),
    "0177.0.0.1" (octal), "0x7f.1" (hex), "127.1" (short form).
    """
    h = host.strip().strip("[]").rstrip(".")
    if not h:
        return None
    try:
        return ipaddress.ip_address(h.split("%", 1)[0])
    except ValueError:
        pass
    if all(c in "0123456789abcdefxABCDEFX." for c in h) and any(c.isdigit() for c in h):
        try:
            return ipaddress.IPv4Address(socket.inet_aton(h))
        except OSError:
            return None
    return None


_NAT64 = ipaddress.IPv6Network("64:ff9b::/96")  # RFC 6052: a NAT64 gateway reaches the IPv4
_IPV4_COMPATIBLE = ipaddress.IPv6Network("::/96")  # deprecated, still routed to IPv4 by some stacks


def _embedded_ipv4(ip: ipaddress.IPv6Address) -> ipaddress.IPv4Address | None:
    """The IPv4 address an IPv6 one leads to: mapped, 6to4, Teredo, NAT64, IPv4-compatible."""
    inner = ip.ipv4_mapped or ip.sixtofour or (ip.teredo[1] if ip.teredo else None)
    if inner is None and (ip in _NAT64 or ip in _IPV4_COMPATIBLE) and int(ip) > 1:
        inner = ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
    return inner


def is_public(ip: IPAddress) -> bool:
    """Globally routable unicast, looking through IPv4-mapped, 6to4, Teredo, NAT64 and
    IPv4-compatible wrappers ([64:ff9b::a9fe:a9fe] is the metadata service behind NAT64)."""
    if isinstance(ip, ipaddress.IPv6Address):
        inner = _embedded_ipv4(ip)
        if inner is not None:
            return is_public(inner)
    return ip.is_global and not ip.is_multicast


def normalise_host(host: str) -> str:
    """The host as a browser or a resolver would read it, for the literal checks.

    Percent-escapes are decoded and IDNA mapping applied (fullwidth and circled digits,
    ideographic full stops: "①②⑦。0。0。1" is 127.0.0.1 to Scrapy and to getaddrinfo).
    """
    host = unquote(host).strip().rstrip(".").lower()
    if host.isascii():
        return host
    try:
        return host.encode("idna").decode("ascii").rstrip(".").lower()
    except UnicodeError:
        return unicodedata.normalize("NFKC", host).replace("\u3002", ".").rstrip(".").lower()


def check_address(ip: IPAddress | str, allow_private: bool) -> None:
    if isinstance(ip, str):
        ip = ipaddress.ip_address(ip.split("%", 1)[0])
    if not allow_private and not is_public(ip):
        raise RefusedAddress(
            f"refused to connect to non-public address {ip} "
            "(set crawl.allow_private_addresses = true to allow it)"
        )


def check_url(url: str, allow_private: bool) -> None:
    """Refuse a URL before any packet is sent: scheme, host spelling, literal addresses.

    Names are checked again when they are resolved (see crawler.resolver), so a DNS name
    that points at a private address is refused too.
    """
    if "\\" in url:
        raise RefusedAddress(f"refused URL with a backslash (ambiguous host): {url!r}")
    try:
        parts = urlsplit(url)
        host = parts.hostname
    except ValueError as exc:
        raise RefusedAddress(f"malformed URL {url!r}: {exc}") from exc
    if parts.scheme.lower() not in ALLOWED_SCHEMES:
        raise RefusedAddress(f"refused scheme {parts.scheme or '(none)'!r} in {url!r}")
    if not host:
        raise RefusedAddress(f"no host in URL {url!r}")
    if allow_private:
        return
    host = normalise_host(host)
    if host in ("localhost", "localhost.localdomain") or host.endswith(".localhost"):
        raise RefusedAddress(
            f"refused to connect to {host} (set crawl.allow_private_addresses = true to allow it)"
        )
    ip = parse_ip_literal(host)
    if ip is not None:
        check_address(ip, allow_private)
