"""The rows the duplicate check reads (sitcentre.services.duplicates decides what counts as a duplicate)."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from sitcentre.db.tables import IncidentRow as I
from sitcentre.db.tables import SeizureLineRow as L
from sitcentre.db.tables import SubstanceRow
from sitcentre.domain.enums import IncidentStatus


class DuplicateRepository:
    def __init__(self, session: Session):
        self.session = session

    def tablet_masses(self) -> dict[int, float | None]:
        """Every substance's mass per tablet (mg), by id (None for substances not counted in tablets)."""
        return dict(self.session.execute(select(SubstanceRow.id, SubstanceRow.mass_per_tablet_mg)).all())

    def amounts_near(self, post_id: int, start: datetime, end: datetime, not_id: uuid.UUID | None,
                     substance_ids: Iterable[int]) -> list[tuple]:
        """Per incident at the post occurring between start and end (not rejected, not `not_id`) and per
        substance among `substance_ids`: (id, post_id, occurred_at, status, version, duplicate_of,
        substance_id, substance name, kg-equivalent)."""
        query = (
            select(I.id, I.post_id, I.occurred_at, I.status, I.version, I.duplicate_of, L.substance_id,
                   SubstanceRow.name, func.sum(L.kg_equivalent))
            .join(L, L.incident_id == I.id).join(SubstanceRow, SubstanceRow.id == L.substance_id)
            .where(I.post_id == post_id, I.occurred_at >= start, I.occurred_at <= end,
                   I.id != not_id, I.status != IncidentStatus.REJECTED.value, L.substance_id.in_(list(substance_ids)))
            .group_by(I.id, I.post_id, I.occurred_at, I.status, I.version, I.duplicate_of, L.substance_id,
                      SubstanceRow.name)
        )
        return [tuple(r) for r in self.session.execute(query)]
