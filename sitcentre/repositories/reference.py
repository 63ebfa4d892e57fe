"""Reference data: countries, posts, substances."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from sitcentre.db.tables import CountryRow, PostRow, SubstanceRow
from sitcentre.domain.enums import PostStatus, SubstanceGroup, Unit
from sitcentre.domain.records import Country, Post, Substance


class ReferenceRepository:
    def __init__(self, session: Session):
        self.session = session

    def countries(self) -> list[Country]:
        rows = self.session.scalars(select(CountryRow).order_by(CountryRow.code))
        return [Country(r.code, r.name, r.utc_offset_minutes) for r in rows]

    def posts(self) -> list[Post]:
        return [_post(r) for r in self.session.scalars(select(PostRow).order_by(PostRow.name))]

    def post(self, post_id: int) -> Post | None:
        row = self.session.get(PostRow, post_id)
        return _post(row) if row else None

    def substances(self) -> list[Substance]:
        rows = self.session.scalars(select(SubstanceRow).order_by(SubstanceRow.name))
        return [
            Substance(r.id, r.code, r.name, SubstanceGroup(r.group), Unit(r.default_unit), r.mass_per_tablet_mg)
            for r in rows
        ]


def _post(r: PostRow) -> Post:
    return Post(
        id=r.id, code=r.code, name=r.name, crossing=r.crossing, country_code=r.country_code,
        counterpart_country_code=r.counterpart_country_code, border=r.border, latitude=r.latitude,
        longitude=r.longitude, utc_offset_minutes=r.utc_offset_minutes, status=PostStatus(r.status),
        status_reason=r.status_reason, status_since=r.status_since, last_report_at=r.last_report_at,
    )
