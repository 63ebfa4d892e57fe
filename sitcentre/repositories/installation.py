"""The installation row (who this database is) and the posts' codes and number prefixes it is judged by."""

from __future__ import annotations

import uuid

from sqlalchemy import select
from sqlalchemy.orm import Session

from sitcentre.db.tables import InstallationRow, PostRow

InstallationRecord = InstallationRow  # the row sitcentre.services.installation reads and changes


class InstallationRepository:
    def __init__(self, session: Session):
        self.session = session

    def current(self) -> InstallationRow | None:
        """The first installation row recorded (there is one; an older database may have none yet)."""
        return self.session.scalars(select(InstallationRow)
                                    .order_by(InstallationRow.created_at, InstallationRow.id)).first()

    def add(self, origin_code: str, role: str) -> InstallationRow:
        row = InstallationRow(id=uuid.uuid4(), origin_code=origin_code, role=role)
        self.session.add(row)
        return row

    def post_codes(self) -> list[tuple[str, str | None]]:
        """(code, number prefix) of every post."""
        return [tuple(r) for r in self.session.execute(select(PostRow.code, PostRow.number_prefix))]
