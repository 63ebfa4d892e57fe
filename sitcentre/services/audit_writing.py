"""Appending to the audit trail: one row per change, login, refusal, export and import (chain rules:
sitcentre.services.audit_chain).

Rows are written by `append()` inside the transaction of the change they record, so a change and its
audit row are committed together or not at all. The chain must not fork when two workstations write at
once: on PostgreSQL `append()` first takes a transaction-level advisory lock, held until commit, then reads
the last hash (under the default READ COMMITTED each statement sees every row committed before it); on
SQLite the unit of work's BEGIN IMMEDIATE already serialises writers. Services therefore append after their
other writes, which keeps the time the lock is held short and the lock order the same everywhere.

On PostgreSQL the row's db_user is the connection's session_user (the trigger of migration 0009 stores
exactly that, whatever is sent), and it is part of the hash.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from sitcentre.db.uow import UnitOfWork
from sitcentre.domain.permissions import Actor
from sitcentre.domain.records import utcnow
from sitcentre.repositories.audit import AuditRepository
from sitcentre.services.audit_chain import GENESIS, chain_hash, to_json


class AuditAction(StrEnum):
    CREATE = "create"
    UPDATE = "update"
    DELETE = "delete"
    VERIFY = "verify"
    REJECT = "reject"
    REOPEN = "reopen"
    LINK_DUPLICATE = "link_duplicate"
    UNLINK_DUPLICATE = "unlink_duplicate"
    LOGIN = "login"
    LOGIN_FAILED = "login_failed"
    LOGOUT = "logout"
    PASSWORD_CHANGE = "password_change"
    DISABLE = "disable"
    ENABLE = "enable"
    UNLOCK = "unlock"
    EXPORT = "export"
    IMPORT = "import"
    REFUSED = "refused"  # a permission check said no; after_json says which action and why
    # the exchange (issue 12)
    TRUST_KEY = "trust_key"
    REVOKE_KEY = "revoke_key"
    NEW_EPOCH = "new_epoch"
    RESOLVE = "resolve"  # a conflict resolved: after_json names the new version and its two parents
    DISMISS = "dismiss"  # a parallel-edit flag dismissed
    SECURITY_ALERT = "security_alert"  # a forked feed, an altered audit chain: after_json says what
    ANCHOR = "anchor"  # the head written down outside the database (services.audit_anchor): after_json names it


def _clean(value: str, size: int) -> str:
    return (value or "").replace("\x00", "")[:size]  # PostgreSQL text cannot hold NUL


def lock_chain(session: Session) -> None:
    """Serialise appenders until this transaction ends (PostgreSQL; SQLite writers are already serial)."""
    AuditRepository(session).lock_chain()


def append(session: Session, actor: Actor, action: str, entity: str = "", entity_id: object = "",
           before: Any = None, after: Any = None) -> int:
    """Add one audit row in the session's transaction; returns its id. Call it after the change itself."""
    if not isinstance(actor, Actor):
        raise TypeError("an audit row names the Actor who acted; pass Actor.system_actor(...) for system work")
    repo = AuditRepository(session)
    repo.lock_chain()
    prev = repo.last_hash() or GENESIS
    row = dict(at=utcnow(), user_id=actor.id, username=_clean(actor.username, 64), action=_clean(str(action), 32),
               entity=_clean(entity, 32), entity_id=_clean(str(entity_id or ""), 64),
               before_json=to_json(before), after_json=to_json(after), db_user=repo.db_user())
    return repo.insert(prev_hash=prev, hash=chain_hash(prev, **row), **row)


def append_now(engine: Engine, actor: Actor, action: str, entity: str = "", entity_id: object = "",
               before: Any = None, after: Any = None) -> int:
    """One audit row in a transaction of its own (a refusal, a failed login: nothing else to commit)."""
    if not isinstance(actor, Actor):
        raise TypeError("an audit row names the Actor who acted; pass Actor.system_actor(...) for system work")
    with UnitOfWork(engine, write=True) as uow:
        row_id = append(uow.session, actor, action, entity, entity_id, before, after)
        uow.commit()
    return row_id
