"""The desk's incidents: read one, find some, page the table, record, edit and delete (no Qt).

Writes run as the desk's actor and return Done: the incident as saved and what changed (the incident, and
its post, whose last report and rollups move with it).
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable

from sitcentre.backend.noun import Noun, _database_errors_in_words
from sitcentre.db.uow import UnitOfWork
from sitcentre.domain.changes import Changes, Done, Topic
from sitcentre.domain.duplicates import DuplicateCandidate
from sitcentre.domain.queries import IncidentFilter, IncidentListRow, Snapshot, Sort
from sitcentre.domain.records import Incident
from sitcentre.repositories.incidents import IncidentRepository
from sitcentre.services.incident_browser import IncidentBrowser
from sitcentre.services.incident_lookup import PICK_LIMIT, find_incidents, incidents_by_id
from sitcentre.services.incidents import IncidentService


def incident_changes(*incidents: Incident | None) -> Changes:
    """The incidents and the posts they are (or were) at."""
    changes = Changes()
    for incident in incidents:
        if incident is not None:
            changes = changes | Changes.of(Topic.INCIDENTS, incident.id)
            if incident.post_id is not None:
                changes = changes | Changes.of(Topic.POSTS, incident.post_id)
    return changes


class Browser(IncidentBrowser):
    """The incident table's stateful pager (one filter and sort at a time); run its methods on the DB worker.
    Database errors leave it as the project's own errors, as from every noun."""

    @_database_errors_in_words
    def configure(self, flt: IncidentFilter, sort: Sort) -> None:
        super().configure(flt, sort)

    @_database_errors_in_words
    def snapshot(self, generation: int, pages: list[int], anchor: IncidentListRow | None = None) -> Snapshot:
        return super().snapshot(generation, pages, anchor)

    @_database_errors_in_words
    def pages(self, generation: int, pages: list[int]) -> Snapshot:
        return super().pages(generation, pages)


class Incidents(Noun):
    def _service(self) -> IncidentService:
        return IncidentService(self.engine, self.settings)

    # --- reads -------------------------------------------------------------------------------------

    def get(self, incident_id: uuid.UUID) -> Incident | None:
        """The saved incident (None if it was deleted)."""
        with UnitOfWork(self.engine) as uow:
            return IncidentRepository(uow.session).get(incident_id)

    def find(self, text: str, limit: int = PICK_LIMIT) -> list[IncidentListRow]:
        """The latest incidents matching the words (number, post, substances, narrative...)."""
        return find_incidents(self.engine, text, limit)

    def by_ids(self, ids: Iterable[uuid.UUID]) -> dict[uuid.UUID, IncidentListRow]:
        """The list rows of those of these incidents that exist here."""
        return incidents_by_id(self.engine, ids)

    def browser(self, page_size: int = 100) -> Browser:
        """A pager for the incident table; the panel keeps it and calls snapshot/pages on the runner."""
        return Browser(self.engine, page_size)

    def check_duplicates(self, incident: Incident) -> list[DuplicateCandidate]:
        return self._service().check_duplicates(incident)

    # --- writes ------------------------------------------------------------------------------------

    def record(self, incident: Incident, allow_duplicates: bool = True) -> Done[Incident]:
        """Save a new incident; ValidationError, PermissionDenied, or LikelyDuplicates (allow_duplicates=False)."""
        saved = self._service().record(incident, actor=self.actor, allow_duplicates=allow_duplicates)
        return Done(saved, incident_changes(saved))

    def update(self, incident: Incident) -> Done[Incident]:
        """Save an edit of `incident.version`; ConflictError when someone saved meanwhile."""
        before = self.get(incident.id)  # only to name the post it leaves, if it moves
        saved = self._service().update(incident, actor=self.actor)
        return Done(saved, incident_changes(saved, before))

    def delete(self, incident_id: uuid.UUID, expected_version: int | None = None) -> Done[None]:
        before = self.get(incident_id)
        self._service().delete(incident_id, actor=self.actor, expected_version=expected_version)
        return Done(None, incident_changes(before) | Changes.of(Topic.INCIDENTS, incident_id))
