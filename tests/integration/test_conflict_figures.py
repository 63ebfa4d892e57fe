"""Verified-only figures leave out verified incidents with an open hard conflict and say how many (issue 12,
item 6): the chart series and breakdown, the brief's numbers, chart and largest seizures, and the brief PDF's
note; counted again once resolved; a parallel flag or a reported incident in conflict changes nothing.
SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import date

import pytest
from pypdf import PdfReader
from sqlalchemy import update

from sitcentre.db.tables import ConflictRow
from sitcentre.db.uow import UnitOfWork
from sitcentre.domain.charts import ChartQuery
from sitcentre.domain.enums import IncidentStatus, Role
from sitcentre.domain.permissions import SYSTEM
from sitcentre.domain.series import SeriesRequest
from sitcentre.repositories.stats import StatsRepository
from sitcentre.services import conflicts
from sitcentre.services.brief import build_brief
from sitcentre.services.brief_pdf import export_brief
from sitcentre.services.charts import ChartService
from sitcentre.services.maintenance import _rollups_match
from tests.integration.conflict_world import head, open_conflict, post_version, record
from tests.integration.helpers import SETTINGS, utc
from tests.integration.people import add_user

DAY = date(2026, 11, 20)  # Kordai is UTC+5: 08:00 UTC is that local day
NOW = utc(2026, 11, 25, 12)
V = IncidentStatus.VERIFIED


@pytest.fixture
def world(engine):
    """Three verified incidents on DAY (12, 5 and 2 kg of heroin) and a reported one (7 kg); the 12 kg one has
    an open conflict with the post's version."""
    in_conflict = record(engine, status=V, kg=12, persons_detained=4)
    record(engine, status=V, kg=5, persons_detained=1)
    record(engine, status=V, kg=2)
    reported = record(engine, kg=7)
    base = head(engine, in_conflict.id)
    post = post_version(engine, in_conflict.id, base, narrative="the post's account")
    conflict_id = open_conflict(engine, in_conflict.id, "conflict", base, [base, post], ["narrative"])
    return engine, in_conflict, reported, conflict_id


def kg(engine, verified_only: bool, split: str = "none") -> tuple[float, int]:
    req = SeriesRequest(DAY, DAY, split=split, verified_only=verified_only)
    with UnitOfWork(engine) as uow:
        stats = StatsRepository(uow.session)
        return float(stats.series(req).total().sum()), stats.left_out(req)


def test_verified_only_series_leave_out_an_incident_in_conflict_and_count_it(world):
    engine, *_ = world
    assert kg(engine, verified_only=True) == (pytest.approx(7.0), 1)
    assert kg(engine, verified_only=True, split="substance") == (pytest.approx(7.0), 1)
    assert kg(engine, verified_only=False) == (pytest.approx(26.0), 0), "reported and verified: all counted"
    req = SeriesRequest(DAY, DAY, split="none", metric="incidents", verified_only=True)
    with UnitOfWork(engine) as uow:
        assert StatsRepository(uow.session).series(req).total().sum() == 2
    assert _rollups_match(engine), "the rollups themselves are untouched"


def test_the_chart_data_and_its_breakdown_leave_it_out_and_say_how_many(world):
    engine, *_ = world
    load = ChartService(engine, SETTINGS).load
    data = load(ChartQuery(DAY, DAY, split="post", verified_only=True, now=NOW), actor=SYSTEM)
    assert data.in_conflict_left_out == 1
    assert data.series.total().sum() == pytest.approx(7.0)
    assert data.breakdown.current.kg == pytest.approx(7.0) and data.breakdown.current.lines == 2
    assert data.breakdown.by_post.values.sum() == pytest.approx(7.0)
    counted = load(ChartQuery(DAY, DAY, split="post", metric="incidents", verified_only=True, now=NOW), actor=SYSTEM)
    assert counted.breakdown.current.incidents == 2 and counted.series.total().sum() == 2
    everything = load(ChartQuery(DAY, DAY, split="post", now=NOW), actor=SYSTEM)
    assert everything.in_conflict_left_out == 0 and everything.breakdown.current.kg == pytest.approx(26.0)
    other_days = load(ChartQuery(date(2026, 10, 1), date(2026, 10, 31), verified_only=True, now=NOW), actor=SYSTEM)
    assert other_days.in_conflict_left_out == 0, "only the incidents of the chosen days are counted as left out"


def test_the_brief_leaves_it_out_of_the_numbers_chart_and_largest_seizures_and_says_so(world, tmp_path):
    engine, in_conflict, *_ = world
    brief = build_brief(engine, DAY, verified_only=True, now=NOW)
    assert brief.in_conflict_left_out == 1
    assert brief.headline("kg").day == pytest.approx(7.0)
    assert brief.headline("incidents").day == 2
    assert brief.headline("persons").day == 1
    assert brief.chart.total().sum() == pytest.approx(7.0)
    assert sorted(s.kg for s in brief.largest) == [pytest.approx(2.0), pytest.approx(5.0)]
    assert in_conflict.id in {r.id for r in brief.incidents}, "the day's table still lists it"
    full = build_brief(engine, DAY, verified_only=False, now=NOW)
    assert full.in_conflict_left_out == 0 and full.headline("kg").day == pytest.approx(26.0)
    text = " ".join("\n".join(p.extract_text() for p in PdfReader(
        export_brief(engine, DAY, tmp_path / "v.pdf", verified_only=True, now=NOW, actor=SYSTEM,
                     settings=SETTINGS).path).pages).split())
    assert "Incidents in conflict, not counted: 1" in " ".join(text.split())
    plain = " ".join("\n".join(p.extract_text() for p in PdfReader(
        export_brief(engine, DAY, tmp_path / "all.pdf", now=NOW, actor=SYSTEM, settings=SETTINGS).path).pages).split())
    assert "in conflict" not in plain


def test_once_resolved_it_is_counted_again(world):
    engine, in_conflict, _, conflict_id = world
    conflicts.resolve(engine, SETTINGS, conflict_id, "centre", actor=add_user(engine, SETTINGS, "sam", Role.SUPERVISOR))
    assert kg(engine, verified_only=True) == (pytest.approx(19.0), 0)
    assert build_brief(engine, DAY, verified_only=True, now=NOW).in_conflict_left_out == 0


def test_a_parallel_flag_or_a_reported_incident_in_conflict_leaves_nothing_out(world):
    engine, in_conflict, reported, conflict_id = world
    with UnitOfWork(engine, write=True) as uow:  # the same rows, but only a parallel-edit flag
        uow.session.execute(update(ConflictRow).where(ConflictRow.id == conflict_id).values(kind="parallel"))
        uow.commit()
    assert kg(engine, verified_only=True) == (pytest.approx(19.0), 0)
    base = head(engine, reported.id)
    post = post_version(engine, reported.id, base, narrative="other words")
    open_conflict(engine, reported.id, "conflict", base, [base, post], ["narrative"])
    assert kg(engine, verified_only=True) == (pytest.approx(19.0), 0), "reported incidents are not in these figures"
    assert kg(engine, verified_only=False) == (pytest.approx(26.0), 0)
