"""`sitcentre audit verify [--anchor FILE]` and `sitcentre audit anchor --out FILE [--replace]` (wired in by
sitcentre.cli; the anchor rules are sitcentre.services.audit_anchor's).

Exit codes (sitcentre.exit_codes): 0 the trail is intact (and extends the anchor), 1 it is not (the first
problem in words), 2 a database problem, 3 a file that cannot be read or written as asked.
"""

from __future__ import annotations

import argparse
import sys

from sqlalchemy import Engine

from sitcentre.domain.audit_anchor import AnchorCheck
from sitcentre.domain.permissions import PermissionDenied
from sitcentre.exit_codes import EXIT_CHECK_FAILED, EXIT_OK, EXIT_USAGE
from sitcentre.output_paths import OutputExists
from sitcentre.services.audit_chain import check_chain
from sitcentre.settings import Settings

ANCHOR_HELP = ("write a signed statement of the audit trail's head (row number and hash) to FILE, to keep "
               "outside the database (printed, mailed, on another machine); 'audit verify --anchor FILE' later "
               "shows whether the trail still extends it. Signed with the installation's key when it has one.")
VERIFY_HELP = ("check the audit trail's hash chain (exit 1 at the first broken row); with --anchor, also that it "
               "still extends a saved anchor: not cut, not rewritten, no rows added afterwards with earlier dates")
REFUSED_ANCHORS = ("bad_signature", "other_key")  # the file itself is not to be trusted: nothing was checked


def add_audit_commands(commands, parser_class) -> None:
    audit_parser = commands.add_parser("audit", help="the audit trail: verify it, anchor its head")
    audit_commands = audit_parser.add_subparsers(dest="audit_command", metavar="ACTION", parser_class=parser_class)
    audit_commands.required = True
    verify = audit_commands.add_parser("verify", help=VERIFY_HELP)
    verify.add_argument("--anchor", metavar="FILE", help="an anchor file written by 'sitcentre audit anchor'")
    anchor = audit_commands.add_parser("anchor", help=ANCHOR_HELP)
    anchor.add_argument("--out", metavar="FILE", required=True, help="the anchor file to write (JSON)")
    anchor.add_argument("--replace", action="store_true", help="replace FILE if it exists")


def run_audit_command(engine: Engine, args: argparse.Namespace, settings: Settings) -> int:
    from sitcentre.services.audit_anchor import AnchorFileError, AnchorRefused

    try:
        if args.audit_command == "anchor":
            return _anchor(engine, args, settings)
        if args.anchor:
            return _verify_anchor(engine, args.anchor)
        return _verify(engine)
    except OutputExists as exc:
        print(f"sitcentre: {str(exc).rstrip('.')} (with --replace).", file=sys.stderr)
        return EXIT_USAGE
    except AnchorFileError as exc:
        print(f"sitcentre: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except (AnchorRefused, PermissionDenied) as exc:
        print(f"sitcentre: {exc}", file=sys.stderr)
        return EXIT_CHECK_FAILED if isinstance(exc, AnchorRefused) else EXIT_USAGE


def _verify(engine: Engine) -> int:
    result = check_chain(engine)
    if result.intact:
        head = f", last row {result.head_id} ({result.head_hash[:16]})" if result.head_id is not None else ""
        print(f"audit trail intact: {result.rows:,} rows{head}")
        return EXIT_OK
    print(f"audit trail BROKEN at row {result.broken_at}: the row was changed, or the row before it was changed "
          f"or removed ({result.rows:,} rows before it are intact)")
    return EXIT_CHECK_FAILED


def _anchor(engine: Engine, args: argparse.Namespace, settings: Settings) -> int:
    from sitcentre.cli_users import cli_actor
    from sitcentre.services.audit_anchor import save_anchor

    saved = save_anchor(engine, args.out, replace=args.replace, actor=cli_actor(engine), settings=settings)
    st = saved.anchor.statement
    how = f"signed with key {saved.anchor.key_id}" if saved.anchor.signed else \
        "NOT signed (this installation has no signing key: 'sitcentre install init' makes one)"
    rows = "1 row" if st.rows == 1 else f"{st.rows:,} rows"
    print(f"{saved.path}: audit anchor of row #{st.head_id} ({rows}), hash {st.head_hash}, {how}")
    return EXIT_OK


def _verify_anchor(engine: Engine, path: str) -> int:
    from sitcentre.services.audit_anchor import check_anchor, read_anchor_file

    result = check_anchor(engine, read_anchor_file(path))
    for note in result.notes:
        print(f"note: {note.text}")
    if not result.intact:
        first, *others = result.problems
        if first.code in REFUSED_ANCHORS:
            print(f"the anchor {path} is refused: {first.text}")
            return EXIT_CHECK_FAILED
        print(f"audit trail does NOT extend the anchor {path}: {first.text}")
        for problem in others:
            print(f"  also: {problem.text}")
        return EXIT_CHECK_FAILED
    print(_intact_line(result))
    return EXIT_OK


def _intact_line(result: AnchorCheck) -> str:
    st = result.anchor.statement
    return (f"audit trail intact: {result.rows:,} rows, last row {result.head_id} ({result.head_hash[:16]}); "
            f"it extends the anchor of {st.describe()}")
