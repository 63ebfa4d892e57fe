"""The desk's reference data: posts, substances and countries, for the incident form and its dialogs. No Qt."""

from __future__ import annotations

from sitcentre.backend.noun import Noun
from sitcentre.db.uow import UnitOfWork
from sitcentre.domain.reference import ReferenceData
from sitcentre.repositories.reference import ReferenceRepository


class Reference(Noun):
    def load(self) -> ReferenceData:
        """Read the reference tables. Run it on the DB worker, never on the GUI thread."""
        with UnitOfWork(self.engine) as uow:
            repo = ReferenceRepository(uow.session)
            return ReferenceData(tuple(repo.posts()), tuple(repo.substances()), tuple(repo.countries()))
