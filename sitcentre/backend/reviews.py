"""The desk's reviews: verify, reject, reopen, and link or unlink a duplicate (supervisors). No Qt.

Each write runs as the desk's actor with the row's version (a review of content someone changed meanwhile
is refused) and returns Done with the incident as saved and what changed (the incidents, their post).
"""

from __future__ import annotations

import uuid

from sitcentre.backend.incidents import incident_changes
from sitcentre.backend.noun import Noun
from sitcentre.db.uow import UnitOfWork
from sitcentre.domain.changes import Changes, Done, Topic
from sitcentre.domain.duplicates import DuplicateCandidate
from sitcentre.domain.records import Incident
from sitcentre.repositories.incidents import IncidentRepository
from sitcentre.services.duplicates import DuplicateService
from sitcentre.services.verification import REASON_MAX_LENGTH, VerificationService

__all__ = ["REASON_MAX_LENGTH", "Reviews"]


class Reviews(Noun):
    def _verification(self) -> VerificationService:
        return VerificationService(self.engine, self.settings)

    def _duplicates(self) -> DuplicateService:
        return DuplicateService(self.engine, self.settings)

    def verify(self, incident_id: uuid.UUID, expected_version: int | None = None) -> Done[Incident]:
        saved = self._verification().verify(incident_id, actor=self.actor, expected_version=expected_version)
        return Done(saved, incident_changes(saved))

    def reject(self, incident_id: uuid.UUID, reason: str, expected_version: int | None = None) -> Done[Incident]:
        saved = self._verification().reject(incident_id, reason, actor=self.actor, expected_version=expected_version)
        return Done(saved, incident_changes(saved))

    def reopen(self, incident_id: uuid.UUID, expected_version: int | None = None) -> Done[Incident]:
        saved = self._verification().reopen(incident_id, actor=self.actor, expected_version=expected_version)
        return Done(saved, incident_changes(saved))

    def candidates(self, incident_id: uuid.UUID) -> list[DuplicateCandidate]:
        """The likely originals of a saved incident ([] when it no longer exists)."""
        with UnitOfWork(self.engine) as uow:
            incident = IncidentRepository(uow.session).get(incident_id)
        return [] if incident is None else self._duplicates().check(incident)

    def link(self, duplicate_id: uuid.UUID, original_id: uuid.UUID,
             expected_version: int | None = None) -> Done[Incident]:
        """Mark `duplicate_id` as repeating `original_id`; incidents linked to it move to the original too."""
        service = self._duplicates()
        moved = service.linked_to(duplicate_id)
        saved = service.link(duplicate_id, original_id, actor=self.actor, expected_version=expected_version)
        return Done(saved, incident_changes(saved) | Changes.of(Topic.INCIDENTS, original_id, *moved))

    def unlink(self, duplicate_id: uuid.UUID, expected_version: int | None = None) -> Done[Incident]:
        saved = self._duplicates().unlink(duplicate_id, actor=self.actor, expected_version=expected_version)
        return Done(saved, incident_changes(saved))
