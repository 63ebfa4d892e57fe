"""The audit noun: the audit view's reads (supervisors and administrators; a refusal is itself audited)."""

from __future__ import annotations

from functools import cached_property

from sitcentre.backend.noun import Noun
from sitcentre.domain.audit import AuditEntry, AuditFilter, ChainCheck
from sitcentre.domain.audit_anchor import LastAnchor
from sitcentre.domain.audit_text import AuditNames
from sitcentre.services.audit import AuditService


class Audit(Noun):
    @cached_property
    def _service(self) -> AuditService:
        return AuditService(self.engine, self.settings)

    def history(self, entity: str, entity_id: object) -> list[AuditEntry]:
        """Every entry about one record, oldest first."""
        return self._service.history(entity, entity_id, actor=self.actor)

    def entries(self, flt: AuditFilter = AuditFilter(), limit: int = 200,
                before_id: int | None = None) -> list[AuditEntry]:
        """Newest first, `limit` entries older than `before_id` (pass the last id of a page for the next)."""
        return self._service.entries(flt, limit, before_id, actor=self.actor)

    def names(self, incident_ids: set[str] | list[str] = ()) -> AuditNames:
        """Posts, substances and accounts by id, and the numbers of the incidents named, to word the entries."""
        return self._service.names(incident_ids, actor=self.actor)

    def incident_numbers(self, incident_ids: set[str] | list[str]) -> dict[str, str]:
        """The numbers of more incidents (a further page of the trail names others)."""
        return self._service.incident_numbers(incident_ids, actor=self.actor)

    def verify(self) -> ChainCheck:
        """Recompute the whole hash chain."""
        return self._service.verify(actor=self.actor)

    def last_anchor(self) -> LastAnchor | None:
        """The newest anchor of the trail ('sitcentre audit anchor'), None when it was never anchored."""
        from sitcentre.services.audit_anchor import last_anchor_seen_by

        return last_anchor_seen_by(self.engine, actor=self.actor, settings=self.settings)
