"""Likely duplicates: the same seizure reported twice (by two agencies, or by phone and then by bundle).

A candidate is another incident at the same post, occurring within 24 hours either side, that seized the
same substance in an amount within 10 % (of the larger of the two kg-equivalents). Rejected incidents are
not candidates. The incident form asks `IncidentService.check_duplicates` before saving (or saves with
`allow_duplicates=False` and catches LikelyDuplicates) and shows the candidates.

A supervisor links a duplicate to the incident it repeats: its status becomes 'duplicate', which no
chart, count or brief includes, so the pair is counted once (migration 0004 explains why this needs no
new trigger). Links always point at the incident that is counted: linking to a duplicate follows its
link, and incidents linked to one that becomes a duplicate move to its original.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from dataclasses import replace
from datetime import timedelta

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from sitcentre.db.uow import UnitOfWork, retry_write_conflicts
from sitcentre.domain.conversion import ConversionError, to_kg
from sitcentre.domain.duplicates import DuplicateCandidate, LikelyDuplicates
from sitcentre.domain.enums import IncidentStatus
from sitcentre.domain.errors import ConflictError
from sitcentre.domain.lifecycle import check_review, status_problem
from sitcentre.domain.permissions import Action, Actor
from sitcentre.domain.records import Incident
from sitcentre.repositories.duplicates import DuplicateRepository
from sitcentre.repositories.incidents import IncidentRepository
from sitcentre.services import audit
from sitcentre.services.audit import AuditAction
from sitcentre.services.exchange_rules import refuse_foreign
from sitcentre.services.guard import permit, policy_of, refusals_audited, require_actor
from sitcentre.settings import Settings

__all__ = ["DuplicateCandidate", "DuplicateService", "IncidentNotFound", "LikelyDuplicates", "find_duplicates",
           "locked_incident", "similar"]  # the two value types live in sitcentre.domain.duplicates

WINDOW = timedelta(hours=24)
AMOUNT_TOLERANCE = 0.10


class IncidentNotFound(LookupError):
    def __init__(self, incident_id: uuid.UUID):
        super().__init__("The incident no longer exists: someone may have deleted it. Refresh the list.")
        self.incident_id = incident_id


def similar(a: float, b: float, tolerance: float = AMOUNT_TOLERANCE) -> bool:
    """Amounts within `tolerance` of the larger one (symmetric: 90 and 100 are similar, 89 and 100 not)."""
    return abs(a - b) <= tolerance * max(abs(a), abs(b)) + 1e-9


def substance_amounts(session: Session, incident: Incident) -> dict[int, float]:
    """kg-equivalent per substance; lines not converted yet are converted here (the form sends raw lines)."""
    masses = DuplicateRepository(session).tablet_masses()
    amounts: dict[int, float] = defaultdict(float)
    for line in incident.lines:
        kg = line.kg_equivalent
        if not kg and line.substance_id in masses:
            try:
                kg = to_kg(line.quantity, line.unit, masses[line.substance_id]).kg
            except (ConversionError, ValueError, TypeError):
                continue
        if line.substance_id in masses and kg and kg > 0:
            amounts[line.substance_id] += kg
    return dict(amounts)


def find_duplicates(session: Session, incident: Incident) -> list[DuplicateCandidate]:
    """Likely duplicates of `incident` (saved or not), nearest in time first."""
    if incident.post_id is None or incident.occurred_at is None or incident.occurred_at.tzinfo is None:
        return []
    amounts = substance_amounts(session, incident)
    if not amounts:
        return []
    t = incident.occurred_at
    rows = DuplicateRepository(session).amounts_near(incident.post_id, t - WINDOW, t + WINDOW, incident.id, amounts)
    best: dict[uuid.UUID, DuplicateCandidate] = {}
    for inc_id, post_id, occurred, status, version, dup_of, substance_id, name, kg in rows:
        mine = amounts[substance_id]
        if not similar(mine, kg):
            continue
        found = DuplicateCandidate(inc_id, post_id, occurred, IncidentStatus(status), version, substance_id, name,
                                   float(kg), mine, abs((occurred - t).total_seconds()) / 3600, dup_of)
        kept = best.get(inc_id)
        if kept is None or _gap(found) < _gap(kept):
            best[inc_id] = found
    return sorted(best.values(), key=lambda c: (c.hours_apart, _gap(c), str(c.incident_id)))


def _gap(c: DuplicateCandidate) -> float:
    return abs(c.kg - c.new_kg) / max(c.kg, c.new_kg, 1e-12)


class DuplicateService:
    def __init__(self, engine: Engine, settings: Settings):
        self.engine = engine
        self.policy = policy_of(settings)

    def check(self, incident: Incident) -> list[DuplicateCandidate]:
        """For the form, before saving: likely duplicates of the incident as entered. Reads only."""
        with UnitOfWork(self.engine) as uow:
            return find_duplicates(uow.session, incident)

    def linked_to(self, incident_id: uuid.UUID) -> list[uuid.UUID]:
        """Incidents linked as duplicates of this one."""
        with UnitOfWork(self.engine) as uow:
            return IncidentRepository(uow.session).linked_duplicates(incident_id)

    @retry_write_conflicts  # the status moves rollup rows: again after a PostgreSQL deadlock (40P01, 40001)
    def link(self, duplicate_id: uuid.UUID, original_id: uuid.UUID, *, actor: Actor,
             expected_version: int | None = None) -> Incident:
        """Mark `duplicate_id` as repeating `original_id` (supervisors); returns the duplicate as saved."""
        require_actor(actor)
        with refusals_audited(self.engine, "incident", duplicate_id):
            with UnitOfWork(self.engine, write=True) as uow:
                permit(uow.session, actor, Action.INCIDENT_LINK_DUPLICATE, policy=self.policy)
                repo = IncidentRepository(uow.session)
                refuse_foreign(uow.session, duplicate_id)  # another country's record is read-only here
                duplicate = locked_incident(repo, duplicate_id, expected_version)
                original = _root(repo, original_id)
                if original.id == duplicate.id:
                    raise status_problem("An incident cannot be linked as a duplicate of itself.")
                if original.status == IncidentStatus.REJECTED:
                    raise status_problem("The incident to link to was rejected: link to one that counts.")
                if duplicate.status == IncidentStatus.DUPLICATE and duplicate.duplicate_of == original.id:
                    return duplicate
                moved = repo.linked_duplicates(duplicate.id)
                saved = _set_link(repo, duplicate, original.id)
                for child_id in moved:
                    refuse_foreign(uow.session, child_id)
                    child = repo.get(child_id)
                    moved_child = _set_link(repo, child, original.id)
                    audit.append(uow.session, actor, AuditAction.LINK_DUPLICATE, "incident", child_id,
                                 _link_fields(child), {**_link_fields(moved_child), "moved_from": duplicate.id})
                audit.append(uow.session, actor, AuditAction.LINK_DUPLICATE, "incident", duplicate.id,
                             _link_fields(duplicate), _link_fields(saved))
                uow.commit()
        return saved

    def unlink(self, duplicate_id: uuid.UUID, *, actor: Actor, expected_version: int | None = None) -> Incident:
        """Undo a link: the incident counts again, as 'reported' (to be verified again)."""
        require_actor(actor)
        with refusals_audited(self.engine, "incident", duplicate_id):
            with UnitOfWork(self.engine, write=True) as uow:
                permit(uow.session, actor, Action.INCIDENT_LINK_DUPLICATE, policy=self.policy)
                repo = IncidentRepository(uow.session)
                refuse_foreign(uow.session, duplicate_id)
                duplicate = locked_incident(repo, duplicate_id, expected_version)
                check_review(duplicate.status, (IncidentStatus.DUPLICATE,), "unlinked")
                saved = repo.set_review(duplicate.id, status=IncidentStatus.REPORTED.value, duplicate_of=None,
                                        verified_by=None, verified_at=None)
                audit.append(uow.session, actor, AuditAction.UNLINK_DUPLICATE, "incident", duplicate.id,
                             _link_fields(duplicate), _link_fields(saved))
                uow.commit()
        return saved


def locked_incident(repo: IncidentRepository, incident_id: uuid.UUID, expected_version: int | None) -> Incident:
    """The incident, its row locked until commit (PostgreSQL; SQLite writers hold the database lock)."""
    incident = repo.lock(incident_id)
    if incident is None:
        raise IncidentNotFound(incident_id)
    if expected_version is not None and incident.version != expected_version:
        raise ConflictError(replace(incident, version=expected_version), incident)
    return incident


def _root(repo: IncidentRepository, incident_id: uuid.UUID) -> Incident:
    """The incident that is counted: follow duplicate links (they never form a loop, but stop anyway)."""
    incident = repo.get(incident_id)
    seen = set()
    while incident is not None and incident.duplicate_of is not None and incident.id not in seen:
        seen.add(incident.id)
        incident = repo.get(incident.duplicate_of) or incident
        if incident.duplicate_of in seen:
            break
    if incident is None:
        raise IncidentNotFound(incident_id)
    return incident


def _set_link(repo: IncidentRepository, incident: Incident, original_id: uuid.UUID) -> Incident:
    return repo.set_review(incident.id, status=IncidentStatus.DUPLICATE.value, duplicate_of=original_id)


def _link_fields(incident: Incident) -> dict:
    return {"status": str(incident.status), "duplicate_of": incident.duplicate_of, "version": incident.version}
