"""Frozen records that travel between layers. Times are timezone-aware UTC datetimes."""

from __future__ import annotations

import os
import uuid
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta

from sitcentre.domain.enums import (
    AmountBasis,
    Direction,
    IncidentStatus,
    IncidentType,
    PostStatus,
    SubstanceGroup,
    TransportMode,
    Unit,
)


def utcnow() -> datetime:
    return datetime.now(UTC)


def new_id(at: datetime | None = None) -> uuid.UUID:
    """A key made where the record is created (a post may be offline); it never changes.

    UUID version 7 (RFC 9562): a millisecond timestamp then random bits, so keys made at different
    posts never collide and rows created together sit together in the primary-key index.
    """
    ms = int((at or datetime.now(UTC)).timestamp() * 1000)
    return uuid7_from(ms, int.from_bytes(os.urandom(10), "big"))


def uuid7_from(ms: int, rand80: int) -> uuid.UUID:
    rand_a = (rand80 >> 62) & 0xFFF
    rand_b = rand80 & ((1 << 62) - 1)
    value = (ms & ((1 << 48) - 1)) << 80 | 0x7 << 76 | rand_a << 64 | 0b10 << 62 | rand_b
    return uuid.UUID(int=value)


@dataclass(frozen=True)
class Country:
    code: str
    name: str
    utc_offset_minutes: int


@dataclass(frozen=True)
class Post:
    id: int
    code: str
    name: str
    crossing: str
    country_code: str
    counterpart_country_code: str
    border: str
    latitude: float
    longitude: float
    utc_offset_minutes: int
    status: PostStatus
    status_reason: str
    status_since: datetime | None
    last_report_at: datetime | None

    def local_date(self, moment: datetime) -> date:
        return local_date(moment, self.utc_offset_minutes)


def local_date(moment: datetime, utc_offset_minutes: int) -> date:
    """The post's local calendar day of a UTC moment (the region keeps fixed offsets, no DST)."""
    if moment.tzinfo is None:
        raise ValueError("naive datetime: times must be timezone-aware")
    return (moment.astimezone(UTC) + timedelta(minutes=utc_offset_minutes)).date()


def border_of(country_a: str, country_b: str) -> str:
    """A border's label, the same from both sides: e.g. KG-KZ."""
    return "-".join(sorted((country_a, country_b)))


@dataclass(frozen=True)
class Substance:
    id: int
    code: str
    name: str
    group: SubstanceGroup
    default_unit: Unit
    mass_per_tablet_mg: float | None


@dataclass(frozen=True)
class SeizureLine:
    substance_id: int
    quantity: float
    unit: Unit
    basis: AmountBasis = AmountBasis.ESTIMATED
    kg_equivalent: float = 0.0
    conversion: str = ""
    id: uuid.UUID = field(default_factory=lambda: new_id())
    # The mass per tablet of this seizure when a laboratory knows it (mg); None: the substance's default.
    mass_per_tablet_mg: float | None = None


@dataclass(frozen=True)
class Incident:
    """An incident as recorded and edited; `version` is the one an edit replaces."""

    post_id: int | None
    occurred_at: datetime | None
    incident_type: IncidentType = IncidentType.DRUG_SEIZURE
    direction: Direction = Direction.ENTERING
    transport_mode: TransportMode = TransportMode.VEHICLE
    lines: tuple[SeizureLine, ...] = ()
    reported_at: datetime | None = None
    concealment: str = ""
    route_departure: str | None = None
    route_transit: str = ""
    route_destination: str | None = None
    persons_detained: int = 0
    detainee_nationalities: str = ""
    joint_operation: str = ""
    narrative: str = ""
    status: IncidentStatus = IncidentStatus.REPORTED
    recorded_by: int | None = None
    verified_by: int | None = None  # who reviewed it: verified or rejected
    version: int = 1
    # Set by the review actions only (services.verification, services.duplicates); saving ignores them.
    verified_at: datetime | None = None
    rejection_reason: str = ""
    duplicate_of: uuid.UUID | None = None
    id: uuid.UUID = field(default_factory=lambda: new_id())
    # The number people say on the phone (KOR-2026-0412), made once where the incident is recorded
    # (services.numbering); None until then, and for rows other programs inserted. Never changed by an edit.
    number: str | None = None

    @property
    def total_kg(self) -> float:
        return sum(line.kg_equivalent for line in self.lines)
