"""The desk's conflicts (issue 13, item 2): the open conflicts and parallel-edit flags imports found, one of them
field by field, and a supervisor's resolution at the centre. No Qt.

Reads and writes go through sitcentre.services.conflicts (the same code as `sitcentre conflicts`), which checks
the permission again, refuses at a post and audits. Writes return Done with what they changed: the incident
(a resolution is a new version of it; a dismissed flag changes what the table marks) and the audit trail.
A refusal is a ConflictRefused with a stable `code` ("stale": the incident changed here since; read it again).
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import dataclass

from sitcentre.backend.noun import Noun
from sitcentre.domain.changes import Changes, Done, Topic
from sitcentre.domain.permissions import Action
from sitcentre.services import conflicts as service
from sitcentre.services import installation
from sitcentre.services.conflicts import (
    CENTRE,
    POST,
    SIDES,
    ConflictDetail,
    ConflictRefused,
    ConflictSummary,
    FieldRow,
)

__all__ = ["CENTRE", "KINDS", "POST", "SIDES", "ConflictDetail", "ConflictRefused", "ConflictSummary", "Conflicts",
           "FieldRow", "Resolution"]

# The kinds the importer opens (sitcentre.services.exchange_import): "parallel" is a flag, the rest are conflicts.
KINDS = ("conflict", "parallel", "delete_edit", "duplicate_create", "missing_base")


@dataclass(frozen=True)
class Resolution:
    """What a resolution or a dismissal did: the conflict, its incident, the resolving revision (None: dismissed)."""

    conflict_id: int
    row_id: uuid.UUID
    rev: str | None


class Conflicts(Noun):
    def may_resolve(self) -> bool:
        """What the menu greys out by (the service checks again)."""
        return self._desk.can(Action.EXCHANGE_RESOLVE_CONFLICT)

    def at_post(self) -> bool:
        """This installation is a post: it can list its conflicts, but the centre decides."""
        found = installation.show(self.engine)
        return found is not None and found.role == "post"

    def list(self, post: str | None = None, kind: str | None = None,
             include_closed: bool = False) -> list[ConflictSummary]:
        """Open conflicts and parallel flags, oldest first; `post` a post code, `kind` one of KINDS."""
        return service.list_conflicts(self.engine, include_closed=include_closed, post=post or None,
                                      kind=kind or None)

    def show(self, conflict_id: int) -> ConflictDetail:
        return service.show(self.engine, conflict_id)

    def resolve(self, conflict_id: int, take: Mapping[str, str] | str) -> Done[Resolution]:
        """`take` "centre", "post" or {field: "centre"|"post"} (fields not named keep the centre's value)."""
        row_id = self._row_id(conflict_id)
        rev = service.resolve(self.engine, self.settings, conflict_id, take, actor=self.actor)
        return Done(Resolution(conflict_id, row_id, rev), _changes(row_id))

    def dismiss(self, conflict_id: int) -> Done[Resolution]:
        """Close a parallel-edit flag (nothing to choose: both edits were merged)."""
        row_id = self._row_id(conflict_id)
        service.dismiss(self.engine, conflict_id, actor=self.actor, settings=self.settings)
        return Done(Resolution(conflict_id, row_id, None), _changes(row_id))

    def _row_id(self, conflict_id: int) -> uuid.UUID:
        return service.show(self.engine, conflict_id).summary.row_id


def _changes(row_id: uuid.UUID) -> Changes:
    return Changes.of(Topic.INCIDENTS, row_id) | Changes.of(Topic.AUDIT)
