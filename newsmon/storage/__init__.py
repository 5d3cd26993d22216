"""Queries the daemon, the CLI and the story view run, one module per entity, as small typed
functions: those that take a Session run in the caller's transaction (so several of them can
share one), those that take the Store open their own. The crawl's reads and writes are
newsmon.store's.

- `sources`: schedule times, health, rows by name
- `articles`: recent fetch times, story members, text dropped by housekeeping
- `stories`: the live (unmerged) stories
- `runs`: old crawl-run records
- `daemon_state`: the daemon's own row (pid, host, heartbeat)
- `outbox_queries`: the alert outbox and channel state as status, `alerts list` and export
  read them
- `maintenance`: the database's own upkeep (SQLite checkpoint and optimize, PostgreSQL analyse)
"""
