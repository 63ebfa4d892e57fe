"""`sitcentre conflicts list|show|resolve` (issue 12, item 6): conflicts and parallel-edit flags found by
imports, and their resolution (sitcentre.services.conflicts)."""

from __future__ import annotations

import argparse
import sys

from sqlalchemy import Engine

from sitcentre.exit_codes import EXIT_ERROR
from sitcentre.settings import Settings


def add_commands(commands, parser_class) -> None:
    conflicts = commands.add_parser("conflicts", help="conflicting edits from other installations")
    actions = conflicts.add_subparsers(dest="conflicts_command", metavar="ACTION", parser_class=parser_class)
    actions.required = True
    listing = actions.add_parser("list", help="open conflicts and parallel-edit flags")
    listing.add_argument("--all", action="store_true", help="also the resolved and dismissed ones")
    actions.add_parser("show", help="one conflict, field by field").add_argument("id", type=int)
    resolve = actions.add_parser("resolve", help="resolve a conflict (a new version with both as parents)")
    resolve.add_argument("id", type=int)
    resolve.add_argument("--take", nargs="+", required=True, metavar="SIDE|FIELD=SIDE",
                         help="centre, post, or FIELD=centre|post per field (a parallel flag: dismiss)")


def run(engine: Engine, args: argparse.Namespace, settings: Settings) -> int:
    print("sitcentre: conflicts: not built yet", file=sys.stderr)
    return EXIT_ERROR
