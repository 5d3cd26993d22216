"""`newsmon run`: the long-running monitor (scheduler, crawl subprocesses, outbox, health).

- `runner`: the daemon's life cycle and the dispatch of due sources (`run_daemon`, `Daemon`)
- `schedule`: the APScheduler and its jobs; `crawl_job`: one crawl subprocess and its results
- `delivery`: the outbox job; `health_notice`: health recorded, the operator told
- `reload`: SIGHUP's config re-read; `housekeeping`: old text and run records dropped
- `health`: the health judgement; `lock`: one daemon per database; `status`: `newsmon status`
- `logfmt`: key=value log lines

With `[cluster] enabled` due sources go to the workers' queue instead (newsmon.cluster).
"""
