"""Filters, sort keys and list rows of the incident table, and the SQL they turn into."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy import ColumnElement, and_, exists, or_, select

from sitcentre.db.tables import IncidentRow as I
from sitcentre.db.tables import PostRow as P
from sitcentre.db.tables import SeizureLineRow as L
from sitcentre.domain.enums import IncidentStatus, IncidentType, TransportMode

# Sort key name -> leading column. Every key ends in (occurred_at, id) or (id) so that it is unique,
# and each has an index in the same column order (tables.py), so a seek is an index range scan.
SORT_COLUMNS = {
    "occurred": (I.occurred_at, I.id),
    "post": (I.post_id, I.occurred_at, I.id),
    "substance": (I.substance_sort, I.occurred_at, I.id),
    "kg": (I.total_kg, I.id),
    "status": (I.status, I.occurred_at, I.id),
    "type": (I.incident_type, I.occurred_at, I.id),
    "transport": (I.transport_mode, I.occurred_at, I.id),
    "persons": (I.persons_detained, I.occurred_at, I.id),
}


@dataclass(frozen=True)
class IncidentFilter:
    """What the operator asked to see. Empty tuples mean "any"; dates are local days, inclusive."""

    date_from: date | None = None
    date_to: date | None = None
    post_ids: tuple[int, ...] = ()
    countries: tuple[str, ...] = ()
    borders: tuple[str, ...] = ()
    substance_ids: tuple[int, ...] = ()
    types: tuple[str, ...] = ()
    statuses: tuple[str, ...] = ()
    text: str = ""

    def is_empty(self) -> bool:
        return self == IncidentFilter()


@dataclass(frozen=True)
class Sort:
    key: str = "occurred"
    descending: bool = True

    def __post_init__(self):
        if self.key not in SORT_COLUMNS:
            raise ValueError(f"unknown sort key {self.key!r}")

    @property
    def columns(self):
        return SORT_COLUMNS[self.key]


@dataclass(frozen=True)
class IncidentListRow:
    """One row of the incident table, as shown."""

    id: uuid.UUID
    occurred_at: datetime
    local_date: date | None
    post_id: int
    post_name: str
    border: str
    utc_offset_minutes: int
    incident_type: IncidentType
    substances: str
    total_kg: float
    status: IncidentStatus
    transport_mode: TransportMode
    persons_detained: int
    version: int
    sort_key: tuple = field(compare=False, repr=False, default=())


LIST_COLUMNS = (
    I.id, I.occurred_at, I.local_date, I.post_id, P.name, P.border, P.utc_offset_minutes, I.incident_type,
    I.substances, I.total_kg, I.status, I.transport_mode, I.persons_detained, I.version,
)


def list_columns(sort: Sort) -> tuple[tuple, tuple[int, ...]]:
    """The columns to select for `sort`, and where its key columns sit in a row.

    Sort columns already among LIST_COLUMNS are not selected twice (each costs a conversion per row).
    """
    columns = list(LIST_COLUMNS)
    positions = []
    for col in sort.columns:
        found = next((i for i, c in enumerate(LIST_COLUMNS) if c is col), None)
        if found is None:
            columns.append(col)
            found = len(columns) - 1
        positions.append(found)
    return tuple(columns), tuple(positions)


def to_list_row(row, positions: tuple[int, ...]) -> IncidentListRow:
    values = tuple(row[: len(LIST_COLUMNS)])
    key = tuple(row[i] for i in positions)
    (id_, occurred, local_day, post_id, post_name, border, offset, itype, subs, kg, status, transport, persons,
     version) = values
    return IncidentListRow(
        id=id_, occurred_at=occurred, local_date=local_day, post_id=post_id, post_name=post_name, border=border,
        utc_offset_minutes=offset, incident_type=_TYPES.get(itype) or IncidentType(itype), substances=subs,
        total_kg=kg, status=_STATUSES.get(status) or IncidentStatus(status),
        transport_mode=_TRANSPORT.get(transport) or TransportMode(transport), persons_detained=persons,
        version=version, sort_key=key,
    )


# Enum lookups by value, a dict hit instead of Enum.__call__ (a tenth of the cost, per row of every page).
_TYPES = {e.value: e for e in IncidentType}
_STATUSES = {e.value: e for e in IncidentStatus}
_TRANSPORT = {e.value: e for e in TransportMode}


def filter_clause(f: IncidentFilter) -> ColumnElement[bool]:
    """The WHERE clause of a filter (true when the filter is empty)."""
    parts: list[ColumnElement[bool]] = []
    if f.date_from:
        parts.append(I.local_date >= f.date_from)
    if f.date_to:
        parts.append(I.local_date <= f.date_to)
    if f.post_ids:
        parts.append(I.post_id.in_(f.post_ids))
    if f.countries:
        parts.append(I.post_id.in_(select(P.id).where(P.country_code.in_(f.countries))))
    if f.borders:
        parts.append(I.post_id.in_(select(P.id).where(P.border.in_(f.borders))))
    if f.types:
        parts.append(I.incident_type.in_(f.types))
    if f.statuses:
        parts.append(I.status.in_(f.statuses))
    if f.substance_ids:
        parts.append(exists().where(L.incident_id == I.id, L.substance_id.in_(f.substance_ids)))
    text = f.text.strip()
    if text:
        pattern = f"%{_escape_like(text)}%"
        parts.append(or_(*[
            col.ilike(pattern, escape="\\")
            for col in (I.narrative, I.concealment, I.route_transit, I.route_departure, I.route_destination,
                        I.substances, I.joint_operation)
        ]))
    return and_(True, *parts)


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
