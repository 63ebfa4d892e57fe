"""The names an audit row refers to by id (posts, substances, accounts, incident numbers), one query per table;
the wording itself is pure and lives in sitcentre.domain.audit_text."""

from __future__ import annotations

import uuid

from sqlalchemy import select
from sqlalchemy.orm import Session

from sitcentre.db.tables import IncidentRow, PostRow, SubstanceRow, UserRow
from sitcentre.domain.audit_text import AuditNames, PersonName, PlaceName


def read_incident_numbers(session: Session, incident_ids: set[str] | list[str]) -> dict[str, str]:
    """Numbers of the incidents named (32 hex digits each); those without a number or not here are left out."""
    wanted = []
    for value in incident_ids:
        try:
            wanted.append(uuid.UUID(value))
        except ValueError:
            continue
    found: dict[str, str] = {}
    for start in range(0, len(wanted), 500):  # bounded IN lists
        rows = session.execute(select(IncidentRow.id, IncidentRow.number)
                               .where(IncidentRow.id.in_(wanted[start:start + 500])))
        found.update({row.id.hex: row.number for row in rows if row.number})
    return found


def read_names(session: Session, incident_ids: set[str] | list[str] = (), *,
               centre_offset_minutes: int) -> AuditNames:
    """Every post, substance and account, one query each (a dialog reads them once), and the numbers of the
    incidents named. Times with no post are shown on the centre's clock (`centre_offset_minutes`, a setting)."""
    posts = {r.id: PlaceName(r.name, _place(r.name, r.crossing), r.utc_offset_minutes)
             for r in session.execute(select(PostRow.id, PostRow.name, PostRow.crossing,
                                             PostRow.utc_offset_minutes))}
    substances = dict(session.execute(select(SubstanceRow.id, SubstanceRow.name)).all())
    users = {r.id: PersonName(r.username, r.display_name or "", r.role)
             for r in session.execute(select(UserRow.id, UserRow.username, UserRow.display_name, UserRow.role))}
    return AuditNames(posts, substances, users, incidents=read_incident_numbers(session, incident_ids),
                      centre_offset_minutes=centre_offset_minutes)  # the brief's clock, not this computer's


def _place(name: str, crossing: str) -> str:
    """'BLO Termez' is at Termez: the name without the office's prefix, else the crossing."""
    for prefix in ("BLO ", "БЛО "):
        if name.startswith(prefix) and name[len(prefix):].strip():
            return name[len(prefix):].strip()
    return name or crossing
