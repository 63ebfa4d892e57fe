"""Start the sitcentre desktop app. Thin on purpose: the start-up itself lives in ui.shell.app.run()."""

from __future__ import annotations

import argparse
import re
import sys

SIZE_LIMITS = (320, 10000)  # pixels: below this nothing fits, above it the PNG is only a waste of memory


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="sitcentre", description="Situation-centre desktop application.")
    parser.add_argument("--db", metavar="URL", help="database address: sqlite:///path/file.sqlite or postgresql://…")
    parser.add_argument("--demo", action="store_true", help="open a separate demo database filled with sample data")
    parser.add_argument("--screenshot", metavar="PNG", help="render the main window to a PNG file and exit")
    parser.add_argument("--screenshot-form", metavar="PNG",
                        help="render the new-incident form, as it opens over the main window, to a PNG file and exit")
    parser.add_argument("--size", metavar="WxH", type=screen_size, default=None,
                        help="the screen the screenshots are taken on, e.g. 1366x768 (default 1400x900)")
    parser.add_argument("--lang", choices=["en", "ru"], default=None,
                        help="the language of this run (default: the one chosen in View > Language, else the "
                        "system's language when the app has it, else English)")
    parser.add_argument("--theme", choices=["system", "light", "dark"], default=None,
                        help="the theme of this run (default: the one chosen in File > Settings, else the system's)")
    return parser.parse_args(argv)


def screen_size(text: str) -> tuple[int, int]:
    """'1366x768' -> (1366, 768); anything else is refused with the expected form."""
    match = re.fullmatch(r"\s*(\d{1,5})\s*[xX×]\s*(\d{1,5})\s*", text)
    low, high = SIZE_LIMITS
    if match is None or not all(low <= int(n) <= high for n in match.groups()):
        raise argparse.ArgumentTypeError(f"expected WIDTHxHEIGHT between {low} and {high} pixels, e.g. 1366x768")
    return int(match[1]), int(match[2])


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    from ui.shell.app import run  # after argument parsing, so --help answers without loading Qt

    return run(args)


if __name__ == "__main__":
    sys.exit(main())
