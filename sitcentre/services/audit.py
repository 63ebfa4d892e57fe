"""The audit trail: one append-only audit_log row per change, login, refusal, export and import.

Rows are written by `append()` inside the transaction of the change they record, so a change and its
audit row are committed together or not at all. Database triggers (migration 0004) refuse UPDATE and
DELETE on audit_log, and every row carries

    hash = sha256(prev_hash + canonical JSON of the row's fields)

with prev_hash the hash of the row before it (by id; "" for the first row). Editing a row behind the
triggers' back breaks its hash, deleting one breaks the next row's prev_hash: `verify_chain()` finds the
first broken row. (Whoever can rewrite the whole tail can recompute it: anchor the head hash elsewhere,
e.g. in the daily brief, with `chain_head()`.)

The chain must not fork when two workstations write at once: on PostgreSQL `append()` first takes a
transaction-level advisory lock, held until commit, then reads the last hash (under the default READ
COMMITTED each statement sees every row committed before it); on SQLite the unit of work's BEGIN
IMMEDIATE already serialises writers. Services therefore append after their other writes,
which keeps the time the lock is held short and the lock order the same everywhere.

The row id is not part of the hash (the database assigns it on insert, and a row may not be updated
afterwards); the chain order is the id order.
"""

from __future__ import annotations

import hashlib
import json
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, is_dataclass
from datetime import UTC, date, datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import Engine, select, text
from sqlalchemy.orm import Session

from sitcentre.db.tables import AuditRow as A
from sitcentre.db.uow import UnitOfWork
from sitcentre.domain.audit import AuditEntry, AuditFilter, ChainCheck
from sitcentre.domain.permissions import Actor
from sitcentre.domain.records import utcnow

GENESIS = ""
# pg_advisory_xact_lock key of the audit chain (any constant; "sitcentre audit" in ASCII, truncated).
PG_CHAIN_LOCK = 0x7369_7463_6175_6469
HASHED_FIELDS = ("at", "user_id", "username", "action", "entity", "entity_id", "before_json", "after_json")


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


# ------------------------------------------------------------------------------------------ hashing

def canonical_time(at: datetime) -> str:
    return at.astimezone(UTC).isoformat(timespec="microseconds")


def chain_hash(prev_hash: str, *, at: datetime, user_id: int | None, username: str, action: str, entity: str,
               entity_id: str, before_json: str | None, after_json: str | None) -> str:
    """The row's hash. This format is stored: changing it breaks every existing chain."""
    fields = {"at": canonical_time(at), "user_id": user_id, "username": username, "action": action,
              "entity": entity, "entity_id": entity_id, "before_json": before_json, "after_json": after_json}
    payload = json.dumps(fields, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256((prev_hash + payload).encode("utf-8")).hexdigest()


def to_json(value: Any) -> str | None:
    """Before/after values as JSON text: dataclasses by their fields, keys sorted, dates as ISO text."""
    if value is None:
        return None
    if is_dataclass(value) and not isinstance(value, type):
        value = asdict(value)
    return json.dumps(value, default=_json_default, sort_keys=True)


def _json_default(value: Any) -> Any:
    if isinstance(value, datetime):
        return canonical_time(value) if value.tzinfo else value.isoformat()
    if isinstance(value, date | uuid.UUID):
        return str(value)
    if isinstance(value, set | frozenset | tuple):
        return sorted(value) if isinstance(value, set | frozenset) else list(value)
    return str(value)


def _clean(value: str, size: int) -> str:
    return (value or "").replace("\x00", "")[:size]  # PostgreSQL text cannot hold NUL


# ------------------------------------------------------------------------------------------ writing

def lock_chain(session: Session) -> None:
    """Serialise appenders until this transaction ends (PostgreSQL; SQLite writers are already serial)."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": PG_CHAIN_LOCK})


def append(session: Session, actor: Actor, action: str, entity: str = "", entity_id: object = "",
           before: Any = None, after: Any = None) -> int:
    """Add one audit row in the session's transaction; returns its id. Call it after the change itself."""
    lock_chain(session)
    prev = session.scalar(select(A.hash).order_by(A.id.desc()).limit(1)) or GENESIS
    row = dict(at=utcnow(), user_id=actor.id, username=_clean(actor.username, 64), action=_clean(str(action), 32),
               entity=_clean(entity, 32), entity_id=_clean(str(entity_id or ""), 64),
               before_json=to_json(before), after_json=to_json(after))
    digest = chain_hash(prev, **row)
    return session.execute(A.__table__.insert().values(prev_hash=prev, hash=digest, **row)
                           .returning(A.id)).scalar_one()


def append_now(engine: Engine, actor: Actor, action: str, entity: str = "", entity_id: object = "",
               before: Any = None, after: Any = None) -> int:
    """One audit row in a transaction of its own (a refusal, a failed login: nothing else to commit)."""
    with UnitOfWork(engine, write=True) as uow:
        row_id = append(uow.session, actor, action, entity, entity_id, before, after)
        uow.commit()
    return row_id


# ------------------------------------------------------------------------------------------ checking

def check_chain(engine: Engine, batch: int = 5000) -> ChainCheck:
    """Walk the whole trail in id order, recomputing every hash."""
    expected_prev, count, last_id = GENESIS, 0, None
    columns = [A.id, A.prev_hash, A.hash, *(getattr(A, f) for f in HASHED_FIELDS)]
    with UnitOfWork(engine) as uow:
        while True:
            query = select(*columns).order_by(A.id).limit(batch)
            if last_id is not None:
                query = query.where(A.id > last_id)
            rows = uow.session.execute(query).all()
            for row in rows:
                fields = {f: getattr(row, f) for f in HASHED_FIELDS}
                if row.prev_hash != expected_prev or row.hash != chain_hash(row.prev_hash, **fields):
                    return ChainCheck(count, row.id, last_id, expected_prev)
                expected_prev, last_id, count = row.hash, row.id, count + 1
            if len(rows) < batch:
                return ChainCheck(count, None, last_id, expected_prev)


def verify_chain(engine: Engine) -> int | None:
    """The id of the first row whose hash or link to the row before is wrong; None when the trail is intact."""
    return check_chain(engine).broken_at


def chain_head(engine: Engine) -> tuple[int, str] | None:
    """The last row's id and hash, to be written down elsewhere (an anchor against a rewritten tail)."""
    with UnitOfWork(engine) as uow:
        row = uow.session.execute(select(A.id, A.hash).order_by(A.id.desc()).limit(1)).first()
    return None if row is None else (row.id, row.hash)


# ------------------------------------------------------------------------------------------ reading

def entries(session: Session, flt: AuditFilter = AuditFilter(), limit: int = 200,
            before_id: int | None = None) -> list[AuditEntry]:
    """Newest first, `limit` rows older than `before_id` (keyset paging: pass the last id of a page)."""
    query = select(A)
    if flt.username:
        query = query.where(A.username == flt.username)
    if flt.action:
        query = query.where(A.action == str(flt.action))
    if flt.entity:
        query = query.where(A.entity == flt.entity)
    if flt.entity_id:
        query = query.where(A.entity_id == str(flt.entity_id))
    if flt.since:
        query = query.where(A.at >= flt.since)
    if flt.until:
        query = query.where(A.at < flt.until)
    if before_id is not None:
        query = query.where(A.id < before_id)
    return [_entry(r) for r in session.scalars(query.order_by(A.id.desc()).limit(limit))]


def history(session: Session, entity: str, entity_id: object) -> list[AuditEntry]:
    """Everything recorded about one record, oldest first (an incident's full history)."""
    query = select(A).where(A.entity == entity, A.entity_id == str(entity_id)).order_by(A.id)
    return [_entry(r) for r in session.scalars(query)]


def iter_all(session: Session) -> Iterator[AuditEntry]:
    for row in session.scalars(select(A).order_by(A.id)):
        yield _entry(row)


def _entry(r: A) -> AuditEntry:
    return AuditEntry(id=r.id, at=r.at, user_id=r.user_id, username=r.username, action=r.action, entity=r.entity,
                      entity_id=r.entity_id, before=_load(r.before_json), after=_load(r.after_json),
                      prev_hash=r.prev_hash, hash=r.hash)


def _load(value: str | None) -> Any:
    if value is None:
        return None
    try:
        return json.loads(value)
    except ValueError:
        return value


class AuditService:
    """The audit view's reads, for supervisors and administrators (a refusal is itself audited)."""

    def __init__(self, engine: Engine, settings=None):
        self.engine = engine
        self.settings = settings

    def entries(self, flt: AuditFilter = AuditFilter(), limit: int = 200, before_id: int | None = None, *,
                actor: Actor) -> list[AuditEntry]:
        with self._reading(actor) as session:
            return entries(session, flt, limit, before_id)

    def history(self, entity: str, entity_id: object, *, actor: Actor) -> list[AuditEntry]:
        with self._reading(actor, entity, entity_id) as session:
            return history(session, entity, entity_id)

    def names(self, incident_ids: set[str] | list[str] = (), *, actor: Actor):
        """Posts, substances and accounts by id, and the numbers of the incidents named, to word the entries
        (services.audit_words)."""
        from sitcentre.services.audit_words import read_names

        with self._reading(actor) as session:
            return read_names(session, incident_ids)

    def incident_numbers(self, incident_ids: set[str] | list[str], *, actor: Actor) -> dict[str, str]:
        """The numbers of more incidents (a further page of the trail names others)."""
        from sitcentre.services.audit_words import read_incident_numbers

        with self._reading(actor) as session:
            return read_incident_numbers(session, incident_ids)

    def verify(self, *, actor: Actor) -> ChainCheck:
        with self._reading(actor):
            pass
        return check_chain(self.engine)

    @contextmanager
    def _reading(self, actor: Actor, entity: str = "", entity_id: object = "") -> Iterator[Session]:
        from sitcentre.domain.permissions import Action
        from sitcentre.services.guard import permit, policy_of, refusals_audited

        with refusals_audited(self.engine, entity, entity_id):
            with UnitOfWork(self.engine) as uow:
                permit(uow.session, actor, Action.AUDIT_VIEW, policy=policy_of(self.settings))
                yield uow.session
