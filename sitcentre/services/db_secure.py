"""`sitcentre db secure`: move a PostgreSQL database from one shared login to roles the server enforces (issue 14).

Run with a superuser's address, on a database at this app's schema. In one transaction (PostgreSQL's role DDL
is transactional): the owner role D_owner (NOLOGIN when it does not exist yet; CREATEROLE and a member of
pg_signal_backend so the sitcentre_* login functions can manage logins and end sessions) and the group roles
D_operators, D_supervisors, D_admins; D_owner made owner of the database, the schema and everything in it;
the groups' privileges (sitcentre.db.roles.grant_statements); site_settings.db_role_prefix = D; every account
without a login gets `D.<username>` in its role's group (NOLOGIN when the account is disabled) with a random
one-time password it must change at its next sign-in; optionally the old shared login loses its privileges
and its LOGIN. One audit row (db_secured) says what was done. Running it again changes nothing and says so.

The passwords are handed back to the caller (the CLI writes them to a 0600 file or prints them once): they
are never in a statement (the server gets SCRAM verifiers) nor in the audit trail.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field

from sqlalchemy import Engine, select, text
from sqlalchemy.orm import Session

from sitcentre.db import migrate
from sitcentre.db.roles import (
    GROUPS,
    apply_grants,
    group_name,
    login_name,
    move_ownership,
    owner_name,
    privileges_snapshot,
    scram_verifier,
)
from sitcentre.db.tables import SiteSettingRow, UserRow
from sitcentre.db.uow import UnitOfWork
from sitcentre.domain.enums import Role
from sitcentre.domain.permissions import Actor
from sitcentre.services.audit_writing import append

DB_SECURED = "db_secured"  # the audit action


class SecureRefused(Exception):
    """`db secure` will not run here; the message says why in words. `usage`: the caller's arguments are at
    fault (exit code 3), else the database is (exit code 2)."""

    def __init__(self, message: str, usage: bool = False):
        super().__init__(message)
        self.usage = usage


@dataclass
class SecureResult:
    database: str
    roles_made: list[str] = field(default_factory=list)
    objects_moved: int = 0
    privileges_changed: bool = False
    prefix_set: bool = False
    logins_made: dict[str, str] = field(default_factory=dict)  # username -> one-time password
    logins_fixed: list[str] = field(default_factory=list)  # existing logins put back in their group / state
    shared_login_disabled: str | None = None

    @property
    def changed(self) -> bool:
        return bool(self.roles_made or self.objects_moved or self.privileges_changed or self.prefix_set
                    or self.logins_made or self.logins_fixed or self.shared_login_disabled)

    def counts(self) -> dict[str, object]:
        return {"roles_made": len(self.roles_made), "objects_moved": self.objects_moved,
                "privileges_changed": self.privileges_changed, "prefix_set": self.prefix_set,
                "logins_made": len(self.logins_made), "logins_fixed": len(self.logins_fixed),
                "shared_login_disabled": self.shared_login_disabled}


def secure(engine: Engine, disable_shared_login: str | None = None, before_commit=None) -> SecureResult:
    """Secure the database of `engine` (a superuser's address). `before_commit(result)`, when given, runs
    after all the work and before the commit (the CLI writes the passwords file there: a file it cannot
    write leaves the database as it was). Raises SecureRefused in words."""
    if engine.dialect.name != "postgresql":
        raise SecureRefused("'db secure' sets up PostgreSQL roles: an SQLite database keeps its own accounts "
                            "(each person's password is checked by sitcentre). Give a PostgreSQL address.",
                            usage=True)
    status = migrate.schema_status(engine)
    if not status.up_to_date:
        raise SecureRefused(f"The database is not at this sitcentre's schema ({status.describe()}): run "
                            "'sitcentre db upgrade' with the owner's address first.")
    with UnitOfWork(engine, write=True) as uow:
        session = uow.session
        database = session.execute(text("SELECT current_database()")).scalar_one()
        _refuse_non_superuser(session)
        result = SecureResult(database)
        owner = owner_name(database)
        _roles(session, database, result)
        result.objects_moved = move_ownership(session, database)
        before = privileges_snapshot(session)
        apply_grants(session, database)
        result.privileges_changed = privileges_snapshot(session) != before
        result.prefix_set = _set_prefix(session, database)
        _logins(session, database, owner, result)
        if disable_shared_login:
            _disable_shared_login(session, database, disable_shared_login, result)
        if result.changed:
            append(session, Actor.system_actor("db secure"), DB_SECURED, "database", database,
                   after=result.counts())
        if before_commit is not None:
            before_commit(result)
        uow.commit()
    return result


def _refuse_non_superuser(session: Session) -> None:
    if not session.execute(text("SELECT rolsuper FROM pg_roles WHERE rolname = session_user")).scalar():
        raise SecureRefused("'db secure' creates roles and moves the ownership of the schema: connect with a "
                            "superuser's address (e.g. postgresql://postgres@server/database).")


def _role_exists(session: Session, name: str) -> bool:
    return session.execute(text("SELECT 1 FROM pg_roles WHERE rolname = :n"), {"n": name}).scalar() is not None


def _roles(session: Session, database: str, result: SecureResult) -> None:
    owner = owner_name(database)
    if not _role_exists(session, owner):
        session.execute(text(f'CREATE ROLE "{owner}" NOLOGIN CREATEROLE'))
        result.roles_made.append(owner)
    elif not session.execute(text("SELECT rolcreaterole FROM pg_roles WHERE rolname = :n"), {"n": owner}).scalar():
        session.execute(text(f'ALTER ROLE "{owner}" CREATEROLE'))
        result.roles_made.append(owner)
    if not session.execute(text("SELECT pg_has_role(:n, 'pg_signal_backend', 'MEMBER')"), {"n": owner}).scalar():
        session.execute(text(f'GRANT pg_signal_backend TO "{owner}"'))
        result.roles_made.append(owner)
    new_server = session.execute(text("SELECT current_setting('server_version_num')::int >= 160000")).scalar()
    for role in GROUPS:
        group = group_name(database, role)
        if not _role_exists(session, group):
            session.execute(text(f'CREATE ROLE "{group}" NOLOGIN'))
            result.roles_made.append(group)
        if new_server and not session.execute(  # PostgreSQL 16: CREATEROLE alone no longer grants any role
                text("SELECT pg_has_role(:o, :g, 'USAGE WITH ADMIN OPTION')"), {"o": owner, "g": group}).scalar():
            session.execute(text(f'GRANT "{group}" TO "{owner}" WITH ADMIN OPTION'))
            result.roles_made.append(group)


def _set_prefix(session: Session, database: str) -> bool:
    current = session.scalar(select(SiteSettingRow.value).where(SiteSettingRow.key == "db_role_prefix"))
    if current == database:
        return False
    if current is not None:
        raise SecureRefused(f"This database was secured under another name ('{current}'): it was renamed or "
                            "copied since. Its roles do not match it; see docs/deployment.md.")
    session.add(SiteSettingRow(key="db_role_prefix", value=database))
    session.flush()
    return True


def _logins(session: Session, database: str, owner: str, result: SecureResult) -> None:
    users = session.scalars(select(UserRow).order_by(UserRow.id)).all()
    for user in users:
        try:
            login = login_name(database, user.username)
        except ValueError as exc:
            raise SecureRefused(f"{exc} Rename the account (or disable and replace it) before securing; "
                                "nothing was changed.") from None
        group = group_name(database, Role(user.role))
        if user.db_login == login and _role_exists(session, login):
            if _fix_login(session, database, login, group, not user.disabled):
                result.logins_fixed.append(login)
            continue
        if _role_exists(session, login):
            raise SecureRefused(f"The server already has a role named '{login}' that no account uses (left "
                                "from an earlier attempt, or made by hand): drop it first; nothing was changed.")
        password = secrets.token_urlsafe(12)
        verifier = scram_verifier(session, login, password)
        session.execute(text(f'SET LOCAL ROLE "{owner}"'))  # PostgreSQL 16: the owner may then manage it
        session.connection().exec_driver_sql(  # no parameters: role DDL takes none, and a verifier holds ':'
            f'CREATE ROLE "{login}" {"NOLOGIN" if user.disabled else "LOGIN"} PASSWORD {_literal(verifier)} '
            f'IN ROLE "{group}"')
        session.execute(text("RESET ROLE"))
        user.db_login = login
        user.password_change_required = True
        result.logins_made[user.username] = password
    session.flush()


def _fix_login(session: Session, database: str, login: str, group: str, enabled: bool) -> bool:
    """Put an existing person's login back in its account's group and LOGIN state; whether it changed."""
    changed = False
    others = session.execute(text(
        "SELECT g.rolname FROM pg_auth_members m JOIN pg_roles g ON g.oid = m.roleid "
        "JOIN pg_roles r ON r.oid = m.member WHERE r.rolname = :l AND g.rolname <> :g"),
        {"l": login, "g": group}).scalars().all()
    for other in others:
        if other.startswith(database + "_"):
            session.execute(text(f'REVOKE "{other}" FROM "{login}"'))
            changed = True
    if not session.execute(text("SELECT pg_has_role(:l, :g, 'MEMBER')"), {"l": login, "g": group}).scalar():
        session.execute(text(f'GRANT "{group}" TO "{login}"'))
        changed = True
    if session.execute(text("SELECT rolcanlogin FROM pg_roles WHERE rolname = :l"), {"l": login}).scalar() != enabled:
        session.execute(text(f'ALTER ROLE "{login}" {"LOGIN" if enabled else "NOLOGIN"}'))
        changed = True
    return changed


def _disable_shared_login(session: Session, database: str, name: str, result: SecureResult) -> None:
    row = session.execute(text("SELECT rolsuper, rolcanlogin, rolname = session_user FROM pg_roles "
                               "WHERE rolname = :n"), {"n": name}).first()
    if row is None:
        raise SecureRefused(f"There is no role '{name}' on this server: check the name of the shared login.",
                            usage=True)
    superuser, can_login, is_me = row
    if superuser or is_me:
        raise SecureRefused(f"'{name}' is {'a superuser' if superuser else 'the login this command connects with'}"
                            ": it is not disabled here. Disable the old shared login by its own name.", usage=True)
    if name == owner_name(database) or name.startswith(database + "_") or name.startswith(database + "."):
        raise SecureRefused(f"'{name}' is one of this database's own roles, not the old shared login.", usage=True)
    before = privileges_snapshot(session)
    schema = session.execute(text("SELECT quote_ident(current_schema())")).scalar_one()
    quoted = '"' + name.replace('"', '""') + '"'
    for sql in (f"REVOKE ALL ON ALL TABLES IN SCHEMA {schema} FROM {quoted}",
                f"REVOKE ALL ON ALL SEQUENCES IN SCHEMA {schema} FROM {quoted}",
                f"REVOKE ALL ON ALL FUNCTIONS IN SCHEMA {schema} FROM {quoted}",
                f"REVOKE ALL ON SCHEMA {schema} FROM {quoted}",
                f'REVOKE ALL ON DATABASE "{database}" FROM {quoted}'):
        session.execute(text(sql))
    changed = privileges_snapshot(session) != before
    if can_login:
        session.execute(text(f"ALTER ROLE {quoted} NOLOGIN"))
        changed = True
    if changed:
        result.shared_login_disabled = name


def _literal(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"
