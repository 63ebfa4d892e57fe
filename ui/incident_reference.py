"""What the incident form chooses from (posts, substances, countries), loaded once on the DB worker.

The form never queries the database itself (design rule 4): `load_reference` and `load_incident` are
the small functions a caller hands to the task runner, and the form receives their frozen results.
Also the few time helpers the form and the conflict dialog share: times are stored in UTC and shown in
the post's local time, which the region keeps at a fixed offset (no daylight saving).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sitcentre.db.uow import UnitOfWork
from sitcentre.domain.records import Country, Incident, Post, Substance
from sitcentre.repositories.incidents import IncidentRepository
from sitcentre.repositories.reference import ReferenceRepository


@dataclass(frozen=True)
class ReferenceData:
    """Posts, substances and (optionally) countries, as plain frozen records."""

    posts: tuple[Post, ...]
    substances: tuple[Substance, ...]
    countries: tuple[Country, ...] = ()

    @classmethod
    def load(cls, engine: object) -> ReferenceData:
        """Read the reference tables. Run it on the DB worker, never on the GUI thread."""
        with UnitOfWork(engine) as uow:  # type: ignore[arg-type]
            repo = ReferenceRepository(uow.session)
            return cls(tuple(repo.posts()), tuple(repo.substances()), tuple(repo.countries()))

    def post(self, post_id: int | None) -> Post | None:
        return next((p for p in self.posts if p.id == post_id), None)

    def substance(self, substance_id: int | None) -> Substance | None:
        return next((s for s in self.substances if s.id == substance_id), None)

    @property
    def substances_by_id(self) -> dict[int, Substance]:
        return {s.id: s for s in self.substances}


def load_reference(engine: object) -> ReferenceData:
    """`runner.submit(lambda: load_reference(engine), on_done=...)`."""
    return ReferenceData.load(engine)


def load_incident(engine: object, incident_id: uuid.UUID) -> Incident | None:
    """The saved incident to edit (None if it was deleted). Run it on the DB worker."""
    with UnitOfWork(engine) as uow:  # type: ignore[arg-type]
        return IncidentRepository(uow.session).get(incident_id)


def offset_text(minutes: int) -> str:
    """UTC+06:00, UTC+04:30, UTC-03:00."""
    sign = "-" if minutes < 0 else "+"
    hours, mins = divmod(abs(minutes), 60)
    return f"UTC{sign}{hours:02d}:{mins:02d}"


def local_text(moment: datetime | None, minutes: int) -> str:
    """A UTC moment as the post's wall-clock time, to the minute."""
    if moment is None:
        return ""
    local = moment.astimezone(UTC) + timedelta(minutes=minutes)
    return local.strftime("%Y-%m-%d %H:%M")


def post_label(post: Post) -> str:
    """How a post appears in lists: its name and the border it sits on."""
    return f"{post.name} ({post.border})"


def fmt_number(value: float) -> str:
    """1,000 / 0.25 / 12.5: the style of the kg conversion text, without trailing zeros."""
    text = f"{value:,.6f}".rstrip("0").rstrip(".")
    return text or "0"
