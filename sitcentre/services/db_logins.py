"""Accounts' PostgreSQL logins on a secured database (issue 14): each account is the login `D.<username>`.

A database is secured when site_settings holds `db_role_prefix` (`sitcentre db secure` writes it); on SQLite
and on an unsecured PostgreSQL database nothing here does anything (`role_prefix` is None). The logins are
made and changed through the schema's SQL functions (migration 0009), which the server lets administrators'
logins call only; role DDL is transactional on PostgreSQL, so a login changed in the account's unit of work
is kept or dropped with the account row. Passwords reach the server only as SCRAM-SHA-256 verifiers computed
here (sitcentre.db.roles.scram_verifier): the plain password is never in a statement or the server's log.
"""

from __future__ import annotations

import logging
import secrets
from collections.abc import Iterator
from contextlib import contextmanager

import sqlalchemy.exc
from sqlalchemy import Engine, select, text
from sqlalchemy.orm import Session

from sitcentre.db.errors import sqlstate
from sitcentre.db.roles import GROUPS, login_name, owner_name, scram_verifier
from sitcentre.db.tables import SiteSettingRow, UserRow
from sitcentre.db.uow import UnitOfWork
from sitcentre.domain.accounts import AccountError
from sitcentre.domain.enums import Role
from sitcentre.domain.permissions import Action, Actor, PermissionDenied

log = logging.getLogger(__name__)

LOGIN_MAX_BYTES = 63  # PostgreSQL's NAMEDATALEN - 1: a longer role name would be cut short silently
INSUFFICIENT_PRIVILEGE = "42501"
DUPLICATE_OBJECT = "42710"


def role_prefix(session: Session) -> str | None:
    """The secured database's role prefix D, or None (SQLite, or PostgreSQL not secured)."""
    if session.get_bind().dialect.name != "postgresql":
        return None
    return session.scalar(select(SiteSettingRow.value).where(SiteSettingRow.key == "db_role_prefix"))


def login_for(prefix: str, username: str) -> str:
    """The login of the account `username`, or AccountError when it would not fit in a PostgreSQL name."""
    try:
        login = login_name(prefix, username)
    except ValueError:
        login = None
    if login is None or len(login.encode("utf-8")) > LOGIN_MAX_BYTES:
        room = LOGIN_MAX_BYTES - len(prefix.encode("utf-8")) - 1
        raise AccountError(f"'{username}' is too long for a database login on this server: its login would be "
                           f"'{prefix}.{username}', and the server allows {LOGIN_MAX_BYTES} bytes, so the user name "
                           f"may take at most {room} bytes (a Latin letter is one byte, a Cyrillic letter two). "
                           "Choose a shorter name.")
    return login


def create(session: Session, prefix: str, username: str, password: str | None, role: Role) -> str:
    """Make the account's login in its role's group; returns its name. Without a password the login gets a
    random one nobody knows, so it cannot be used until an administrator sets one (as the account)."""
    login = login_for(prefix, username)
    secret = password if password is not None else secrets.token_urlsafe(32)
    verifier = scram_verifier(session.connection(), login, secret)
    try:
        session.execute(text("SELECT sitcentre_create_login(:login, :verifier, :grp)"),
                        {"login": login, "verifier": verifier, "grp": GROUPS[role]})
    except sqlalchemy.exc.DBAPIError as exc:
        if sqlstate(exc) == DUPLICATE_OBJECT:
            raise AccountError(f"The database server already has a login named '{login}' (left by an account "
                               "removed earlier, or made by hand). Ask the server's administrator to drop it, or "
                               "choose another user name.") from None
        raise
    return login


def set_group(session: Session, login: str, role: Role) -> None:
    session.execute(text("SELECT sitcentre_set_login_group(:login, :grp)"), {"login": login, "grp": GROUPS[role]})


def set_enabled(session: Session, login: str, enabled: bool) -> None:
    session.execute(text("SELECT sitcentre_set_login_enabled(:login, :enabled)"),
                    {"login": login, "enabled": enabled})


def set_password(session: Session, login: str, password: str) -> None:
    verifier = scram_verifier(session.connection(), login, password)
    session.execute(text("SELECT sitcentre_set_login_password(:login, :verifier)"),
                    {"login": login, "verifier": verifier})


def set_own_password(session: Session, login: str, password: str, argon2_hash: str) -> None:
    """The signed-in person's own password: the server's (ALTER ROLE session_user) and the Argon2id hash kept
    for signing in offline at a post, in one call that any login may make for itself only."""
    verifier = scram_verifier(session.connection(), login, password)
    session.execute(text("SELECT sitcentre_set_own_password(:verifier, :hash)"),
                    {"verifier": verifier, "hash": argon2_hash})


def end_sessions(engine: Engine, login: str) -> int:
    """End the login's open sessions (after its NOLOGIN was committed, so none can start again)."""
    with UnitOfWork(engine, write=True) as uow:
        ended = uow.session.scalar(text("SELECT sitcentre_end_sessions(:login)"), {"login": login})
        uow.commit()
    return int(ended or 0)


# ------------------------------------------------------------------------------------- who is connected

def session_login(session: Session) -> str:
    return session.scalar(text("SELECT session_user"))


def account_of_login(session: Session, login: str) -> UserRow | None:
    return session.scalars(select(UserRow).where(UserRow.db_login == login)).first()


def acts_as_system(session: Session, prefix: str, login: str) -> bool:
    """The schema's owner and superusers act as the system (they could change anything anyway)."""
    if login == owner_name(prefix):
        return True
    return bool(session.scalar(text("SELECT rolsuper FROM pg_roles WHERE rolname = :login"), {"login": login}))


# ------------------------------------------------------------------------------------- server refusals

@contextmanager
def server_refusals(actor: Actor, action: Action = Action.USER_MANAGE) -> Iterator[None]:
    """A write the server refused for want of privilege (SQLSTATE 42501) becomes PermissionDenied in words:
    the app's own check let it through (a login whose account has the role, or a client that skips it)."""
    try:
        yield
    except sqlalchemy.exc.DBAPIError as exc:
        if sqlstate(exc) != INSUFFICIENT_PRIVILEGE:
            raise
        diag = getattr(getattr(exc, "orig", None), "diag", None)
        said = (getattr(diag, "message_primary", None) or "permission denied").strip()
        log.info("the database server refused %s for %s: %s", action, actor.username, said)
        raise PermissionDenied(actor, action, f"The database server refused this for your database login "
                                              f"({said}). Ask an administrator.") from None
