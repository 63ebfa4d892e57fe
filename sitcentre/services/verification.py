"""Review of reported incidents by supervisors: verify, reject (with a reason), reopen.

Each review bumps the incident's version, so an operator still editing the old version gets a conflict
instead of saving over the verdict. verified_by and verified_at name who reviewed it and when, whether it
was verified or rejected; rejection_reason says why it was rejected. The charts' "verified only" reads
the status through the rollups, which the triggers of migration 0002 keep up to date.
"""

from __future__ import annotations

import uuid

from sqlalchemy import Engine

from sitcentre.db.uow import UnitOfWork, retry_write_conflicts
from sitcentre.domain.enums import IncidentStatus
from sitcentre.domain.lifecycle import CAN_REJECT_FROM, CAN_REOPEN_FROM, CAN_VERIFY_FROM, check_review
from sitcentre.domain.permissions import Action, Actor
from sitcentre.domain.records import Incident, utcnow
from sitcentre.domain.validation import Problem, ValidationError
from sitcentre.repositories.incidents import IncidentRepository
from sitcentre.services import audit
from sitcentre.services.audit import AuditAction
from sitcentre.services.duplicates import locked_incident
from sitcentre.services.exchange_rules import refuse_foreign
from sitcentre.services.guard import permit, policy_of, refusals_audited, require_actor
from sitcentre.settings import Settings

REASON_MAX_LENGTH = 2000


class VerificationService:
    def __init__(self, engine: Engine, settings: Settings):
        self.engine = engine
        self.policy = policy_of(settings)

    def verify(self, incident_id: uuid.UUID, *, actor: Actor, expected_version: int | None = None) -> Incident:
        return self._review(incident_id, actor, expected_version, AuditAction.VERIFY, CAN_VERIFY_FROM, "verified",
                            status=IncidentStatus.VERIFIED.value, rejection_reason="")

    def reject(self, incident_id: uuid.UUID, reason: str, *, actor: Actor,
               expected_version: int | None = None) -> Incident:
        require_actor(actor)
        reason = (reason or "").strip()
        if not reason:
            raise ValidationError([Problem("rejection_reason", "Say why the incident is rejected.")])
        if len(reason) > REASON_MAX_LENGTH:
            raise ValidationError([Problem("rejection_reason",
                                           f"Keep the reason under {REASON_MAX_LENGTH} characters.")])
        return self._review(incident_id, actor, expected_version, AuditAction.REJECT, CAN_REJECT_FROM, "rejected",
                            status=IncidentStatus.REJECTED.value, rejection_reason=reason)

    def reopen(self, incident_id: uuid.UUID, *, actor: Actor, expected_version: int | None = None) -> Incident:
        """Take back a verdict: the incident is 'reported' again, waiting for review."""
        return self._review(incident_id, actor, expected_version, AuditAction.REOPEN, CAN_REOPEN_FROM, "reopened",
                            status=IncidentStatus.REPORTED.value, rejection_reason="", reviewed=False)

    @retry_write_conflicts  # the status moves rollup rows: again after a PostgreSQL deadlock (40P01, 40001)
    def _review(self, incident_id: uuid.UUID, actor: Actor, expected_version: int | None, action: AuditAction,
                allowed_from: tuple, verb: str, reviewed: bool = True, **values) -> Incident:
        require_actor(actor)
        with refusals_audited(self.engine, "incident", incident_id):
            with UnitOfWork(self.engine, write=True) as uow:
                permit(uow.session, actor, Action.INCIDENT_VERIFY, policy=self.policy)
                refuse_foreign(uow.session, incident_id)  # another country's record is read-only here
                repo = IncidentRepository(uow.session)
                before = locked_incident(repo, incident_id, expected_version)
                check_review(before.status, allowed_from, verb)
                now = utcnow()
                after = repo.set_review(incident_id, at=now, verified_by=actor.id if reviewed else None,
                                        verified_at=now if reviewed else None, **values)
                audit.append(uow.session, actor, action, "incident", incident_id, _review_fields(before),
                             _review_fields(after))
                uow.commit()
        return after


def _review_fields(incident: Incident) -> dict:
    return {"status": str(incident.status), "verified_by": incident.verified_by, "verified_at": incident.verified_at,
            "rejection_reason": incident.rejection_reason, "version": incident.version}
