"""Breakdowns per post and substance group, the previous period, top N and moving averages, against
numbers worked out by hand, on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import date

import numpy as np
import pytest

from sitcentre.db.uow import UnitOfWork
from sitcentre.domain.enums import Unit
from sitcentre.domain.permissions import SYSTEM
from sitcentre.domain.series import (
    Series,
    SeriesRequest,
    period_end,
    previous_range,
    top_n,
    trailing_mean,
)
from sitcentre.repositories.stats import StatsRepository
from sitcentre.services.incidents import IncidentService
from tests.integration.helpers import SETTINGS

from .helpers import ids, incident, record_known_incidents, utc

WEEK = dict(date_from=date(2025, 3, 31), date_to=date(2025, 4, 6))  # Monday to Sunday


@pytest.fixture
def known(engine):
    """Previous week (24-30 March) and this week (31 March - 6 April), local days.

    previous: Termez 23:30 local on Sunday 30 March, 3 kg heroin + 0.5 kg hashish, verified
    this:     Dostuk 00:30 local on Monday 31 March, 2 kg heroin, reported
              Termez 1 April, 10 l acetic anhydride, verified
              Kordai: a rejected and a draft incident, never counted
    """
    record_known_incidents(engine)
    return engine


def _breakdown(engine, **kw):
    with UnitOfWork(engine) as uow:
        return StatsRepository(uow.session).breakdown(SeriesRequest(**{**WEEK, **kw}))


def _by(totals) -> dict:
    return {label: (float(now), float(before)) for label, now, before in
            zip(totals.labels, totals.values, totals.previous) if now or before}


def test_the_previous_period_is_the_same_number_of_days_just_before():
    assert previous_range(date(2025, 3, 31), date(2025, 4, 6)) == (date(2025, 3, 24), date(2025, 3, 30))
    assert previous_range(date(2025, 3, 1), date(2025, 3, 1)) == (date(2025, 2, 28), date(2025, 2, 28))


def test_kg_per_post_in_this_and_the_previous_week(known):
    b = _breakdown(known)
    assert (b.previous_from, b.previous_to) == (date(2025, 3, 24), date(2025, 3, 30))
    # drugs only: Termez's 10 l of acetic anhydride this week are precursors, counted apart (issue 16)
    assert _by(b.by_post) == _approx_each({"BLO Termez": (0.0, 3.5), "BLO Dostuk": (2.0, 0.0)})
    assert b.by_post.labels[:2] == ("BLO Dostuk", "BLO Termez"), "largest first"
    assert len(b.by_post.labels) == 15, "a post with nothing to show still gets its (empty) bar"


def test_kg_per_substance_group_in_this_and_the_previous_week(known):
    b = _breakdown(known)
    assert _by(b.by_group) == _approx_each({"opiates": (2.0, 3.0), "cannabis": (0.0, 0.5)})
    # kg-equivalent of drugs: precursor chemicals are no bar of it (they are counted apart)
    assert set(b.by_group.keys) == {"opiates", "cannabis", "ats", "cocaine", "nps", "pharmaceuticals"}


def test_headline_totals_count_reported_and_verified_incidents_only(known):
    b = _breakdown(known)
    # kg: drugs only (the 10 l of precursor apart); incidents and seizure lines count every incident and line
    assert (b.current.kg, b.current.incidents, b.current.lines) == (pytest.approx(2.0), 2, 2)
    assert (b.previous.kg, b.previous.incidents, b.previous.lines) == (pytest.approx(3.5), 1, 2)


def test_23_30_local_time_falls_in_the_previous_period_and_00_30_in_this_one(known):
    """Both at 18:30 UTC on 30 March: 23:30 in Termez (UTC+5), already 00:30 on the 31st in Dostuk (UTC+6)."""
    b = _breakdown(known, date_from=date(2025, 3, 31), date_to=date(2025, 3, 31))
    assert _by(b.by_post) == _approx_each({"BLO Dostuk": (2.0, 0.0), "BLO Termez": (0.0, 3.5)})


def test_verified_only_breakdowns(known):
    b = _breakdown(known, verified_only=True)
    assert _by(b.by_post) == _approx_each({"BLO Termez": (0.0, 3.5)})  # this week's verified one: precursors
    assert (b.current.kg, b.current.incidents) == (pytest.approx(0.0), 1)


def test_incident_counts_per_post_and_seizure_lines_per_group(known):
    b = _breakdown(known, metric="incidents")
    assert _by(b.by_post) == {"BLO Termez": (1.0, 1.0), "BLO Dostuk": (1.0, 0.0)}
    # per group, an incident counts once for each group it seized: the previous week's one is in two
    assert _by(b.by_group) == {"precursors": (1.0, 0.0), "opiates": (1.0, 1.0), "cannabis": (0.0, 1.0)}


def test_a_breakdown_for_some_posts_shows_only_those(known):
    posts, _ = ids(known)
    b = _breakdown(known, post_ids=(posts["KG-DOS"],))
    assert b.by_post.labels == ("BLO Dostuk",)
    assert (b.current.kg, b.previous.kg) == (pytest.approx(2.0), 0.0)


def test_data_range_is_the_first_and_last_local_day_with_any_incident(known, engine):
    with UnitOfWork(known) as uow:
        assert StatsRepository(uow.session).data_range() == (date(2025, 3, 30), date(2025, 4, 2))


def test_an_empty_database_has_no_data_range_and_empty_breakdowns(engine):
    with UnitOfWork(engine) as uow:
        assert StatsRepository(uow.session).data_range() is None
    b = _breakdown(engine)
    assert b.by_post.values.sum() == 0 and b.current.incidents == 0 and b.previous.kg == 0


def test_month_boundary_in_the_posts_local_time(engine):
    """Dostuk is UTC+6: 17:30 UTC on 31 March is 23:30 local (March); 18:30 UTC is 00:30 on 1 April."""
    posts, subs = ids(engine)
    record = IncidentService(engine, SETTINGS).record
    record(incident(posts["KG-DOS"], utc(2025, 3, 31, 17, 30), (subs["opium"], 4, Unit.KG)), actor=SYSTEM)
    record(incident(posts["KG-DOS"], utc(2025, 3, 31, 18, 30), (subs["opium"], 6, Unit.KG)), actor=SYSTEM)
    with UnitOfWork(engine) as uow:
        s = StatsRepository(uow.session).series(SeriesRequest(date(2025, 3, 1), date(2025, 4, 30), "month",
                                                              split="group"))
    assert [str(p) for p in s.periods] == ["2025-03-01", "2025-04-01"]
    assert s.keys == ("opiates",) and s.values.tolist() == [[4.0, 6.0]]


def test_weekly_series_of_a_range_that_starts_mid_week(known):
    """The first period is the week of 26 March (a Wednesday), holding only the days from the 26th."""
    with UnitOfWork(known) as uow:
        s = StatsRepository(uow.session).series(SeriesRequest(date(2025, 3, 26), date(2025, 4, 6), "week",
                                                              split="post", metric="incidents"))
    assert [str(p) for p in s.periods] == ["2025-03-24", "2025-03-31"]
    assert dict(zip(s.labels, s.values.tolist())) == {"BLO Dostuk": [0.0, 1.0], "BLO Termez": [1.0, 1.0]}


def test_series_carry_their_database_keys(known):
    posts, subs = ids(known)
    with UnitOfWork(known) as uow:
        s = StatsRepository(uow.session).series(SeriesRequest(**WEEK, split="post"))
    assert dict(zip(s.labels, s.keys)) == {"BLO Dostuk": posts["KG-DOS"], "BLO Termez": posts["UZ-TER"]}


# ------------------------------------------------------------------------- numpy helpers (no database)

def _series(labels, rows) -> Series:
    values = np.array(rows, dtype=float)
    return Series(periods=np.arange(np.datetime64("2025-01-01"), np.datetime64("2025-01-01") + values.shape[1]),
                  labels=tuple(labels), values=values, keys=tuple(labels))


def test_top_n_keeps_the_largest_and_sums_the_rest_as_other():
    s = top_n(_series("abcd", [[1, 1], [5, 5], [0, 3], [2, 0]]), 2, other="Other")
    assert s.labels == ("b", "c", "Other")  # totals: a 2, b 10, c 3, d 2
    assert s.keys == (("b",), ("c",), ("a", "d"))
    assert s.values.tolist() == [[5, 5], [0, 3], [3, 1]]


def test_top_n_makes_no_other_of_a_single_series():
    s = top_n(_series("abc", [[1], [2], [3]]), 2)
    assert s.labels == ("c", "b", "a") and s.keys == (("c",), ("b",), ("a",))


def test_top_n_can_rank_on_the_shown_periods_only():
    s = top_n(_series("ab", [[9, 0, 0], [0, 1, 1]]), 1, rank_from=1)
    assert s.labels == ("b", "a")


def test_trailing_mean_averages_each_day_with_the_six_before():
    values = np.array([[7.0] * 3 + [0.0] * 7])
    mean = trailing_mean(values, 7)
    assert mean[0, :3].tolist() == [7.0, 7.0, 7.0]  # fewer days at the very start
    assert mean[0, 6] == pytest.approx(3.0) and mean[0, 9] == pytest.approx(0.0)


def test_period_end_of_a_day_a_week_and_a_month():
    assert period_end(date(2025, 3, 31), "day") == date(2025, 3, 31)
    assert period_end(date(2025, 3, 31), "week") == date(2025, 4, 6)
    assert period_end(date(2024, 2, 1), "month") == date(2024, 2, 29)
    assert period_end(date(2025, 12, 1), "month") == date(2025, 12, 31)


def _approx_each(expected: dict) -> dict:
    """Nested pytest.approx is gone from pytest 9.2: compare each (this, previous) pair on its own."""
    return {key: pytest.approx(value) for key, value in expected.items()}
