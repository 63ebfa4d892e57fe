"""Published statistics in the charts (issue 15, item 1), on SQLite and PostgreSQL: imported through the real
import service, they change no incident, no daily rollup, no chart series, no breakdown and no brief figure, and
come back beside the series in ChartData.published (per source and country, the periods overlapping the chart)."""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

import numpy as np
import pytest
from sqlalchemy import text

from sitcentre.domain.charts import ChartQuery, PublishedFigure, point_filter
from sitcentre.domain.permissions import Actor
from sitcentre.services.brief import build_brief
from sitcentre.services.sheet_import import import_sheet
from sitcentre.sheets import Mapping, MappingKind
from tests.integration.helpers import SETTINGS, ids, record_known_incidents, utc

HEADER = ["Source", "Country", "Year", "Month", "Drug group", "Quantity", "Unit"]
ROWS = [  # Opiates and Cannabis of one year add up; a month is its own period; 2019 is outside every window
    ["UNODC", "Kazakhstan", "2025", "", "Opiates", "2 920,5", "kg"],
    ["UNODC", "Kazakhstan", "2025", "", "Cannabis", "730", "kg"],
    ["UNODC", "Kazakhstan", "2024", "", "Opiates", "366", "kg"],
    ["UNODC", "Afghanistan", "2025", "", "Opiates", "36 500", "kg"],
    ["MVD", "Uzbekistan", "2025", "3", "Опиаты", "310", "kg"],
    ["UNODC", "Kazakhstan", "2019", "", "Opiates", "1 000", "kg"],
]
MAPPING = Mapping(MappingKind.STATISTICS, columns=(
    ("Source", "source"), ("Country", "country"), ("Year", "year"), ("Month", "month"), ("Drug group", "group"),
    ("Quantity", "quantity"), ("Unit", "unit")))
QUERIES = (ChartQuery(date(2025, 3, 1), date(2025, 4, 6), split="group"),
           ChartQuery(date(2025, 1, 1), date(2025, 4, 6), granularity="month", split="country"),
           ChartQuery(date(2025, 3, 20), date(2025, 4, 6), granularity="week", split="none", verified_only=True),
           ChartQuery(date(2025, 3, 20), date(2025, 4, 6), moving_average=True, split="post"),
           ChartQuery(date(2025, 3, 20), date(2025, 4, 6), metric="incidents", split="substance"))
NOW = utc(2025, 4, 20, 12)


@pytest.fixture
def desk(app_backend):
    record_known_incidents(app_backend.engine, with_draft=False)
    return app_backend.system_desk("tests")


def import_statistics(engine, tmp_path: Path, rows=ROWS) -> int:
    path = tmp_path / "published.csv"
    with open(path, "w", newline="", encoding="utf-8-sig") as f:
        writer = csv.writer(f, delimiter=";")
        writer.writerows([["Drug seizures as published, kilograms"], [], HEADER, *rows])
    result = import_sheet(engine, SETTINGS, path, MAPPING, actor=Actor.system_actor("tests"))
    assert not result.not_added, [o.problems for o in result.not_added]
    return result.counts.added


def snapshot(desk) -> dict:
    """Everything the posts' seizures show: chart values, breakdowns, rollup rows, incident totals, the brief."""
    out = {}
    for i, query in enumerate(QUERIES):
        data = desk.charts.load(query)
        b = data.breakdown
        out[f"chart{i}"] = (data.series.labels, data.series.keys, data.series.periods.tolist(),
                            data.series.values.tolist(), None if data.average is None else data.average.tolist(),
                            data.partial, b.current, b.previous, b.by_post.keys, b.by_post.values.tolist(),
                            b.by_group.keys, b.by_group.values.tolist(), data.in_conflict_left_out)
    with desk.engine.connect() as c:
        for table in ("daily_seizures", "daily_incidents"):
            out[table] = sorted(map(tuple, c.execute(text(f"SELECT * FROM {table}")).all()), key=repr)
        out["incidents"] = c.execute(text("SELECT count(*), sum(persons_detained) FROM incidents")).one()
        out["lines"] = c.execute(text("SELECT count(*), sum(kg_equivalent) FROM seizure_lines")).one()
    brief = build_brief(desk.engine, date(2025, 4, 1), now=NOW)
    out["brief"] = (brief.headlines, brief.chart.values.tolist(), brief.incidents_total, brief.largest,
                    [(p.post.code, p.incidents_24h, p.incidents_7d, p.kg_30d, p.daily_kg_30d.tolist())
                     for p in brief.posts])
    return out


def test_published_statistics_change_no_seizure_figure_anywhere(desk, tmp_path):
    before = snapshot(desk)
    assert import_statistics(desk.engine, tmp_path) == len(ROWS)
    after = snapshot(desk)
    assert after.keys() == before.keys()
    for key in before:
        assert after[key] == before[key], key
    assert desk.charts.load(QUERIES[0]).published  # and yet the chart has them


def test_the_chart_carries_each_source_and_country_with_the_periods_it_overlaps(desk, tmp_path):
    import_statistics(desk.engine, tmp_path)
    data = desk.charts.load(ChartQuery(date(2025, 3, 1), date(2025, 4, 6), split="group"))
    lines = {(s.source, s.country_code): s.figures for s in data.published}
    # the posts' own countries first (KZ, UZ), Afghanistan (no post) after them
    assert [(s.source, s.country_code) for s in data.published] == [("UNODC", "KZ"), ("MVD", "UZ"),
                                                                     ("UNODC", "AF")]
    (kz,) = lines[("UNODC", "KZ")]  # 2024 and 2019 do not overlap March-April 2025
    assert (kz.period_kind, kz.start, kz.end) == ("year", date(2025, 1, 1), date(2025, 12, 31))
    assert kz.kg == pytest.approx(2920.5 + 730)
    assert kz.level("day") == pytest.approx(3650.5 / 365)
    assert kz.level("week") == pytest.approx(3650.5 / 365 * 7)
    assert kz.level("month") == pytest.approx(3650.5 / 12)
    (uz,) = lines[("MVD", "UZ")]
    assert (uz.period_kind, uz.start, uz.end, uz.kg) == ("month", date(2025, 3, 1), date(2025, 3, 31), 310.0)
    assert uz.level("month") == pytest.approx(310.0) and uz.level("day") == pytest.approx(10.0)
    assert lines[("UNODC", "AF")][0].kg == pytest.approx(36500.0)


def test_a_window_over_two_years_has_both_years_and_nothing_outside_it(desk, tmp_path):
    import_statistics(desk.engine, tmp_path)
    data = desk.charts.load(ChartQuery(date(2024, 11, 1), date(2025, 2, 28), granularity="month", split="none"))
    kz = next(s for s in data.published if s.country_code == "KZ")
    assert [(f.start.year, f.kg) for f in kz.figures] == [(2024, pytest.approx(366.0)), (2025, pytest.approx(3650.5))]
    assert all(f.country_code != "UZ" for s in data.published for f in s.figures)  # March 2025 is outside


def test_a_chart_of_some_posts_shows_only_their_countries_figures(desk, tmp_path):
    import_statistics(desk.engine, tmp_path)
    posts, _ = ids(desk.engine)
    data = desk.charts.load(ChartQuery(date(2025, 3, 1), date(2025, 4, 6), post_ids=(posts["UZ-TER"],)))
    assert [(s.source, s.country_code) for s in data.published] == [("MVD", "UZ")]
    # the posts' series are of that post alone: heroin 3 kg and hashish 0.5 kg on 30 March; its 10 l of precursor
    # are counted apart from the drugs (issue 16)
    assert data.series.values.sum() == pytest.approx(3.5) and data.precursors.kg == pytest.approx(10.0)
    assert point_filter(data, 0, 29).post_ids == (posts["UZ-TER"],)


def test_incident_counts_have_no_published_context(desk, tmp_path):
    import_statistics(desk.engine, tmp_path)
    data = desk.charts.load(ChartQuery(date(2025, 3, 1), date(2025, 4, 6), metric="incidents"))
    assert data.published == ()


def test_without_statistics_the_chart_has_no_context(desk):
    data = desk.charts.load(ChartQuery(date(2025, 3, 1), date(2025, 4, 6)))
    assert data.published == ()


def test_a_part_month_figure_is_drawn_per_month_as_its_daily_rate():
    figure = PublishedFigure("X", "KZ", "day", date(2025, 3, 5), date(2025, 3, 5), 2.0)
    assert figure.level("day") == 2.0 and figure.level("month") == pytest.approx(2.0 * 365.25 / 12)
    assert np.isclose(PublishedFigure("X", "KZ", "year", date(2024, 1, 1), date(2024, 12, 31), 366.0).level("day"), 1)
