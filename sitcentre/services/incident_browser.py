"""What the incident table reads: count, pages and positions for one filter and sort (no Qt).

Every method runs on the UI's single database worker thread (design rule 4); the object keeps the
`KeysetIndex` of the current filter and sort, so paging is a seek from a known boundary, never an
OFFSET over the rows before it.
"""

from __future__ import annotations

from sqlalchemy import Engine

from sitcentre.db.uow import UnitOfWork
from sitcentre.domain.queries import IncidentFilter, IncidentListRow, Snapshot, Sort
from sitcentre.repositories.incidents import IncidentRepository, KeysetIndex

__all__ = ["IncidentBrowser", "Snapshot"]  # Snapshot lives in sitcentre.domain.queries


class IncidentBrowser:
    def __init__(self, engine: Engine, page_size: int = 100):
        self.engine = engine
        self.page_size = page_size
        self.index = KeysetIndex(IncidentFilter(), Sort(), page_size)

    def configure(self, flt: IncidentFilter, sort: Sort) -> None:
        self.index = KeysetIndex(flt, sort, self.page_size)

    def snapshot(self, generation: int, pages: list[int], anchor: IncidentListRow | None = None) -> Snapshot:
        """Count, the asked pages and the anchor's new position, in one read transaction."""
        self.index.invalidate()
        with UnitOfWork(self.engine) as uow:
            repo = IncidentRepository(uow.session)
            count = repo.count(self.index.filter)
            self.index.count = count
            position = repo.position(self.index, anchor) if anchor is not None else None
            return Snapshot(generation, count, {p: self._page(repo, p) for p in pages}, position)

    def pages(self, generation: int, pages: list[int]) -> Snapshot:
        with UnitOfWork(self.engine) as uow:
            repo = IncidentRepository(uow.session)
            if self.index.count is None:
                self.index.count = repo.count(self.index.filter)
            return Snapshot(generation, self.index.count, {p: self._page(repo, p) for p in pages})

    def _page(self, repo: IncidentRepository, page: int) -> list[IncidentListRow]:
        return repo.window(self.index, page * self.page_size, self.page_size)
