"""The address policy (SSRF defence): newsmon/netpolicy.py. Pure checks: no connection is opened,
no name is resolved."""

from __future__ import annotations

import ipaddress
import socket

import pytest

from newsmon.netpolicy import (
    RefusedAddress,
    check_address,
    check_url,
    is_public,
    parse_ip_literal,
)


@pytest.fixture(autouse=True)
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """Any attempt to resolve a name or connect fails the test."""

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError(f"netpolicy touched the network: {args!r}")

    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    monkeypatch.setattr(socket, "gethostbyname", refuse)
    monkeypatch.setattr(socket.socket, "connect", refuse)


PRIVATE_URLS = [
    "http://127.0.0.1/",
    "http://127.0.0.1:8080/admin",
    "http://localhost/",
    "http://LOCALHOST:9200/",
    "http://api.localhost/",
    "http://169.254.169.254/latest/meta-data/",
    "http://[::ffff:169.254.169.254]/",
    "http://[::ffff:127.0.0.1]/",
    "http://100.64.0.1/",
    "http://0.0.0.0/",
    "http://0/",
    "http://10.0.0.1/",
    "http://172.16.5.4/",
    "http://192.168.1.1/",
    "https://[::1]/",
    "http://[::]/",
    "http://[fe80::1]/",
    "http://[fe80::1%25eth0]/",
    "http://[fc00::1]/",
    "http://[2002:7f00:1::]/",  # 6to4 wrapping 127.0.0.1
    "http://2130706433/",  # decimal 127.0.0.1
    "http://0177.0.0.1/",  # octal
    "http://0x7f.0.0.1/",  # hex
    "http://0X7F.0.0.1/",
    "http://0x7f000001/",
    "http://017700000001/",
    "http://127.1/",  # short form
    "http://127.0.0.1./",  # trailing dot
    "http://user:pass@127.0.0.1/",
    "http://224.0.0.1/",  # multicast
    "http://255.255.255.255/",
    "http://192.0.2.10/",  # documentation range
]


@pytest.mark.parametrize("url", PRIVATE_URLS)
def test_private_targets_are_refused(url: str) -> None:
    with pytest.raises(RefusedAddress) as info:
        check_url(url, allow_private=False)
    assert "allow_private_addresses" in str(info.value)


@pytest.mark.parametrize("url", PRIVATE_URLS)
def test_private_targets_are_allowed_when_configured(url: str) -> None:
    check_url(url, allow_private=True)


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "data:text/html,<script>alert(1)</script>",
        "ftp://example.com/pub/file.txt",
        "gopher://example.com:70/_GET",
        "dict://127.0.0.1:11211/stats",
        "javascript:alert(1)",
        "example.com/no-scheme",
        "http:///no-host",
        "https://",
    ],
)
@pytest.mark.parametrize("allow_private", [False, True])
def test_bad_schemes_and_hostless_urls_are_always_refused(url: str, allow_private: bool) -> None:
    with pytest.raises(RefusedAddress):
        check_url(url, allow_private=allow_private)


@pytest.mark.parametrize(
    "url",
    [
        "http://example.com\\@127.0.0.1/",
        "http://127.0.0.1\\@example.com/",
        "http://example.com\\.127.0.0.1/",
        "https:\\\\127.0.0.1\\admin",
    ],
)
@pytest.mark.parametrize("allow_private", [False, True])
def test_backslash_tricks_are_refused(url: str, allow_private: bool) -> None:
    with pytest.raises(RefusedAddress, match="backslash"):
        check_url(url, allow_private=allow_private)


def test_malformed_url_is_refused_not_crashed() -> None:
    with pytest.raises(RefusedAddress, match="malformed"):
        check_url("http://[::1/", allow_private=False)


@pytest.mark.parametrize(
    "url",
    [
        "http://93.184.216.34/",
        "https://93.184.216.34:8443/feed.xml",
        "http://[2606:4700:4700::1111]/",
        "http://[::ffff:93.184.216.34]/",
        "https://example.com/",
        "https://news.example.org/rss.xml",
        "HTTPS://Example.COM/Path",
        "http://localhost.example.com/",  # a real name under a public domain: resolved later
        "http://10.0.0.1.example.com/",
    ],
)
@pytest.mark.parametrize("allow_private", [False, True])
def test_public_literals_and_names_are_allowed(url: str, allow_private: bool) -> None:
    check_url(url, allow_private=allow_private)


def test_localhost_with_trailing_dot_is_refused() -> None:
    with pytest.raises(RefusedAddress):
        check_url("http://localhost./admin", allow_private=False)


@pytest.mark.parametrize(
    ("host", "address"),
    [
        ("127.0.0.1", "127.0.0.1"),
        ("2130706433", "127.0.0.1"),
        ("0177.0.0.1", "127.0.0.1"),
        ("0x7f.0.0.1", "127.0.0.1"),
        ("0x7f.1", "127.0.0.1"),
        ("127.1", "127.0.0.1"),
        ("10.1", "10.0.0.1"),
        ("127.0.0.1.", "127.0.0.1"),
        (" 10.0.0.1 ", "10.0.0.1"),
        ("[::1]", "::1"),
        ("::1", "::1"),
        ("fe80::1%eth0", "fe80::1"),
        ("[::ffff:169.254.169.254]", "::ffff:a9fe:a9fe"),
        ("93.184.216.34", "93.184.216.34"),
    ],
)
def test_parse_ip_literal(host: str, address: str) -> None:
    assert parse_ip_literal(host) == ipaddress.ip_address(address)


@pytest.mark.parametrize(
    "host",
    ["example.com", "deadbeef", "cafe.1", "1.2.3.4.5", "256.1.1.1", "0x100000000", "08.0.0.1",
     "1e3", "", "[]", ".", "localhost"],
)
def test_parse_ip_literal_names_are_not_addresses(host: str) -> None:
    assert parse_ip_literal(host) is None


@pytest.mark.parametrize(
    ("address", "public"),
    [
        ("93.184.216.34", True),
        ("8.8.8.8", True),
        ("2606:4700:4700::1111", True),
        ("::ffff:8.8.8.8", True),
        ("127.0.0.1", False),
        ("10.0.0.1", False),
        ("172.16.0.1", False),
        ("192.168.0.1", False),
        ("100.64.0.1", False),
        ("169.254.169.254", False),
        ("0.0.0.0", False),
        ("224.0.0.1", False),
        ("::1", False),
        ("::", False),
        ("fe80::1", False),
        ("fc00::1", False),
        ("ff02::1", False),
        ("::ffff:127.0.0.1", False),
        ("::ffff:169.254.169.254", False),
        ("2002:a9fe:a9fe::", False),  # 6to4 of 169.254.169.254
        ("2002:0a00:0001::", False),  # 6to4 of 10.0.0.1
    ],
)
def test_is_public(address: str, public: bool) -> None:
    assert is_public(ipaddress.ip_address(address)) is public


@pytest.mark.parametrize(
    "address", ["127.0.0.1", "10.1.2.3", "169.254.169.254", "::1", "fe80::1%eth0",
                ipaddress.ip_address("192.168.1.1")],
)
def test_check_address_refuses_private(address: str | ipaddress.IPv4Address) -> None:
    with pytest.raises(RefusedAddress, match="non-public address"):
        check_address(address, allow_private=False)
    check_address(address, allow_private=True)


@pytest.mark.parametrize("address", ["93.184.216.34", "2606:4700:4700::1111",
                                     ipaddress.ip_address("8.8.4.4")])
@pytest.mark.parametrize("allow_private", [False, True])
def test_check_address_allows_public(address: str | ipaddress.IPv4Address,
                                     allow_private: bool) -> None:
    check_address(address, allow_private=allow_private)


def test_check_address_rejects_a_name() -> None:
    with pytest.raises(ValueError):
        check_address("example.com", allow_private=False)
