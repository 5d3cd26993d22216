"""Bombs: compressed bodies that expand to gigabytes, entity expansion (billion laughs,
quadratic blow-up), XXE naming a local file, and a 50 MB page, in one crawl beside a healthy
source. Each is rejected within max_page_size, memory stays bounded, no local file is read,
the healthy source is stored, and the summary names each failed source.
"""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
import time
import zlib
from collections.abc import Iterable, Iterator
from pathlib import Path

import brotli
import pytest

from newsmon.discovery import parse_feed, parse_sitemap
from tests.conftest import export_articles, newsmon_env
from tests.hardening.conftest import crawl
from tests.hardening.hostileweb import HostileWeb, fixed, from_file, stream
from tests.scriptedweb import article

GIB = 1 << 30
MIB = 1 << 20
CANARY_TEXT = "xxe-canary-9b2e41-never-read"
MAX_RSS_KIB = 300 * 1024  # the crawling process
WORKER_HEADROOM_KIB = 100 * 1024  # what a worker may hold beyond its warm start (4 MB pages)


def _zero_stream_gzip(path: Path, size: int) -> None:
    """A valid gzip of `size` zero bytes, written in a few milliseconds.

    Each MiB is compressed after a full flush, so every block after the first compresses to
    the same bytes: write it once per MiB instead of compressing gigabytes. The trailer's
    CRC-32 is computed the same way (CRC of zeros, MiB by MiB).
    """
    zeros = bytes(MIB)
    comp = zlib.compressobj(9, zlib.DEFLATED, 31)
    first = comp.compress(zeros) + comp.flush(zlib.Z_FULL_FLUSH)
    block = comp.compress(zeros) + comp.flush(zlib.Z_FULL_FLUSH)
    assert comp.compress(zeros) + comp.flush(zlib.Z_FULL_FLUSH) == block
    end = comp.flush()[:-8]  # final empty block; the trailer follows
    crc = 0
    with path.open("wb") as f:
        f.write(first)
        for _ in range(size // MIB - 1):
            f.write(block)
        f.write(end)
        for _ in range(size // MIB):
            crc = zlib.crc32(zeros, crc)
        f.write(crc.to_bytes(4, "little") + (size & 0xFFFFFFFF).to_bytes(4, "little"))


def _zero_stream_brotli(path: Path, size: int) -> None:
    comp = brotli.Compressor(quality=1)
    zeros = bytes(MIB)
    with path.open("wb") as f:
        for _ in range(size // MIB):
            f.write(comp.process(zeros))
        f.write(comp.finish())


@pytest.fixture(scope="session")
def warm_worker_kib() -> int:
    """Peak RSS of a process after the worker warm-up (models and lemma dictionaries, most of
    it shared copy-on-write by the forked workers), measured on this machine in this run."""
    code = ("from newsmon.workers import warm_up; warm_up(); "
            "from tests.hardening.harness import _own_peak_rss_kib; print(_own_peak_rss_kib())")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, env=newsmon_env(), timeout=120)
    return int(out.stdout.split()[-1])


@pytest.fixture(scope="session")
def bombs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    d = tmp_path_factory.mktemp("bombs")
    gz, br = d / "zeros.gz", d / "zeros.br"
    _zero_stream_gzip(gz, 2 * GIB)
    _zero_stream_brotli(br, 4 * GIB)
    return {"gzip": gz, "brotli": br}


def test_the_bombs_are_what_they_claim(bombs: dict[str, Path]) -> None:
    """Small on the wire, gigabytes unpacked (checked by streaming, never held)."""
    assert bombs["gzip"].stat().st_size < 3 * MIB
    assert bombs["brotli"].stat().st_size < 1 * MIB
    d = zlib.decompressobj(31)
    total = 0
    with bombs["gzip"].open("rb") as f:
        while chunk := f.read(1 << 16):
            while chunk:
                total += len(d.decompress(chunk, 16 * MIB))
                chunk = d.unconsumed_tail
    assert total == 2 * GIB and d.eof  # a valid stream, trailer included
    b = brotli.Decompressor()
    total = 0
    with bombs["brotli"].open("rb") as f:
        first = f.read(1 << 16)
        total = len(b.process(first, output_buffer_limit=64 * MIB))
    assert total >= 64 * MIB  # 64 MiB and more out of 64 KiB in


# --- feeds written to explode -------------------------------------------------------------

def _rss(doctype: str, title: str, link: str) -> bytes:
    return (f'<?xml version="1.0"?>\n{doctype}\n<rss version="2.0"><channel><title>Bomb</title>'
            f"<link>http://bomb.example/</link><item><title>{title}</title><link>{link}</link>"
            f"<description>{title}</description></item></channel></rss>").encode()


def billion_laughs(link: str) -> bytes:
    decls = '<!ENTITY l0 "ha">' + "".join(
        f'<!ENTITY l{i} "{f"&l{i - 1};" * 10}">' for i in range(1, 10))
    return _rss(f"<!DOCTYPE rss [{decls}]>", "&l9;", link)


def quadratic_blowup(link: str, size: int = 50_000, refs: int = 50_000) -> bytes:
    """One "safe" 50 KB entity (no nested references) used 50 000 times: 2.5 GB of text."""
    return _rss(f'<!DOCTYPE rss [\n<!ENTITY big "{"B" * size}">\n]>', "&big;" * refs, link)


def quadratic_tricky(link: str) -> bytes:
    """The same with a "]>" inside an earlier entity value, to end a naive DOCTYPE cut early."""
    doctype = f'<!DOCTYPE rss [<!ENTITY e "]>"><!ENTITY big "{"B" * 50_000}">]>'
    return _rss(doctype, "&big;" * 50_000, link)


def xxe(link: str, canary: Path) -> bytes:
    doctype = (f'<!DOCTYPE rss [<!ENTITY leak SYSTEM "{canary.as_uri()}">'
               f'<!ENTITY % p SYSTEM "{canary.as_uri()}"> %p;]>')
    return _rss(doctype, "Leak: &leak;", link)


@pytest.mark.timeout(60)
@pytest.mark.parametrize("make", [billion_laughs, quadratic_blowup, quadratic_tricky])
def test_entity_bombs_are_not_expanded(make: object) -> None:
    started = time.monotonic()
    body = make("http://bomb.example/a")  # type: ignore[operator]
    found = parse_feed(body, "http://bomb.example/feed.xml")
    assert time.monotonic() - started < 5
    for link in found.links:
        assert len(link.title or "") < 300_000  # the references, unexpanded, at most
    sitemap = body.replace(b'<rss version="2.0"><channel>', b'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>http://bomb.example/x&l9;&big;</loc></url>').replace(b"</channel></rss>", b"</urlset>")
    started = time.monotonic()
    parse_sitemap(sitemap, "http://bomb.example/sitemap.xml")
    assert time.monotonic() - started < 5


def test_xxe_reads_no_file(tmp_path: Path) -> None:
    canary = tmp_path / "canary.txt"
    canary.write_text(CANARY_TEXT)
    found = parse_feed(xxe("http://bomb.example/a", canary), "http://bomb.example/feed.xml")
    assert CANARY_TEXT not in repr(found)
    sitemap = (f'<?xml version="1.0"?><!DOCTYPE urlset [<!ENTITY leak SYSTEM "{canary.as_uri()}">]>'
               '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url>'
               "<loc>http://bomb.example/&leak;</loc><news:news xmlns:news='http://www.google.com/schemas/sitemap-news/0.9'><news:title>&leak;</news:title></news:news></url></urlset>").encode()
    assert CANARY_TEXT not in repr(parse_sitemap(sitemap, "http://bomb.example/sitemap.xml"))


# --- all of it in one crawl ---------------------------------------------------------------

def _fifty_mb() -> Iterator[bytes]:
    chunk = (b"<p>" + b"filler text " * 5000 + b"</p>\n")
    sent = 0
    yield b"<html><body><article>"
    while sent < 50 * MIB:
        yield chunk
        sent += len(chunk)


def _feed(base: str, paths: Iterable[str]) -> bytes:
    items = "".join(f"<item><title>Item {p}</title><link>{base}{p}</link></item>" for p in paths)
    return (f'<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>'
            f"<link>{base}/</link>{items}</channel></rss>").encode()


@pytest.mark.timeout(300)
def test_bombs_in_a_crawl(tmp_path: Path, hostile: HostileWeb, bombs: dict[str, Path],
                          warm_worker_kib: int) -> None:
    canary = tmp_path / "canary.txt"
    canary.write_text(CANARY_TEXT)
    w, base = hostile, hostile.base
    rss, html = "application/rss+xml", "text/html; charset=utf-8"
    article_paths = ["/gzip-article", "/br-article", "/big", "/big-chunked", "/fine-1"]
    w.routes["/articles.xml"] = fixed(200, _feed(base, article_paths), rss)
    w.routes["/gzip-article"] = from_file(bombs["gzip"], html, "gzip")
    w.routes["/br-article"] = from_file(bombs["brotli"], html, "br")
    w.routes["/big"] = stream(_fifty_mb, html, length=50 * MIB + 64 * 1024)
    w.routes["/big-chunked"] = stream(_fifty_mb, html)
    w.routes["/gzip-feed.xml"] = from_file(bombs["gzip"], rss, "gzip")
    w.routes["/br-feed.xml"] = from_file(bombs["brotli"], rss, "br")
    w.routes["/sitemap.xml.gz"] = from_file(bombs["gzip"], "application/x-gzip")
    w.routes["/laughs.xml"] = fixed(200, billion_laughs(f"{base}/fine-2"), rss)
    w.routes["/quadratic.xml"] = fixed(200, quadratic_blowup(f"{base}/fine-3"), rss)
    w.routes["/xxe.xml"] = fixed(200, xxe(f"{base}/fine-4", canary), rss)
    w.routes["/healthy.xml"] = fixed(200, _feed(base, ["/fine-5", "/fine-6"]), rss)
    for i in range(1, 7):
        status, _, body = article(f"Healthy article number {i}", 150 + i)
        w.routes[f"/fine-{i}"] = fixed(status, body)

    sources = [{"name": n, "url": f"{base}{p}", "type": t} for n, p, t in [
        ("articles", "/articles.xml", "feed"), ("gzip_feed", "/gzip-feed.xml", "feed"),
        ("brotli_feed", "/br-feed.xml", "feed"), ("gzip_sitemap", "/sitemap.xml.gz", "sitemap"),
        ("laughs", "/laughs.xml", "feed"), ("quadratic", "/quadratic.xml", "feed"),
        ("xxe", "/xxe.xml", "feed"), ("healthy", "/healthy.xml", "feed")]]
    run = crawl(tmp_path, sources, max_page_size="4MB", timeout="20s")

    print("bombs crawl:", round(run.elapsed, 1), "s, rusage KiB", run.rusage)
    assert run.elapsed < 120, run.elapsed
    assert run.rusage["self"] < MAX_RSS_KIB, run.rusage
    # workers fork warm: bombs must add no more than headroom to the warm footprint
    assert run.rusage["children"] < warm_worker_kib + WORKER_HEADROOM_KIB, (
        run.rusage, warm_worker_kib)
    for name in ("gzip_feed", "brotli_feed", "gzip_sitemap"):
        result = run.source(name)
        assert result["status"] == "failed", (name, result)
        assert "max_page_size" in result["error"], result
        assert name in run.proc.stdout
    for name in ("articles", "laughs", "quadratic", "xxe", "healthy"):
        assert run.source(name)["status"] == "ok", (name, run.source(name))
    assert run.summary["errors"].get("too_large") == 4 + 3, run.summary["errors"]
    titles = sorted(a["title"] for a in export_articles(run.config))
    assert titles == [f"Healthy article number {i}" for i in range(1, 7)]

    # no byte of the local file reached the database, its WAL, or an export
    stored = b"".join(p.read_bytes() for p in tmp_path.glob("n.db*"))
    assert CANARY_TEXT.encode() not in stored
    with sqlite3.connect(tmp_path / "n.db") as db:
        assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    assert CANARY_TEXT not in json.dumps(export_articles(run.config))
