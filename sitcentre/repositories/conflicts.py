"""Rows of the `conflicts` table: reading them and closing them (resolved, dismissed).

The importer opens them (sitcentre.repositories.inbox); sitcentre.services.conflicts resolves and dismisses
them. `heads_json` lists the revisions in play, this installation's head first ([centre, post] at a centre);
`fields_json` the conflicting fields (canonical.fields names: top-level keys and "lines/<line id>").

Hard conflicts (`HARD_KINDS`) leave the current row as it was and wait for a person; a `parallel` flag says
that two edits to different fields were merged (nothing to decide, it can be dismissed); `missing_base` is a
conflict whose common version is not known here.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from sitcentre.db.tables import ConflictRow, IncidentRow, PostRow

KINDS = ("parallel", "conflict", "delete_edit", "duplicate_create", "missing_base")
HARD_KINDS = ("conflict", "delete_edit", "duplicate_create", "missing_base")  # a person must decide
OPEN, RESOLVED, DISMISSED = "open", "resolved", "dismissed"


@dataclass(frozen=True)
class ConflictRecord:
    id: int
    table_name: str
    row_id: uuid.UUID
    kind: str
    base_rev: str | None
    heads: tuple[str, ...]  # this installation's head first
    fields: tuple[str, ...]
    origin: str  # the other side: the installation whose version arrived
    bundle_id: str | None
    status: str
    detected_at: datetime
    resolved_by: str
    resolved_at: datetime | None
    resolution_rev: str | None
    number: str | None = None  # the incident's number and post code as the row has them now (None: deleted)
    post_code: str | None = None


def parse_heads(text: str | None) -> tuple[str, ...]:
    """heads_json: a list of revision ids (or of objects with a "rev"), this installation's head first."""
    try:
        value = json.loads(text or "[]")
    except ValueError:
        return ()
    out = []
    for item in value if isinstance(value, list) else []:
        rev = item.get("rev") if isinstance(item, dict) else item
        if isinstance(rev, str) and rev:
            out.append(rev)
    return tuple(out)


def parse_fields(text: str | None) -> tuple[str, ...]:
    try:
        value = json.loads(text or "[]")
    except ValueError:
        return ()
    if isinstance(value, dict):
        value = list(value)
    return tuple(str(v) for v in value) if isinstance(value, list) else ()


class ConflictRepository:
    def __init__(self, session: Session):
        self.session = session

    def _query(self):
        return (select(ConflictRow, IncidentRow.number, PostRow.code)
                .outerjoin(IncidentRow, IncidentRow.id == ConflictRow.row_id)
                .outerjoin(PostRow, PostRow.id == IncidentRow.post_id))

    def list(self, *, include_closed: bool = False, post: str | None = None,
             kind: str | None = None) -> list[ConflictRecord]:
        """Oldest first. `post` filters on the incident's post code (as the row has it now)."""
        query = self._query().order_by(ConflictRow.id)
        if not include_closed:
            query = query.where(ConflictRow.status == OPEN)
        if kind:
            query = query.where(ConflictRow.kind == kind)
        if post:
            query = query.where(PostRow.code == post)
        return [_record(row, number, code) for row, number, code in self.session.execute(query)]

    def get(self, conflict_id: int, *, lock: bool = False) -> ConflictRecord | None:
        query = self._query().where(ConflictRow.id == conflict_id)
        if lock:  # PostgreSQL: two supervisors resolving the same conflict take turns (SQLite: BEGIN IMMEDIATE)
            query = query.with_for_update(of=ConflictRow)
        found = self.session.execute(query).first()
        return _record(*found) if found else None

    def open_for(self, row_id: uuid.UUID) -> list[ConflictRecord]:
        query = self._query().where(ConflictRow.row_id == row_id, ConflictRow.status == OPEN).order_by(ConflictRow.id)
        return [_record(row, number, code) for row, number, code in self.session.execute(query)]

    def open_rows(self, kinds: Iterable[str] = HARD_KINDS,
                  row_ids: Iterable[uuid.UUID] | None = None) -> set[uuid.UUID]:
        """The records with an open conflict of one of `kinds` (all of them, or those among `row_ids`)."""
        query = select(ConflictRow.row_id).where(ConflictRow.status == OPEN, ConflictRow.kind.in_(tuple(kinds)))
        if row_ids is not None:
            wanted = list(row_ids)
            if not wanted:
                return set()
            found: set[uuid.UUID] = set()
            for start in range(0, len(wanted), 500):
                found.update(self.session.scalars(query.where(ConflictRow.row_id.in_(wanted[start:start + 500]))))
            return found
        return set(self.session.scalars(query.distinct()))

    def count_open(self) -> dict[str, int]:
        query = select(ConflictRow.kind, func.count()).where(ConflictRow.status == OPEN).group_by(ConflictRow.kind)
        return {kind: int(n) for kind, n in self.session.execute(query)}

    def close(self, conflict_id: int, status: str, *, by: str, at: datetime, resolution_rev: str | None = None) -> bool:
        """Mark an open conflict resolved or dismissed; False if it was no longer open."""
        result = self.session.execute(
            update(ConflictRow).where(ConflictRow.id == conflict_id, ConflictRow.status == OPEN)
            .values(status=status, resolved_by=(by or "")[:64], resolved_at=at, resolution_rev=resolution_rev))
        return result.rowcount == 1

    def move_head(self, conflict_id: int, heads: tuple[str, ...], fields: tuple[str, ...]) -> None:
        """This installation's head moved on since the conflict was opened: compare the current one."""
        self.session.execute(update(ConflictRow).where(ConflictRow.id == conflict_id)
                             .values(heads_json=json.dumps(list(heads)), fields_json=json.dumps(list(fields))))


def _record(row: ConflictRow, number: str | None, code: str | None) -> ConflictRecord:
    return ConflictRecord(
        id=int(row.id), table_name=row.table_name, row_id=row.row_id, kind=row.kind, base_rev=row.base_rev,
        heads=parse_heads(row.heads_json), fields=parse_fields(row.fields_json), origin=row.origin or "",
        bundle_id=row.bundle_id, status=row.status, detected_at=row.detected_at, resolved_by=row.resolved_by or "",
        resolved_at=row.resolved_at, resolution_rev=row.resolution_rev, number=number, post_code=code)
