"""Incidents: a keyset-paged window over any number of rows, count, get, add, update with a version check.

Paging never uses an OFFSET per page. A `KeysetIndex` (kept by the caller per filter and sort) remembers
the sort key found at page boundaries. A page is read by seeking from the nearest known boundary: from
the start, from the end (reverse order), or from a boundary seen before. Only a jump into a region with
no known boundary nearby costs one index-only skip to find the key there, after which the boundary is
remembered; `KeysetIndex.build()` can learn every boundary in one pass in the background.
"""

from __future__ import annotations

import uuid
from bisect import bisect_left
from dataclasses import replace

from sqlalchemy import delete, func, select, tuple_, update
from sqlalchemy.orm import Session

from sitcentre.db.tables import DailyIncidents as DI
from sitcentre.db.tables import IncidentRow as I
from sitcentre.db.tables import PostRow as P
from sitcentre.db.tables import SeizureLineRow as L
from sitcentre.domain.enums import AmountBasis, Direction, IncidentStatus, IncidentType, TransportMode, Unit
from sitcentre.domain.errors import ConflictError
from sitcentre.domain.records import Incident, SeizureLine, utcnow
from sitcentre.repositories.incident_query import (
    ID_AT,
    LIST_COLUMNS,
    REV_AT,
    IncidentFilter,
    IncidentListRow,
    Sort,
    exchange_marks,
    filter_clause,
    list_columns,
    sort_columns,
    to_list_row,
)


class KeysetIndex:
    """Known sort keys at row positions for one (filter, sort); invalidate it when the data changes."""

    def __init__(self, flt: IncidentFilter, sort: Sort, page_size: int = 100):
        self.filter = flt
        self.sort = sort
        self.page_size = page_size
        self.count: int | None = None
        self._positions: list[int] = []  # sorted
        self._keys: dict[int, tuple] = {}

    def invalidate(self) -> None:
        self.count = None
        self._positions.clear()
        self._keys.clear()

    def remember(self, position: int, key: tuple) -> None:
        if position not in self._keys:
            self._positions.insert(bisect_left(self._positions, position), position)
        self._keys[position] = key

    def nearest_at_or_before(self, position: int) -> tuple[int, tuple | None]:
        i = bisect_left(self._positions, position + 1) - 1
        if i < 0:
            return 0, None
        pos = self._positions[i]
        return pos, self._keys[pos]

    @property
    def known(self) -> int:
        return len(self._positions)


class IncidentRepository:
    def __init__(self, session: Session):
        self.session = session

    # ----------------------------------------------------------------------------------- reading

    def count(self, flt: IncidentFilter = IncidentFilter()) -> int:
        """How many incidents match. Filters the daily rollup can answer are counted there (a few
        thousand rows instead of every incident); the others count the incidents themselves."""
        if _rollup_can_count(flt):
            return self._count_from_rollup(flt)
        return self.session.scalar(select(func.count()).select_from(I).where(filter_clause(flt)))

    def _count_from_rollup(self, flt: IncidentFilter) -> int:
        query = select(func.coalesce(func.sum(DI.incidents), 0))
        if flt.date_from:
            query = query.where(DI.day >= flt.date_from)
        if flt.date_to:
            query = query.where(DI.day <= flt.date_to)
        if flt.statuses:
            query = query.where(DI.status.in_(flt.statuses))
        if flt.post_ids:
            query = query.where(DI.post_id.in_(flt.post_ids))
        if flt.countries:
            query = query.where(DI.post_id.in_(select(P.id).where(P.country_code.in_(flt.countries))))
        if flt.borders:
            query = query.where(DI.post_id.in_(select(P.id).where(P.border.in_(flt.borders))))
        in_rollup = self.session.scalar(query)
        # Rows whose local date a trigger has not filled yet are not in the rollup; there are none
        # after a committed write, but count them so the answer is exact in any case.
        missing = select(func.count()).select_from(I).where(I.local_date.is_(None), filter_clause(flt))
        return int(in_rollup) + (self.session.scalar(missing) if not (flt.date_from or flt.date_to) else 0)

    def window(self, index: KeysetIndex, start: int, limit: int) -> list[IncidentListRow]:
        """Rows [start, start + limit) in the index's filter and sort order."""
        if index.count is None:
            index.count = self.count(index.filter)
        start = max(0, min(start, index.count))
        limit = max(0, min(limit, index.count - start))
        if limit == 0:
            return []
        anchor_pos, anchor_key = index.nearest_at_or_before(start)
        forward_skip = start - anchor_pos
        backward_skip = index.count - (start + limit)
        if backward_skip < forward_skip:
            return self._read_backward(index, start, limit, backward_skip)
        if forward_skip:
            if anchor_key is not None and anchor_pos < forward_skip // 4:
                # A seek predicate is evaluated on every skipped entry; from a boundary near the start,
                # skipping from the start itself is cheaper.
                anchor_key, forward_skip = None, start
            anchor_key = self._key_at(index, anchor_key, forward_skip)
            index.remember(start, anchor_key)
        return self._read_forward(index, start, limit, anchor_key)

    def _ordered(self, sort: Sort, reverse: bool):
        desc = sort.descending != reverse
        return [c.desc() if desc else c.asc() for c in sort_columns(sort)]

    def _seek(self, sort: Sort, key: tuple, reverse: bool, inclusive: bool = True):
        desc = sort.descending != reverse
        cols, vals = tuple_(*sort_columns(sort)), tuple_(*key)
        if desc:
            return cols <= vals if inclusive else cols < vals
        return cols >= vals if inclusive else cols > vals

    def _base(self, index: KeysetIndex, reverse: bool, key: tuple | None, inclusive: bool = True):
        # An outer join (posts.id is never missing) keeps SQLite's planner on the sort index of incidents
        # instead of scanning posts first and sorting every incident of each post.
        columns, _ = list_columns(index.sort)
        query = select(*columns).outerjoin(P, P.id == I.post_id)
        query = query.where(filter_clause(index.filter))
        if key is not None:
            query = query.where(self._seek(index.sort, key, reverse, inclusive))
        return query.order_by(*self._ordered(index.sort, reverse))

    def _key_at(self, index: KeysetIndex, from_key: tuple | None, skip: int) -> tuple:
        """The sort key `skip` rows after from_key: one index-only skip, remembered by the caller."""
        query = select(*sort_columns(index.sort)).where(filter_clause(index.filter))
        if from_key is not None:
            query = query.where(self._seek(index.sort, from_key, False))
        query = query.order_by(*self._ordered(index.sort, False)).offset(skip).limit(1)
        return tuple(self.session.execute(query).one())

    def _rows(self, index: KeysetIndex, query) -> list[IncidentListRow]:
        _, positions = list_columns(index.sort)
        found = self.session.connection().execute(query).all()
        marks = exchange_marks(self.session, [(r[ID_AT], r[REV_AT]) for r in found])  # one statement per page
        return [to_list_row(r, positions, marks.get(r[ID_AT], "")) for r in found]

    def _read_forward(self, index: KeysetIndex, start: int, limit: int, key: tuple | None):
        rows = self._rows(index, self._base(index, False, key).limit(limit + 1))
        result = rows[:limit]
        if result:
            index.remember(start, result[0].sort_key)
        if len(rows) > limit:
            index.remember(start + limit, rows[limit].sort_key)
        return result

    def _read_backward(self, index: KeysetIndex, start: int, limit: int, skip: int):
        end_pos = start + limit  # exclusive; rows are read from the end towards the start
        key = None
        known_pos, known_key = index.nearest_at_or_before(end_pos)
        if known_key is not None and known_pos == end_pos:
            key, skip = known_key, 0
            query = self._base(index, True, key, inclusive=False)
        elif skip:
            from_end = select(*sort_columns(index.sort)).where(filter_clause(index.filter))
            from_end = from_end.order_by(*self._ordered(index.sort, True)).offset(skip - 1).limit(1)
            key = tuple(self.session.execute(from_end).one())
            query = self._base(index, True, key, inclusive=False)
        else:
            query = self._base(index, True, None)
        rows = self._rows(index, query.limit(limit))
        rows.reverse()
        if rows:
            index.remember(start, rows[0].sort_key)
        if key is not None:
            index.remember(end_pos, key)
        return rows

    def build_index(self, index: KeysetIndex) -> None:
        """Learn the key at every page boundary in one ordered pass (run it off the GUI thread)."""
        if index.count is None:
            index.count = self.count(index.filter)
        numbered = select(
            *sort_columns(index.sort),
            func.row_number().over(order_by=self._ordered(index.sort, False)).label("rn"),
        ).where(filter_clause(index.filter)).subquery()
        cols = [numbered.c[c.key] for c in sort_columns(index.sort)]
        query = select(numbered.c.rn, *cols).where((numbered.c.rn - 1) % index.page_size == 0)
        for rn, *key in self.session.execute(query):
            index.remember(rn - 1, tuple(key))

    def position(self, index: KeysetIndex, row: IncidentListRow) -> int | None:
        """How many rows of the index's filter sort before `row` now (an index range count), or None when the
        row carries no sort key."""
        if not row.sort_key:
            return None
        sort = index.sort
        cols, key = tuple_(*sort_columns(sort)), tuple_(*row.sort_key)
        before = cols > key if sort.descending else cols < key
        return self.session.scalar(select(func.count()).select_from(I).where(filter_clause(index.filter), before))

    def get(self, incident_id: uuid.UUID) -> Incident | None:
        row = self.session.get(I, incident_id)
        if row is None:
            return None
        lines = self.session.scalars(select(L).where(L.incident_id == incident_id).order_by(L.id)).all()
        return _to_incident(row, lines)

    # ----------------------------------------------------------------------------------- writing

    def add(self, incident: Incident, local_date) -> None:
        """Insert an incident and its lines (totals and rollups follow by trigger)."""
        values = _incident_values(incident)
        self.session.execute(I.__table__.insert().values(id=incident.id, local_date=local_date,
                                                         number=incident.number, **values))
        self._insert_lines(incident, local_date)

    def update(self, incident: Incident, local_date) -> Incident:
        """Save an edit of version `incident.version`; a stale version raises ConflictError."""
        values = _incident_values(incident)
        result = self.session.execute(
            update(I)
            .where(I.id == incident.id, I.version == incident.version)
            .values(local_date=local_date, version=I.version + 1, updated_at=utcnow(), **values)
        )
        if result.rowcount != 1:
            raise ConflictError(incident, self.get(incident.id))
        self._replace_lines(incident, local_date)
        return replace(incident, version=incident.version + 1)

    def delete(self, incident_id: uuid.UUID) -> None:
        self.session.execute(delete(I).where(I.id == incident_id))

    # ------------------------------------------------------------- review fields (services.verification, duplicates)

    def list_rows(self, incident_ids: list[uuid.UUID]) -> dict[uuid.UUID, IncidentListRow]:
        """The list rows of these incidents, by id (those that exist)."""
        query = select(*LIST_COLUMNS).outerjoin(P, P.id == I.post_id).where(I.id.in_(incident_ids))
        return {row.id: row for row in (to_list_row(r, ()) for r in self.session.execute(query))}

    def count_all(self) -> int:
        """Every incident row, whatever its status (the count() above counts by filter, drafts apart)."""
        return self.session.scalar(select(func.count()).select_from(I)) or 0

    def lock(self, incident_id: uuid.UUID) -> Incident | None:
        """The incident, its row locked until commit (PostgreSQL; SQLite writers hold the database lock)."""
        self.session.execute(select(I.id).where(I.id == incident_id).with_for_update())
        return self.get(incident_id)

    def linked_duplicates(self, incident_id: uuid.UUID) -> list[uuid.UUID]:
        """Incidents linked as duplicates of this one."""
        return list(self.session.scalars(select(I.id).where(I.duplicate_of == incident_id).order_by(I.id)))

    def has_linked_duplicates(self, incident_id: uuid.UUID) -> bool:
        return self.session.scalar(select(I.id).where(I.duplicate_of == incident_id).limit(1)) is not None

    def set_review(self, incident_id: uuid.UUID, at=None, **values) -> Incident:
        """Write review fields (status, verified_by, verified_at, rejection_reason, duplicate_of) as a new
        version of the incident, updated `at` (now); returns the incident as saved."""
        unknown = set(values) - REVIEW_FIELDS
        if unknown:
            raise ValueError(f"not review fields: {', '.join(sorted(unknown))}")
        self.session.execute(update(I).where(I.id == incident_id)
                             .values(version=I.version + 1, updated_at=at or utcnow(), **values))
        self.session.expire_all()  # ORM objects read before the UPDATE are stale
        return self.get(incident_id)

    def clear_review(self, incident_id: uuid.UUID) -> None:
        """When and why it was reviewed go (an edit sent a reviewed incident back to 'reported'); the edit
        itself made the new version."""
        self.session.execute(update(I).where(I.id == incident_id).values(verified_at=None, rejection_reason=""))

    def _insert_lines(self, incident: Incident, local_date, only=None) -> None:
        lines = [line for line in incident.lines if only is None or line.id in only]
        if lines:
            self.session.execute(L.__table__.insert(), [
                _line_values(incident, line, local_date) for line in lines
            ])

    def _replace_lines(self, incident: Incident, local_date) -> None:
        wanted = {line.id: line for line in incident.lines}
        existing = set(self.session.scalars(select(L.id).where(L.incident_id == incident.id)))
        gone = existing - wanted.keys()
        if gone:
            self.session.execute(delete(L).where(L.id.in_(gone)))
        for line_id in existing & wanted.keys():
            values = _line_values(incident, wanted[line_id], local_date)
            values.pop("id")
            self.session.execute(update(L).where(L.id == line_id).values(**values))
        self._insert_lines(incident, local_date, only=wanted.keys() - existing)


REVIEW_FIELDS = frozenset({"status", "verified_by", "verified_at", "rejection_reason", "duplicate_of"})


def _rollup_can_count(flt: IncidentFilter) -> bool:
    return not (flt.types or flt.substance_ids or flt.text)


def _incident_values(i: Incident) -> dict:
    return dict(
        post_id=i.post_id, occurred_at=i.occurred_at, reported_at=i.reported_at or _reported_now(i.occurred_at),
        incident_type=IncidentType(i.incident_type).value, direction=Direction(i.direction).value,
        transport_mode=TransportMode(i.transport_mode).value, concealment=i.concealment,
        route_departure=i.route_departure, route_transit=i.route_transit, route_destination=i.route_destination,
        persons_detained=i.persons_detained, detainee_nationalities=i.detainee_nationalities,
        joint_operation=i.joint_operation, narrative=i.narrative, status=IncidentStatus(i.status).value,
        recorded_by=i.recorded_by, verified_by=i.verified_by,
    )


def _reported_now(occurred_at):
    """An incident saved without a report time is reported now, yet never before it happened (a post's clock
    may run a few minutes ahead: domain.validation.CLOCK_SKEW)."""
    return max(utcnow(), occurred_at)


def _line_values(incident: Incident, line: SeizureLine, local_date) -> dict:
    return dict(
        id=line.id, incident_id=incident.id, substance_id=line.substance_id, quantity=line.quantity,
        unit=Unit(line.unit).value, basis=AmountBasis(line.basis).value, kg_equivalent=line.kg_equivalent,
        conversion=line.conversion, mass_per_tablet_mg=line.mass_per_tablet_mg, local_date=local_date,
        post_id=incident.post_id,
        status=IncidentStatus(incident.status).value,
    )


def _to_incident(r: I, lines) -> Incident:
    return Incident(
        id=r.id, post_id=r.post_id, occurred_at=r.occurred_at, reported_at=r.reported_at,
        incident_type=IncidentType(r.incident_type), direction=Direction(r.direction),
        transport_mode=TransportMode(r.transport_mode), concealment=r.concealment,
        route_departure=r.route_departure, route_transit=r.route_transit, route_destination=r.route_destination,
        persons_detained=r.persons_detained, detainee_nationalities=r.detainee_nationalities,
        joint_operation=r.joint_operation, narrative=r.narrative, status=IncidentStatus(r.status),
        recorded_by=r.recorded_by, verified_by=r.verified_by, version=r.version, verified_at=r.verified_at,
        rejection_reason=r.rejection_reason, duplicate_of=r.duplicate_of, number=r.number,
        lines=tuple(
            SeizureLine(id=ln.id, substance_id=ln.substance_id, quantity=ln.quantity, unit=Unit(ln.unit),
                        basis=AmountBasis(ln.basis), kg_equivalent=ln.kg_equivalent, conversion=ln.conversion,
                        mass_per_tablet_mg=ln.mass_per_tablet_mg)
            for ln in lines
        ),
    )
