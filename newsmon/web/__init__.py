"""The web dashboard, feeds and JSON API (`newsmon web`, or inside `newsmon run`).

Read-mostly: every page is a query through the storage layer, rendered on the server with
Jinja2 (autoescaped) and served by Starlette/FastAPI under uvicorn. The only write is
re-queueing a dead alert. One module per job:

- `app`: builds the FastAPI application from a store and the secrets;
- `security`: the secrets from the environment and the bind-address rule;
- `auth`: login sessions, basic and bearer credentials; `csrf`: form tokens;
- `middleware`: security headers (CSP...) and the CSRF cookie;
- `filters`: the story filter every list, feed and API call shares; `search`: its SQL;
- `queries`: the reads the pages need; `writes`: the one write (re-queue);
- `flow`, `timeline`: the talent flow diagram and a per-organisation timeline, as SVG
  geometry the templates draw;
- `feeds`: Atom, JSON Feed and OPML; `conditional`: ETag / Last-Modified and 304;
- `opml_import`: a reader's OPML as `[[sources]]` to paste, after the address policy;
- `routes_*`: the pages, feeds and API; `schemas`: the API's response models;
- `templating`: the Jinja2 environment and its filters; `server`: uvicorn in a thread,
  for `newsmon web` or beside the daemon; `embed`: the daemon's hook (`[web] enabled`).
"""
