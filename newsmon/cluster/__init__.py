"""Distributed mode (`[cluster] enabled`): `newsmon run` schedules, `newsmon worker`s crawl.

Built on procrastinate, a job queue inside PostgreSQL, the database newsmon already uses in
production, so scaling out adds no broker to run, back up or secure. What it gives us:

- a job per due source, with `queueing_lock` = the source, so a source waits in the queue
  at most once however often it falls due (the runs coalesce, as in `newsmon run`);
- `lock` = the source: PostgreSQL refuses two `doing` jobs with one lock (a unique partial
  index), so one source is never crawled by two workers at once;
- worker heartbeats in the database: the jobs of a worker silent for `stalled_after`
  (kill -9, a lost machine) are put back in the queue for another worker (`queue.requeue_stalled`).

Modules: `app` (the procrastinate App, its schema, the task's name), `queue` (defer a
source, requeue stalled jobs), `dispatch` (`newsmon run`'s handle on the queue), `task`
(one job: a `newsmon crawl` subprocess of one source, as the daemon runs it), `worker` (the
`newsmon worker` process), `status` (what `newsmon status` shows of it), `errors`.
"""
