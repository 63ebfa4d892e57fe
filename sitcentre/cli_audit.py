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
from sitcentre.domain.i18n import N_, _t, number
from sitcentre.domain.permissions import PermissionDenied
from sitcentre.exit_codes import EXIT_CHECK_FAILED, EXIT_OK, EXIT_USAGE
from sitcentre.output_paths import OutputExists
from sitcentre.services.audit_chain import check_chain
from sitcentre.settings import Settings

ANCHOR_HELP = N_("write a signed statement of the audit trail's head (row number and hash) to FILE, to keep "
               "outside the database (printed, mailed, on another machine); 'audit verify --anchor FILE' later "
               "shows whether the trail still extends it. Signed with the installation's key when it has one.")
VERIFY_HELP = N_("check the audit trail's hash chain (exit 1 at the first broken row); with --anchor, also that it "
               "still extends a saved anchor: not cut, not rewritten, no rows added afterwards with earlier dates")
REFUSED_ANCHORS = ("bad_signature", "other_key")  # the file itself is not to be trusted: nothing was checked


def add_audit_commands(commands, parser_class) -> None:
    audit_parser = commands.add_parser("audit", help=_t("the audit trail: verify it, anchor its head"))
    audit_commands = audit_parser.add_subparsers(dest="audit_command", metavar="ACTION", parser_class=parser_class)
    audit_commands.required = True
    verify = audit_commands.add_parser("verify", help=_t(VERIFY_HELP))
    verify.add_argument("--anchor", metavar="FILE", help=_t("an anchor file written by 'sitcentre audit anchor'"))
    anchor = audit_commands.add_parser("anchor", help=_t(ANCHOR_HELP))
    anchor.add_argument("--out", metavar="FILE", required=True, help=_t("the anchor file to write (JSON)"))
    anchor.add_argument("--replace", action="store_true", help=_t("replace FILE if it exists"))


def run_audit_command(engine: Engine, args: argparse.Namespace, settings: Settings) -> int:
    from sitcentre.services.audit_anchor import AnchorFileError, AnchorRefused

    try:
        if args.audit_command == "anchor":
            return _anchor(engine, args, settings)
        if args.anchor:
            return _verify_anchor(engine, args.anchor)
        return _verify(engine)
    except OutputExists as exc:
        print(_t("sitcentre: {problem} (with --replace).").format(problem=str(exc).rstrip(".")), file=sys.stderr)
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
        if result.head_id is None:
            print(_t("audit trail intact: {rows} rows").format(rows=number(result.rows)))
        else:
            print(_t("audit trail intact: {rows} rows, last row {row} ({hash})").format(
                rows=number(result.rows), row=result.head_id, hash=result.head_hash[:16]))
        return EXIT_OK
    print(_t("audit trail BROKEN at row {row}: the row was changed, or the row before it was changed or removed "
             "({rows} rows before it are intact)").format(row=result.broken_at, rows=number(result.rows)))
    return EXIT_CHECK_FAILED


def _anchor(engine: Engine, args: argparse.Namespace, settings: Settings) -> int:
    from sitcentre.cli_users import cli_actor
    from sitcentre.services.audit_anchor import save_anchor

    saved = save_anchor(engine, args.out, replace=args.replace, actor=cli_actor(engine), settings=settings)
    st = saved.anchor.statement
    if saved.anchor.signed and st.rows == 1:  # (Russian: "записей: N", whatever N)
        done = _t("{path}: audit anchor of row #{row} (1 row), hash {hash}, signed with key {key}")
    elif saved.anchor.signed:
        done = _t("{path}: audit anchor of row #{row} ({rows} rows), hash {hash}, signed with key {key}")
    elif st.rows == 1:
        done = _t("{path}: audit anchor of row #{row} (1 row), hash {hash}, NOT signed (this installation has no "
                  "signing key: 'sitcentre install init' makes one)")
    else:
        done = _t("{path}: audit anchor of row #{row} ({rows} rows), hash {hash}, NOT signed (this installation "
                  "has no signing key: 'sitcentre install init' makes one)")
    print(done.format(path=saved.path, row=st.head_id, rows=number(st.rows), hash=st.head_hash,
                      key=saved.anchor.key_id))
    return EXIT_OK


def _verify_anchor(engine: Engine, path: str) -> int:
    from sitcentre.services.audit_anchor import check_anchor, read_anchor_file

    result = check_anchor(engine, read_anchor_file(path))
    for note in result.notes:
        print(_t("note: {note}").format(note=note.text))
    if not result.intact:
        first, *others = result.problems
        if first.code in REFUSED_ANCHORS:
            print(_t("the anchor {path} is refused: {problem}").format(path=path, problem=first.text))
            return EXIT_CHECK_FAILED
        print(_t("audit trail does NOT extend the anchor {path}: {problem}").format(path=path, problem=first.text))
        for problem in others:
            print("  " + _t("also: {problem}").format(problem=problem.text))
        return EXIT_CHECK_FAILED
    print(_intact_line(result))
    return EXIT_OK


def _intact_line(result: AnchorCheck) -> str:
    st = result.anchor.statement
    return _t("audit trail intact: {rows} rows, last row {row} ({hash}); it extends the anchor of {anchor}").format(
        rows=number(result.rows), row=result.head_id, hash=result.head_hash[:16], anchor=st.describe())
