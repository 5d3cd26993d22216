"""SSRF: sources, discovered links, redirects and webhook URLs never reach a non-public address
unless crawl.allow_private_addresses says so.

Decisions are checked directly (check_url, the resolver with a stubbed zone, check_target with
its injectable resolver), then end to end: a real crawl of a "public" site on 127.0.0.2 (the
harness tells the policy it is public) whose feed, links and redirects point at a canary
listener on 127.0.0.1 that must not see a single connection.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from scrapy import Request
from scrapy.resolver import CachingThreadedResolver
from twisted.internet import defer
from twisted.python.failure import Failure

from crawler.middlewares import AddressPolicyMiddleware, RefusedRequest
from crawler.resolver import PolicyResolver, RefusedAddressError
from newsmon.alerts.targets import check_target
from newsmon.netpolicy import RefusedAddress, check_url
from tests.conftest import export_articles
from tests.hardening.conftest import PUBLIC_HOST, crawl
from tests.hardening.hostileweb import Canary, HostileWeb, fixed, redirect
from tests.scriptedweb import article

PRIVATE_URLS = [
    "http://127.0.0.1/",
    "http://localhost/admin",
    "http://LOCALHOST./",
    "http://api.localhost/",
    "http://169.254.169.254/latest/meta-data/",
    "http://[::ffff:169.254.169.254]/latest/",
    "http://[::ffff:a9fe:a9fe]/",
    "http://[64:ff9b::a9fe:a9fe]/",  # the metadata service behind a NAT64 gateway
    "http://[::127.0.0.1]/",  # IPv4-compatible IPv6
    "http://[2002:7f00:1::]/",  # 6to4 around loopback
    "http://100.64.0.1/",
    "http://0.0.0.0:8080/",
    "http://0/",
    "http://2130706433/",
    "http://0177.0.0.1/",
    "http://0x7f.0.0.1/",
    "http://0x7f000001/",
    "http://127.1/",
    "http://017700000001/",
    "http://%31%32%37.0.0.1/",  # percent-encoded host
    "http://①②⑦.0.0.1/",  # what IDNA maps to 127.0.0.1
    "http://127。0。0。1/",  # ideographic full stops
    "http://ｌｏｃａｌｈｏｓｔ/",
    "http://user:pass@127.0.0.1/",
    "http://example.com@127.0.0.1/",
    "http://10.0.0.1/",
    "http://192.168.1.1/",
    "http://[fd00::1]/",
    "http://[fe80::1%25eth0]/",
    "http://[::1]:8080/",
]
BACKSLASH_URLS = ["http://example.com\\@127.0.0.1/", "http://127.0.0.1\\example.com/",
                  "http:\\\\127.0.0.1\\x"]
BAD_SCHEMES = ["file:///etc/passwd", "data:text/html,<h1>x</h1>", "ftp://example.com/f",
               "gopher://127.0.0.1:70/", "s3://bucket/key", "//127.0.0.1/", "javascript:1"]
PUBLIC_URLS = ["https://example.com/feed.xml", "http://93.184.216.34/", "http://[2606:4700::1]/",
               "http://127.0.0.1:80@example.com/", "http://[64:ff9b::808:808]/",
               "https://bücher.example/"]


@pytest.mark.parametrize("url", PRIVATE_URLS + BACKSLASH_URLS + BAD_SCHEMES)
def test_refused_by_default(url: str) -> None:
    with pytest.raises(RefusedAddress):
        check_url(url, allow_private=False)


@pytest.mark.parametrize("url", PRIVATE_URLS)
def test_private_literals_pass_when_allowed(url: str) -> None:
    check_url(url, allow_private=True)


@pytest.mark.parametrize("url", BACKSLASH_URLS + BAD_SCHEMES)
def test_schemes_and_backslashes_refused_even_when_private_allowed(url: str) -> None:
    with pytest.raises(RefusedAddress):
        check_url(url, allow_private=True)


@pytest.mark.parametrize("url", PUBLIC_URLS)
def test_public_urls_pass(url: str) -> None:
    check_url(url, allow_private=False)


class _Stats:
    def inc_value(self, *a: Any, **k: Any) -> None:
        pass


@pytest.mark.parametrize("url", PRIVATE_URLS + BAD_SCHEMES + BACKSLASH_URLS[1:])
def test_the_middleware_refuses_what_scrapy_would_fetch(url: str) -> None:
    """The URL as Scrapy normalised it (IDNA, escapes, backslashes) is what is checked."""
    try:
        request = Request(url)
    except ValueError:
        return  # Scrapy cannot even build it: nothing can be sent
    with pytest.raises(RefusedRequest):
        AddressPolicyMiddleware(allow_private=False, stats=_Stats()).process_request(request)


def test_a_backslash_host_is_checked_as_scrapy_reads_it() -> None:
    """Scrapy reads "\\" as "/" (as browsers do): example.com is fetched, and checked."""
    request = Request("http://example.com\\@127.0.0.1/")
    assert urlsplit(request.url).hostname == "example.com"
    AddressPolicyMiddleware(allow_private=False, stats=_Stats()).process_request(request)


# --- names that resolve to private addresses (stubbed resolver) --------------------------

ZONE = {"intranet.test": "10.1.2.3", "meta.test": "169.254.169.254", "loop.test": "127.0.0.1",
        "cgnat.test": "100.64.0.1", "zero.test": "0.0.0.0", "mapped.test": "::ffff:169.254.169.254",
        "nat64.test": "64:ff9b::a9fe:a9fe", "v6loop.test": "::1", "news.test": "93.184.216.34"}
PRIVATE_NAMES = sorted(n for n in ZONE if n != "news.test")


@pytest.fixture
def zone(monkeypatch: pytest.MonkeyPatch) -> None:
    def lookup(self: Any, name: str, timeout: Any = ()) -> defer.Deferred[str]:
        return defer.succeed(ZONE[name])

    monkeypatch.setattr(CachingThreadedResolver, "getHostByName", lookup)


def _resolve(allow_private: bool, name: str) -> Any:
    resolver = PolicyResolver.__new__(PolicyResolver)
    resolver.allow_private = allow_private
    results: list[Any] = []
    resolver.getHostByName(name).addBoth(results.append)
    return results[0]


@pytest.mark.parametrize("name", PRIVATE_NAMES)
def test_resolver_refuses_private_answers(zone: None, name: str) -> None:
    result = _resolve(False, name)
    assert isinstance(result, Failure) and result.check(RefusedAddressError)
    assert _resolve(True, name) == ZONE[name]


def test_resolver_passes_public_answers(zone: None) -> None:
    assert _resolve(False, "news.test") == "93.184.216.34"


# --- webhook targets, with check_target's injectable resolver ----------------------------

def _zone_resolver(host: str) -> list[str]:
    return [ZONE[host]] if host in ZONE else []


@pytest.mark.parametrize("url", [*PRIVATE_URLS, *BACKSLASH_URLS, *BAD_SCHEMES,
                                 *(f"https://{n}/hook" for n in PRIVATE_NAMES)])
def test_webhook_targets_refused(url: str) -> None:
    with pytest.raises(RefusedAddress):
        check_target(url, allow_private=False, resolve=_zone_resolver)


def test_webhook_target_with_one_private_answer_among_public_ones_is_refused() -> None:
    def resolve(host: str) -> list[str]:
        return ["93.184.216.34", "10.0.0.7"]

    with pytest.raises(RefusedAddress):
        check_target("https://hooks.test/x", allow_private=False, resolve=resolve)


@pytest.mark.parametrize("url", ["https://news.test/hook", "https://93.184.216.34/hook"])
def test_webhook_public_target_passes(url: str) -> None:
    check_target(url, allow_private=False, resolve=_zone_resolver)


def test_webhook_private_target_passes_when_allowed() -> None:
    check_target("http://loop.test:9/hook", allow_private=True, resolve=_zone_resolver)
    check_target("http://127.0.0.1:9/hook", allow_private=True, resolve=_zone_resolver)


# --- end to end: a real crawl against a canary ----------------------------------------------

CANARY_FILE_TEXT = "canary-file-content-7d1f0c"


def _rss(items: list[str]) -> bytes:
    entries = "".join(f"<item><title>Item {i}</title><link>{u}</link></item>"
                      for i, u in enumerate(items))
    return (f'<?xml version="1.0"?><rss version="2.0"><channel><title>Public</title>'
            f"<link>http://{PUBLIC_HOST}/</link>{entries}</channel></rss>").encode()


def _hostile_site(web: HostileWeb, canary: Canary, canary_file: Path) -> dict[str, str]:
    """A public-looking site whose feed links and redirects all aim at the canary."""
    cp = canary.port
    targets = {
        "loopback": f"http://127.0.0.1:{cp}/a",
        "localhost": f"http://localhost:{cp}/b",
        "decimal": f"http://2130706433:{cp}/c",
        "octal": f"http://0177.0.0.1:{cp}/d",
        "zero": f"http://0.0.0.0:{cp}/e",
        "mapped": f"http://[::ffff:127.0.0.1]:{cp}/f",
        "metadata": "http://169.254.169.254/latest/meta-data/iam/",
        "mapped_metadata": "http://[::ffff:169.254.169.254]/latest/",
        "cgnat": "http://100.64.0.1/",
        "dns_private": f"http://intranet.test:{cp}/g",
        "dns_metadata": "http://meta.test/latest/",
        "file": canary_file.as_uri(),
        "data": "data:text/html;base64,PGgxPmhpPC9oMT4=",
        "ftp": f"ftp://127.0.0.1:{cp}/pub",
    }
    links = []
    for name, target in targets.items():
        web.routes[f"/go/{name}"] = redirect(target)
        links.append(f"{web.base}/go/{name}")
    links += [t for t in targets.values()]  # and the same targets linked directly
    web.routes["/feed.xml"] = fixed(200, _rss([*links, f"{web.base}/fine"]),
                                    "application/rss+xml")
    status, _, body = article("A perfectly ordinary article", 150)
    web.routes["/fine"] = fixed(status, body)
    web.routes["/robots.txt"] = fixed(200, b"User-agent: *\nAllow: /\n", "text/plain")
    return targets


def _sources(web: HostileWeb, canary: Canary) -> list[dict[str, str]]:
    cp, port = canary.port, web.server.server_address[1]
    private_sources = {
        "src_loopback": f"http://127.0.0.1:{cp}/feed.xml",
        "src_localhost": f"http://localhost:{cp}/feed.xml",
        "src_decimal": f"http://2130706433:{cp}/feed.xml",
        "src_octal": f"http://0177.0.0.1:{cp}/feed.xml",
        "src_dns": f"http://intranet.test:{cp}/feed.xml",
        "src_redirect": f"http://news.test:{port}/go/loopback",
    }
    return [{"name": "public", "url": f"{web.base}/feed.xml", "type": "feed"},
            {"name": "public_by_name", "url": f"http://news.test:{port}/feed.xml", "type": "feed"},
            *({"name": n, "url": u, "type": "feed"} for n, u in private_sources.items())]


ZONE_E2E = {"news.test": PUBLIC_HOST, "intranet.test": "127.0.0.1", "meta.test": "169.254.169.254"}


@pytest.mark.timeout(240)
def test_crawl_refuses_every_private_target(tmp_path: Path, public_web: HostileWeb,
                                            canary: Canary) -> None:
    canary_file = tmp_path / "canary.txt"
    canary_file.write_text(CANARY_FILE_TEXT)
    targets = _hostile_site(public_web, canary, canary_file)
    run = crawl(tmp_path, _sources(public_web, canary), public=(PUBLIC_HOST,), zone=ZONE_E2E,
                allow_private_addresses=False, obey_robots_txt=True)

    assert canary.connections == 0, canary.data
    # the crawl worked: the public site (by address and by a name resolving to it) was read
    assert run.source("public")["status"] == "ok"
    assert run.source("public_by_name")["status"] == "ok"
    assert run.summary["new_articles"] == 1
    # every redirect was followed up to the refusal
    for name in targets:
        assert public_web.count(f"/go/{name}") >= 1, name
    # each private source failed, with the policy named as the reason
    for name in ("src_loopback", "src_localhost", "src_decimal", "src_octal", "src_dns",
                 "src_redirect"):
        result = run.source(name)
        assert result["status"] == "failed", (name, result)
        assert "non-public address" in result["error"] or "refused" in result["error"], result
        assert name in run.proc.stdout
    errors = run.summary["errors"]
    http_targets = [n for n in targets if n not in ("file", "data", "ftp")]
    assert errors.get("refused", 0) >= len(http_targets), errors
    # nothing private and nothing from a local file made it into the database
    articles = export_articles(run.config)
    exported = json.dumps(articles)
    assert CANARY_FILE_TEXT not in exported and "SECRET" not in exported
    assert [a["title"] for a in articles] == ["A perfectly ordinary article"]


@pytest.mark.timeout(240)
def test_control_the_canary_is_reachable_when_private_addresses_are_allowed(
        tmp_path: Path, public_web: HostileWeb, canary: Canary) -> None:
    """Without this, a canary that hears nothing could mean a broken test, not a policy."""
    _hostile_site(public_web, canary, tmp_path / "canary.txt")
    crawl(tmp_path, _sources(public_web, canary)[:1], public=(PUBLIC_HOST,), zone=ZONE_E2E,
          allow_private_addresses=True)
    assert canary.connections > 0
