"""The `newsmon` command line (`python -m newsmon`, the `newsmon` console script).

- `main`: the parser and `main(argv)`, which maps errors to exit codes (newsmon.errors)
- `common`: the config, the store opened and closed in one place, daemon check, alert delivery
- `output`: the crawl and alert summary, a move as text, an error's stderr lines
- one module per command or family: `init` (init, check), `crawl`, `monitor` (run, status),
  `alerts`, `export`, `sources`, `relevance` (classify, reclassify), `stories` (restory,
  stories, dedupe)
"""

from newsmon.cli.main import build_parser, main

__all__ = ["build_parser", "main"]
