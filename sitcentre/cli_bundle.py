"""`sitcentre bundle export|import` (issue 12, items 4 and 5): signed change bundles between installations
(sitcentre.services.exchange_export; import: sitcentre.cli_bundle_import).

Exit codes of export (sitcentre.exit_codes): 0 written (also when nothing is new: the bundle still carries
acknowledgements); 3 an unknown recipient, no signing key yet, an output file refused or existing (--force).
Database errors are the CLI's (2)."""

from __future__ import annotations

import argparse
import sys

from sqlalchemy import Engine

from sitcentre.domain.i18n import _t
from sitcentre.exit_codes import EXIT_OK, EXIT_USAGE
from sitcentre.output_paths import UnsafeOutput
from sitcentre.settings import Settings


def add_commands(commands, parser_class) -> None:
    bundle = commands.add_parser("bundle", help=_t("change bundles: export for another installation, import one"))
    actions = bundle.add_subparsers(dest="bundle_command", metavar="ACTION", parser_class=parser_class)
    actions.required = True
    export = actions.add_parser("export", help=_t("write the changes another installation has not confirmed yet"))
    export.add_argument("--to", required=True, metavar="ORIGIN", help=_t("the recipient's origin code"))
    export.add_argument("--out", required=True, metavar="FILE",
                        help=_t("the bundle file, or a folder to write it into under its usual name"))
    export.add_argument("--since-last", action="store_true",
                        help=_t("only what was not in the last bundle (smaller; the default repeats all unconfirmed)"))
    export.add_argument("--force", action="store_true", help=_t("replace the file if it exists"))
    imp = actions.add_parser("import", help=_t("import a bundle file"))
    imp.add_argument("file", metavar="FILE")
    actions.add_parser("pending", help=_t("list received changes held or failed, with the reason"))


def run(engine: Engine, args: argparse.Namespace, settings: Settings) -> int:
    if args.bundle_command == "import":
        from sitcentre.cli_bundle_import import run_import  # the importer's own module

        return run_import(engine, args, settings)
    if args.bundle_command == "pending":
        from sitcentre.cli_bundle_import import run_pending

        return run_pending(engine, args, settings)
    return _export(engine, args, settings)


def _export(engine: Engine, args: argparse.Namespace, settings: Settings) -> int:
    from sitcentre.cli_users import cli_actor
    from sitcentre.services.exchange_export import ExportRefused, export_bundle
    from sitcentre.services.keys import ExchangeNotReady

    try:
        result = export_bundle(engine, settings, to=args.to, out=args.out, since_last=args.since_last,
                               force=args.force, actor=cli_actor())
    except (ExportRefused, ExchangeNotReady, UnsafeOutput) as exc:
        print(f"sitcentre: {exc}", file=sys.stderr)
        return EXIT_USAGE
    print(_t("bundle:  {path}").format(path=result.path))
    print(_t("for:     {recipient}").format(recipient=result.recipient))
    if result.empty:
        print(_t("entries: nothing new since the last bundle (acknowledgements only; next entry {next})").format(
            next=result.from_seq))
    else:
        counts = ", ".join(f"{kind} {count}" for kind, count in result.counts.items())  # (kinds: the format's codes)
        print(_t("entries: {first}-{last} ({entries}: {counts})").format(
            first=result.from_seq, last=result.to_seq, entries=result.entries, counts=counts))
    return EXIT_OK
