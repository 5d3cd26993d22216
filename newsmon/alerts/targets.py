"""The crawler's address policy, for alert targets too (webhook URLs, Apprise's HTTP kinds)."""

from __future__ import annotations

import socket
from collections.abc import Callable
from urllib.parse import urlsplit

from newsmon.netpolicy import RefusedAddress, check_address, check_url, parse_ip_literal


def check_target(url: str, allow_private: bool,
                 resolve: Callable[[str], list[str]] | None = None) -> None:
    """Refuse a target the crawler would refuse, and one whose name resolves to such an
    address (a config is not a trust boundary: a webhook to 169.254.169.254 reads cloud
    metadata)."""
    check_url(url, allow_private)
    host = urlsplit(url).hostname or ""
    if parse_ip_literal(host) is not None:
        return
    for addr in (resolve or _resolve)(host):
        check_address(addr, allow_private)


def _resolve(host: str) -> list[str]:
    try:
        return sorted({str(info[4][0]) for info in socket.getaddrinfo(host, None)})
    except OSError as exc:
        raise RefusedAddress(f"cannot resolve host {host!r}: {exc}") from exc
