"""Soak: `newsmon run` for hundreds of short cycles against the fixture web.

Prints the daemon's resident memory and open file descriptors as cycles go by (they should
stay flat), the crawl subprocesses' peak RSS, and the alerts received against the stories
stored (every story once). A new article is published every few cycles so the daemon keeps
doing real work: storing, deduplicating, alerting.

    python bench/daemon_soak.py --cycles 500
"""

from __future__ import annotations

import argparse
import json
import resource
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.conftest import newsmon_env, write_config  # noqa: E402
from tests.fixtureweb import FixtureWeb  # noqa: E402
from tests.webhookreceiver import SECRET, Receiver  # noqa: E402


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def fds(pid: int) -> int:
    return len(list(Path(f"/proc/{pid}/fd").iterdir()))


FIRST = ("Amara", "Bastien", "Chiara", "Dmitri", "Esme", "Farid", "Greta", "Hiro", "Ines",
         "Jonas", "Keira", "Luca", "Mei", "Nils", "Oona", "Pavel", "Quinn", "Rosa", "Soren")
LAST = ("Okafor", "Lindqvist", "Moreau", "Tanaka", "Brennan", "Costa", "Haddad", "Novak",
        "Ferreira", "Kowalski", "Iyer", "Dubois", "Schneider", "Marsh", "Achebe", "Varga",
        "Oyelaran", "Bergstrom", "Castellano", "Nakashima", "Whitlock", "Szabo", "Quintero",
        "Halvorsen")
LABS = ("OpenAI", "Anthropic", "Google DeepMind", "Mistral AI", "xAI", "Cohere", "Meta")
WORDS = ("research", "team", "model", "safety", "training", "compute", "lab", "paper",
         "scaling", "policy", "product", "engineers", "board", "interview", "quarter", "plans",
         "office", "London", "Paris", "Zurich", "agents", "evaluation", "benchmark", "funding",
         "recruiters", "offer", "equity", "colleagues", "departure", "announcement")


def soak_article(n: int) -> tuple[str, tuple[str, ...]]:
    """A distinct staffing move per n: its own person, labs and wording."""
    import random

    rng = random.Random(n)
    # a new surname for each of 24 articles in a row: one person's surname is one person
    person = f"{FIRST[n * 7 % len(FIRST)]} {LAST[n % len(LAST)]}"
    src, dst = rng.sample(LABS, 2)
    title = f"{dst} hires {src} researcher {person}"
    lead = (f"{person}, who worked on {rng.choice(WORDS)} at {src}, is joining {dst}, "
            f"the company confirmed on day {n}.")
    filler = tuple(" ".join(rng.choice(WORDS) for _ in range(40)).capitalize() + "."
                   for _ in range(3))
    return title, (lead, *filler)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--cycles", type=int, default=500, help="crawl cycles of the 'wire' source")
    ap.add_argument("--every", type=int, default=25, help="publish an article every N cycles")
    ap.add_argument("--sample", type=int, default=50, help="print a line every N cycles")
    args = ap.parse_args()

    web = FixtureWeb(slow_seconds=0.3)
    web.start()
    hook = Receiver().start()
    tmp = Path(tempfile.mkdtemp(prefix="newsmon-soak-"))
    sources = [dict(s, interval="1s") for s in web.sources]
    config = write_config(tmp / "newsmon.toml", f"sqlite:///{tmp / 'n.db'}", sources,
                          crawl={"timeout": "2s"},
                          alerts=[{"type": "webhook", "name": "hook", "url": hook.url,
                                   "secret": SECRET, "backoff": "1s"}])
    with config.open("a") as f:
        f.write('\n[daemon]\ndelivery_interval = "1s"\nmax_parallel_crawls = 2\n')
    log_path = tmp / "daemon.log"
    log = log_path.open("wb")
    proc = subprocess.Popen([sys.executable, "-m", "newsmon", "run", "--config", str(config)],
                            env=newsmon_env(), stdout=log, stderr=subprocess.STDOUT)
    print(f"daemon pid {proc.pid}, work dir {tmp}")
    print(f"{'cycles':>7} {'minutes':>8} {'rss_mb':>7} {'fds':>5} {'alerts':>7}")
    samples: list[tuple[int, float, int]] = []
    started = time.monotonic()
    published = 0
    last_sample = -1
    try:
        while True:
            time.sleep(0.5)
            if proc.poll() is not None:
                raise SystemExit(f"daemon exited {proc.returncode}; see {log_path}")
            cycles = log_path.read_text("utf-8", "replace").count("event=crawl source=wire ")
            if cycles // args.every > published:
                published += 1
                title, paragraphs = soak_article(published)
                web.add_article("wire", title=title, paragraphs=paragraphs)
            if cycles // args.sample > last_sample:
                last_sample = cycles // args.sample
                r, f_ = rss_mb(proc.pid), fds(proc.pid)
                samples.append((cycles, r, f_))
                print(f"{cycles:>7} {(time.monotonic() - started) / 60:>8.1f} {r:>7.1f} "
                      f"{f_:>5} {len(hook.requests):>7}", flush=True)
            if cycles >= args.cycles:
                break
    finally:
        proc.send_signal(signal.SIGTERM)
        code = proc.wait(30)
        log.close()
        web.stop()
        hook.stop()
    child_peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    export = subprocess.run([sys.executable, "-m", "newsmon", "export", "--config", str(config)],
                            env=newsmon_env(), capture_output=True, text=True, check=True)
    stories = {json.loads(x)["story_id"] for x in export.stdout.splitlines()} - {None}
    alerted = [r["body"]["data"]["story"]["id"] for r in hook.requests]
    first, last = samples[1] if len(samples) > 1 else samples[0], samples[-1]
    rss_late = [s[1] for s in samples[len(samples) // 2:]]
    print(f"\nexit code {code}; {last[0]} cycles in {(time.monotonic() - started) / 60:.1f} min")
    print(f"daemon RSS: {first[1]:.1f} MB at cycle {first[0]} -> {last[1]:.1f} MB at cycle "
          f"{last[0]} (ratio {last[1] / first[1]:.3f}); median of the second half "
          f"{statistics.median(rss_late):.1f} MB")
    print(f"daemon fds: {first[2]} -> {last[2]}")
    print(f"peak RSS of any one process (daemon or crawl subprocess): "
          f"{child_peak:.0f} MB")
    print(f"stories {len(stories)}, alerts received {len(alerted)}, distinct "
          f"{len(set(alerted))}, stories never alerted {len(stories - set(alerted))}")


if __name__ == "__main__":
    main()
