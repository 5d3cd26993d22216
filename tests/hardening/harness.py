"""`python -m tests.hardening.harness ARGS...`: the real `newsmon ARGS...`, instrumented.

Hostile-web tests need two things the plain command cannot give without real DNS or a real
public address, and one measurement:

- NEWSMON_TEST_PUBLIC: comma-separated loopback addresses the address policy treats as public
  (the "public news site" is served from 127.0.0.2 while the canary on 127.0.0.1 stays private),
  so the policy can be tested with allow_private_addresses = false and no packet leaving.
- NEWSMON_TEST_ZONE: JSON {name: address}, a stub DNS zone answered by Scrapy's resolver
  before the policy check (names that resolve to private addresses, DNS rebinding).
- NEWSMON_TEST_RUSAGE: a file to write {"self": KiB, "children": KiB} to, the peak resident
  memory of this process and of its worker processes (ru_maxrss), once the pool is down.

The network guard (tests/netguard) is loaded as sitecustomize before any of this.
"""

from __future__ import annotations

import contextlib
import json
import os
import resource
import sys
from pathlib import Path
from typing import Any


def _pretend_public(addresses: set[str]) -> None:
    from newsmon import netpolicy

    original = netpolicy.is_public

    def is_public(ip: Any) -> bool:
        return str(ip) in addresses or original(ip)

    netpolicy.is_public = is_public


def _stub_zone(zone: dict[str, str]) -> None:
    from scrapy.resolver import CachingThreadedResolver
    from twisted.internet import defer

    original = CachingThreadedResolver.getHostByName

    def get_host_by_name(self: Any, name: str, timeout: Any = ()) -> Any:
        if name in zone:
            return defer.succeed(zone[name])
        return original(self, name, timeout)

    CachingThreadedResolver.getHostByName = get_host_by_name  # type: ignore[method-assign]


def _own_peak_rss_kib() -> int:
    """This process's peak RSS since it started running Python.

    Not ru_maxrss: Linux carries that over from before execve, and subprocess starts us with
    vfork, so it begins at the peak of the pytest process that launched us (300 MB after the
    suite's in-process tests), which made the bomb test measure pytest. VmHWM is the high-water
    mark of this program's own address space."""
    with contextlib.suppress(OSError):
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def _write_rusage(path: str) -> None:
    """Peak RSS of this process and of the workers (reaped by the forkserver, which is
    reaped here once stopped), in KiB."""
    import multiprocessing.forkserver

    from newsmon.workers import shutdown_pool

    shutdown_pool()
    server = multiprocessing.forkserver._forkserver
    stop = getattr(server, "_stop", None)
    if stop is not None:
        stop()
    data = {"self": _own_peak_rss_kib(),
            "children": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss}
    with open(path, "w", encoding="utf-8") as f:
        json.dump(data, f)


def main() -> int:
    public = {a for a in os.environ.get("NEWSMON_TEST_PUBLIC", "").split(",") if a}
    if public:
        _pretend_public(public)
    zone = os.environ.get("NEWSMON_TEST_ZONE")
    if zone:
        _stub_zone(json.loads(zone))
    from newsmon.cli import main as cli_main

    code = cli_main(sys.argv[1:])
    rusage = os.environ.get("NEWSMON_TEST_RUSAGE")
    if rusage:
        _write_rusage(rusage)
    return code


if __name__ == "__main__":
    sys.exit(main())
