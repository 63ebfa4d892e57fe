"""The audit_log rows: the chain's lock and last hash, appending a row, and reading entries back.

Only the rows: hashing and the rules of the chain are sitcentre.services.audit_chain's, appending them in
order sitcentre.services.audit_writing's, and who may read them sitcentre.services.audit_reading's.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from typing import Any

from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from sitcentre.db.tables import AuditRow as A
from sitcentre.domain.audit import AuditEntry, AuditFilter

# pg_advisory_xact_lock key of the audit chain (any constant; "sitcentre audit" in ASCII, truncated).
PG_CHAIN_LOCK = 0x7369_7463_6175_6469
# session.info key: {incident id: username} of the audit rows about incidents written in this session's
# transaction; repositories.revisions names that user as the author of the version it seals at commit.
INCIDENT_AUTHORS = "sitcentre.incident_authors"
# connection.info key: the PostgreSQL session_user of that connection (what trg_audit_log_db_user stores).
SESSION_USER = "sitcentre.session_user"
ANCHOR_ACTION = "anchor"  # AuditAction.ANCHOR (services.audit_writing): the row that records an anchor


class AuditRepository:
    def __init__(self, session: Session):
        self.session = session

    # ------------------------------------------------------------------------------------- writing

    def lock_chain(self) -> None:
        """Serialise appenders until this transaction ends (PostgreSQL; SQLite writers are already serial)."""
        if self.session.get_bind().dialect.name == "postgresql":
            self.session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": PG_CHAIN_LOCK})

    def db_user(self) -> str | None:
        """The login the server will store in db_user (PostgreSQL: session_user, asked once per connection,
        so the hash `append()` computes is the hash of the row the trigger stores); None on SQLite."""
        if self.session.get_bind().dialect.name != "postgresql":
            return None
        info = self.session.connection().info
        if SESSION_USER not in info:
            info[SESSION_USER] = self.session.scalar(text("SELECT session_user"))
        return info[SESSION_USER]

    def last_hash(self) -> str | None:
        return self.session.scalar(select(A.hash).order_by(A.id.desc()).limit(1))

    def insert(self, **values: Any) -> int:
        """One row as given (the caller computed its hash); returns its id."""
        row_id = self.session.execute(A.__table__.insert().values(**values).returning(A.id)).scalar_one()
        if values.get("entity") == "incident":
            self.session.info.setdefault(INCIDENT_AUTHORS, {})[values.get("entity_id")] = values.get("username", "")
        return row_id

    # ------------------------------------------------------------------------------------- the chain

    def chain_rows(self, fields: Sequence[str], after_id: int | None, batch: int) -> list:
        """Rows in id order after `after_id`: id, prev_hash, hash and the hashed `fields`."""
        query = select(A.id, A.prev_hash, A.hash, *(getattr(A, f) for f in fields)).order_by(A.id).limit(batch)
        if after_id is not None:
            query = query.where(A.id > after_id)
        return list(self.session.execute(query).all())

    def head(self) -> tuple[int, str] | None:
        row = self.session.execute(select(A.id, A.hash).order_by(A.id.desc()).limit(1)).first()
        return None if row is None else (row.id, row.hash)

    def hash_of(self, row_id: int) -> str | None:
        """The stored hash of one row (None when there is no such row)."""
        return self.session.scalar(select(A.hash).where(A.id == row_id))

    def count_through(self, row_id: int) -> int:
        """How many rows have an id up to `row_id`."""
        return self.session.scalar(select(func.count()).select_from(A).where(A.id <= row_id)) or 0

    # ------------------------------------------------------------------------------------- anchors

    def first_dated_before(self, after_id: int, moment) -> tuple[int, object] | None:
        """The first row after `after_id` dated before `moment` (id, at), or None."""
        row = self.session.execute(select(A.id, A.at).where(A.id > after_id, A.at < moment)
                                   .order_by(A.id).limit(1)).first()
        return None if row is None else (row.id, row.at)

    def anchor_rows(self, head_id: int) -> list[tuple[int, str | None]]:
        """The rows after `head_id` that record an anchor of that head: (id, after_json)."""
        query = (select(A.id, A.after_json)
                 .where(A.id > head_id, A.action == ANCHOR_ACTION, A.entity == "audit", A.entity_id == str(head_id))
                 .order_by(A.id))
        return [(r.id, r.after_json) for r in self.session.execute(query)]

    def last_anchor(self) -> AuditEntry | None:
        """The newest row that records an anchor."""
        row = self.session.scalars(select(A).where(A.action == ANCHOR_ACTION).order_by(A.id.desc()).limit(1)).first()
        return None if row is None else _entry(row)

    # ------------------------------------------------------------------------------------- reading

    def entries(self, flt: AuditFilter = AuditFilter(), limit: int = 200,
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
        return [_entry(r) for r in self.session.scalars(query.order_by(A.id.desc()).limit(limit))]

    def history(self, entity: str, entity_id: object) -> list[AuditEntry]:
        """Everything recorded about one record, oldest first (an incident's full history)."""
        query = select(A).where(A.entity == entity, A.entity_id == str(entity_id)).order_by(A.id)
        return [_entry(r) for r in self.session.scalars(query)]

    def iter_all(self) -> Iterator[AuditEntry]:
        for row in self.session.scalars(select(A).order_by(A.id)):
            yield _entry(row)

    def after_json_of(self, entity: str, action: str) -> list[str | None]:
        """The after_json texts of every row of this entity and action (the demo loads' counts)."""
        return list(self.session.scalars(select(A.after_json).where(A.entity == entity, A.action == action)))

    def count(self, entity: str, actions: Sequence[str]) -> int:
        return self.session.scalar(select(func.count()).select_from(A).where(
            A.entity == entity, A.action.in_(list(actions)))) or 0


def _entry(r: A) -> AuditEntry:
    return AuditEntry(id=r.id, at=r.at, user_id=r.user_id, username=r.username, action=r.action, entity=r.entity,
                      entity_id=r.entity_id, before=_load(r.before_json), after=_load(r.after_json),
                      prev_hash=r.prev_hash, hash=r.hash, db_user=r.db_user)


def _load(value: str | None) -> Any:
    if value is None:
        return None
    try:
        return json.loads(value)
    except ValueError:
        return value
