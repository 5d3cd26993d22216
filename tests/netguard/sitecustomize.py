"""Loaded by every Python process the tests start (PYTHONPATH): no packet may leave loopback.

Connecting to an address outside 127.0.0.0/8 and ::1, or resolving a name other than
localhost (a DNS query is a packet too), raises instead. The test process installs the same
guard through tests/conftest.py.
"""

from __future__ import annotations

import ipaddress
import socket

_real_connect = socket.socket.connect
_real_connect_ex = socket.socket.connect_ex
_real_getaddrinfo = socket.getaddrinfo
_real_gethostbyname = socket.gethostbyname


class NetworkGuardError(OSError):
    pass


def _loopback_host(host: object) -> bool:
    if isinstance(host, bytes):
        host = host.decode("ascii", "replace")
    if not isinstance(host, str):
        return False
    if host in ("localhost", "localhost.localdomain", ""):
        return True
    try:
        return ipaddress.ip_address(host.split("%", 1)[0]).is_loopback
    except ValueError:
        return False


def _check(address: object) -> None:
    if isinstance(address, tuple) and address and not _loopback_host(address[0]):
        raise NetworkGuardError(f"test network guard: refused connection to {address!r}")


def _connect(self: socket.socket, address: object) -> None:
    if self.family in (socket.AF_INET, socket.AF_INET6):
        _check(address)
    return _real_connect(self, address)


def _connect_ex(self: socket.socket, address: object) -> int:
    if self.family in (socket.AF_INET, socket.AF_INET6):
        _check(address)
    return _real_connect_ex(self, address)


def _getaddrinfo(host: object, *args: object, **kwargs: object) -> object:
    if host is not None and not _loopback_host(host):
        raise socket.gaierror(socket.EAI_NONAME, f"test network guard: refused to resolve {host!r}")
    return _real_getaddrinfo(host, *args, **kwargs)


def _gethostbyname(host: str) -> str:
    if not _loopback_host(host):
        raise socket.gaierror(socket.EAI_NONAME, f"test network guard: refused to resolve {host!r}")
    return _real_gethostbyname(host)


def install() -> None:
    socket.socket.connect = _connect  # type: ignore[method-assign]
    socket.socket.connect_ex = _connect_ex  # type: ignore[method-assign]
    socket.getaddrinfo = _getaddrinfo  # type: ignore[assignment]
    socket.gethostbyname = _gethostbyname


install()
