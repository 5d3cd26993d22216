"""`python -m newsmon.config --markdown`: the README's tables of config keys, from the schema;
`--readme README.md` writes them into that file in place."""

from __future__ import annotations

import argparse
from pathlib import Path

from newsmon.config.docs import markdown, update_readme


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m newsmon.config", description=__doc__)
    what = parser.add_mutually_exclusive_group(required=True)
    what.add_argument("--markdown", action="store_true", help="print the tables")
    what.add_argument("--readme", metavar="FILE", type=Path,
                      help="replace the tables in FILE (README.md) with the schema's")
    args = parser.parse_args(argv)
    if args.markdown:
        print(markdown(), end="")
    else:
        text = args.readme.read_text("utf-8")
        args.readme.write_text(update_readme(text), "utf-8")


if __name__ == "__main__":
    main()
