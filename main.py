"""Start the sitcentre desktop app. Thin on purpose: the start-up itself lives in ui.app.run()."""

from __future__ import annotations

import argparse
import sys


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="sitcentre", description="Situation-centre desktop application.")
    parser.add_argument("--db", metavar="URL", help="database address: sqlite:///path/file.sqlite or postgresql://…")
    parser.add_argument("--demo", action="store_true", help="open a separate demo database filled with sample data")
    parser.add_argument("--screenshot", metavar="PNG", help="render the main window to a PNG file and exit")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    from ui.app import run  # after argument parsing, so --help answers without loading Qt

    return run(args)


if __name__ == "__main__":
    sys.exit(main())
