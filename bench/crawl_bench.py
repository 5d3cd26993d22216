"""Extraction throughput and quality of a full newsmon crawl against bare trafilatura.

The question it answers: how much does the crawler (Scrapy, storage, dedup, metadata...) cost on
top of the extraction itself, and does it keep trafilatura's quality? Both sides see the same
pages in the same run:

* the 181 real pages of the article-extraction benchmark are served from 127.0.0.1, each under
  ``--copies`` URLs, behind one RSS feed (see local_site.py); nothing leaves the machine;
* baseline: ``trafilatura.extract(html, include_comments=False)`` over the same served pages,
  one process, one core, timed; F1 on the 181 distinct pages;
* newsmon: ``newsmon crawl`` of that feed into a fresh SQLite database (subprocess, wall-clock
  timed), then ``newsmon export --format jsonl``, scored against the ground truth.

Each of ``--runs`` runs does both (in alternating order, so neither always runs on a cold or a warm
machine); medians are reported. The data folder is not part of the repository: pass ``--data``.

    python bench/crawl_bench.py              # 181 pages x 6 copies, 3 runs
    python bench/crawl_bench.py --quick      # 181 pages, 1 run: smoke test
    python bench/crawl_bench.py --json       # results as JSON on stdout
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import platform
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import asdict, dataclass, field
from itertools import islice
from pathlib import Path
from typing import Any

BENCH_DIR = Path(__file__).resolve().parent
REPO_ROOT = BENCH_DIR.parent
sys.path.insert(0, str(BENCH_DIR))

from extraction_metric import Score, score  # noqa: E402
from local_site import LocalSite, ServedPage  # noqa: E402

DEFAULT_DATA = REPO_ROOT.parent / "shared" / "benchmarks" / "article-extraction-benchmark"
_PAGE_PATH_RE = re.compile(r"/c(\d+)/([0-9A-Za-z_-]+)\.html$")
STDERR_TAIL = 40  # lines of a failing CLI's stderr to show
WARMUP_PAGES = 3  # extracted untimed before each baseline


def log(msg: str) -> None:
    """Progress goes to stderr so that --json output stays clean."""
    print(msg, file=sys.stderr, flush=True)


# --- data -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Dataset:
    truth: dict[str, str]  # id -> article body
    html: dict[str, str]  # id -> page HTML


def load_dataset(data_dir: Path) -> Dataset:
    """Read ground truth and pages; exit with a clear message when the folder is unusable."""
    gt_path = data_dir / "ground-truth.json"
    if not gt_path.is_file():
        sys.exit(
            f"error: benchmark data not found: {gt_path} does not exist.\n"
            "The article-extraction benchmark is not part of the repository; on dev machines and "
            "CI it lives in ../shared/benchmarks/article-extraction-benchmark. Pass --data DIR."
        )
    raw = json.loads(gt_path.read_text("utf-8"))
    truth = {k: v.get("articleBody") or "" for k, v in sorted(raw.items())}
    html: dict[str, str] = {}
    missing: list[str] = []
    for page_id in truth:
        path = data_dir / "html" / f"{page_id}.html.gz"
        if not path.is_file():
            missing.append(path.name)
            continue
        html[page_id] = gzip.decompress(path.read_bytes()).decode("utf-8")
    if missing:
        sys.exit(f"error: {len(missing)} page(s) missing under {data_dir / 'html'}: "
                 f"{', '.join(missing[:5])}")
    return Dataset(truth=truth, html=html)


# --- results ----------------------------------------------------------------------------------


@dataclass
class BaselineResult:
    pages: int
    seconds: float
    pages_per_s: float
    quality: dict[str, float | int]  # on the distinct pages
    empty: int  # distinct pages for which trafilatura returned nothing


@dataclass
class CrawlResult:
    ok: bool
    expected: int
    error: str | None = None
    wall_seconds: float | None = None
    stored: int = 0  # distinct served pages found in the export
    pages_per_s_wall: float | None = None
    crawl_phase_seconds: float | None = None
    pages_per_s_crawl_phase: float | None = None
    quality_all: dict[str, float | int] | None = None  # every served copy, missing = empty
    quality_stored: dict[str, float | int] | None = None  # only the copies stored
    exported_rows: int = 0
    duplicate_rows: int = 0
    unmatched_rows: int = 0
    summary: dict[str, Any] | None = None
    server: dict[str, object] = field(default_factory=dict)


@dataclass
class RunResult:
    run: int
    order: str
    baseline: BaselineResult
    crawl: CrawlResult | None


# --- baseline ---------------------------------------------------------------------------------


@contextmanager
def one_core() -> Iterator[int | None]:
    """Pin the calling thread to one CPU (Linux) so the baseline is a one-core figure."""
    getter = getattr(os, "sched_getaffinity", None)
    setter = getattr(os, "sched_setaffinity", None)
    if getter is None or setter is None:
        yield None
        return
    before = getter(0)
    cpu = max(before)
    setter(0, {cpu})
    try:
        yield cpu
    finally:
        setter(0, before)


def run_baseline(site: LocalSite, truth: dict[str, str]) -> BaselineResult:
    """Bare trafilatura over every served copy (decode + extract, as a crawler must)."""
    import trafilatura

    outputs: dict[str, str | None] = {}
    n = 0
    with one_core():
        for _page, body in islice(site.page_bodies(), WARMUP_PAGES):  # lazy imports, caches
            trafilatura.extract(body.decode("utf-8"), include_comments=False)
        start = time.perf_counter()
        for page, body in site.page_bodies():
            text = trafilatura.extract(body.decode("utf-8"), include_comments=False)
            if page.copy == 0:
                outputs[page.page_id] = text
            n += 1
        seconds = time.perf_counter() - start
    quality = score((truth[k], outputs.get(k)) for k in truth)
    empty = sum(1 for k in truth if not (outputs.get(k) or "").strip())
    return BaselineResult(pages=n, seconds=seconds, pages_per_s=n / seconds,
                          quality=quality.as_dict(), empty=empty)


# --- newsmon crawl ----------------------------------------------------------------------------


def write_config(workdir: Path, source_url: str, source_type: str, concurrency: int) -> Path:
    """The CLI's TOML config: fresh SQLite file, no politeness delay, private addresses allowed."""
    db = workdir / "bench.db"
    text = f"""\
[database]
url = "sqlite:///{db.as_posix()}"

[crawl]
allow_private_addresses = true
obey_robots_txt = true
per_domain_concurrency = {concurrency}
concurrency = {concurrency}
per_domain_delay = "0s"
timeout = "30s"

[[sources]]
name = "bench"
url = "{source_url}"
type = "{source_type}"
max_articles = 100000
"""
    path = workdir / "newsmon.toml"
    path.write_text(text, "utf-8")
    return path


def cli_env(site: LocalSite) -> dict[str, str]:
    """Environment for the CLI: repo importable, and any off-host request sent to the guard.

    Proxy variables point at the local site, which answers 403 to anything but itself and counts
    the attempt; no_proxy keeps requests to 127.0.0.1 direct. This also overrides a user's own
    proxy settings, so a misbehaving crawl cannot reach the pages' real sites through them.
    """
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(REPO_ROOT), env.get("PYTHONPATH")) if p)
    for var in ("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY"):
        env[var] = site.base_url
    for var in ("no_proxy", "NO_PROXY"):
        env[var] = "127.0.0.1,localhost"
    env.pop("ALL_PROXY", None)
    env.pop("all_proxy", None)
    env.pop("NEWSMON_CONFIG", None)
    env["PYTHONUNBUFFERED"] = "1"
    return env


def run_cli(args: list[str], env: dict[str, str], cwd: Path, timeout: float
            ) -> subprocess.CompletedProcess[str]:
    """Run `python -m newsmon ARGS` in its own process group, killed whole on timeout.

    The crawl may start extraction worker processes; killing only the CLI would leave them.
    """
    cmd = [sys.executable, "-m", "newsmon", *args]
    with subprocess.Popen(cmd, env=env, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          text=True, start_new_session=True) as proc:
        try:
            out, err = proc.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            with suppress(ProcessLookupError):
                os.killpg(proc.pid, signal.SIGKILL)
            proc.communicate()
            raise
    return subprocess.CompletedProcess(cmd, proc.returncode, out, err)


def describe_failure(what: str, proc: subprocess.CompletedProcess[str]) -> str:
    """What failed, with the tail of the CLI's stderr (where it explains itself)."""
    lines = (proc.stderr or "").strip().splitlines() or (proc.stdout or "").strip().splitlines()
    tail = "\n".join("    " + ln for ln in lines[-STDERR_TAIL:]) or "    (no output)"
    return f"`newsmon {what}` exited with status {proc.returncode}:\n{tail}"


def page_key(url: str | None) -> tuple[int, str] | None:
    """(copy, page id) of a served URL, whatever normalisation the crawler applied to it."""
    if not url:
        return None
    m = _PAGE_PATH_RE.search(url.split("?", 1)[0].split("#", 1)[0])
    return (int(m.group(1)), m.group(2)) if m else None


def parse_export(text: str) -> list[dict[str, Any]]:
    """JSON lines; lines that are not JSON objects are skipped (a CLI may print notes)."""
    rows = []
    for line in text.splitlines():
        line = line.strip()
        if not line.startswith("{"):
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError:
            continue
        if isinstance(obj, dict):
            rows.append(obj)
    return rows


def score_export(rows: list[dict[str, Any]], pages: list[ServedPage], truth: dict[str, str],
                 result: CrawlResult) -> None:
    """Map exported rows back to served copies and score their `text`."""
    texts: dict[tuple[int, str], str] = {}
    for row in rows:
        key = page_key(row.get("url")) or page_key(row.get("canonical_url"))
        if key is None or key[1] not in truth:
            result.unmatched_rows += 1
            continue
        if key in texts:
            result.duplicate_rows += 1
            continue
        texts[key] = row.get("text") or ""
    result.exported_rows = len(rows)
    result.stored = len(texts)
    keys = [(p.copy, p.page_id) for p in pages]
    result.quality_all = score((truth[k[1]], texts.get(k)) for k in keys).as_dict()
    stored: Score = score((truth[k[1]], texts[k]) for k in keys if k in texts)
    result.quality_stored = stored.as_dict() if stored.pages else None


def read_summary(path: Path) -> dict[str, Any] | None:
    try:
        data = json.loads(path.read_text("utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def run_crawl(site: LocalSite, truth: dict[str, str], args: argparse.Namespace,
              run: int) -> CrawlResult:
    """One `newsmon crawl` + `newsmon export` into a fresh temp dir; never raises on CLI errors."""
    expected = len(site.pages)
    workdir = Path(tempfile.mkdtemp(prefix=f"newsmon-bench-{run}-"))
    source_url = site.feed_url if args.source_type == "feed" else site.sitemap_url
    config = write_config(workdir, source_url, args.source_type, args.concurrency)
    summary_path = workdir / "summary.json"
    env = cli_env(site)
    site.reset_stats()
    result = CrawlResult(ok=False, expected=expected)
    try:
        start = time.perf_counter()
        crawl = run_cli(["crawl", "--config", str(config), "--summary-json", str(summary_path)],
                        env, workdir, args.timeout)
        result.wall_seconds = time.perf_counter() - start
        result.server = site.reset_stats()
        result.summary = read_summary(summary_path)
        if crawl.returncode != 0:
            result.error = describe_failure("crawl", crawl)
            if not (workdir / "bench.db").exists():
                return result
            # a crawl may exit non-zero on partial failures: still see what it stored
        export = run_cli(["export", "--config", str(config), "--format", "jsonl"],
                         env, workdir, args.timeout)
        if export.returncode != 0:
            result.error = "\n".join(filter(None, [result.error,
                                                   describe_failure("export", export)]))
            return result
        score_export(parse_export(export.stdout), site.pages, truth, result)
    except subprocess.TimeoutExpired as exc:
        result.error = f"`newsmon {exc.cmd[3]}` did not finish within {args.timeout:.0f}s"
        result.server = result.server or site.reset_stats()
        return result
    finally:
        if args.keep:
            log(f"  kept {workdir}")
        else:
            shutil.rmtree(workdir, ignore_errors=True)
    result.ok = result.error is None
    if result.wall_seconds:
        result.pages_per_s_wall = result.stored / result.wall_seconds
    elapsed = (result.summary or {}).get("elapsed_seconds")
    if isinstance(elapsed, (int, float)) and elapsed > 0:
        result.crawl_phase_seconds = float(elapsed)
        result.pages_per_s_crawl_phase = result.stored / float(elapsed)
    return result


# --- report -----------------------------------------------------------------------------------


def _median(values: list[float | None]) -> float | None:
    vals = [v for v in values if v is not None]
    return statistics.median(vals) if vals else None


def _ratio(a: float | None, b: float | None) -> float | None:
    return a / b if a is not None and b else None


def row_values(r: RunResult) -> dict[str, float | None]:
    """The numbers one table row shows, None where the crawl gave none."""
    c = r.crawl if r.crawl is not None and r.crawl.quality_all is not None else None
    base = r.baseline.pages_per_s
    return {
        "baseline_pages_per_s": base,
        "baseline_f1": float(r.baseline.quality["f1"]),
        "crawl_pages_per_s_wall": c.pages_per_s_wall if c else None,
        "crawl_pages_per_s_crawl_phase": c.pages_per_s_crawl_phase if c else None,
        "crawl_f1": float(c.quality_all["f1"]) if c and c.quality_all else None,
        "crawl_f1_stored": float(c.quality_stored["f1"]) if c and c.quality_stored else None,
        "stored": float(c.stored) if c else None,
        "ratio_wall": _ratio(c.pages_per_s_wall, base) if c else None,
        "ratio_crawl_phase": _ratio(c.pages_per_s_crawl_phase, base) if c else None,
    }


def medians(runs: list[RunResult]) -> dict[str, float | None]:
    rows = [row_values(r) for r in runs]
    return {k: _median([row[k] for row in rows]) for k in rows[0]} if rows else {}


COLUMNS = [  # (header, key, format)
    ("base p/s", "baseline_pages_per_s", "{:.1f}"),
    ("base F1", "baseline_f1", "{:.3f}"),
    ("crawl p/s wall", "crawl_pages_per_s_wall", "{:.1f}"),
    ("crawl p/s phase", "crawl_pages_per_s_crawl_phase", "{:.1f}"),
    ("crawl F1", "crawl_f1", "{:.3f}"),
    ("F1 stored", "crawl_f1_stored", "{:.3f}"),
    ("stored", "stored", "{:.0f}"),
    ("ratio wall", "ratio_wall", "{:.2f}"),
    ("ratio phase", "ratio_crawl_phase", "{:.2f}"),
]


def format_table(runs: list[RunResult], expected: int) -> str:
    """Per-run rows and a median row, aligned; '-' where a value is missing."""
    header = ["run", *(h for h, _, _ in COLUMNS)]
    body: list[list[str]] = []
    for label, values in [*((str(r.run), row_values(r)) for r in runs),
                          ("median", medians(runs))]:
        cells = [label]
        for _, key, fmt in COLUMNS:
            v = values.get(key)
            cell = "-" if v is None else fmt.format(v)
            if key == "stored" and v is not None:
                cell += f"/{expected}"
            cells.append(cell)
        body.append(cells)
    widths = [max(len(row[i]) for row in [header, *body]) for i in range(len(header))]

    def line(cells: list[str]) -> str:
        return "  ".join(c.rjust(w) for c, w in zip(cells, widths, strict=True))

    rule = "  ".join("-" * w for w in widths)
    return "\n".join([line(header), rule, *(line(b) for b in body[:-1]), rule, line(body[-1])])


def explain_columns() -> str:
    return (
        "base = trafilatura.extract(include_comments=False), one core; p/s = pages per second.\n"
        "crawl p/s wall = stored pages / wall time of `newsmon crawl` (start-up included);\n"
        "crawl p/s phase = stored pages / elapsed_seconds from --summary-json.\n"
        "crawl F1 = over every served copy (a copy not stored scores as empty);\n"
        "F1 stored = over stored copies only; ratio = crawl p/s / baseline p/s of the same run\n"
        "(median row: median of each column, so ratios are medians of per-run ratios).\n"
        f"This machine has {os.cpu_count()} CPUs: the baseline uses one, newsmon its default "
        "extraction workers."
    )


def print_report(runs: list[RunResult], expected: int, distinct: int) -> None:
    print(f"\n{distinct} distinct pages x {expected // distinct} copies = {expected} pages; "
          f"{len(runs)} run(s)\n")
    print(format_table(runs, expected))
    print()
    print(explain_columns())
    for r in runs:
        c = r.crawl
        if c is None:
            continue
        if c.error:
            print(f"\nrun {r.run}: crawl failed: {c.error}")
        notes = []
        if c.duplicate_rows or c.unmatched_rows:
            notes.append(f"{c.duplicate_rows} duplicate and {c.unmatched_rows} unmatched "
                         "exported rows")
        if c.server.get("blocked"):
            notes.append(f"{c.server['blocked']} off-host request(s) blocked: "
                         f"{c.server.get('blocked_hosts')}")
        if c.server.get("not_found"):
            notes.append(f"{c.server['not_found']} request(s) for unknown paths: "
                         f"{c.server.get('not_found_paths')}")
        if c.ok and c.summary is not None and "elapsed_seconds" not in c.summary:
            notes.append("summary JSON has no elapsed_seconds")
        if c.ok and c.summary is None:
            notes.append("no summary JSON written")
        summary = c.summary or {}
        for key in ("non_articles", "known_articles"):
            if summary.get(key):
                notes.append(f"summary: {key} = {summary[key]}")
        if summary.get("errors"):
            notes.append(f"summary: errors {summary['errors']}")
        for n in notes:
            print(f"run {r.run}: {n}")


def environment() -> dict[str, Any]:
    import trafilatura

    return {
        "python": platform.python_version(),
        "platform": platform.platform(),
        "cpus": os.cpu_count(),
        "trafilatura": trafilatura.__version__,
    }


# --- main -------------------------------------------------------------------------------------


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    p = argparse.ArgumentParser(
        description="Benchmark newsmon's crawl+extraction against bare trafilatura on the "
                    "article-extraction benchmark, served from 127.0.0.1.",
    )
    p.add_argument("--data", type=Path, default=DEFAULT_DATA,
                   help="benchmark folder with ground-truth.json and html/ "
                        "(default: ../shared/benchmarks/article-extraction-benchmark "
                        "relative to the repository root)")
    p.add_argument("--copies", type=int, default=6,
                   help="URLs per page (default 6: 1,086 pages)")
    p.add_argument("--runs", type=int, default=3, help="repetitions; medians reported (3)")
    p.add_argument("--quick", action="store_true", help="smoke run: --copies 1 --runs 1")
    p.add_argument("--json", action="store_true", help="print results as JSON on stdout")
    p.add_argument("--no-crawl", action="store_true",
                   help="baseline only (when the newsmon CLI is not available)")
    p.add_argument("--source-type", choices=("feed", "sitemap"), default="feed",
                   help="how newsmon discovers the pages (default: one RSS feed)")
    p.add_argument("--concurrency", type=int, default=16,
                   help="newsmon concurrency and per-domain concurrency (16)")
    p.add_argument("--timeout", type=float, default=1800.0,
                   help="seconds allowed per CLI call (1800)")
    p.add_argument("--keep", action="store_true",
                   help="keep each run's temp dir (config, database, summary)")
    args = p.parse_args(argv)
    if args.quick:
        args.copies, args.runs = 1, 1
    if args.copies < 1 or args.runs < 1:
        p.error("--copies and --runs must be at least 1")
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    data = load_dataset(args.data.resolve())
    log(f"loaded {len(data.truth)} pages from {args.data}")
    runs: list[RunResult] = []
    with LocalSite(data.html, copies=args.copies) as site:
        log(f"serving {len(site.pages)} pages at {site.base_url} "
            f"({site.rewritten_pages} pages had self-URLs rewritten)")
        for i in range(1, args.runs + 1):
            crawl_first = i % 2 == 0 and not args.no_crawl
            crawl: CrawlResult | None = None
            if crawl_first:
                log(f"run {i}/{args.runs}: newsmon crawl ...")
                crawl = run_crawl(site, data.truth, args, i)
            log(f"run {i}/{args.runs}: baseline ...")
            baseline = run_baseline(site, data.truth)
            log(f"  baseline {baseline.pages_per_s:.1f} pages/s, "
                f"F1 {baseline.quality['f1']:.3f}")
            if not crawl_first and not args.no_crawl:
                log(f"run {i}/{args.runs}: newsmon crawl ...")
                crawl = run_crawl(site, data.truth, args, i)
            if crawl is not None:
                log(f"  crawl {'ok' if crawl.ok else 'FAILED'}: {crawl.stored}/{crawl.expected}"
                    f" stored" + (f" in {crawl.wall_seconds:.1f}s" if crawl.wall_seconds else ""))
                if crawl.error:
                    log(f"  {crawl.error}")
            order = "crawl,baseline" if crawl_first else "baseline,crawl"
            runs.append(RunResult(run=i, order=order, baseline=baseline, crawl=crawl))
        rewritten = site.rewritten_pages
    expected = len(data.truth) * args.copies
    if args.json:
        doc = {
            "settings": {"copies": args.copies, "runs": args.runs, "pages": expected,
                         "distinct_pages": len(data.truth), "source_type": args.source_type,
                         "concurrency": args.concurrency, "data": str(args.data),
                         "pages_with_rewritten_self_urls": rewritten},
            "environment": environment(),
            "runs": [asdict(r) | {"table": row_values(r)} for r in runs],
            "median": medians(runs),
        }
        print(json.dumps(doc, indent=2))
    else:
        print_report(runs, expected, len(data.truth))
    crawl_failed = any(r.crawl is not None and not r.crawl.ok for r in runs)
    return 1 if crawl_failed else 0


if __name__ == "__main__":
    sys.exit(main())
