"""Accounts: add, change password, disable and enable, unlock, change role, list. Administrators only.

Every change is audited in its own transaction with the change (never the password hash). The last
active administrator cannot be disabled or demoted, so a database never ends up with nobody to manage it.

On a secured PostgreSQL database (services.db_logins) each account is also the server login `D.<username>`,
made and changed in the same transaction as the row: add makes it (SCRAM-SHA-256 password, in the role's
group), a role change moves it to the other group, disable makes it NOLOGIN and then ends its open sessions,
enable gives LOGIN back, a password set by an administrator is set on the server too. The Argon2id hash is
kept all the same: officers sign in offline at a post with it, and the exchange carries it there. The server
checks again: a login that may not manage accounts is refused by it even if the app's check is skipped.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Engine
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from sitcentre.db.uow import UnitOfWork
from sitcentre.domain.enums import Role
from sitcentre.domain.i18n import N_, _t, number
from sitcentre.domain.permissions import Action, Actor
from sitcentre.domain.records import utcnow
from sitcentre.domain.usernames import skeleton
from sitcentre.domain.validation import _UNSTORABLE  # the one rule for characters a text column cannot hold
from sitcentre.repositories.users import Account, UserRepository
from sitcentre.services import audit_writing as audit
from sitcentre.services import db_logins
from sitcentre.services.audit_writing import AuditAction
from sitcentre.services.auth import (
    AccountError,
    check_password,
    find_account,
    hash_password,
    normalise_username,
    password_matches,
    plain_username,
    refuse_mixed_scripts,
    user_fields,
)
from sitcentre.services.guard import permit, policy_of, refusals_audited, require_actor
from sitcentre.settings import Settings

log = logging.getLogger(__name__)
ServerChange = Callable[[Session, Account, str], dict]  # (session, account row, role prefix) -> more row values
DISPLAY_NAME_LIMIT = 120  # users.display_name is VARCHAR(120); a test compares them with tables.py


@dataclass(frozen=True)
class UserInfo:
    id: int
    username: str
    display_name: str
    role: Role
    post_id: int | None
    post_code: str | None
    disabled: bool
    failed_logins: int
    locked_until: datetime | None
    has_password: bool
    created_at: datetime | None

    def locked(self, now: datetime | None = None) -> bool:
        return self.locked_until is not None and self.locked_until > (now or utcnow())


class UserService:
    def __init__(self, engine: Engine, settings: Settings):
        self.engine = engine
        self.policy = policy_of(settings)
        self.settings = settings

    # ------------------------------------------------------------------------------------- reading

    def list(self, *, actor: Actor) -> list[UserInfo]:
        require_actor(actor)
        with refusals_audited(self.engine, "user"):
            with UnitOfWork(self.engine) as uow:
                permit(uow.session, actor, Action.USER_MANAGE, policy=self.policy)
                return [_info(r) for r in UserRepository(uow.session).with_post_codes()]

    def get(self, username: str, *, actor: Actor) -> UserInfo:
        require_actor(actor)
        with refusals_audited(self.engine, "user", normalise_username(username)):
            with UnitOfWork(self.engine) as uow:
                permit(uow.session, actor, Action.USER_MANAGE, policy=self.policy)
                row = find_account(uow.session, username)
                found = [] if row is None else UserRepository(uow.session).with_post_codes(row.id)
                info = [_info(r) for r in found]
        if not info:
            raise _unknown(username)
        return info[0]

    # ------------------------------------------------------------------------------------- writing

    def add(self, username: str, role: Role | str, password: str | None, post_code: str | None = None,
            display_name: str = "", *, actor: Actor) -> UserInfo:
        """A new account. `password` None makes an account that cannot sign in until one is set.

        The name is refused when it is taken or looks like an existing one (domain.usernames). Two adds at
        once are serialised by the audit chain's lock, taken first (as the first-admin and demo accounts do);
        a row inserted meanwhile by anything else still ends as "already exists", not a database error.
        """
        require_actor(actor)
        name = plain_username(username)
        role = _role(role)
        display_name = _display_name(display_name)
        if password is not None:
            check_password(password, name, self.settings)
        password_hash = None if password is None else hash_password(password)
        try:
            self._insert(name, role, password, password_hash, post_code, display_name, actor)
        except IntegrityError:
            if self._taken(name) is None:
                raise
            # no SQL in the log
            raise AccountError(_t("There is already an account named '{name}'.").format(name=name)) from None
        return self.get(name, actor=actor)

    def _insert(self, name: str, role: Role, password: str | None, password_hash: str | None, post_code: str | None,
                display_name: str, actor: Actor) -> None:
        with refusals_audited(self.engine, "user", name), db_logins.server_refusals(actor):
            with UnitOfWork(self.engine, write=True) as uow:
                audit.lock_chain(uow.session)
                permit(uow.session, actor, Action.USER_MANAGE, policy=self.policy)
                _refuse_look_alikes(uow, name)
                refuse_mixed_scripts(name)
                prefix = db_logins.role_prefix(uow.session)
                login = None if prefix is None else db_logins.login_for(prefix, name)  # too long: said before any write
                row = UserRepository(uow.session).add(
                    username=name, display_name=display_name, role=role.value, password_hash=password_hash,
                    post_id=_post_id(uow, post_code), disabled=False, failed_logins=0, db_login=login)
                if prefix is not None:
                    db_logins.create(uow.session, prefix, name, password, role)
                audit.append(uow.session, actor, AuditAction.CREATE, "user", row.id, after=user_fields(row))
                uow.commit()

    def _taken(self, name: str) -> int | None:
        with UnitOfWork(self.engine) as uow:
            return UserRepository(uow.session).id_of(name)

    def set_password(self, username: str, password: str, *, actor: Actor) -> None:
        """An administrator sets (resets) a password; this also lifts a lock-out."""
        require_actor(actor)
        check_password(password, normalise_username(username), self.settings)
        password_hash = hash_password(password)

        def on_server(session, row: Account, prefix: str) -> dict:
            if row.db_login is None:  # an account the secure step did not see (e.g. added by hand): made now
                db_logins.create(session, prefix, row.username, password, Role(row.role))
                return {"db_login": db_logins.login_for(prefix, row.username)}
            db_logins.set_password(session, row.db_login, password)
            return {}

        self._change(actor, username, AuditAction.PASSWORD_CHANGE,
                     {"password_hash": password_hash, "failed_logins": 0, "locked_until": None}, on_server)

    def change_own_password(self, current_password: str, new_password: str, *, actor: Actor) -> None:
        """Any signed-in user changes their own password, giving the current one."""
        require_actor(actor)
        if actor.id is None:
            raise AccountError(_t("Only a signed-in account can change its own password."))
        with UnitOfWork(self.engine) as uow:
            row = UserRepository(uow.session).password_state(actor.id)
        self._refuse_unusable(actor, row)
        if not password_matches(row.password_hash, current_password):
            raise AccountError(_t("The current password is not right."))
        check_password(new_password, actor.username, self.settings)
        password_hash = hash_password(new_password)
        with UnitOfWork(self.engine, write=True) as uow:  # disabled meanwhile (the hash took a while)?
            users = UserRepository(uow.session)
            own_login = _own_login(uow.session, actor)
            # FOR UPDATE needs the UPDATE privilege, which a person's own login on a secured database lacks
            row = users.password_state(actor.id, for_update=own_login is None)
            if row is not None and not row.disabled:
                if own_login is not None:  # the server's password and the hash, through the one call it allows
                    db_logins.set_own_password(uow.session, own_login, new_password, password_hash)
                else:
                    self._set_login_password(uow.session, actor.id, new_password)
                    users.set(actor.id, password_hash=password_hash)
                audit.append(uow.session, actor, AuditAction.PASSWORD_CHANGE, "user", actor.id, after={"own": True})
                uow.commit()
        self._refuse_unusable(actor, row)

    @staticmethod
    def _set_login_password(session: Session, user_id: int, password: str) -> None:
        """On a secured database, connected as someone else (the owner): the account's login's password too."""
        if db_logins.role_prefix(session) is None:
            return
        login = UserRepository(session).get(user_id).db_login
        if login is not None:
            db_logins.set_password(session, login, password)

    def _refuse_unusable(self, actor: Actor, row) -> None:
        """A disabled or removed account changes nothing, not even its own password; the attempt is audited."""
        if row is not None and not row.disabled:
            return
        message = N_("Your account has been disabled or removed, so its password cannot be changed. Ask an "
                     "administrator.")
        audit.append_now(self.engine, actor, AuditAction.REFUSED, "user", actor.id,  # the audit trail: in English
                         after={"action": "password_change", "message": message})
        raise AccountError(_t(message))

    def disable(self, username: str, *, actor: Actor) -> str:
        """Returns the name of the account disabled (the typed name is normalised to find it).

        On a secured database its login is made NOLOGIN with the row; once that is committed (so that no new
        session can start) the login's open sessions are ended."""
        logins: list[str] = []

        def on_server(session, row: Account, prefix: str) -> dict:
            if row.db_login is not None:
                db_logins.set_enabled(session, row.db_login, False)
                logins.append(row.db_login)
            return {}

        name = self._change(actor, username, AuditAction.DISABLE, {"disabled": True}, on_server)
        for login in logins:
            self._end_sessions(login, actor)
        return name

    def _end_sessions(self, login: str, actor: Actor) -> None:
        try:
            with db_logins.server_refusals(actor):
                ended = db_logins.end_sessions(self.engine, login)
        except Exception:
            log.exception("the open sessions of the disabled login %s could not be ended", login)
            raise AccountError(_t("The account was disabled and its database login '{login}' can no longer "
                                  "connect, but its open sessions could not be ended; ask the server's "
                                  "administrator to end them.").format(login=login)) from None
        log.info("ended %d open session(s) of the disabled login %s", ended, login)

    def enable(self, username: str, *, actor: Actor) -> str:
        def on_server(session, row: Account, prefix: str) -> dict:
            if row.db_login is not None:
                db_logins.set_enabled(session, row.db_login, True)
            return {}

        return self._change(actor, username, AuditAction.ENABLE,
                            {"disabled": False, "failed_logins": 0, "locked_until": None}, on_server)

    def unlock(self, username: str, *, actor: Actor) -> str:
        return self._change(actor, username, AuditAction.UNLOCK, {"failed_logins": 0, "locked_until": None})

    def set_role(self, username: str, role: Role | str, post_code: str | None = None, *, actor: Actor) -> str:
        require_actor(actor)
        role = _role(role)
        with UnitOfWork(self.engine) as uow:
            post_id = _post_id(uow, post_code)

        def on_server(session, row: Account, prefix: str) -> dict:
            if row.db_login is not None and row.role != role.value:
                db_logins.set_group(session, row.db_login, role)
            return {}

        return self._change(actor, username, AuditAction.UPDATE, {"role": role.value, "post_id": post_id},
                            on_server)

    def _change(self, actor: Actor, username: str, action: AuditAction, values: dict,
                on_server: ServerChange | None = None) -> str:
        """Change the account's row; on a secured database `on_server` changes its login in the same transaction
        (and may return more values for the row)."""
        require_actor(actor)
        with refusals_audited(self.engine, "user", normalise_username(username)), db_logins.server_refusals(actor):
            with UnitOfWork(self.engine, write=True) as uow:
                permit(uow.session, actor, Action.USER_MANAGE, policy=self.policy)
                row = find_account(uow.session, username, for_update=True)
                if row is None:
                    raise _unknown(username)
                before = user_fields(row)
                if _removes_an_admin(row, values):
                    self._keep_one_admin(uow, row)
                prefix = None if on_server is None else db_logins.role_prefix(uow.session)
                if prefix is not None:
                    values = {**values, **on_server(uow.session, row, prefix)}
                UserRepository(uow.session).set(row.id, **values)
                uow.session.refresh(row)
                after = user_fields(row)
                if action == AuditAction.PASSWORD_CHANGE:
                    after["password"] = "changed"
                audit.append(uow.session, actor, action, "user", row.id, before=before, after=after)
                uow.commit()
                return row.username

    @staticmethod
    def _keep_one_admin(uow: UnitOfWork, row: Account) -> None:
        if not UserRepository(uow.session).other_active_admins(row.id):
            raise AccountError(_t("'{name}' is the last active administrator: add another administrator "
                                  "first.").format(name=row.username))


def _own_login(session: Session, actor: Actor) -> str | None:
    """The session's login when the database is secured and the session is the actor's own login."""
    if actor.id is None or db_logins.role_prefix(session) is None:
        return None
    login = db_logins.session_login(session)
    own = db_logins.account_of_login(session, login)
    return login if own is not None and own.id == actor.id else None


def _refuse_look_alikes(uow: UnitOfWork, name: str) -> None:
    """A name taken, or one that looks like an account's (same skeleton): accounts are few, so all are read."""
    wanted = skeleton(name)
    for existing in UserRepository(uow.session).usernames():
        if existing == name or normalise_username(existing) == name:
            raise AccountError(_t("There is already an account named '{name}'.").format(name=existing))
        if skeleton(existing) == wanted:
            raise AccountError(_t("'{name}' looks like the existing account '{existing}': choose a name that "
                                  "cannot be mistaken for it.").format(name=name, existing=existing))


def _display_name(value: str | None) -> str:
    """The display name to store, judged like incident text (domain.validation) and the same on both databases:
    at most DISPLAY_NAME_LIMIT characters once trimmed, one line, nothing a database cannot hold (NUL ...)."""
    if value is None:
        return ""
    if not isinstance(value, str):
        raise AccountError(_t("The display name must be text; leave it empty if there is none."))
    value = value.strip()
    if len(value) > DISPLAY_NAME_LIMIT:
        raise AccountError(_t("The display name is too long: at most {limit} characters ({entered} "
                              "entered).").format(limit=DISPLAY_NAME_LIMIT, entered=number(len(value))))
    if _UNSTORABLE.search(value) or "\t" in value or "\n" in value:
        raise AccountError(_t("The display name contains a character that cannot be stored (a control "
                              "character such as a line break or NUL). Remove it."))
    return value


def _removes_an_admin(row: Account, values: dict) -> bool:
    if row.role != Role.ADMIN.value or row.disabled:
        return False
    return values.get("disabled") is True or values.get("role", Role.ADMIN.value) != Role.ADMIN.value


def _role(role: Role | str) -> Role:
    try:
        return Role(str(role).strip().lower())
    except ValueError:
        raise AccountError(_t("'{role}' is not a role: use {roles}.").format(
            role=role, roles=", ".join(r.value for r in Role))) from None


def _post_id(uow: UnitOfWork, post_code: str | None) -> int | None:
    if not post_code:
        return None
    post_id = UserRepository(uow.session).post_id_of_code(post_code)
    if post_id is None:
        raise AccountError(_t("There is no post with the code '{code}'.").format(code=post_code))
    return post_id


def _unknown(username: str) -> AccountError:
    return AccountError(_t("There is no account named '{name}'.").format(name=normalise_username(username)))


def _info(result) -> UserInfo:
    r, post_code = result
    return UserInfo(id=r.id, username=r.username, display_name=r.display_name, role=Role(r.role), post_id=r.post_id,
                    post_code=post_code, disabled=bool(r.disabled), failed_logins=r.failed_logins,
                    locked_until=r.locked_until, has_password=r.password_hash is not None, created_at=r.created_at)
