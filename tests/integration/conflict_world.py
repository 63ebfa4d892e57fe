"""Conflicts crafted without an import: versions written with revisions.store_version and rows in `conflicts`,
as the importer would leave them (heads [centre, post]). Shared by test_conflicts, test_exchange_state and
test_conflict_figures."""

from __future__ import annotations

import json
import uuid
from dataclasses import replace
from datetime import UTC, datetime

from sqlalchemy import insert, select, update

from sitcentre.db.tables import ConflictRow, IncidentRow, InstallationRow
from sitcentre.db.uow import UnitOfWork
from sitcentre.domain.enums import IncidentStatus, Unit
from sitcentre.domain.permissions import SYSTEM
from sitcentre.domain.records import Incident
from sitcentre.exchange import canonical
from sitcentre.repositories import revisions
from sitcentre.repositories.incidents import IncidentRepository
from sitcentre.services.incidents import IncidentService
from tests.integration.helpers import SETTINGS, ids, incident, utc

POST = "KZ-KOR"
WHEN = utc(2026, 11, 20, 8)


def record(engine, *, status: IncidentStatus = IncidentStatus.REPORTED, kg: float = 12.0, when: datetime = WHEN,
           post: str = POST, **fields) -> Incident:
    posts, subs = ids(engine)
    return IncidentService(engine, SETTINGS).record(
        incident(posts[post], when, (subs["heroin"], kg, Unit.KG), status=status, **fields), actor=SYSTEM)


def edit(engine, incident_id: uuid.UUID, **changes) -> str:
    """An edit made here through the service; returns the incident's new rev."""
    with UnitOfWork(engine) as uow:
        current = IncidentRepository(uow.session).get(incident_id)
    IncidentService(engine, SETTINGS).update(replace(current, **changes), actor=SYSTEM)
    return head(engine, incident_id)


def head(engine, incident_id: uuid.UUID) -> str | None:
    with UnitOfWork(engine) as uow:
        found = revisions.head(uow.session, incident_id)
    return found[0] if found else None


def version(engine, incident_id: uuid.UUID, rev: str):
    with UnitOfWork(engine) as uow:
        return revisions.get_version(uow.session, incident_id, rev)


def content(engine, incident_id: uuid.UUID) -> dict | None:
    with UnitOfWork(engine) as uow:
        return revisions.incident_content(uow.session, incident_id)


def post_version(engine, incident_id: uuid.UUID, parent_rev: str, *, delete: bool = False, origin: str = POST,
                 author: str = "officer1", **changes) -> str:
    """A version made at the post from `parent_rev` (kept here as the importer keeps a losing head)."""
    with UnitOfWork(engine, write=True) as uow:
        s = uow.session
        parent = revisions.get_version(s, incident_id, parent_rev)
        assert parent is not None and parent.content is not None
        new = None if delete else {**parent.content, **changes}
        rev = canonical.make_rev(parent_rev, new, deleted=delete)
        revisions.store_version(
            s, row_id=incident_id, rev=rev, parent_rev=parent_rev, merge_rev=None,
            op=revisions.DELETE if delete else revisions.UPSERT, origin=origin, author=author,
            device_time=datetime(2026, 11, 21, 9, tzinfo=UTC), received_at=datetime(2026, 11, 22, 10, tzinfo=UTC),
            content=new, changed=canonical.changed_fields(parent.content, new))
        uow.commit()
    return rev


def open_conflict(engine, incident_id: uuid.UUID, kind: str, base_rev: str | None, heads: list[str],
                  fields: list[str], origin: str = POST) -> int:
    with UnitOfWork(engine, write=True) as uow:
        conflict_id = uow.session.execute(insert(ConflictRow).values(
            table_name="incident", row_id=incident_id, kind=kind, base_rev=base_rev, heads_json=json.dumps(heads),
            fields_json=json.dumps(sorted(fields)), origin=origin, status="open")
            .returning(ConflictRow.id)).scalar_one()
        uow.commit()
    return int(conflict_id)


def stale_edit_conflict(engine, **record_fields) -> tuple[Incident, int, dict]:
    """An incident edited at the centre (narrative) and, from the same version, at the post (narrative and
    persons detained): an open "conflict" on the narrative. Returns the incident, the conflict id and the revs."""
    recorded = record(engine, narrative="as reported", persons_detained=1, **record_fields)
    base = head(engine, recorded.id)
    centre = edit(engine, recorded.id, narrative="centre's words")
    post = post_version(engine, recorded.id, base, narrative="post's words", persons_detained=3)
    conflict_id = open_conflict(engine, recorded.id, "conflict", base, [centre, post], ["narrative"])
    return recorded, conflict_id, {"base": base, "centre": centre, "post": post}


def set_role(engine, role: str, origin: str | None = None) -> None:
    with UnitOfWork(engine, write=True) as uow:
        values = {"role": role} | ({"origin_code": origin} if origin else {})
        found = uow.session.execute(select(InstallationRow.id)).first()
        if found is None:
            uow.session.execute(insert(InstallationRow).values(id=uuid.uuid4(), origin_code=origin or "C", **values))
        else:
            uow.session.execute(update(InstallationRow).values(**values))
        uow.commit()


def row(engine, incident_id: uuid.UUID) -> IncidentRow | None:
    with UnitOfWork(engine) as uow:
        found = uow.session.get(IncidentRow, incident_id)
        if found is not None:
            uow.session.expunge(found)
        return found
