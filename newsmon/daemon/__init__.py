"""`newsmon run`: the long-running monitor (scheduler, crawl subprocesses, outbox, health)."""
