"""`sitcentre user add|passwd|disable|list` and `sitcentre audit verify` (wired in by sitcentre.cli).

The command line acts as the system: whoever can reach the database with its own credentials can already
change anything in it. Each change is still audited, under "cli:<operating-system user>".
Exit codes (sitcentre.exit_codes): 0 done, 1 the audit trail is broken, 2 a database problem, 3 a request
that cannot be done as asked (unknown account, weak password, ...).
"""

from __future__ import annotations

import argparse
import getpass
import sys

from sqlalchemy import Engine

from sitcentre.domain.permissions import Actor
from sitcentre.domain.records import utcnow
from sitcentre.exit_codes import EXIT_CHECK_FAILED, EXIT_OK, EXIT_USAGE
from sitcentre.services.audit import check_chain
from sitcentre.services.auth import AccountError
from sitcentre.services.installation import show as show_installation
from sitcentre.services.users import UserInfo, UserService
from sitcentre.settings import Settings


def run_account_command(engine: Engine, args: argparse.Namespace, settings: Settings) -> int:
    if args.command == "audit":
        return _audit_verify(engine)
    actor = cli_actor()
    users = UserService(engine, settings)
    try:
        if args.user_command == "add":
            _refuse_at_a_post(engine, args)
            password = _read_password(args)
            info = users.add(args.name, args.role, password, post_code=args.post, display_name=args.display_name,
                             actor=actor)
            where = f" at post {info.post_code}" if info.post_code else ""
            print(f"added {info.role.value} '{info.username}'{where}")
        elif args.user_command == "passwd":
            info = users.get(args.name, actor=actor)  # an unknown name fails before the password is asked for
            users.set_password(info.username, _read_password(args), actor=actor)
            print(f"password of '{info.username}' changed")
        elif args.user_command == "disable":
            print(f"'{users.disable(args.name, actor=actor)}' disabled")  # the account's name, as stored
        else:
            _print_users(users.list(actor=actor))
    except AccountError as exc:
        print(f"sitcentre: {exc}", file=sys.stderr)
        return EXIT_USAGE
    return EXIT_OK


def _refuse_at_a_post(engine: Engine, args: argparse.Namespace) -> None:
    """A post's accounts come from the centre with its bundles (reference data, issue 12): one added here is
    unknown to the centre, so it takes --local to say that is meant."""
    here = show_installation(engine)
    if here is not None and here.role == "post" and not getattr(args, "local", False):
        raise AccountError(f"This installation is post {here.origin_code}: its accounts come from the situation "
                           "centre with each bundle, so add the account there. To add an account of this post "
                           "only, which the centre will not know, use --local.")


def _read_password(args: argparse.Namespace) -> str:
    if args.password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
        if not password:
            raise AccountError("No password was given on standard input.")
        return password
    if not sys.stdin.isatty():
        raise AccountError("There is no terminal to ask for the password: pipe it in with --password-stdin.")
    first = getpass.getpass("New password: ")
    if getpass.getpass("Repeat it: ") != first:
        raise AccountError("The two passwords differ; nothing was changed.")
    return first


def _print_users(users: list[UserInfo]) -> None:
    now = utcnow()
    print(f"{'user':<24}{'role':<12}{'post':<10}status")
    for u in users:
        if u.disabled:
            status = "disabled"
        elif u.locked(now):
            status = f"locked until {u.locked_until:%Y-%m-%d %H:%M} UTC"
        elif not u.has_password:
            status = "no password"
        else:
            status = "active"
        print(f"{u.username:<24}{u.role.value:<12}{u.post_code or '-':<10}{status}")


def _audit_verify(engine: Engine) -> int:
    result = check_chain(engine)
    if result.intact:
        head = f", last row {result.head_id} ({result.head_hash[:16]})" if result.head_id is not None else ""
        print(f"audit trail intact: {result.rows:,} rows{head}")
        return EXIT_OK
    print(f"audit trail BROKEN at row {result.broken_at}: the row was changed, or the row before it was changed "
          f"or removed ({result.rows:,} rows before it are intact)")
    return EXIT_CHECK_FAILED


def cli_actor() -> Actor:
    """The command line acts as the system, named in the audit trail by the operating-system user."""
    return Actor.system_actor(f"cli:{_os_user()}")


def _os_user() -> str:
    try:
        return getpass.getuser()
    except Exception:  # no login name in this environment (a service account, a container)
        return "unknown"
