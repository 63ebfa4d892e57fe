"""Record and edit incidents: validate, convert to kg-equivalent, save with a version check, audit."""

from __future__ import annotations

import json
from dataclasses import asdict, replace

from sqlalchemy import Engine

from sitcentre.db.tables import AuditRow
from sitcentre.db.uow import UnitOfWork
from sitcentre.domain.conversion import to_kg
from sitcentre.domain.records import Incident, Substance, local_date
from sitcentre.domain.validation import Problem, ValidationError, validate_incident
from sitcentre.repositories.incidents import IncidentRepository
from sitcentre.repositories.reference import ReferenceRepository


class IncidentService:
    def __init__(self, engine: Engine):
        self.engine = engine

    def record(self, incident: Incident, username: str = "") -> Incident:
        """Save a new incident; raises ValidationError listing every problem."""
        with UnitOfWork(self.engine, write=True) as uow:
            incident, day = self._prepare(uow, incident)
            IncidentRepository(uow.session).add(incident, day)
            _audit(uow, username, "create", incident, None, incident)
            uow.commit()
        return incident

    def update(self, incident: Incident, username: str = "") -> Incident:
        """Save an edit of `incident.version`; raises ConflictError when someone saved meanwhile."""
        with UnitOfWork(self.engine, write=True) as uow:
            incident, day = self._prepare(uow, incident)
            repo = IncidentRepository(uow.session)
            before = repo.get(incident.id)
            saved = repo.update(incident, day)
            _audit(uow, username, "update", saved, before, saved)
            uow.commit()
        return saved

    def _prepare(self, uow: UnitOfWork, incident: Incident):
        reference = ReferenceRepository(uow.session)
        substances = {s.id: s for s in reference.substances()}
        problems = validate_incident(incident, substances)
        post = reference.post(incident.post_id) if incident.post_id is not None else None
        if incident.post_id is not None and post is None:
            problems.append(Problem("post_id", "The chosen post no longer exists. Choose another post."))
        if problems:
            raise ValidationError(problems)
        incident = convert_lines(incident, substances)
        return incident, local_date(incident.occurred_at, post.utc_offset_minutes)


def convert_lines(incident: Incident, substances: dict[int, Substance]) -> Incident:
    """Fill each line's kg-equivalent and the rule used, from the substance's reference data."""
    lines = []
    for line in incident.lines:
        result = to_kg(line.quantity, line.unit, substances[line.substance_id].mass_per_tablet_mg)
        lines.append(replace(line, kg_equivalent=result.kg, conversion=result.method))
    return replace(incident, lines=tuple(lines))


def _audit(uow: UnitOfWork, username: str, action: str, incident: Incident, before, after) -> None:
    uow.session.add(AuditRow(
        username=username, action=action, entity="incident", entity_id=str(incident.id),
        before_json=_json(before), after_json=_json(after),
    ))


def _json(incident: Incident | None) -> str | None:
    return None if incident is None else json.dumps(asdict(incident), default=str, sort_keys=True)
