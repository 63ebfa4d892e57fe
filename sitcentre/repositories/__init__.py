"""Repositories: one per aggregate or panel. They return frozen dataclasses, never live ORM objects.

Importing any repository registers the sealing of record revisions (repositories.revisions.seal_pending) in
db.uow.BEFORE_COMMIT: every writing unit of work then seals, in its own transaction, the incidents it (or a
raw SQL writer before it) changed. revisions is imported when the hook first runs, not here: this package is
imported by every repository module, and revisions imports some of them.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from sitcentre.db import uow as _uow


def seal_before_commit(session: Session) -> None:
    """Seal up to 500 unsealed incidents and pending deletes; two indexed queries when there are none (a
    database not yet migrated to 0007 has nothing to seal)."""
    from sitcentre.repositories.revisions import schema_has_revisions, seal_pending

    if schema_has_revisions(session):
        seal_pending(session)


if not any(getattr(hook, "__qualname__", "") == seal_before_commit.__qualname__
           and getattr(hook, "__module__", "") == __name__ for hook in _uow.BEFORE_COMMIT):
    _uow.BEFORE_COMMIT.append(seal_before_commit)
