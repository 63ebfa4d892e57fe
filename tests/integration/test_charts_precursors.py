"""Precursor chemicals counted apart from drugs (issue 16, item 6), on SQLite and PostgreSQL: a precursor seizure
changes no drug figure of the charts (series, breakdowns, headline kg) or of the post cards (kg in 30 days and the
sparkline), and appears apart (its own line, totals and per post); a chart of some posts is of those posts only."""

from __future__ import annotations

from datetime import date

import numpy as np
import pytest

from sitcentre.db.uow import UnitOfWork
from sitcentre.domain.charts import ChartQuery
from sitcentre.domain.enums import IncidentStatus
from sitcentre.repositories.posts import PostRepository
from tests.integration.helpers import ids, incident, record_known_incidents, utc

RANGE = dict(date_from=date(2025, 3, 31), date_to=date(2025, 4, 6))  # previous: 24 - 30 March
NOW = utc(2025, 4, 6, 12)


@pytest.fixture
def desk(app_backend):
    """Termez: 3 kg heroin + 0.5 kg hashish on 30 March, 10 l acetic anhydride on 1 April (both verified);
    Dostuk: 2 kg heroin on 31 March (reported)."""
    record_known_incidents(app_backend.engine, with_draft=False)
    return app_backend.system_desk("tests")


def _seize_precursor(desk, code: str = "KG-DOS", litres: float = 400) -> None:
    posts, subs = ids(desk.engine)
    desk.incidents.record(incident(posts[code], utc(2025, 4, 2, 6), (subs["acetic_anhydride"], litres, "l"),
                                   status=IncidentStatus.REPORTED))


def _drug_figures(data) -> dict:
    b = data.breakdown
    return {
        "series": dict(zip(data.series.labels, data.series.values.tolist())),
        "by_post": dict(zip(b.by_post.labels, zip(b.by_post.values.tolist(), b.by_post.previous.tolist()))),
        "by_group": dict(zip(b.by_group.labels, zip(b.by_group.values.tolist(), b.by_group.previous.tolist()))),
        "kg": (b.current.kg, b.previous.kg),
    }


@pytest.mark.parametrize("split", ["group", "post", "substance", "none"])
def test_a_precursor_seizure_changes_no_drug_figure_of_the_charts_and_shows_apart(desk, split):
    query = ChartQuery(**RANGE, split=split)
    before = desk.charts.load(query)
    _seize_precursor(desk)
    after = desk.charts.load(query)
    assert _drug_figures(after) == _drug_figures(before)
    assert after.breakdown.current.kg == pytest.approx(2.0)  # Dostuk's heroin: the drugs of the week
    assert "precursors" not in after.breakdown.by_group.keys
    assert "Acetic anhydride" not in after.series.labels and "precursors" not in after.series.keys
    # apart: 10 l at Termez on 1 April, now 400 l at Dostuk on 2 April too
    posts, _ = ids(desk.engine)
    assert (before.precursors.kg, after.precursors.kg) == (pytest.approx(10.0), pytest.approx(410.0))
    assert after.precursors.previous_kg == 0.0
    assert after.precursors.values.tolist() == pytest.approx([0, 10, 400, 0, 0, 0, 0])
    assert after.precursors.by_post == {posts["UZ-TER"]: pytest.approx((10.0, 0.0)),
                                        posts["KG-DOS"]: pytest.approx((400.0, 0.0))}


def test_an_incident_is_an_incident_whatever_it_seized(desk):
    query = ChartQuery(**RANGE, metric="incidents", split="none")
    before = desk.charts.load(query)
    _seize_precursor(desk)
    after = desk.charts.load(query)
    assert (before.breakdown.current.incidents, after.breakdown.current.incidents) == (2, 3)
    assert after.series.values.sum() == 3
    assert after.precursors.kg == pytest.approx(410.0)  # the precursors' kg still come apart


def test_a_chart_of_one_post_is_of_that_post_only_and_names_it(desk):
    _seize_precursor(desk)
    posts, _ = ids(desk.engine)
    data = desk.charts.load(ChartQuery(**RANGE, post_ids=(posts["UZ-TER"],)))
    assert data.request.post_ids == (posts["UZ-TER"],) and data.post_names == {posts["UZ-TER"]: "BLO Termez"}
    assert data.breakdown.by_post.labels == ("BLO Termez",)
    assert (data.breakdown.current.kg, data.breakdown.previous.kg) == (pytest.approx(0.0), pytest.approx(3.5))
    assert data.precursors.kg == pytest.approx(10.0)  # Dostuk's 400 l are another post's
    assert data.precursors.by_post == {posts["UZ-TER"]: pytest.approx((10.0, 0.0))}
    every = desk.charts.load(ChartQuery(**RANGE))
    assert every.post_names == {} and len(every.breakdown.by_post.labels) > 1


def test_verified_only_precursors_count_verified_seizures_only(desk):
    _seize_precursor(desk)  # reported, not verified
    data = desk.charts.load(ChartQuery(**RANGE, verified_only=True))
    assert data.precursors.kg == pytest.approx(10.0)


def _summaries(engine) -> dict:
    with UnitOfWork(engine) as uow:
        return {s.post.code: s for s in PostRepository(uow.session).summaries(NOW)}


def test_a_precursor_seizure_changes_no_drug_figure_of_a_post_card(desk):
    before = _summaries(desk.engine)
    _seize_precursor(desk)
    after = _summaries(desk.engine)
    for code in ("KG-DOS", "UZ-TER"):
        assert after[code].kg_30d == pytest.approx(before[code].kg_30d)
        assert np.allclose(after[code].daily_kg_30d, before[code].daily_kg_30d)
    assert after["UZ-TER"].kg_30d == pytest.approx(3.5)  # heroin and hashish; its 10 l of precursor apart
    assert after["UZ-TER"].precursors_kg_30d == pytest.approx(10.0)
    assert (before["KG-DOS"].precursors_kg_30d, after["KG-DOS"].precursors_kg_30d) == (0.0, pytest.approx(400.0))
    assert after["KG-DOS"].kg_30d == pytest.approx(2.0)
    assert after["KZ-KOR"].precursors_kg_30d == 0.0
