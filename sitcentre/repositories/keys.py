"""The registry of other installations' signing keys (trusted_keys): pending, trusted, revoked
(sitcentre.services.keys decides; this module only reads and writes the rows)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from sitcentre.db.tables import TrustedKeyRow
from sitcentre.exchange.signing import BadKey, fingerprint

STATES = ("pending", "trusted", "revoked")


@dataclass(frozen=True)
class KeyRecord:
    """One row of the registry, as `keys list` shows it."""

    key_id: str
    public_key: str
    origin: str
    role: str
    state: str
    installation_id: str | None
    first_seen_at: datetime | None
    decided_at: datetime | None
    decided_by: str
    reason: str
    fingerprint: str = ""


class KeyRepository:
    def __init__(self, session: Session):
        self.session = session

    def get(self, key_id: str, for_update: bool = False) -> KeyRecord | None:
        query = select(TrustedKeyRow).where(TrustedKeyRow.key_id == key_id)
        row = self.session.scalars(query.with_for_update() if for_update else query).first()
        return _record(row) if row is not None else None

    def all(self) -> list[KeyRecord]:
        query = select(TrustedKeyRow).order_by(TrustedKeyRow.origin_code, TrustedKeyRow.first_seen_at,
                                               TrustedKeyRow.key_id)
        return [_record(row) for row in self.session.scalars(query)]

    def in_states(self, *states: str) -> list[KeyRecord]:
        query = (select(TrustedKeyRow).where(TrustedKeyRow.state.in_(states))
                 .order_by(TrustedKeyRow.origin_code, TrustedKeyRow.key_id))
        return [_record(row) for row in self.session.scalars(query)]

    def add_if_absent(self, key_id: str, public_key: str, origin: str, role: str,
                      installation_id: uuid.UUID | None, state: str, at: datetime) -> bool:
        """Insert the key unless a row with its id exists (whatever that row's state); True when inserted.
        One statement, so two importers seeing the same new key at once do not collide."""
        values = dict(key_id=key_id, public_key=public_key, origin_code=origin, role=role,
                      installation_id=installation_id, state=state, first_seen_at=at)
        dialect = postgresql if self.session.get_bind().dialect.name == "postgresql" else sqlite
        statement = dialect.insert(TrustedKeyRow).values(**values).on_conflict_do_nothing(
            index_elements=[TrustedKeyRow.key_id])
        return (self.session.execute(statement).rowcount or 0) > 0

    def decide(self, key_id: str, state: str, *, at: datetime, by: str, reason: str = "",
               origin: str | None = None, role: str | None = None,
               installation_id: uuid.UUID | None = None) -> KeyRecord:
        """Set the state of an existing key (and what its signed key file says about it, when given)."""
        row = self.session.scalars(select(TrustedKeyRow).where(TrustedKeyRow.key_id == key_id)
                                   .with_for_update()).one()
        row.state, row.decided_at, row.decided_by, row.reason = state, at, (by or "")[:64], reason or ""
        if origin:
            row.origin_code = origin
        if role:
            row.role = role
        if installation_id is not None:
            row.installation_id = installation_id
        self.session.flush()
        return _record(row)


def _record(row: TrustedKeyRow) -> KeyRecord:
    try:
        shown = fingerprint(row.public_key)
    except BadKey:
        shown = "(damaged key)"
    return KeyRecord(row.key_id, row.public_key, row.origin_code, row.role, row.state,
                     str(row.installation_id) if row.installation_id else None, row.first_seen_at,
                     row.decided_at, row.decided_by or "", row.reason or "", shown)


def registry_for_post(session: Session) -> list[dict]:
    """What a centre sends a post in its reference data: its own key and every trusted or revoked key."""
    from sitcentre.repositories.installation import InstallationRepository

    keys = []
    row = InstallationRepository(session).current()
    if row is not None and row.key_id and row.public_key:
        keys.append({"key_id": row.key_id, "public_key": row.public_key, "origin": row.origin_code,
                     "role": row.role, "state": "trusted"})
    for k in KeyRepository(session).in_states("trusted", "revoked"):
        keys.append({"key_id": k.key_id, "public_key": k.public_key, "origin": k.origin, "role": k.role,
                     "state": k.state})
    return keys
