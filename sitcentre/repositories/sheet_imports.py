"""Spreadsheet imports in the database (migration 0010): the keys already imported, the incidents near a file's rows
(for the duplicate check), and writing an import's rows in the caller's transaction.

Incidents and their lines go in through repositories.bulk (every trigger and constraint of the tables applies to
every row: rollups, totals, change log, last report, sealing later); published statistics by plain executemany
(the table has no trigger: one change_log row per import comes from sheet_imports' own trigger).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import date, datetime

from sqlalchemy import and_, func, insert, or_, select, update
from sqlalchemy.orm import Session

from sitcentre.db.tables import IncidentRow as I
from sitcentre.db.tables import PostRow, SheetImportRow
from sitcentre.db.tables import PublishedStatisticRow as P
from sitcentre.db.tables import SeizureLineRow as L
from sitcentre.domain.charts import PublishedFigure
from sitcentre.domain.enums import IncidentStatus
from sitcentre.repositories import bulk


class SheetImportRepository:
    def __init__(self, session: Session):
        self.session = session

    def incident_keys(self) -> set[str]:
        """The row keys of every incident imported so far."""
        return set(self.session.scalars(select(I.import_key).where(I.import_key.is_not(None))))

    def statistic_keys(self) -> set[str]:
        return set(self.session.scalars(select(P.row_key)))

    def rows_imported_before(self, kind: str, file_sha256: str, mapping: str) -> dict[int, str]:
        """Row number -> row key of every row still in the database that an earlier import of the same file (its
        SHA-256) of this kind with the same mapping (its JSON) added."""
        ids = list(self.session.scalars(select(SheetImportRow.id).where(
            SheetImportRow.kind == kind, SheetImportRow.file_sha256 == file_sha256, SheetImportRow.mapping == mapping)))
        if not ids:
            return {}
        row, key, import_id = ((I.import_row, I.import_key, I.import_id) if kind == "incidents"
                               else (P.import_row, P.row_key, P.import_id))
        return dict(self.session.execute(select(row, key).where(import_id.in_(ids), row.is_not(None))).all())

    def lines_near(self, start: datetime, end: datetime) -> dict[tuple[int, int], list[tuple[datetime, float, str]]]:
        """(post_id, substance_id) -> [(occurred_at, kg-equivalent of that substance, number or id)] of every
        incident occurring in [start, end] that a duplicate check counts (not rejected), sorted by time."""
        rows = self.session.execute(
            select(I.post_id, L.substance_id, I.occurred_at, func.sum(L.kg_equivalent), I.number, I.id)
            .join(L, L.incident_id == I.id)
            .where(and_(I.occurred_at >= start, I.occurred_at <= end,
                        I.status != IncidentStatus.REJECTED.value, L.kg_equivalent > 0))
            .group_by(I.post_id, L.substance_id, I.occurred_at, I.number, I.id))
        found: dict[tuple[int, int], list[tuple[datetime, float, str]]] = defaultdict(list)
        for post_id, substance_id, occurred, kg, number, incident_id in rows:
            found[(post_id, substance_id)].append((occurred, float(kg), number or str(incident_id)[:8]))
        for near in found.values():
            near.sort()
        return dict(found)

    def add_import(self, *, kind: str, file_name: str, file_sha256: str, mapping: str, added: int, skipped: int,
                   rejected: int, imported_at: datetime, imported_by: int | None) -> int:
        return self.session.execute(insert(SheetImportRow).values(
            kind=kind, file_name=file_name, file_sha256=file_sha256, mapping=mapping, added=added,
            skipped=skipped, rejected=rejected, imported_at=imported_at, imported_by=imported_by,
        ).returning(SheetImportRow.id)).scalar_one()

    def add_incidents(self, incidents: list[dict], lines: list[dict], several: list[dict] = ()) -> None:
        """Incident rows (columns of `incidents`, import_* and their totals included) and the lines of them all;
        `several`: incident rows with more than one line.

        The incidents with one line go in after the lines (the foreign key is deferred), with the totals their
        line's trigger would set, so that trigger finds no incident to update yet: one UPDATE (and change_log
        row) less per incident, the same rows after. Incidents with several lines go in first and their lines'
        triggers compute their totals, as for any other incident."""
        bulk.insert_rows(self.session, I.__table__, list(several))
        bulk.insert_rows(self.session, L.__table__, lines)
        bulk.insert_rows(self.session, I.__table__, incidents)

    def advance_last_reports(self, latest: dict[int, datetime]) -> None:
        """Each post's last report moved on to `latest` where it is earlier (or none): what the insert trigger
        does incident by incident, once per post before the insert (which then leaves the posts alone)."""
        for post_id, at in latest.items():
            self.session.execute(update(PostRow).where(
                PostRow.id == post_id, or_(PostRow.last_report_at.is_(None), PostRow.last_report_at < at))
                .values(last_report_at=at))

    def add_statistics(self, rows: list[dict]) -> None:
        bulk.insert_rows(self.session, P.__table__, rows, stage=False)

    def statistics_series(self, start: date, end: date, country_codes: Iterable[str] | None = None,
                          groups: Iterable[str] | None = None,
                          exclude_groups: Iterable[str] = ()) -> list[PublishedFigure]:
        """Published figures overlapping [start, end], kg-equivalent summed per period, country and source (over
        substances, groups and kept categories), oldest first. `country_codes`/`groups` None: every one."""
        query = (select(P.period_start, P.period_end, P.period_kind, P.country_code, P.source,
                        func.sum(P.kg_equivalent))
                 .where(and_(P.period_end >= start, P.period_start <= end))
                 .group_by(P.period_start, P.period_end, P.period_kind, P.country_code, P.source)
                 .order_by(P.period_start, P.period_end, P.country_code, P.source))
        if country_codes is not None:
            query = query.where(P.country_code.in_(list(country_codes)))
        if groups is not None:
            query = query.where(P.substance_group.in_(list(groups)))
        excluded = list(exclude_groups)
        if excluded:
            query = query.where(P.substance_group.is_(None) | P.substance_group.not_in(excluded))
        return [PublishedFigure(source or "", country, kind, period_start, period_end, float(kg or 0.0))
                for period_start, period_end, kind, country, source, kg in self.session.execute(query)]

    def imports(self, limit: int = 100) -> list[SheetImportRow]:
        return list(self.session.scalars(select(SheetImportRow).order_by(SheetImportRow.id.desc()).limit(limit)))
