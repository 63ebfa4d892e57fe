"""`sitcentre keys export|trust|revoke|list` (issue 12, item 1): this installation's public key file, and the
registry of other installations' keys (sitcentre.services.keys)."""

from __future__ import annotations

import argparse
import sys

from sqlalchemy import Engine

from sitcentre.exit_codes import EXIT_ERROR
from sitcentre.settings import Settings


def add_commands(commands, parser_class) -> None:
    keys = commands.add_parser("keys", help="signing keys: this installation's, and the ones it trusts")
    actions = keys.add_subparsers(dest="keys_command", metavar="ACTION", parser_class=parser_class)
    actions.required = True
    export = actions.add_parser("export", help="write this installation's public key to a file")
    export.add_argument("--out", required=True, metavar="FILE")
    export.add_argument("--force", action="store_true", help="replace the file if it exists")
    trust = actions.add_parser("trust", help="trust another installation's key (shows its fingerprint, asks)")
    trust.add_argument("file", metavar="FILE", help="a key file (keys export) or a bundle signed with the key")
    trust.add_argument("--yes", action="store_true", help="do not ask (the fingerprint was checked already)")
    revoke = actions.add_parser("revoke", help="revoke a key: bundles signed with it are refused")
    revoke.add_argument("key_id", metavar="ID")
    revoke.add_argument("--reason", default="")
    actions.add_parser("list", help="list the keys: trusted, waiting for confirmation, revoked")


def run(engine: Engine, args: argparse.Namespace, settings: Settings) -> int:
    print("sitcentre: keys: not built yet", file=sys.stderr)
    return EXIT_ERROR
