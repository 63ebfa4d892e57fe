"""Small builders shared by the integration tests."""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import uuid
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import select

from sitcentre.db.tables import PostRow, SubstanceRow
from sitcentre.db.uow import UnitOfWork
from sitcentre.domain.enums import IncidentStatus, Unit
from sitcentre.domain.permissions import SYSTEM
from sitcentre.domain.records import Incident, SeizureLine
from sitcentre.settings import Settings

# The settings services get in tests that do not vary them: the defaults (the data folder is never written).
SETTINGS = Settings(data_dir=Path(tempfile.gettempdir()) / "sitcentre-tests")


def ids(engine) -> tuple[dict[str, int], dict[str, int]]:
    """Post ids by code and substance ids by code."""
    with UnitOfWork(engine) as uow:
        posts = dict(uow.session.execute(select(PostRow.code, PostRow.id)).all())
        subs = dict(uow.session.execute(select(SubstanceRow.code, SubstanceRow.id)).all())
    return posts, subs


def incident(post_id: int, when: datetime, *lines: tuple[int, float, Unit | str],
             status: IncidentStatus = IncidentStatus.REPORTED, **fields) -> Incident:
    return Incident(
        post_id=post_id, occurred_at=when, reported_at=when, status=status,
        lines=tuple(SeizureLine(substance_id=s, quantity=q, unit=Unit(u)) for s, q, u in lines), **fields,
    )


def utc(*args) -> datetime:
    return datetime(*args, tzinfo=UTC)


INSERT_INCIDENT = (
    "INSERT INTO incidents (id, post_id, occurred_at, reported_at, incident_type, direction, transport_mode) "
    "VALUES (?, ?, ?, ?, 'drug_seizure', 'entering', 'truck')"
)

# Run in a separate Python process: one raw statement in its own transaction, then the commit time.
WRITER = r"""
import json, sys, time
backend, target, sql, args = sys.argv[1], sys.argv[2], sys.argv[3], json.loads(sys.argv[4])
if backend == "sqlite":
    import sqlite3
    conn = sqlite3.connect(target, timeout=30)
    conn.execute(sql, args)
    conn.commit()
else:
    import psycopg
    with psycopg.connect(target, autocommit=True) as conn:
        conn.execute(sql.replace("?", "%s"), args)
print(repr(time.time()))
"""


def pg_conninfo(engine) -> str:
    return engine.url.set(drivername="postgresql").render_as_string(hide_password=False)


def uuid_param(engine, value: uuid.UUID) -> str:
    """How a raw SQL client writes a UUID: 32 hex digits on SQLite, the usual text form on PostgreSQL."""
    return value.hex if engine.dialect.name == "sqlite" else str(value)


def write_from_another_process(engine, sql: str, *args: object) -> float:
    """Run one statement in a separate Python process; returns the wall-clock time just after its commit."""
    backend = engine.dialect.name
    target = engine.url.database if backend == "sqlite" else pg_conninfo(engine)
    result = subprocess.run(
        [sys.executable, "-c", WRITER, backend, target, sql, json.dumps(args)],
        capture_output=True, text=True, timeout=60, check=True,
    )
    return float(result.stdout.strip().splitlines()[-1])


def record_known_incidents(engine, with_draft: bool = True) -> None:
    """A handful of incidents whose aggregates are easy to compute by hand (shared by the stats, breakdown
    and chart tests). Dostuk is UTC+6: 2025-03-30 18:30 UTC is 00:30 on Monday 31 March, local time; Termez
    is UTC+5: the same instant is 23:30 on Sunday 30 March, that day, that week, March. Kordai: a rejected
    and (with_draft) a draft incident, never counted."""
    from sitcentre.services.incidents import IncidentService

    posts, subs = ids(engine)
    record = IncidentService(engine, SETTINGS).record
    record(incident(posts["KG-DOS"], utc(2025, 3, 30, 18, 30), (subs["heroin"], 2, Unit.KG)), actor=SYSTEM)
    record(incident(posts["UZ-TER"], utc(2025, 3, 30, 18, 30), (subs["heroin"], 3, Unit.KG),
                    (subs["hashish"], 500, Unit.G), status=IncidentStatus.VERIFIED), actor=SYSTEM)
    record(incident(posts["UZ-TER"], utc(2025, 4, 1, 6), (subs["acetic_anhydride"], 10, "l"),
                    status=IncidentStatus.VERIFIED), actor=SYSTEM)
    record(incident(posts["KZ-KOR"], utc(2025, 4, 1, 6), (subs["tramadol"], 1000, "tablets"),
                    status=IncidentStatus.REJECTED), actor=SYSTEM)
    if with_draft:
        record(incident(posts["KZ-KOR"], utc(2025, 4, 2, 6), (subs["heroin"], 1, Unit.KG),
                        status=IncidentStatus.DRAFT), actor=SYSTEM)


def searched(engine, recorded: dict, text: str) -> set[str]:
    """The keys (recorded[incident id]) of what a text search finds; the count and the table's window agree."""
    from sitcentre.db.uow import UnitOfWork
    from sitcentre.domain.queries import IncidentFilter, Sort
    from sitcentre.repositories.incidents import IncidentRepository, KeysetIndex

    flt = IncidentFilter(text=text)
    with UnitOfWork(engine) as uow:
        repo = IncidentRepository(uow.session)
        count = repo.count(flt)
        rows = repo.window(KeysetIndex(flt, Sort()), 0, 100)
    assert count == len(rows)
    return {recorded[row.id] for row in rows}
