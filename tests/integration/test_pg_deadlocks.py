"""Concurrent edits on PostgreSQL: the rollup triggers take their row locks in one order, so workstations moving
incidents between the same two posts and statuses in opposite directions never deadlock (issue 9, defect 4)."""

from __future__ import annotations

import logging
import threading
import time
from dataclasses import replace

import pytest
import sqlalchemy.exc

from sitcentre.db.uow import UnitOfWork
from sitcentre.domain.enums import IncidentStatus, Unit
from sitcentre.domain.permissions import SYSTEM
from sitcentre.repositories.incidents import IncidentRepository
from sitcentre.services.incidents import IncidentService
from sitcentre.services.maintenance import _rollups_match
from tests.integration.helpers import SETTINGS

from .helpers import ids, incident, utc

WORKERS = 3
ROUNDS = 40
TIME_LIMIT = 120.0  # seconds for the whole run; a hang fails the test instead of blocking the suite
RETRYABLE = ("40001", "40P01")


def _sqlstate(exc: BaseException) -> str | None:
    return getattr(getattr(exc, "orig", None), "sqlstate", None)


def _flip(engine, incident_id, posts: tuple[int, int]) -> None:
    """Move the incident to the other post and the other counted status, through the service."""
    with UnitOfWork(engine) as uow:
        current = IncidentRepository(uow.session).get(incident_id)
    other = posts[1] if current.post_id == posts[0] else posts[0]
    status = IncidentStatus.VERIFIED if current.status == IncidentStatus.REPORTED else IncidentStatus.REPORTED
    IncidentService(engine, SETTINGS).update(replace(current, post_id=other, status=status), actor=SYSTEM)


@pytest.mark.parametrize("backend", [pytest.param("postgresql", marks=pytest.mark.pg)])
def test_workstations_moving_incidents_both_ways_between_two_posts_never_deadlock(engine, caplog):
    posts, subs = ids(engine)
    a, b = posts["KG-DOS"], posts["KG-KSU"]  # both UTC+6: one local day for every incident
    kinds = [(subs["heroin"], 1, Unit.KG), (subs["opium"], 2, Unit.KG), (subs["hashish"], 3, Unit.KG)]
    record = IncidentService(engine, SETTINGS).record
    owned = []  # each worker moves its own incidents: no version conflicts, only shared rollup rows
    for w in range(WORKERS):
        start_at, status = (a, IncidentStatus.REPORTED) if w % 2 == 0 else (b, IncidentStatus.VERIFIED)
        lines = kinds[w % 3:] + kinds[:w % 3]  # the lines in a different order for each worker
        owned.append([record(incident(start_at, utc(2025, 6, 1, 6, w, k), *lines, status=status), actor=SYSTEM).id
                      for k in range(2)])
    caplog.set_level(logging.WARNING, logger="sitcentre")
    failures: list[BaseException] = []
    barrier = threading.Barrier(WORKERS, timeout=TIME_LIMIT)
    deadline = time.monotonic() + TIME_LIMIT

    def work(mine) -> None:
        try:
            for _ in range(ROUNDS):
                barrier.wait()  # every round starts together: the moves overlap as much as they can
                for incident_id in mine:
                    _flip(engine, incident_id, (a, b))
                if time.monotonic() > deadline:
                    raise TimeoutError("the concurrent moves took too long")
        except threading.BrokenBarrierError:
            pass
        except Exception as exc:  # collected and asserted on below
            failures.append(exc)
            barrier.abort()

    threads = [threading.Thread(target=work, args=(mine,)) for mine in owned]
    for t in threads:
        t.start()
    for t in threads:
        t.join(TIME_LIMIT + 30)
    assert not any(t.is_alive() for t in threads), "a worker hung"
    deadlocks = [f for f in failures if isinstance(f, sqlalchemy.exc.DBAPIError) and _sqlstate(f) in RETRYABLE]
    assert deadlocks == [], f"{len(deadlocks)} of {WORKERS * ROUNDS * 2} saves failed: {deadlocks[:1]}"
    assert failures == []
    retried = [r for r in caplog.records if any(code in r.getMessage() for code in RETRYABLE)]
    assert retried == [], f"{len(retried)} saves met a deadlock and had to be tried again"
    assert _rollups_match(engine)
