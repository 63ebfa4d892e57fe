"""The daily seizure rollup is exact under add-then-delete (integer milligrams), and the database itself refuses
a non-finite or absurd amount from a raw writer (issue 9, defect 5, rollup half)."""

from __future__ import annotations

import math
import uuid
from dataclasses import replace
from datetime import date

import pytest
import sqlalchemy.exc
from sqlalchemy import text

from sitcentre.db.uow import UnitOfWork
from sitcentre.domain.enums import Unit
from sitcentre.domain.permissions import SYSTEM, Actor
from sitcentre.domain.series import SeriesRequest
from sitcentre.repositories.stats import StatsRepository
from sitcentre.services.incidents import IncidentService
from sitcentre.services.maintenance import check
from tests.integration.helpers import SETTINGS

from .helpers import ids, incident, utc, uuid_param

DAY = date(2025, 5, 5)  # Termez is UTC+5: 08:00 UTC is on the 5th, local time


def _bucket(engine, post_id: int) -> list[tuple]:
    with engine.connect() as conn:
        return [tuple(r) for r in conn.execute(text(
            "SELECT substance_id, status, kg_mg, lines FROM daily_seizures WHERE day = :d AND post_id = :p "
            "ORDER BY substance_id, status"), {"d": DAY, "p": post_id})]


def _kg_by_substance(engine) -> dict[str, float]:
    req = SeriesRequest(date_from=DAY, date_to=DAY, metric="kg", split="substance")
    with UnitOfWork(engine) as uow:
        series = StatsRepository(uow.session).series(req)
    return {label: float(series.values[i, 0]) for i, label in enumerate(series.labels)}


def _raw_line(engine, incident_id: uuid.UUID, substance_id: int, quantity: float, kg: float) -> None:
    with engine.begin() as conn:
        conn.execute(text(
            "INSERT INTO seizure_lines (id, incident_id, substance_id, quantity, unit, kg_equivalent) "
            "VALUES (:id, :inc, :sub, :q, 'tablets', :kg)"
        ), {"id": uuid_param(engine, uuid.uuid4()), "inc": uuid_param(engine, incident_id), "sub": substance_id,
            "q": quantity, "kg": kg})


def test_two_incidents_in_one_bucket_stay_exact_through_an_update_and_a_delete(engine):
    posts, subs = ids(engine)
    post, heroin, opium = posts["UZ-TER"], subs["heroin"], subs["opium"]
    service = IncidentService(engine, SETTINGS)
    first = service.record(incident(post, utc(2025, 5, 5, 8), (heroin, 0.1, Unit.KG), (opium, 2, Unit.KG)),
                           actor=SYSTEM)
    second = service.record(incident(post, utc(2025, 5, 5, 9), (heroin, 0.2, Unit.KG)), actor=SYSTEM)
    assert _bucket(engine, post) == [(heroin, "reported", 300_000, 2), (opium, "reported", 2_000_000, 1)]
    lines = (replace(first.lines[0], quantity=0.7), first.lines[1])
    service.update(replace(first, lines=lines), actor=SYSTEM)
    assert _bucket(engine, post) == [(heroin, "reported", 900_000, 2), (opium, "reported", 2_000_000, 1)]
    service.delete(second.id, actor=Actor.system_actor())
    assert _bucket(engine, post) == [(heroin, "reported", 700_000, 1), (opium, "reported", 2_000_000, 1)]
    assert _kg_by_substance(engine) == {"Heroin": 0.7, "Opium": 2.0}
    assert check(engine).rollups_ok is True


def test_a_huge_amount_added_then_deleted_leaves_the_rollup_exact(engine):
    """As floats, 0.001 + 9e7 - 9e7 is not 0.001: the rollup drifted and `db check` could not tell."""
    posts, subs = ids(engine)
    post, heroin = posts["UZ-TER"], subs["heroin"]
    service = IncidentService(engine, SETTINGS)
    service.record(incident(post, utc(2025, 5, 5, 8), (heroin, 1, Unit.G)), actor=SYSTEM)
    huge = service.record(incident(post, utc(2025, 5, 5, 9), (subs["opium"], 1, Unit.KG)), actor=SYSTEM)
    _raw_line(engine, huge.id, heroin, 9e7, 9e7)
    opium = (subs["opium"], "reported", 1_000_000, 1)
    assert _bucket(engine, post) == [(heroin, "reported", 90_000_000_001_000, 2), opium]
    with engine.begin() as conn:
        conn.execute(text("DELETE FROM incidents WHERE id = :id"), {"id": uuid_param(engine, huge.id)})
    assert _bucket(engine, post) == [(heroin, "reported", 1_000, 1)]
    assert _kg_by_substance(engine) == {"Heroin": 0.001}
    assert check(engine).rollups_ok is True


@pytest.mark.parametrize("quantity, kg", [
    (1e308, 1e308), (1e17, 1e17), (1.0, math.inf), (1.0, -math.inf), (1.0, math.nan), (math.inf, 1.0),
    (1.0, -1.0),
], ids=["1e308", "1e17", "inf-kg", "minus-inf-kg", "nan-kg", "inf-quantity", "negative-kg"])
def test_a_raw_writer_cannot_store_an_absurd_or_non_finite_amount(engine, quantity, kg):
    posts, subs = ids(engine)
    target = IncidentService(engine, SETTINGS).record(
        incident(posts["UZ-TER"], utc(2025, 5, 5, 8), (subs["heroin"], 1, Unit.KG)), actor=SYSTEM)
    with pytest.raises(sqlalchemy.exc.IntegrityError):
        _raw_line(engine, target.id, subs["tramadol"], quantity, kg)
    with engine.begin() as conn:  # and the incident can still be deleted
        conn.execute(text("DELETE FROM incidents WHERE id = :id"), {"id": uuid_param(engine, target.id)})
    assert check(engine).rollups_ok is True


def test_an_update_cannot_make_a_stored_amount_absurd_either(engine):
    posts, subs = ids(engine)
    kept = IncidentService(engine, SETTINGS).record(
        incident(posts["UZ-TER"], utc(2025, 5, 5, 8), (subs["heroin"], 2, Unit.KG)), actor=SYSTEM)
    with pytest.raises(sqlalchemy.exc.IntegrityError), engine.begin() as conn:
        conn.execute(text("UPDATE seizure_lines SET kg_equivalent = kg_equivalent * 1e300 WHERE incident_id = :id"),
                     {"id": uuid_param(engine, kept.id)})
    assert _bucket(engine, posts["UZ-TER"]) == [(subs["heroin"], "reported", 2_000_000, 1)]
