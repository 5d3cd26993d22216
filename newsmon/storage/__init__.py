"""Reads and writes of the database, one module per entity, as small typed functions:
those that take a Session run in the caller's transaction (so several of them can share one),
those that take only the Store open their own. The Store (newsmon.store) owns the engine and
the transactions; what an article's arrival means is the ingest workflow's (newsmon.ingest).

- `sources`: rows synced to the config, conditional-GET validators, crawl outcomes, schedule
  times, health
- `ledger`: the URLs the crawl has settled (articles' links, non-articles, dead links)
- `articles`: stored by canonical URL, found, read in batches, reclassified; recent fetch
  times, story members, text dropped by housekeeping
- `stories`: the live (unmerged) stories
- `runs`: crawl-run records, started, finished and deleted when old
- `daemon_state`: the daemon's own row (pid, host, heartbeat)
- `outbox_queries`: the alert outbox (queued by the ingest workflow) and channel state as
  status, `alerts list` and export read them
- `maintenance`: the database's own upkeep (SQLite checkpoint and optimize, PostgreSQL analyse)
"""
