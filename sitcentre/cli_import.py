"""`sitcentre import FILE --mapping MAPPING.json` (issue 15): incident logs or published statistics from a
spreadsheet (CSV or XLSX), through the mapping saved by the app's import wizard (or written by hand).

Prints what it did (or, with --dry-run, what it would do) in one line, then the rows not imported with their
reasons (the first MAX_LISTED; --rejected OUT.csv writes them all). The whole file is imported in one transaction:
on any failure, Ctrl+C included, nothing is written.

Exit codes (sitcentre.exit_codes):
  0 (EXIT_OK)            imported (or the dry run found nothing wrong); rows skipped as already imported, empty,
                         zero or repeated are not errors
  1 (EXIT_CHECK_FAILED)  some rows were rejected (the others were imported, or with --dry-run would be)
  2 (EXIT_DATABASE)      a database problem (raised to sitcentre.cli, which words it)
  3 (EXIT_USAGE)         the file or the mapping cannot be used (not a spreadsheet, damaged, the mapping's
                         columns are not in the file, --kind differs from the mapping's), the report file exists
                         (use --force), or the account may not import this kind
"""

from __future__ import annotations

import argparse
import sys

from sqlalchemy import Engine

from sitcentre.cli_users import cli_actor
from sitcentre.domain.errors import OperatorError
from sitcentre.domain.i18n import _t, number
from sitcentre.domain.permissions import PermissionDenied
from sitcentre.exit_codes import EXIT_CHECK_FAILED, EXIT_OK, EXIT_USAGE
from sitcentre.settings import Settings

MAX_LISTED = 20  # rows not imported printed after the summary


def add_commands(commands, parser_class) -> None:
    imp = commands.add_parser("import", help=_t("import incident logs or published statistics from a spreadsheet"))
    imp.add_argument("file", metavar="FILE", help=_t("a .csv, .txt or .xlsx file"))
    imp.add_argument("--mapping", required=True, metavar="MAPPING.json",
                     help=_t("the column and value mapping (saved by the app's import wizard)"))
    imp.add_argument("--kind", choices=["incidents", "statistics"],
                     help=_t("what the file holds; refused when the mapping says otherwise"))
    imp.add_argument("--dry-run", action="store_true", help=_t("check every row and say what would be imported"))
    imp.add_argument("--rejected", metavar="OUT.csv", help=_t("write the rows not imported and why (CSV)"))
    imp.add_argument("--force", action="store_true", help=_t("replace the --rejected file if it exists"))
    imp.add_argument("--keep-repeated", action="store_true", help=_t("import rows that repeat an earlier row"))
    imp.add_argument("--keep-likely-duplicates", action="store_true",
                     help=_t("import incidents that look like one already recorded"))


def run(engine: Engine, args: argparse.Namespace, settings: Settings) -> int:
    from sitcentre.backend.core import Backend
    from sitcentre.backend.imports import ImportOptions
    from sitcentre.output_paths import OutputExists, check_target

    desk = Backend(engine, settings).desk(cli_actor(engine))
    if args.rejected:  # before anything is imported: a refused report file must not follow a committed import
        try:
            check_target(args.rejected, replace=args.force, what="report of rows not imported")
        except OutputExists:
            print(_t("sitcentre: {path} already exists (use --force to replace it)").format(path=args.rejected),
                  file=sys.stderr)
            return EXIT_USAGE
    try:
        mapping = desk.imports.load_mapping(args.mapping)
        if args.kind and args.kind != mapping.kind.value:
            if args.kind == "statistics":
                refused = _t("sitcentre: the mapping {mapping} is for incidents, not statistics")
            else:
                refused = _t("sitcentre: the mapping {mapping} is for statistics, not incidents")
            print(refused.format(mapping=args.mapping), file=sys.stderr)
            return EXIT_USAGE
        options = ImportOptions(keep_repeated_rows=args.keep_repeated,
                                keep_likely_duplicates=args.keep_likely_duplicates)
        call = desk.imports.preview if args.dry_run else desk.imports.run
        done = call(args.file, mapping, options, progress=_progress() if sys.stderr.isatty() else None)
    except (PermissionDenied, OperatorError) as exc:
        print(f"sitcentre: {exc}", file=sys.stderr)
        return EXIT_USAGE
    result = done if args.dry_run else done.value
    if sys.stderr.isatty():
        print(file=sys.stderr)
    print(summary_line(result))
    listed = [o for o in result.not_added if any(p.code != "already_imported" for p in o.problems)]
    for outcome in listed[:MAX_LISTED]:
        for problem in outcome.problems:
            print("  " + _t("row {row}: {problem}").format(row=outcome.row_number, problem=problem.message))
    if len(listed) > MAX_LISTED:
        more = len(listed) - MAX_LISTED
        if args.rejected:
            also = _t("... and 1 more row") if more == 1 else _t("... and {more} more rows")
        elif more == 1:
            also = _t("... and 1 more row (--rejected FILE writes them all)")
        else:
            also = _t("... and {more} more rows (--rejected FILE writes them all)")
        print("  " + also.format(more=number(more)))
    if args.rejected:
        written = desk.imports.save_report(result, args.rejected, replace=args.force)
        print(_t("Rows not imported: {path}").format(path=written.path))
    return EXIT_CHECK_FAILED if result.anything_rejected else EXIT_OK


def summary_line(result) -> str:
    """One sentence per kind and mode; counts of one take the neutral "incidents imported: 1" form (Russian uses
    it for every count: its plurals have three forms)."""
    c = result.counts
    plural = c.added != 1 and c.rows != 1
    incidents = result.kind == "incidents"
    if plural and incidents:
        line = (_t("{file}: {added} incidents would be imported, {present} already present, {skipped} skipped, "
                   "{rejected} rejected (of {rows} rows)") if result.dry_run else
                _t("{file}: {added} incidents imported, {present} already present, {skipped} skipped, "
                   "{rejected} rejected (of {rows} rows)"))
    elif plural:
        line = (_t("{file}: {added} published figures would be imported, {present} already present, {skipped} "
                   "skipped, {rejected} rejected (of {rows} rows)") if result.dry_run else
                _t("{file}: {added} published figures imported, {present} already present, {skipped} skipped, "
                   "{rejected} rejected (of {rows} rows)"))
    elif incidents:
        line = (_t("{file}: incidents that would be imported: {added}, already present: {present}, skipped: "
                   "{skipped}, rejected: {rejected}, rows: {rows}") if result.dry_run else
                _t("{file}: incidents imported: {added}, already present: {present}, skipped: {skipped}, "
                   "rejected: {rejected}, rows: {rows}"))
    else:
        line = (_t("{file}: published figures that would be imported: {added}, already present: {present}, "
                   "skipped: {skipped}, rejected: {rejected}, rows: {rows}") if result.dry_run else
                _t("{file}: published figures imported: {added}, already present: {present}, skipped: {skipped}, "
                   "rejected: {rejected}, rows: {rows}"))
    return line.format(file=result.file_name, added=number(c.added), present=number(c.present),
                       skipped=number(c.skipped), rejected=number(c.rejected), rows=number(c.rows))


def _progress():
    def report(phase: str, done: int, total: int | None) -> None:  # phase: "reading" or "writing"
        if phase == "reading":
            line = _t("reading {done} rows...") if total is None else _t("reading {done} of {total} rows...")
        elif phase == "writing":
            line = _t("writing {done} rows...") if total is None else _t("writing {done} of {total} rows...")
        else:
            line = _t("{phase} {done} rows...") if total is None else _t("{phase} {done} of {total} rows...")
        shown = line.format(phase=phase, done=number(done), total=number(total or 0))
        print(f"\r{shown}", end="", file=sys.stderr, flush=True)

    return report
