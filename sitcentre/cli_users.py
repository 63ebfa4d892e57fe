"""`sitcentre user add|passwd|disable|enable|role|list` and `sitcentre audit verify` (wired in by sitcentre.cli).

On SQLite and an unsecured PostgreSQL database the command line acts as the system: whoever can reach the
database with its credentials can already change anything in it. Each change is still audited, under
"cli:<operating-system user>". On a secured PostgreSQL database (issue 14) the command acts as the account
whose login it connected with (an operator's login may not manage accounts, and the server refuses it too);
connected as the schema's owner or a superuser it acts as the system; any other login is refused in words.
Exit codes (sitcentre.exit_codes): 0 done, 1 the audit trail is broken, 2 a database problem, 3 a request
that cannot be done as asked (unknown account, weak password, ...).
"""

from __future__ import annotations

import argparse
import getpass
import sys

from sqlalchemy import Engine

from sitcentre.db.uow import UnitOfWork
from sitcentre.domain.i18n import N_, _t, number
from sitcentre.domain.permissions import Actor, PermissionDenied
from sitcentre.domain.records import utcnow
from sitcentre.exit_codes import EXIT_CHECK_FAILED, EXIT_OK, EXIT_USAGE
from sitcentre.services import db_logins
from sitcentre.services.audit import check_chain
from sitcentre.services.auth import AccountError, actor_of
from sitcentre.services.installation import show as show_installation
from sitcentre.services.users import UserInfo, UserService
from sitcentre.settings import Settings


def run_account_command(engine: Engine, args: argparse.Namespace, settings: Settings) -> int:
    if args.command == "audit":
        return _audit_verify(engine)
    users = UserService(engine, settings)
    try:
        actor = cli_actor(engine)
        if args.user_command == "add":
            _refuse_at_a_post(engine, args)
            password = _read_password(args)
            info = users.add(args.name, args.role, password, post_code=args.post, display_name=args.display_name,
                             actor=actor)
            if info.post_code:
                done = {"admin": _t("added admin '{name}' at post {post}"),
                        "supervisor": _t("added supervisor '{name}' at post {post}"),
                        "operator": _t("added operator '{name}' at post {post}")}[info.role.value]
            else:
                done = {"admin": _t("added admin '{name}'"), "supervisor": _t("added supervisor '{name}'"),
                        "operator": _t("added operator '{name}'")}[info.role.value]
            print(done.format(name=info.username, post=info.post_code))
        elif args.user_command == "passwd":
            info = users.get(args.name, actor=actor)  # an unknown name fails before the password is asked for
            users.set_password(info.username, _read_password(args), actor=actor)
            print(_t("password of '{name}' changed").format(name=info.username))
        elif args.user_command == "disable":
            name = users.disable(args.name, actor=actor)  # the account's name, as stored
            print(_t("'{name}' disabled").format(name=name))
        elif args.user_command == "enable":
            print(_t("'{name}' enabled").format(name=users.enable(args.name, actor=actor)))
        elif args.user_command == "role":
            name = users.set_role(args.name, args.role, post_code=args.post, actor=actor)
            now = {"admin": _t("'{name}' is now an admin"), "supervisor": _t("'{name}' is now a supervisor"),
                   "operator": _t("'{name}' is now an operator")}[args.role]
            if args.post:
                now = {"admin": _t("'{name}' is now an admin at post {post}"),
                       "supervisor": _t("'{name}' is now a supervisor at post {post}"),
                       "operator": _t("'{name}' is now an operator at post {post}")}[args.role]
            print(now.format(name=name, post=(args.post or "").upper()))
        else:
            _print_users(users.list(actor=actor))
    except (AccountError, PermissionDenied) as exc:
        print(f"sitcentre: {exc}", file=sys.stderr)
        return EXIT_USAGE
    return EXIT_OK


def _refuse_at_a_post(engine: Engine, args: argparse.Namespace) -> None:
    """A post's accounts come from the centre with its bundles (reference data, issue 12): one added here is
    unknown to the centre, so it takes --local to say that is meant."""
    here = show_installation(engine)
    if here is not None and here.role == "post" and not getattr(args, "local", False):
        raise AccountError(_t("This installation is post {post}: its accounts come from the situation centre "
                              "with each bundle, so add the account there. To add an account of this post only, "
                              "which the centre will not know, use --local.").format(post=here.origin_code))


def _read_password(args: argparse.Namespace) -> str:
    if args.password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
        if not password:
            raise AccountError(_t("No password was given on standard input."))
        return password
    if not sys.stdin.isatty():
        raise AccountError(_t("There is no terminal to ask for the password: pipe it in with --password-stdin."))
    first = getpass.getpass(_t("New password: "))
    if getpass.getpass(_t("Repeat it: ")) != first:
        raise AccountError(_t("The two passwords differ; nothing was changed."))
    return first


STATUS = {word: word for word in (N_("disabled"), N_("no password"), N_("active"))}  # `user list`'s words


def _print_users(users: list[UserInfo]) -> None:
    now = utcnow()
    user, role, post, status = _t("user"), _t("role"), _t("post"), _t("status")  # the columns' headings
    print(f"{user:<24}{role:<12}{post:<10}{status}")
    for u in users:
        if u.disabled:
            status = _t(STATUS["disabled"])
        elif u.locked(now):
            status = _t("locked until {time} UTC").format(time=f"{u.locked_until:%Y-%m-%d %H:%M}")
        elif not u.has_password:
            status = _t(STATUS["no password"])
        else:
            status = _t(STATUS["active"])
        print(f"{u.username:<24}{u.role.value:<12}{u.post_code or '-':<10}{status}")


def _audit_verify(engine: Engine) -> int:
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


def cli_actor(engine: Engine | None = None) -> Actor:
    """Who the command acts as. The system, named in the audit trail by the operating-system user, unless
    `engine` is a secured PostgreSQL database: there the account whose login is the session's user (the owner
    and superusers act as the system), and AccountError for a login that is no account's."""
    system = Actor.system_actor(f"cli:{_os_user()}")
    if engine is None:
        return system
    with UnitOfWork(engine) as uow:
        prefix = db_logins.role_prefix(uow.session)
        if prefix is None:
            return system
        login = db_logins.session_login(uow.session)
        account = db_logins.account_of_login(uow.session, login)
        if account is not None:
            return actor_of(account)
        if db_logins.acts_as_system(uow.session, prefix, login):
            return system
    raise AccountError(_t("The database login '{login}' is not the login of any account of this database, so it "
                          "cannot manage accounts. Connect with your own login ('{prefix}.<your user name>') or, "
                          "for the first administrator, with the owner's address.").format(login=login,
                                                                                            prefix=prefix))


def _os_user() -> str:
    try:
        return getpass.getuser()
    except Exception:  # no login name in this environment (a service account, a container)
        return "unknown"
