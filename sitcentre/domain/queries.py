"""What ui/ asks the incident table, the alerts list and the change feed for, and the rows it gets back.

Plain frozen values shared by ui/, the services and the repositories: no SQLAlchemy here, so a panel
that holds an IncidentFilter or a ChangeBatch loads no database code. The SQL each one turns into lives
in sitcentre.repositories (incident_query.filter_clause, incident_query.sort_columns).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import date, datetime

from sitcentre.domain.enums import ChangeOp, IncidentStatus, IncidentType, TransportMode
from sitcentre.domain.validation import search_text

# The incident table's sort keys; repositories.incident_query.SORT_COLUMNS gives each its columns.
SORT_KEYS = ("occurred", "post", "substance", "kg", "status", "type", "transport", "persons")


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
    text: str = ""  # kept as domain.validation.search_text makes it: no control characters, at most 200
    text_cut: bool = field(default=False, init=False, compare=False)  # the text given was longer: say so

    def __post_init__(self):
        text, cut = search_text(self.text)
        object.__setattr__(self, "text", text)
        object.__setattr__(self, "text_cut", cut)

    def is_empty(self) -> bool:
        return self == IncidentFilter()


@dataclass(frozen=True)
class Sort:
    key: str = "occurred"
    descending: bool = True

    def __post_init__(self):
        if self.key not in SORT_KEYS:
            raise ValueError(f"unknown sort key {self.key!r}")


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
    rejection_reason: str = ""  # why a supervisor rejected it (the status column's tooltip)
    number: str | None = None  # KOR-2026-0412 (services.numbering); None for rows other programs inserted
    in_conflict: bool = False  # an open conflict from the exchange waits for a supervisor (issue 12)
    exchange: str = ""  # where it stands in the exchange, one of EXCHANGE_MARKS ("": nothing to say; issue 13)
    rev: str | None = field(default=None, compare=False, repr=False)  # its current version (None: unsealed)

    @property
    def label(self) -> str:
        """What a person calls the incident: its number, else the first 8 digits of its id."""
        return self.number or self.id.hex[:8]


# What the incident table says of a record's place in the exchange (repositories.incident_query.exchange_marks):
# at a post, "unsent" (an edit here not yet in a bundle), "unconfirmed" (sent, the centre has not acknowledged
# it), "centre_too" (changed at the centre too while our edit was unconfirmed: a second head kept, the centre
# decides); at a centre, "unconfirmed" (sent to its post, not yet acknowledged) and "conflict" (a supervisor
# decides); at both, "held" (a received version waits for an earlier one), "error" (a received version could
# not be applied) and "confirmed" (the other side has this version). "" where no exchange is set up.
EXCHANGE_MARKS = ("", "unsent", "unconfirmed", "confirmed", "held", "error", "conflict", "centre_too")


@dataclass(frozen=True)
class ExchangeSummary:
    """This installation's place in the exchange, for the status bar (backend.exchange_status)."""

    role: str | None  # "post", "centre", or None before `install init`
    origin: str = ""
    unsent: int = 0  # at a post: incidents changed here and not yet in a bundle
    unconfirmed: int = 0  # sent, not yet acknowledged by the other side
    last_heard: datetime | None = None  # at a post: the last bundle received from the centre (or the sync link)
    refdata_at: datetime | None = None  # when the centre's reference data was last applied here (a post)
    refdata_age_days: int | None = None
    refdata_stale: bool = False  # older than Settings.refdata_stale_days (or never received, at a post)
    open_conflicts: int = 0  # hard conflicts waiting for a supervisor (at a post: records changed at the centre too)
    held: int = 0  # received entries waiting for an earlier one
    errors: int = 0  # received entries that could not be applied


@dataclass(frozen=True)
class Snapshot:
    """The incident table's count and some pages as of one moment, tagged with the generation that asked."""

    generation: int
    count: int
    pages: dict[int, list[IncidentListRow]]
    anchor_position: int | None = None  # where the row that was at the top of the view is now


@dataclass(frozen=True)
class AlertQuery:
    """post_id: alerts the post sent or receives (addressed to it, or to all posts); None: every alert."""

    post_id: int | None = None
    unacknowledged_only: bool = False
    limit: int = 500


@dataclass(frozen=True)
class Change:
    seq: int
    table: str
    row_id: str  # UUIDs as 32 hex digits on both dialects, integer keys as text
    op: ChangeOp
    at: datetime


@dataclass(frozen=True)
class ChangeBatch:
    changes: tuple[Change, ...]
    last_seq: int
    truncated: bool  # the log was pruned past the asked seq, or more rows wait: reload everything
