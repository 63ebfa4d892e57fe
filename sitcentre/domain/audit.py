"""The audit trail's value types, shared by the services and ui/ (no SQLAlchemy): one entry, the filter of
the audit view, and the result of checking the hash chain (sitcentre.services.audit writes and reads them)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any


@dataclass(frozen=True)
class AuditEntry:
    id: int
    at: datetime
    user_id: int | None
    username: str
    action: str
    entity: str
    entity_id: str
    before: Any  # the JSON value (usually a dict), or None
    after: Any
    prev_hash: str
    hash: str
    db_user: str | None = None  # the database login that inserted it (PostgreSQL, migration 0009)


@dataclass(frozen=True)
class ChainCheck:
    rows: int  # rows checked
    broken_at: int | None  # id of the first row whose hash or link is wrong
    head_id: int | None
    head_hash: str

    @property
    def intact(self) -> bool:
        return self.broken_at is None


@dataclass(frozen=True)
class AuditFilter:
    """Every field is optional; times are timezone-aware (the UI turns local days into UTC bounds)."""

    username: str | None = None
    action: str | None = None
    entity: str | None = None
    entity_id: str | None = None
    since: datetime | None = None
    until: datetime | None = None  # exclusive
