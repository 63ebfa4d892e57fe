"""Record and edit incidents: check permission, validate, convert to kg-equivalent, save with a version
check, audit in the same transaction.

Every write takes `actor=` (required): the signed-in Actor, or for system work (demo seeding, tests,
scripts) an explicit `Actor.system_actor(name)`, which skips the permission check, may set any status and
is still audited. A call without an Actor raises TypeError before any unit of work is opened.
"""

from __future__ import annotations

import uuid
from dataclasses import replace

from sqlalchemy import Engine

from sitcentre.db.uow import UnitOfWork, retry_write_conflicts
from sitcentre.domain.conversion import to_kg
from sitcentre.domain.enums import IncidentStatus
from sitcentre.domain.errors import ConflictError
from sitcentre.domain.lifecycle import REVIEWED, status_after_edit, status_for_new, status_problem
from sitcentre.domain.permissions import Action, Actor
from sitcentre.domain.records import Incident, Substance, local_date
from sitcentre.domain.validation import Problem, ValidationError, validate_incident
from sitcentre.repositories.incidents import IncidentRepository
from sitcentre.repositories.reference import ReferenceRepository
from sitcentre.services import audit
from sitcentre.services.audit import AuditAction
from sitcentre.services.duplicates import DuplicateCandidate, LikelyDuplicates, find_duplicates, locked_incident
from sitcentre.services.exchange_rules import refuse_foreign
from sitcentre.services.guard import permit, policy_of, refusals_audited, require_actor
from sitcentre.services.numbering import allocate_number
from sitcentre.settings import Settings


class IncidentService:
    def __init__(self, engine: Engine, settings: Settings):
        self.engine = engine
        self.policy = policy_of(settings)

    def check_duplicates(self, incident: Incident) -> list[DuplicateCandidate]:
        """Likely duplicates of the incident as entered: the form asks before saving and shows them."""
        with UnitOfWork(self.engine) as uow:
            return find_duplicates(uow.session, incident)

    @retry_write_conflicts  # a whole unit of work, again after a PostgreSQL deadlock (40P01, 40001)
    def record(self, incident: Incident, *, actor: Actor, allow_duplicates: bool = True) -> Incident:
        """Save a new incident; raises ValidationError listing every problem, PermissionDenied (audited),
        or with allow_duplicates=False LikelyDuplicates (nothing saved) when it looks like a repeat."""
        require_actor(actor)
        with refusals_audited(self.engine, "incident", incident.id):
            with UnitOfWork(self.engine, write=True) as uow:
                permit(uow.session, actor, Action.INCIDENT_CREATE, incident.post_id, self.policy)
                incident, day = self._prepare(uow, incident)
                if not actor.system:
                    incident = replace(incident, status=status_for_new(incident.status), recorded_by=actor.id,
                                       verified_by=None)
                if not allow_duplicates and (candidates := find_duplicates(uow.session, incident)):
                    raise LikelyDuplicates(candidates)
                if incident.number is None:  # one that arrives numbered (from a post) keeps its number
                    incident = replace(incident, number=allocate_number(uow.session, incident.post_id))
                IncidentRepository(uow.session).add(incident, day)
                audit.append(uow.session, actor, AuditAction.CREATE, "incident", incident.id, None, incident)
                uow.commit()
        return incident

    @retry_write_conflicts  # a whole unit of work, again after a PostgreSQL deadlock (40P01, 40001)
    def update(self, incident: Incident, *, actor: Actor) -> Incident:
        """Save an edit of `incident.version`; raises ConflictError when someone saved meanwhile.

        The actor needs the right to edit incidents of both the post it was at and the post it is moved to.
        Review fields (who verified it, when, why rejected, duplicate link) are never taken from the edit.
        """
        require_actor(actor)
        with refusals_audited(self.engine, "incident", incident.id):
            with UnitOfWork(self.engine, write=True) as uow:
                actor = permit(uow.session, actor, Action.INCIDENT_EDIT, incident.post_id, self.policy)  # role now
                repo = IncidentRepository(uow.session)
                refuse_foreign(uow.session, incident.id)  # another country's record is read-only here
                before = repo.get(incident.id)
                if before is not None and before.post_id != incident.post_id:
                    permit(uow.session, actor, Action.INCIDENT_EDIT, before.post_id, self.policy)
                incident, day = self._prepare(uow, incident)
                if before is not None and before.version != incident.version:
                    raise ConflictError(incident, before)  # before the status rules: they judge the old version
                if before is not None:
                    incident = replace(self._keep_review(actor, before, incident), number=before.number)
                saved = repo.update(incident, day)
                saved = self._save_review_fields(repo, before, saved)
                audit.append(uow.session, actor, AuditAction.UPDATE, "incident", saved.id, before, saved)
                uow.commit()
        return saved

    @retry_write_conflicts  # a whole unit of work, again after a PostgreSQL deadlock (40P01, 40001)
    def delete(self, incident_id: uuid.UUID, *, actor: Actor, expected_version: int | None = None) -> None:
        """Delete an incident and its seizure lines (supervisors). One with duplicates linked to it is kept."""
        require_actor(actor)
        with refusals_audited(self.engine, "incident", incident_id):
            with UnitOfWork(self.engine, write=True) as uow:
                permit(uow.session, actor, Action.INCIDENT_DELETE, policy=self.policy)
                refuse_foreign(uow.session, incident_id)
                repo = IncidentRepository(uow.session)
                before = locked_incident(repo, incident_id, expected_version)
                if repo.has_linked_duplicates(incident_id):
                    raise status_problem("Other incidents are linked to this one as duplicates: unlink them first.")
                repo.delete(incident_id)
                audit.append(uow.session, actor, AuditAction.DELETE, "incident", incident_id, before, None)
                uow.commit()

    def _keep_review(self, actor: Actor, before: Incident, incident: Incident) -> Incident:
        """The status an edit may leave (domain.lifecycle) and the review fields as they were."""
        status = incident.status
        if not actor.system:
            can_verify = actor.can(Action.INCIDENT_VERIFY, policy=self.policy)
            status = status_after_edit(before.status, incident.status, can_verify)
        kept = status == before.status or actor.system
        return replace(
            incident, status=status, recorded_by=incident.recorded_by if actor.system else before.recorded_by,
            verified_by=(incident.verified_by if actor.system else before.verified_by) if kept else None,
            verified_at=before.verified_at if kept else None,
            rejection_reason=before.rejection_reason if kept else "",
            duplicate_of=before.duplicate_of,
        )

    @staticmethod
    def _save_review_fields(repo: IncidentRepository, before: Incident | None, saved: Incident) -> Incident:
        """An edit that sent a reviewed incident back to 'reported' clears when and why it was reviewed."""
        if before is not None and before.status in REVIEWED and saved.status == IncidentStatus.REPORTED:
            repo.clear_review(saved.id)
            return replace(saved, verified_at=None, rejection_reason="")
        return saved

    def _prepare(self, uow: UnitOfWork, incident: Incident):
        reference = ReferenceRepository(uow.session)
        substances = {s.id: s for s in reference.substances()}
        problems = validate_incident(incident, substances)
        post_given = not any(p.field == "post_id" for p in problems)  # a whole number in range: safe to look up
        post = reference.post(incident.post_id) if post_given else None
        if post_given and post is None:
            problems.append(Problem("post_id", "The chosen post no longer exists. Choose another post."))
        if problems:
            raise ValidationError(problems)
        incident = convert_lines(incident, substances)
        return incident, local_date(incident.occurred_at, post.utc_offset_minutes)


def convert_lines(incident: Incident, substances: dict[int, Substance]) -> Incident:
    """Fill each line's kg-equivalent and the rule used, from the substance's reference data."""
    lines = []
    for line in incident.lines:
        result = to_kg(line.quantity, line.unit, substances[line.substance_id].mass_per_tablet_mg,
                       line.mass_per_tablet_mg)
        lines.append(replace(line, kg_equivalent=result.kg, conversion=result.method))
    return replace(incident, lines=tuple(lines))
