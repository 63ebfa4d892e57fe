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

from sitcentre.domain.i18n import N_, _t
from sitcentre.domain.permissions import PermissionDenied
from sitcentre.exit_codes import EXIT_OK, EXIT_USAGE
from sitcentre.services import conflicts as conflict_service
from sitcentre.settings import Settings

KIND_WORDS = {"parallel": N_("parallel edit (merged)"), "conflict": N_("conflict"), "delete_edit": N_("delete vs edit"),
              "duplicate_create": N_("created twice"), "missing_base": N_("conflict (no common version)")}
LIST_HEADER = (N_("ID"), N_("KIND"), N_("INCIDENT"), N_("POST"), N_("FROM"), N_("FIELDS"), N_("DETECTED"))
SHOW_HEADER = (N_("FIELD"), N_("BASE"), N_("CENTRE"), N_("POST"))
EMPTY = "-"


def add_commands(commands, parser_class) -> None:
    conflicts = commands.add_parser("conflicts", help=_t("conflicting edits from other installations"))
    actions = conflicts.add_subparsers(dest="conflicts_command", metavar="ACTION", parser_class=parser_class)
    actions.required = True
    listing = actions.add_parser("list", help=_t("open conflicts and parallel-edit flags"))
    listing.add_argument("--all", action="store_true", help=_t("also the resolved and dismissed ones"))
    actions.add_parser("show", help=_t("one conflict, field by field")).add_argument("id", type=int)
    resolve = actions.add_parser("resolve", help=_t("resolve a conflict (a new version with both as parents)"))
    resolve.add_argument("id", type=int)
    resolve.add_argument("--take", nargs="+", required=True, metavar="SIDE|FIELD=SIDE",
                         help=_t("centre, post, or FIELD=centre|post per field (a parallel flag: dismiss)"))


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
        print(_t("no conflicts") if args.all else _t("no open conflicts"))
        return EXIT_OK
    header = tuple(_t(word) for word in LIST_HEADER) + ((_t("STATUS"),) if args.all else ())
    table = [header] + [
        (str(c.id), _kind(c.kind), c.number, c.post or EMPTY, c.origin or EMPTY,
         _short_fields(c.fields), _when(c.detected_at)) + ((_status(c),) if args.all else ()) for c in rows]
    widths = [max(len(row[i]) for row in table) for i in range(len(header))]
    for row in table:
        print("  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip())
    return EXIT_OK


def _show(engine: Engine, args: argparse.Namespace, settings: Settings) -> int:
    detail = conflict_service.show(engine, args.id)
    c = detail.summary
    if c.post:
        head = _t("conflict {id}: {kind}, incident {number} ({post}), {status}")
    else:
        head = _t("conflict {id}: {kind}, incident {number} (post unknown), {status}")
    print(head.format(id=c.id, kind=_kind(c.kind), number=c.number, post=c.post, status=_status(c)))
    if c.origin:
        print(_t("detected {when}; the other side: {origin}").format(when=_when(c.detected_at), origin=c.origin))
    else:
        print(_t("detected {when}; the other side: unknown").format(when=_when(c.detected_at)))
    names = (_t("centre:"), _t("post:"))
    for name, version in zip(names, detail.heads, strict=False):
        print(f"{name:8}{_version_line(version)}")
    base = detail.base.rev if detail.base else _t("none (no common version known here)")
    label = _t("base:")
    print(f"{label:8}{base}")
    if detail.stale and detail.current_rev:
        print(_t("note: the incident has changed here since (now {rev}): resolving will bring the conflict up to "
                 "date first").format(rev=detail.current_rev))
    elif detail.stale:
        print(_t("note: the incident has changed here since (now deleted): resolving will bring the conflict up "
                 "to date first"))
    if not detail.rows:
        print(_t("no field differs"))
        return EXIT_OK
    conflicting = _t("<- conflict")
    table = [tuple(_t(word) for word in SHOW_HEADER) + ("",)] + [
        (r.field, _value(r.base), _value(r.centre), _value(r.post), conflicting if r.conflicting else "")
        for r in detail.rows]
    widths = [min(40, max(len(row[i]) for row in table)) for i in range(4)]
    for row in table:
        cells = [_cut(cell, width).ljust(width) for cell, width in zip(row[:4], widths, strict=True)]
        print("  ".join(cells + [row[4]]).rstrip())
    if c.status == "open" and detail.at_post and c.kind != "parallel":
        print(_t("the centre resolves this conflict; its choice comes back with its next bundle"))
    elif c.status == "open" and c.kind != "parallel":
        print(_t("resolve: sitcentre conflicts resolve {id} --take centre|post|FIELD=centre|post ...").format(id=c.id))
    elif c.status == "open":
        print(_t("dismiss: sitcentre conflicts resolve {id} --take dismiss").format(id=c.id))
    return EXIT_OK


def _resolve(engine: Engine, args: argparse.Namespace, settings: Settings) -> int:
    from sitcentre.cli_users import cli_actor

    take = args.take
    if take == ["dismiss"]:
        conflict_service.dismiss(engine, args.id, actor=cli_actor(), settings=settings)
        print(_t("conflict {id} dismissed").format(id=args.id))
        return EXIT_OK
    choice: str | dict[str, str]
    if len(take) == 1 and "=" not in take[0]:
        choice = take[0]
    else:
        choice = {}
        for item in take:
            field, sep, side = item.partition("=")
            if not sep or not field.strip():
                print(_t("sitcentre: '{item}': give centre, post, dismiss, or FIELD=centre|post for each "
                         "field").format(item=item), file=sys.stderr)
                return EXIT_USAGE
            choice[field.strip()] = side.strip()
    rev = conflict_service.resolve(engine, settings, args.id, choice, actor=cli_actor())
    print(_t("conflict {id} resolved: new version {rev} (goes back to the post with the next bundle)").format(
        id=args.id, rev=rev))
    return EXIT_OK


def _kind(kind: str) -> str:
    return _t(KIND_WORDS[kind]) if kind in KIND_WORDS else kind


def _status(c) -> str:
    if c.status == "open":
        return _t("open")
    if c.status == "dismissed":
        done = _t("dismissed by {who} {when}")
    elif c.status == "resolved":
        done = _t("resolved by {who} {when}")
    else:
        done = _t("{status} by {who} {when}")
    return done.format(status=c.status, who=c.resolved_by or "?", when=_when(c.resolved_at)).rstrip()


def _version_line(version) -> str:
    """One side's head: its revision, who wrote it where, and when (one sentence per case)."""
    deleted, received = version.op == "delete", version.received_at is not None
    if deleted and received:
        line = _t("{rev}  deleted by {author} at {origin}, device time {device_time}, received {received}")
    elif deleted:
        line = _t("{rev}  deleted by {author} at {origin}, device time {device_time}")
    elif received:
        line = _t("{rev}  version by {author} at {origin}, device time {device_time}, received {received}")
    else:
        line = _t("{rev}  version by {author} at {origin}, device time {device_time}")
    return line.format(rev=version.rev, author=version.author or _t("unknown"), origin=version.origin,
                       device_time=_when(version.device_time), received=_when(version.received_at))


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
