"""Date filters are local days, both ends inclusive: an incident on the first or last minute of the range is in
it, one a minute outside is not, and the table's rows, its count and the charts' figures agree on both databases.
"""

from __future__ import annotations

from datetime import date

import pytest

from sitcentre.db.uow import UnitOfWork
from sitcentre.domain.enums import Unit
from sitcentre.domain.permissions import SYSTEM
from sitcentre.domain.queries import IncidentFilter, Sort
from sitcentre.domain.series import SeriesRequest
from sitcentre.repositories.incidents import IncidentRepository, KeysetIndex
from sitcentre.repositories.stats import StatsRepository
from sitcentre.services.incidents import IncidentService
from tests.integration.helpers import SETTINGS, ids, incident, utc

FIRST, LAST = date(2026, 4, 8), date(2026, 4, 10)


@pytest.fixture
def edges(engine):
    """Five incidents at Kara-Suu (UTC+6) around the range 8-10 April, by their local times."""
    posts, subs = ids(engine)
    ksu, service = posts["KG-KSU"], IncidentService(engine, SETTINGS)
    at = {
        "7 Apr 23:59": utc(2026, 4, 7, 17, 59),
        "8 Apr 00:00": utc(2026, 4, 7, 18, 0),
        "10 Apr 00:00": utc(2026, 4, 9, 18, 0),
        "10 Apr 23:59": utc(2026, 4, 10, 17, 59),
        "11 Apr 00:00": utc(2026, 4, 10, 18, 0),
    }
    return {name: service.record(incident(ksu, when, (subs["heroin"], 1, Unit.KG)),
                                 actor=SYSTEM).id for name, when in at.items()}


def rows_and_count(engine, flt: IncidentFilter) -> tuple[set, int]:
    with UnitOfWork(engine) as uow:
        repo = IncidentRepository(uow.session)
        rows = repo.window(KeysetIndex(flt, Sort(), 100), 0, 100)
        ascending = repo.window(KeysetIndex(flt, Sort("occurred", False), 100), 0, 100)
        count = repo.count(flt)
    assert {r.id for r in rows} == {r.id for r in ascending}
    return {r.id for r in rows}, count


def test_an_incident_on_the_last_day_of_the_filter_is_listed_and_counted(engine, edges):
    inside = {edges["8 Apr 00:00"], edges["10 Apr 00:00"], edges["10 Apr 23:59"]}
    rows, count = rows_and_count(engine, IncidentFilter(date_from=FIRST, date_to=LAST))
    assert rows == inside and count == 3


def test_a_range_of_one_day_that_is_the_last_day_holds_exactly_that_day(engine, edges):
    rows, count = rows_and_count(engine, IncidentFilter(date_from=LAST, date_to=LAST))
    assert rows == {edges["10 Apr 00:00"], edges["10 Apr 23:59"]} and count == 2


def test_the_count_agrees_whether_it_comes_from_the_rollup_or_from_the_incidents(engine, edges):
    """A text search makes the count read the incidents themselves instead of the daily rollup."""
    by_rollup = rows_and_count(engine, IncidentFilter(date_from=FIRST, date_to=LAST))
    by_rows = rows_and_count(engine, IncidentFilter(date_from=FIRST, date_to=LAST, text="Heroin"))
    assert by_rollup == by_rows
    assert len(by_rows[0]) == by_rows[1] == 3


def test_the_charts_count_the_same_incidents_in_the_range(engine, edges):
    req = SeriesRequest(FIRST, LAST, metric="incidents", split="none")
    with UnitOfWork(engine) as uow:
        series = StatsRepository(uow.session).series(req)
        current = StatsRepository(uow.session).breakdown(req).current
    assert series.values.sum() == 3 and list(series.values[0]) == [1, 0, 2]
    assert current.incidents == 3 and current.kg == pytest.approx(3)
