"""The rows an incident import writes (services.sheet_import): ids, readable numbers, the totals the triggers
would compute, and each post's last report, made once for the whole import in Python so that the triggers only
confirm them (no UPDATE of every new incident by its line's trigger, by numbering, by the last report).

Numbers are the ones services.numbering.number_unnumbered would give the same incidents after the insert: per post
and post-local year of occurrence, in order of occurrence then id, after what the counters hold, under this
installation's origin; the counters are moved on by the same amounts. When the database already holds unnumbered
incidents (rows other programs inserted) numbering them together is number_unnumbered's business: then the rows
get no number here and the caller runs it after the insert.
"""

from __future__ import annotations

import os
import uuid
from collections import defaultdict
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from sitcentre.db.tables import IncidentCounterRow as C
from sitcentre.db.tables import IncidentRow, PostRow
from sitcentre.domain.enums import AmountBasis, IncidentStatus
from sitcentre.domain.records import local_date, uuid7_from
from sitcentre.services.numbering import current_origin, format_number, post_prefix


class IncidentRows:
    """Every candidate's incident and line rows, numbered; `chunk(start, stop)` gives (incidents, lines, several):
    several are the incidents of that chunk with more than one line, whose totals the line trigger computes."""

    def __init__(self, session: Session, candidates: list, import_id: int, substance_names: dict[int, str],
                 recorded_by: int | None, now: datetime):
        self.candidates, self.import_id, self.names = candidates, import_id, substance_names
        self.recorded_by, self.now = recorded_by, now
        posts = {p.id: p for p in session.scalars(select(PostRow))}
        self.days = [local_date(c.occurred_at, posts[c.post_id].utc_offset_minutes) for c in candidates]
        self.ids = _new_ids([c.occurred_at for c in candidates])
        self.line_ids = _new_ids([c.occurred_at for c in candidates])  # of the first line
        self.numbers = _numbers(session, candidates, self.ids, self.days, posts)

    @property
    def numbered(self) -> bool:
        return self.numbers is not None

    def latest_reports(self) -> dict[int, datetime]:
        """post id -> the latest reported_at among the rows (a post's last report after the import)."""
        latest: dict[int, datetime] = {}
        for c in self.candidates:
            at = min(c.occurred_at, self.now)
            if c.post_id not in latest or at > latest[c.post_id]:
                latest[c.post_id] = at
        return latest

    def chunk(self, start: int, stop: int) -> tuple[list[dict], list[dict], list[dict]]:
        incidents, lines, several = [], [], []
        status = IncidentStatus.REPORTED.value
        estimated = AmountBasis.ESTIMATED.value
        import_id, recorded_by, now, names = self.import_id, self.recorded_by, self.now, self.names
        numbers = self.numbers
        for i in range(start, stop):
            c = self.candidates[i]
            incident_id, day, post_id = self.ids[i], self.days[i], c.post_id
            row = {
                "id": incident_id, "post_id": post_id, "occurred_at": c.occurred_at,
                "reported_at": min(c.occurred_at, now), "local_date": day,
                "incident_type": c.incident_type.value, "direction": c.direction.value,
                "transport_mode": c.transport_mode.value, "concealment": c.concealment,
                "route_departure": c.route_departure, "route_transit": c.route_transit,
                "route_destination": c.route_destination, "persons_detained": c.persons_detained,
                "detainee_nationalities": c.detainee_nationalities, "joint_operation": c.joint_operation,
                "narrative": c.narrative, "status": status, "recorded_by": recorded_by, "import_id": import_id,
                "import_row": c.row_number, "import_key": c.row_key,
                "number": numbers[i] if numbers is not None else None,
                # as the line trigger computes them for one line (several: the trigger does it, see chunk)
                "total_kg": c.lines[0].kg_equivalent, "substance_sort": names[c.lines[0].substance_id],
                "substances": names[c.lines[0].substance_id]}
            (several if len(c.lines) > 1 else incidents).append(row)
            occurred = c.occurred_at
            line_ids = _new_ids([occurred] * len(c.lines)) if len(c.lines) > 1 else [self.line_ids[i]]
            for ln, line_id in zip(c.lines, line_ids, strict=True):
                lines.append({
                    "id": line_id, "incident_id": incident_id, "substance_id": ln.substance_id,
                    "quantity": float(ln.quantity), "unit": ln.unit.value, "basis": estimated,
                    "kg_equivalent": ln.kg_equivalent, "conversion": ln.conversion,
                    "mass_per_tablet_mg": ln.mass_per_tablet_mg, "local_date": day, "post_id": post_id,
                    "status": status})
        return incidents, lines, several


def _new_ids(moments: list[datetime]) -> list[uuid.UUID]:
    """domain.records.new_id for each moment (UUID version 7), the random bits read from the system in one call."""
    random = os.urandom(10 * len(moments))
    return [uuid7_from(int(at.timestamp() * 1000), int.from_bytes(random[10 * i:10 * i + 10], "big"))
            for i, at in enumerate(moments)]


def _numbers(session: Session, candidates: list, ids: list, days: list, posts: dict) -> list[str] | None:
    """Each candidate's number (see the module's docstring), the counters moved on; None when the database already
    holds unnumbered incidents."""
    if session.scalar(select(IncidentRow.id).where(IncidentRow.number.is_(None)).limit(1)) is not None:
        return None
    origin = current_origin(session)
    own = next((p for p in posts.values() if p.code == origin), None)
    tag = post_prefix(own) if own is not None else origin
    groups: dict[tuple[int, int], list[int]] = defaultdict(list)
    for i, c in enumerate(candidates):
        groups[(c.post_id, days[i].year)].append(i)
    numbers: list[str | None] = [None] * len(candidates)
    dialect = postgresql if session.get_bind().dialect.name == "postgresql" else sqlite
    # The counter is moved on first and its new value read back (RETURNING), as allocate_number does: another
    # import or workstation holding the row waits here, and its numbers are then counted in. Counters are taken
    # in one order so that two imports never wait for each other's.
    for (post_id, year), members in sorted(groups.items()):
        members.sort(key=lambda i: (candidates[i].occurred_at, ids[i].hex))
        post = posts[post_id]
        prefix, middle = post_prefix(post), "" if post.code == origin else tag
        statement = dialect.insert(C).values(origin=origin, post_id=post_id, year=year, last=len(members))
        base = session.execute(statement.on_conflict_do_update(
            index_elements=[C.origin, C.post_id, C.year], set_={"last": C.last + len(members)},
        ).returning(C.last)).scalar_one() - len(members)
        for n, i in enumerate(members, 1):
            numbers[i] = format_number(prefix, middle, year, base + n)
    return numbers
