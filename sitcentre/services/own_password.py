"""A person signed in with their own database login sets a new password (issue 14).

Used for the forced change after a one-time password (`sitcentre db secure`, or one an administrator set):
the server has just checked the current password, so it is not asked again. The login's SCRAM-SHA-256
verifier (computed here) and the Argon2id hash kept for signing in offline at a post go to the server in one
call, `sitcentre_set_own_password`, which any login may make for itself only; audited in the same transaction.
"""

from __future__ import annotations

from sqlalchemy import Engine

from sitcentre.db.uow import UnitOfWork
from sitcentre.domain.accounts import AccountError
from sitcentre.domain.permissions import Actor
from sitcentre.services import audit_writing as audit
from sitcentre.services import auth, db_logins
from sitcentre.services.audit_writing import AuditAction
from sitcentre.settings import Settings


def set_own_password(engine: Engine, actor: Actor, new_password: str, settings: Settings) -> None:
    """AccountError when the password breaks a rule, or the session is not the actor's own login."""
    auth.check_password(new_password, actor.username, settings)
    argon2_hash = auth.hash_password(new_password)
    with UnitOfWork(engine, write=True) as uow:
        login = db_logins.session_login(uow.session)
        row = db_logins.account_of_login(uow.session, login)
        if row is None or row.id != actor.id:
            raise AccountError("Only a person signed in with their own database login can set its password here.")
        required = bool(row.password_change_required)
        db_logins.set_own_password(uow.session, login, new_password, argon2_hash)
        audit.append(uow.session, actor, AuditAction.PASSWORD_CHANGE, "user", actor.id,
                     after={"own": True, "required": required})
        uow.commit()
