"""`sitcentre keys export|trust|revoke|list` (issue 12, item 1): this installation's public key file, and the
registry of other installations' keys (sitcentre.services.keys).

Exit codes (sitcentre.exit_codes): 0 done; 1 the fingerprint was not confirmed (nothing trusted, the key stays
waiting for confirmation); 3 a bad, damaged or unreadable key file, an unknown key id, a key that may not be
trusted or revoked, no signing key yet, an output file refused.
"""

from __future__ import annotations

import argparse
import sys

from sqlalchemy import Engine

from sitcentre.domain.i18n import N_, _t
from sitcentre.exchange.signing import fingerprint as fingerprint_of
from sitcentre.exit_codes import EXIT_CHECK_FAILED, EXIT_OK, EXIT_USAGE
from sitcentre.output_paths import UnsafeOutput
from sitcentre.services import keys as key_service
from sitcentre.settings import Settings

STATE_WORDS = {"pending": N_("waiting for confirmation"), "trusted": N_("trusted"), "revoked": N_("revoked")}
LIST_HEADER = (N_("KEY ID"), N_("ORIGIN"), N_("ROLE"), N_("STATE"), N_("FINGERPRINT"), N_("FIRST SEEN"), N_("DECIDED"))
YES = ("y", "yes", "д", "да")  # [y/N] questions: English or Russian


def add_commands(commands, parser_class) -> None:
    keys = commands.add_parser("keys", help=_t("signing keys: this installation's, and the ones it trusts"))
    actions = keys.add_subparsers(dest="keys_command", metavar="ACTION", parser_class=parser_class)
    actions.required = True
    export = actions.add_parser("export", help=_t("write this installation's public key to a file"))
    export.add_argument("--out", required=True, metavar="FILE")
    export.add_argument("--force", action="store_true", help=_t("replace the file if it exists"))
    trust = actions.add_parser("trust", help=_t("trust another installation's key (shows its fingerprint, asks)"))
    trust.add_argument("file", metavar="FILE", help=_t("a key file (keys export) or a bundle signed with the key"))
    trust.add_argument("--yes", action="store_true", help=_t("do not ask (the fingerprint was checked already)"))
    revoke = actions.add_parser("revoke", help=_t("revoke a key: bundles signed with it are refused"))
    revoke.add_argument("key_id", metavar="ID")
    revoke.add_argument("--reason", default="")
    actions.add_parser("list", help=_t("list the keys: trusted, waiting for confirmation, revoked"))


def run(engine: Engine, args: argparse.Namespace, settings: Settings) -> int:
    command = {"export": _export, "trust": _trust, "revoke": _revoke, "list": _list}[args.keys_command]
    try:
        return command(engine, args)
    except (key_service.KeyProblem, key_service.ExchangeNotReady, UnsafeOutput) as exc:
        print(f"sitcentre: {exc}", file=sys.stderr)
        return EXIT_USAGE


def _export(engine: Engine, args: argparse.Namespace) -> int:
    path = key_service.export_key_file(engine, args.out, force=args.force)
    info = key_service.read_key_file(path.read_bytes())
    print(_t("key file:    {path}").format(path=path))
    print(_t("origin:      {origin} ({role})").format(origin=info.origin, role=info.role))
    print(_t("key id:      {key}").format(key=info.key_id))
    print(_t("fingerprint: {fingerprint}").format(fingerprint=fingerprint_of(info.public_key)))
    print(_t("Send this file to the other installation, and read the fingerprint out to its supervisor by another "
             "way (telephone, in person)."))
    return EXIT_OK


def _trust(engine: Engine, args: argparse.Namespace) -> int:
    from sitcentre.cli_users import cli_actor

    info = key_service.read_key_source(args.file)
    known = key_service.trustable(engine, info)  # our own key, a revoked key: refused before anyone is asked
    if known is not None and known.state == "trusted":
        print(_t("key {key} of {origin} ({role}) is already trusted").format(key=info.key_id, origin=known.origin,
                                                                          role=known.role))
        return EXIT_OK
    fingerprint = fingerprint_of(info.public_key)
    print(_t("origin:      {origin}").format(origin=info.origin))
    print(_t("role:        {role}").format(role=info.role))
    print(_t("key id:      {key}").format(key=info.key_id))
    print(_t("fingerprint: {fingerprint}").format(fingerprint=fingerprint))
    for other in key_service.same_origin_keys(engine, info):
        print(_t("note: {origin} already has a trusted {role} key {key}; trusting this one too is a key rotation "
                 "(revoke the old key with 'sitcentre keys revoke {key}' once it is no longer used).").format(
                     origin=info.origin, role=other.role, key=other.key_id))
    key_service.note_pending(engine, info)
    question = _t("Does this fingerprint match the one read out by {origin}? [y/N] ").format(origin=info.origin)
    if not args.yes and not _confirmed(question):
        print(_t("sitcentre: not trusted: key {key} of {origin} stays waiting for confirmation.").format(
            key=info.key_id, origin=info.origin), file=sys.stderr)
        return EXIT_CHECK_FAILED
    done = key_service.trust(engine, info, actor=cli_actor())
    print(_t("key {key} of {origin} ({role}) is trusted").format(key=done.key_id, origin=done.origin, role=done.role))
    return EXIT_OK


def _confirmed(question: str) -> bool:
    print(question, end="", flush=True)
    answer = sys.stdin.readline()
    if not answer.endswith("\n"):
        print()  # end of input: keep the next line off the question's
    return answer.strip().lower() in YES


def _revoke(engine: Engine, args: argparse.Namespace) -> int:
    from sitcentre.cli_users import cli_actor

    done = key_service.revoke(engine, args.key_id, actor=cli_actor(), reason=args.reason)
    print(_t("key {key} of {origin} ({role}) is revoked: bundles signed with it are refused").format(
        key=done.key_id, origin=done.origin, role=done.role))
    return EXIT_OK


def _list(engine: Engine, args: argparse.Namespace) -> int:
    rows = key_service.list_keys(engine)
    if not rows:
        print(_t("no keys of other installations recorded yet ('sitcentre keys trust FILE' adds one)"))
        return EXIT_OK
    header = tuple(_t(word) for word in LIST_HEADER)
    table = [header] + [(k.key_id, k.origin, k.role, _t(STATE_WORDS[k.state]) if k.state in STATE_WORDS else k.state,
                         k.fingerprint,
                         _when(k.first_seen_at), _decided(k)) for k in rows]
    widths = [max(len(row[i]) for row in table) for i in range(len(header))]
    for row in table:
        print("  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip())
    return EXIT_OK


def _when(at) -> str:
    return at.strftime("%Y-%m-%d %H:%M UTC") if at is not None else ""


def _decided(record) -> str:
    if record.decided_at is None:
        return ""
    if record.reason:
        return _t("{when} by {who} ({reason})").format(when=_when(record.decided_at), who=record.decided_by or "?",
                                                      reason=record.reason)
    return _t("{when} by {who}").format(when=_when(record.decided_at), who=record.decided_by or "?")
