"""Whether `sitcentre demo` may add synthetic incidents to a database, and the audit entry of each load.

Issue 9, defect 10: the loader ran against any database and wrote thousands of incidents without a trace.
A database takes demo data without --force only when it holds nothing real:

- no account but the demo supervisor that `auth.ensure_demo_user` makes, and
- no incident the demo loader did not make. The marker is the audit trail, which is append-only and
  hash-chained: every load writes ONE entry (entity "demo_data", action "import") with how many incidents
  it added. Incidents beyond the sum of those counts were written by something else (the app, an import,
  psql); an incident recorded or imported through the app (its own "create"/"import" audit entry) is real
  even when demo incidents were deleted to make the numbers match.

So the app's own `--demo` database (seeded by `demo.ensure_demo_data`, which writes no such entry) counts as
holding real incidents here, and needs --force to take more: the safe side of the mistake.
"""

from __future__ import annotations

import json

from sqlalchemy import Engine, inspect

from sitcentre.db.uow import UnitOfWork
from sitcentre.domain.permissions import Actor
from sitcentre.repositories.audit import AuditRepository
from sitcentre.repositories.incidents import IncidentRepository
from sitcentre.repositories.users import UserRepository
from sitcentre.services import audit_writing as audit
from sitcentre.services.audit_writing import AuditAction
from sitcentre.services.auth import DEMO_USERNAME

DEMO_ENTITY = "demo_data"
_APP_WRITES = (AuditAction.CREATE.value, AuditAction.IMPORT.value)


def demo_refusal(engine: Engine) -> str | None:
    """Why demo data must not go into this database (one line, with how to force it), or None."""
    if not all(inspect(engine).has_table(t) for t in ("users", "incidents", "audit_log")):
        return None  # a database without the schema yet holds nothing
    with UnitOfWork(engine) as uow:
        trail = AuditRepository(uow.session)
        accounts = UserRepository(uow.session).count_other_than(DEMO_USERNAME)
        incidents = IncidentRepository(uow.session).count_all()
        loaded = sum(_count(a) for a in trail.after_json_of(DEMO_ENTITY, AuditAction.IMPORT.value))
        recorded = trail.count("incident", _APP_WRITES)
    real = max(incidents - loaded, min(recorded, incidents))
    reasons = []
    if accounts:
        reasons.append(f"{accounts} user account{'s' if accounts != 1 else ''}")
    if real:
        reasons.append(f"{real} incident{'s' if real != 1 else ''} the demo loader did not make")
    if not reasons:
        return None
    return (f"this database holds {' and '.join(reasons)}, so it looks like a real one and demo data would mix "
            "with real records; add --force to load it anyway")


def record_demo_load(engine: Engine, actor: Actor, incidents: int, seed: int, forced: bool = False) -> int:
    """The one audit entry of a load: who ran it (the actor), how many incidents, the seed, forced or not."""
    return audit.append_now(engine, actor, AuditAction.IMPORT, DEMO_ENTITY, "",
                            after={"incidents": incidents, "seed": seed, "forced": forced})


def _count(after_json: str | None) -> int:
    try:
        return int(json.loads(after_json or "{}").get("incidents", 0))
    except (ValueError, TypeError, AttributeError):
        return 0  # not written by record_demo_load: counts for nothing
