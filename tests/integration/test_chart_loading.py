"""desk.charts.load on SQLite and PostgreSQL: the chart's numbers come from the backend, not from ui/.

The panel's own tests check what is drawn; these check the value the backend hands over: resolved dates,
top N with "Other", the 7-day average's widened start, partial periods and the filters behind a click."""

from __future__ import annotations

from datetime import date

import pytest

from sitcentre.domain.charts import ChartQuery, bar_filter, csv_rows, point_filter
from sitcentre.domain.errors import SitcentreDbError
from tests.integration.helpers import ids, record_known_incidents, utc


@pytest.fixture
def desk(app_backend):
    record_known_incidents(app_backend.engine, with_draft=False)
    return app_backend.system_desk("tests")


def test_all_data_starts_on_the_first_day_with_a_counted_incident(desk):
    data = desk.charts.load(ChartQuery(None, date(2025, 4, 6), split="group"))
    assert (data.request.date_from, data.request.date_to) == (date(2025, 3, 30), date(2025, 4, 6))
    totals = dict(zip((keys[0] for keys in data.series.keys), data.series.values.sum(axis=1)))
    assert totals == pytest.approx({"opiates": 5.0, "cannabis": 0.5})  # kg of drugs: precursors come apart
    assert (data.precursors.kg, data.precursors.values.sum()) == (pytest.approx(10.0), pytest.approx(10.0))


def test_a_range_ending_today_ends_on_the_posts_today(desk):
    data = desk.charts.load(ChartQuery(None, None, days=7, now=utc(2025, 4, 1, 19)))  # 01:00 on the 2nd at Dostuk
    assert (data.request.date_from, data.request.date_to) == (date(2025, 3, 27), date(2025, 4, 2))
    assert data.partial[-1] and not any(data.partial[:-1])  # the 2nd is not over at the posts


def test_top_n_sums_the_rest_as_other_and_a_click_on_it_asks_for_every_substance(desk):
    _, subs = ids(desk.engine)
    data = desk.charts.load(ChartQuery(date(2025, 3, 8), date(2025, 4, 6), split="substance", top=1,
                                       metric="incidents"))  # seizure lines: heroin 2, the others 1 each
    assert data.series.labels == ("Heroin", "Other")
    flt = point_filter(data, 1, 22)  # 30 March
    assert flt.substance_ids == tuple(sorted((subs["acetic_anhydride"], subs["hashish"])))
    assert (flt.date_from, flt.date_to) == (date(2025, 3, 30), date(2025, 3, 30))


def test_a_bar_asks_for_its_post_over_the_whole_range(desk):
    posts, _ = ids(desk.engine)
    data = desk.charts.load(ChartQuery(date(2025, 3, 8), date(2025, 4, 6), verified_only=True))
    flt = bar_filter(data, "post", data.breakdown.by_post.keys.index(posts["UZ-TER"]))
    assert flt.post_ids == (posts["UZ-TER"],) and flt.statuses == ("verified",)
    assert (flt.date_from, flt.date_to) == (date(2025, 3, 8), date(2025, 4, 6))


def test_the_7_day_average_reads_the_six_days_before_the_range(desk):
    data = desk.charts.load(ChartQuery(date(2025, 3, 31), date(2025, 4, 6), moving_average=True))
    opiates = [keys[0] for keys in data.series.keys].index("opiates")
    assert data.average.shape == data.series.values.shape
    assert data.average[opiates, 0] == pytest.approx(5.0 / 7)  # 30 March counts in 31 March's average
    rows = csv_rows(data, data.series.labels, ("First", "Last", "Total", "(avg)"))
    assert rows[0][-1].endswith("(avg)") and len(rows) == 1 + 7


def test_a_database_error_leaves_the_backend_in_the_projects_words(desk):
    desk.engine.dispose()
    with desk.engine.begin() as conn:
        conn.exec_driver_sql("DROP TABLE daily_seizures" if desk.engine.dialect.name == "sqlite"
                             else "DROP TABLE daily_seizures CASCADE")
    with pytest.raises(SitcentreDbError):
        desk.charts.load(ChartQuery(date(2025, 3, 8), date(2025, 4, 6)))
