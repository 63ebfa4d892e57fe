"""`sitcentre bundle export|import` (issue 12, items 4 and 5): signed change bundles between installations
(sitcentre.services.exchange_export, .exchange_import)."""

from __future__ import annotations

import argparse
import sys

from sqlalchemy import Engine

from sitcentre.exit_codes import EXIT_ERROR
from sitcentre.settings import Settings


def add_commands(commands, parser_class) -> None:
    bundle = commands.add_parser("bundle", help="change bundles: export for another installation, import one")
    actions = bundle.add_subparsers(dest="bundle_command", metavar="ACTION", parser_class=parser_class)
    actions.required = True
    export = actions.add_parser("export", help="write the changes another installation has not confirmed yet")
    export.add_argument("--to", required=True, metavar="ORIGIN", help="the recipient's origin code")
    export.add_argument("--out", required=True, metavar="FILE",
                        help="the bundle file, or a folder to write it into under its usual name")
    export.add_argument("--since-last", action="store_true",
                        help="only what was not in the last bundle (smaller; the default repeats all unconfirmed)")
    export.add_argument("--force", action="store_true", help="replace the file if it exists")
    imp = actions.add_parser("import", help="import a bundle file")
    imp.add_argument("file", metavar="FILE")


def run(engine: Engine, args: argparse.Namespace, settings: Settings) -> int:
    print("sitcentre: bundle: not built yet", file=sys.stderr)
    return EXIT_ERROR
