"""The rollup triggers' arithmetic, step by step, with two incidents in one rollup bucket (same local day, post,
substance and status): a trigger that overwrites a bucket instead of adding to it, or that forgets to take a line
out of the bucket it leaves, shows here on both databases.

Figures are read through the statistics repository and `maintenance.check`, never from the rollup columns
themselves (their storage may change); the expected numbers are worked out by hand.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from sitcentre.db.uow import UnitOfWork
from sitcentre.domain.enums import Unit
from sitcentre.domain.permissions import SYSTEM
from sitcentre.domain.series import SeriesRequest
from sitcentre.repositories.stats import StatsRepository
from sitcentre.services import maintenance
from sitcentre.services.incidents import IncidentService
from sitcentre.services.verification import VerificationService
from tests.integration.helpers import SETTINGS, ids, incident, utc

DAY = date(2026, 4, 10)  # a local day at Kara-Suu (UTC+6)


def figures(engine, post_id: int, verified_only: bool = False) -> tuple[float, int, int]:
    """kg-equivalent, incidents and seizure lines of DAY at one post, as the charts and brief read them."""
    req = SeriesRequest(DAY, DAY, metric="kg", split="substance", verified_only=verified_only, post_ids=(post_id,))
    with UnitOfWork(engine) as uow:
        current = StatsRepository(uow.session).breakdown(req).current
    return round(current.kg, 6), current.incidents, current.lines


def heroin_kg_by_series(engine, post_id: int) -> float:
    req = SeriesRequest(DAY, DAY, metric="kg", split="substance", post_ids=(post_id,))
    with UnitOfWork(engine) as uow:
        series = StatsRepository(uow.session).series(req)
    return round(float(series.values.sum()), 6)


def rollups_ok(engine) -> bool:
    return maintenance.check(engine).rollups_ok is True


def test_two_incidents_in_one_bucket_add_up_through_update_status_change_and_delete(engine):
    posts, subs = ids(engine)
    ksu, dos = posts["KG-KSU"], posts["KG-DOS"]
    service = IncidentService(engine, SETTINGS)
    # 09:00 local, and 02:00 local the same day (20:00 UTC the day before): one bucket.
    first = service.record(incident(ksu, utc(2026, 4, 10, 3, 0), (subs["heroin"], 2, Unit.KG)), actor=SYSTEM)
    second = service.record(incident(ksu, utc(2026, 4, 9, 20, 0), (subs["heroin"], 500, Unit.G)), actor=SYSTEM)
    service.record(incident(dos, utc(2026, 4, 10, 3, 0), (subs["heroin"], 1, Unit.KG)),
                   actor=SYSTEM)  # another post: untouched
    assert rollups_ok(engine)
    assert figures(engine, ksu) == (2.5, 2, 2)
    assert heroin_kg_by_series(engine, ksu) == 2.5

    first = service.update(replace(first, lines=(replace(first.lines[0], quantity=3.25),)), actor=SYSTEM)
    assert rollups_ok(engine)
    assert figures(engine, ksu) == (3.75, 2, 2)
    assert figures(engine, ksu, verified_only=True) == (0, 0, 0)

    VerificationService(engine, SETTINGS).verify(second.id, actor=SYSTEM)  # leaves the bucket for the "verified" one
    assert rollups_ok(engine)
    assert figures(engine, ksu) == (3.75, 2, 2)
    assert figures(engine, ksu, verified_only=True) == (0.5, 1, 1)

    service.delete(first.id, actor=SYSTEM)
    assert rollups_ok(engine)
    assert figures(engine, ksu) == (0.5, 1, 1)
    assert figures(engine, ksu, verified_only=True) == (0.5, 1, 1)
    assert heroin_kg_by_series(engine, ksu) == 0.5
    assert figures(engine, dos) == (1, 1, 1)


def test_a_status_that_charts_leave_out_takes_the_incident_out_of_the_figures(engine):
    posts, subs = ids(engine)
    ksu = posts["KG-KSU"]
    service = IncidentService(engine, SETTINGS)
    kept = service.record(incident(ksu, utc(2026, 4, 10, 3, 0), (subs["heroin"], 2, Unit.KG)), actor=SYSTEM)
    dropped = service.record(incident(ksu, utc(2026, 4, 10, 4, 0), (subs["heroin"], 1.5, Unit.KG),
                                      (subs["opium"], 250, Unit.G)), actor=SYSTEM)
    assert figures(engine, ksu) == (3.75, 2, 3)
    VerificationService(engine, SETTINGS).reject(dropped.id, "counted twice by the shift", actor=SYSTEM)
    assert rollups_ok(engine)
    assert figures(engine, ksu) == (2, 1, 1)
    service.delete(kept.id, actor=SYSTEM)
    assert rollups_ok(engine)
    assert figures(engine, ksu) == (0, 0, 0)


@pytest.mark.parametrize("moves", [1, 3])
def test_moving_an_incident_between_posts_and_back_leaves_both_buckets_exact(engine, moves):
    posts, subs = ids(engine)
    ksu, dos = posts["KG-KSU"], posts["KG-DOS"]
    service = IncidentService(engine, SETTINGS)
    service.record(incident(ksu, utc(2026, 4, 10, 3, 0), (subs["heroin"], 2, Unit.KG)), actor=SYSTEM)
    service.record(incident(dos, utc(2026, 4, 10, 5, 0), (subs["heroin"], 4, Unit.KG)), actor=SYSTEM)
    mover = service.record(incident(ksu, utc(2026, 4, 10, 6, 0), (subs["heroin"], 1, Unit.KG)), actor=SYSTEM)
    for n in range(moves):
        mover = service.update(replace(mover, post_id=dos if n % 2 == 0 else ksu), actor=SYSTEM)
        assert rollups_ok(engine)
    assert figures(engine, ksu) == (2, 1, 1)
    assert figures(engine, dos) == (5, 2, 2)
