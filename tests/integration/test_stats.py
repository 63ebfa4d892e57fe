"""Seizure statistics against hand-computed aggregates: local days, ISO weeks, months, splits, statuses."""

from __future__ import annotations

from datetime import date

import numpy as np
import pytest

from sitcentre.db.uow import UnitOfWork
from sitcentre.domain.series import SeriesRequest, period_starts
from sitcentre.repositories.stats import StatsRepository

from .helpers import ids, record_known_incidents


@pytest.fixture
def known(engine):
    """A handful of incidents whose aggregates are easy to compute by hand."""
    record_known_incidents(engine)
    return engine


def _series(engine, **kw):
    req = SeriesRequest(date_from=date(2025, 3, 24), date_to=date(2025, 4, 6), **kw)
    with UnitOfWork(engine) as uow:
        return StatsRepository(uow.session).series(req)


def _value(series, label: str, day: str) -> float:
    return float(series.values[series.labels.index(label), list(series.periods).index(np.datetime64(day))])


def test_daily_kg_by_substance_uses_the_posts_local_day(known):
    s = _series(known)
    assert len(s.periods) == 14 and s.periods[0] == np.datetime64("2025-03-24")
    assert set(s.labels) == {"Heroin", "Hashish (cannabis resin)", "Acetic anhydride"}
    assert _value(s, "Heroin", "2025-03-30") == pytest.approx(3.0)  # Termez, 23:30 local
    assert _value(s, "Heroin", "2025-03-31") == pytest.approx(2.0)  # Dostuk, 00:30 local
    assert _value(s, "Hashish (cannabis resin)", "2025-03-30") == pytest.approx(0.5)
    assert _value(s, "Acetic anhydride", "2025-04-01") == pytest.approx(10.0)
    assert s.values.sum() == pytest.approx(15.5), "rejected and draft incidents are left out"


def test_weeks_start_on_monday_and_months_on_the_first(known):
    weekly = _series(known, granularity="week", split="none")
    assert list(weekly.periods) == [np.datetime64("2025-03-24"), np.datetime64("2025-03-31")]
    assert weekly.values[0].tolist() == pytest.approx([3.5, 12.0])
    monthly = _series(known, granularity="month", split="none")
    assert list(monthly.periods) == [np.datetime64("2025-03-01"), np.datetime64("2025-04-01")]
    assert monthly.values[0].tolist() == pytest.approx([5.5, 10.0])  # Dostuk's 31 March is still March


def test_verified_only_hides_reported_incidents(known):
    s = _series(known, split="none", verified_only=True)
    assert s.values.sum() == pytest.approx(13.5)


def test_incident_counts_split_by_post_country_and_border(known):
    by_post = _series(known, metric="incidents", split="post")
    assert dict(zip(by_post.labels, by_post.values.sum(axis=1))) == {"BLO Dostuk": 1, "BLO Termez": 2}
    by_country = _series(known, metric="incidents", split="country")
    assert dict(zip(by_country.labels, by_country.values.sum(axis=1))) == {"KG": 1, "UZ": 2}
    by_border = _series(known, metric="incidents", split="border", granularity="month")
    assert dict(zip(by_border.labels, by_border.values.sum(axis=1))) == {"AF-UZ": 2, "KG-UZ": 1}


def test_kg_split_by_substance_group(known):
    s = _series(known, split="group", granularity="month")
    totals = dict(zip(s.labels, s.values.sum(axis=1)))
    assert totals == pytest.approx({"opiates": 5.0, "cannabis": 0.5, "precursors": 10.0})


def test_a_request_for_one_post_counts_only_that_post(known):
    posts, _ = ids(known)
    s = _series(known, split="none", post_ids=(posts["KG-DOS"],))
    assert s.values.sum() == pytest.approx(2.0)


def test_an_empty_range_gives_zero_series_over_every_period(engine):
    s = _series(engine, granularity="day")
    assert s.labels == () and s.values.shape == (0, 14)
    assert s.total().tolist() == [0.0] * 14


def test_period_starts_cover_partial_periods_at_both_ends():
    weeks = period_starts(date(2025, 1, 1), date(2025, 1, 13), "week")
    assert [str(d) for d in weeks] == ["2024-12-30", "2025-01-06", "2025-01-13"]
    months = period_starts(date(2024, 12, 15), date(2025, 2, 1), "month")
    assert [str(d) for d in months] == ["2024-12-01", "2025-01-01", "2025-02-01"]
