"""Reading the audit trail: the audit view's queries, for supervisors and administrators (a refusal to read
is itself audited). The rows come from sitcentre.repositories.audit; the chain check from audit_chain."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from sitcentre.db.uow import UnitOfWork
from sitcentre.domain.audit import AuditEntry, AuditFilter, ChainCheck
from sitcentre.domain.permissions import Action, Actor
from sitcentre.repositories.audit import AuditRepository
from sitcentre.repositories.audit_names import read_incident_numbers, read_names
from sitcentre.services.audit_chain import check_chain
from sitcentre.services.guard import permit, policy_of, refusals_audited, require_actor
from sitcentre.settings import Settings


def entries(session: Session, flt: AuditFilter = AuditFilter(), limit: int = 200,
            before_id: int | None = None) -> list[AuditEntry]:
    """Newest first, `limit` rows older than `before_id` (keyset paging: pass the last id of a page)."""
    return AuditRepository(session).entries(flt, limit, before_id)


def history(session: Session, entity: str, entity_id: object) -> list[AuditEntry]:
    """Everything recorded about one record, oldest first (an incident's full history)."""
    return AuditRepository(session).history(entity, entity_id)


def iter_all(session: Session) -> Iterator[AuditEntry]:
    return AuditRepository(session).iter_all()


class AuditService:
    """The audit view's reads, for supervisors and administrators (a refusal is itself audited)."""

    def __init__(self, engine: Engine, settings: Settings):
        self.engine = engine
        self.settings = settings
        self.policy = policy_of(settings)

    def entries(self, flt: AuditFilter = AuditFilter(), limit: int = 200, before_id: int | None = None, *,
                actor: Actor) -> list[AuditEntry]:
        with self._reading(actor) as session:
            return entries(session, flt, limit, before_id)

    def history(self, entity: str, entity_id: object, *, actor: Actor) -> list[AuditEntry]:
        with self._reading(actor, entity, entity_id) as session:
            return history(session, entity, entity_id)

    def names(self, incident_ids: set[str] | list[str] = (), *, actor: Actor):
        """Posts, substances and accounts by id, and the numbers of the incidents named, to word the entries
        (repositories.audit_names)."""
        with self._reading(actor) as session:
            return read_names(session, incident_ids,
                              centre_offset_minutes=self.settings.centre_utc_offset_minutes)

    def incident_numbers(self, incident_ids: set[str] | list[str], *, actor: Actor) -> dict[str, str]:
        """The numbers of more incidents (a further page of the trail names others)."""
        with self._reading(actor) as session:
            return read_incident_numbers(session, incident_ids)

    def verify(self, *, actor: Actor) -> ChainCheck:
        with self._reading(actor):
            pass
        return check_chain(self.engine)

    @contextmanager
    def _reading(self, actor: Actor, entity: str = "", entity_id: object = "") -> Iterator[Session]:
        require_actor(actor)
        with refusals_audited(self.engine, entity, entity_id):
            with UnitOfWork(self.engine) as uow:
                permit(uow.session, actor, Action.AUDIT_VIEW, policy=self.policy)
                yield uow.session
