"""`sitcentre conflicts list|show|resolve` (issue 12, item 6): conflicts and parallel-edit flags found by
imports, and their resolution (sitcentre.services.conflicts).

`resolve ID --take centre|post` keeps one side's whole version; `--take FIELD=SIDE ...` chooses field by field
(a field not named keeps the side that changed it, the centre's when both did;
`conflicts show ID` names the fields); `--take dismiss` closes a
parallel-edit flag. The new revision is printed.

Exit codes (sitcentre.exit_codes): 0 done; 3 no such conflict, a conflict already closed, a choice that is not
one (unknown field or side), a resolution refused (at a post, a parallel flag, the incident changed since: look
again), a permission refused.
"""

from __future__ import annotations

import argparse
import json
import sys

from sqlalchemy import Engine

from sitcentre.domain.permissions import PermissionDenied
from sitcentre.exit_codes import EXIT_OK, EXIT_USAGE
from sitcentre.services import conflicts as conflict_service
from sitcentre.settings import Settings

KIND_WORDS = {"parallel": "parallel edit (merged)", "conflict": "conflict", "delete_edit": "delete vs edit",
              "duplicate_create": "created twice", "missing_base": "conflict (no common version)"}
EMPTY = "-"


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
    command = {"list": _list, "show": _show, "resolve": _resolve}[args.conflicts_command]
    try:
        return command(engine, args, settings)
    except (conflict_service.ConflictRefused, PermissionDenied) as exc:
        print(f"sitcentre: {getattr(exc, 'message', None) or exc}", file=sys.stderr)
        return EXIT_USAGE


def _list(engine: Engine, args: argparse.Namespace, settings: Settings) -> int:
    rows = conflict_service.list_conflicts(engine, include_closed=args.all)
    if not rows:
        print("no conflicts" if args.all else "no open conflicts")
        return EXIT_OK
    header = ("ID", "KIND", "INCIDENT", "POST", "FROM", "FIELDS", "DETECTED") + (("STATUS",) if args.all else ())
    table = [header] + [
        (str(c.id), KIND_WORDS.get(c.kind, c.kind), c.number, c.post or EMPTY, c.origin or EMPTY,
         _short_fields(c.fields), _when(c.detected_at)) + ((_status(c),) if args.all else ()) for c in rows]
    widths = [max(len(row[i]) for row in table) for i in range(len(header))]
    for row in table:
        print("  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip())
    return EXIT_OK


def _show(engine: Engine, args: argparse.Namespace, settings: Settings) -> int:
    detail = conflict_service.show(engine, args.id)
    c = detail.summary
    print(f"conflict {c.id}: {KIND_WORDS.get(c.kind, c.kind)}, incident {c.number} ({c.post or 'post unknown'}), "
          f"{_status(c)}")
    print(f"detected {_when(c.detected_at)}; the other side: {c.origin or 'unknown'}")
    names = ("centre", "post")
    for name, version in zip(names, detail.heads, strict=False):
        print(f"{name + ':':8}{version.rev}  {'deleted' if version.op == 'delete' else 'version'} by "
              f"{version.author or 'unknown'} at {version.origin}, device time {_when(version.device_time)}"
              + (f", received {_when(version.received_at)}" if version.received_at else ""))
    print(f"{'base:':8}{detail.base.rev if detail.base else 'none (no common version known here)'}")
    if detail.stale:
        print(f"note: the incident has changed here since (now {detail.current_rev or 'deleted'}): resolving "
              "will bring the conflict up to date first")
    if not detail.rows:
        print("no field differs")
        return EXIT_OK
    table = [("FIELD", "BASE", "CENTRE", "POST", "")] + [
        (r.field, _value(r.base), _value(r.centre), _value(r.post), "<- conflict" if r.conflicting else "")
        for r in detail.rows]
    widths = [min(40, max(len(row[i]) for row in table)) for i in range(4)]
    for row in table:
        cells = [_cut(cell, width).ljust(width) for cell, width in zip(row[:4], widths, strict=True)]
        print("  ".join(cells + [row[4]]).rstrip())
    if c.status == "open" and detail.at_post and c.kind != "parallel":
        print("the centre resolves this conflict; its choice comes back with its next bundle")
    elif c.status == "open" and c.kind != "parallel":
        print(f"resolve: sitcentre conflicts resolve {c.id} --take centre|post|FIELD=centre|post ...")
    elif c.status == "open":
        print(f"dismiss: sitcentre conflicts resolve {c.id} --take dismiss")
    return EXIT_OK


def _resolve(engine: Engine, args: argparse.Namespace, settings: Settings) -> int:
    from sitcentre.cli_users import cli_actor

    take = args.take
    if take == ["dismiss"]:
        conflict_service.dismiss(engine, args.id, actor=cli_actor(), settings=settings)
        print(f"conflict {args.id} dismissed")
        return EXIT_OK
    choice: str | dict[str, str]
    if len(take) == 1 and "=" not in take[0]:
        choice = take[0]
    else:
        choice = {}
        for item in take:
            field, sep, side = item.partition("=")
            if not sep or not field.strip():
                print(f"sitcentre: '{item}': give centre, post, dismiss, or FIELD=centre|post for each field",
                      file=sys.stderr)
                return EXIT_USAGE
            choice[field.strip()] = side.strip()
    rev = conflict_service.resolve(engine, settings, args.id, choice, actor=cli_actor())
    print(f"conflict {args.id} resolved: new version {rev} (goes back to the post with the next bundle)")
    return EXIT_OK


def _status(c) -> str:
    if c.status == "open":
        return "open"
    return f"{c.status} by {c.resolved_by or '?'} {_when(c.resolved_at)}".rstrip()


def _when(at) -> str:
    return at.strftime("%Y-%m-%d %H:%M UTC") if at is not None else ""


def _short_fields(fields) -> str:
    names = [f"line {f.split('/', 1)[1][:8]}" if f.startswith("lines/") else f for f in fields]
    text = ", ".join(names) or EMPTY
    return text if len(text) <= 50 else text[:47] + "..."


def _value(value) -> str:
    if value is None:
        return EMPTY
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def _cut(text: str, width: int) -> str:
    return text if len(text) <= width else text[:width - 3] + "..."
