"""Demo data on both backends: the programme's reference data, and synthetic incidents that are
reproducible by seed and leave totals and rollups exactly as the triggers would keep them."""

from __future__ import annotations

import hashlib
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select, text

from sitcentre.db import migrate
from sitcentre.db.engine import make_engine
from sitcentre.db.tables import CountryRow, IncidentRow, PostRow, SeizureLineRow, SubstanceRow
from sitcentre.db.uow import UnitOfWork
from sitcentre.domain.records import border_of, local_date
from sitcentre.services.demo import ensure_demo_data, seed_incidents, seed_reference_data
from sitcentre.services.maintenance import check
from sitcentre.settings import Settings, sqlite_url

END = datetime(2026, 6, 30, 18, 0, tzinfo=UTC)
COUNT = 400
FIVE_YEARS = timedelta(days=int(365.25 * 5))


@pytest.fixture
def seeded(engine):
    """The reference data plus COUNT incidents ending at END."""
    assert seed_incidents(engine, COUNT, seed=7, end=END) == COUNT
    return engine


@pytest.fixture
def other_engine(backend: str, tmp_path: Path, request):
    """A second migrated database of the same backend, empty of data."""
    if backend == "sqlite":
        url = sqlite_url(tmp_path / "other.sqlite")
    else:
        url = request.getfixturevalue("pg_empty_url")
    eng = make_engine(url, Settings(data_dir=tmp_path))
    migrate.upgrade(eng)
    yield eng
    eng.dispose()


def scalar(engine, sql: str):
    with engine.connect() as conn:
        return conn.execute(text(sql)).scalar()


def fingerprint(engine) -> str:
    """A hash over every incident and seizure line a reproducible seed must reproduce."""
    with engine.connect() as conn:
        incidents = conn.execute(select(IncidentRow.id, IncidentRow.occurred_at, IncidentRow.post_id,
                                        IncidentRow.incident_type, IncidentRow.status, IncidentRow.total_kg)
                                 .order_by(IncidentRow.id)).all()
        lines = conn.execute(select(SeizureLineRow.id, SeizureLineRow.incident_id, SeizureLineRow.substance_id,
                                    SeizureLineRow.quantity, SeizureLineRow.unit, SeizureLineRow.kg_equivalent)
                             .order_by(SeizureLineRow.id)).all()
    assert incidents, "nothing to fingerprint"
    text_form = repr([(*row[:-1], round(row[-1], 9)) for row in incidents + lines])
    return hashlib.sha256(text_form.encode()).hexdigest()


# --- reference data -----------------------------------------------------------------------------------------


def test_the_six_countries_of_the_programme_are_there_with_their_utc_offsets(engine):
    with engine.connect() as conn:
        countries = dict(conn.execute(select(CountryRow.code, CountryRow.utc_offset_minutes)).all())
    assert countries == {"KZ": 300, "KG": 360, "TJ": 300, "TM": 300, "UZ": 300, "AF": 270}


def test_the_fifteen_blos_sit_on_the_borders_the_programme_names(engine):
    with engine.connect() as conn:
        borders = Counter(conn.execute(select(PostRow.border)).scalars())
    assert borders == {"KG-KZ": 2, "TJ-UZ": 4, "KG-TJ": 4, "KG-UZ": 2, "AF-UZ": 1, "AF-TJ": 2}
    assert sum(borders.values()) == 15


def test_one_blo_is_at_kordai_on_the_kazakh_kyrgyz_border(engine):
    with engine.connect() as conn:
        kordai = conn.execute(select(PostRow).where(PostRow.crossing == "Kordai")).one()
    assert kordai.border == "KG-KZ"
    assert {kordai.country_code, kordai.counterpart_country_code} == {"KZ", "KG"}


def test_each_post_lies_on_its_own_border_in_its_country_time_zone(engine):
    with engine.connect() as conn:
        offsets = dict(conn.execute(select(CountryRow.code, CountryRow.utc_offset_minutes)).all())
        posts = conn.execute(select(PostRow)).all()
    assert len({p.code for p in posts}) == 15
    for post in posts:
        assert post.border == border_of(post.country_code, post.counterpart_country_code), post.code
        assert post.country_code != post.counterpart_country_code, post.code
        assert post.utc_offset_minutes == offsets[post.country_code], post.code
        assert 35 < post.latitude < 45 and 65 < post.longitude < 81, post.code


def test_substances_include_heroin_tramadol_by_the_tablet_and_acetic_anhydride_by_the_litre(engine):
    with UnitOfWork(engine) as uow:
        subs = {s.code: (s.group, s.default_unit, s.mass_per_tablet_mg)
                for s in uow.session.scalars(select(SubstanceRow))}
    assert len(subs) == 13
    assert subs["heroin"][:2] == ("opiates", "kg")
    assert subs["tramadol"][:2] == ("pharmaceuticals", "tablets")
    assert 90 <= subs["tramadol"][2] <= 300
    assert subs["acetic_anhydride"][:2] == ("precursors", "l")
    assert all(mg for _, unit, mg in subs.values() if unit == "tablets")


def test_seeding_reference_data_again_adds_nothing(engine):
    seed_reference_data(engine)
    with engine.connect() as conn:
        counts = [conn.scalar(select(func.count()).select_from(t)) for t in (CountryRow, PostRow, SubstanceRow)]
    assert counts == [6, 15, 13]


# --- incidents ----------------------------------------------------------------------------------------------


def test_the_same_seed_and_end_give_the_same_rows(seeded, other_engine):
    seed_incidents(other_engine, COUNT, seed=7, end=END)
    assert fingerprint(other_engine) == fingerprint(seeded)


def test_another_seed_gives_other_rows(seeded, other_engine):
    seed_incidents(other_engine, COUNT, seed=8, end=END)
    assert fingerprint(other_engine) != fingerprint(seeded)


def test_incidents_spread_over_the_five_years_before_the_end(seeded):
    with seeded.connect() as conn:
        first, last = conn.execute(select(func.min(IncidentRow.occurred_at), func.max(IncidentRow.occurred_at))).one()
        times = conn.execute(select(IncidentRow.occurred_at)).scalars().all()
    assert last <= END
    assert first >= END - FIVE_YEARS - timedelta(days=1)
    assert last - first > timedelta(days=365 * 4.5)
    per_year = Counter(min(int((END - t) / timedelta(days=365.25)), 4) for t in times)
    assert sorted(per_year) == [0, 1, 2, 3, 4]
    assert min(per_year.values()) > COUNT / 10  # no year is nearly empty


def test_every_incident_total_equals_the_sum_of_its_seizure_lines(seeded):
    mismatches = scalar(seeded, """
        SELECT count(*) FROM (
          SELECT i.id FROM incidents i LEFT JOIN seizure_lines l ON l.incident_id = i.id
          GROUP BY i.id, i.total_kg
          HAVING abs(i.total_kg - coalesce(sum(l.kg_equivalent), 0)) > 1e-9
        ) bad""")
    assert scalar(seeded, "SELECT count(*) FROM seizure_lines") > COUNT / 2
    assert scalar(seeded, "SELECT count(*) FROM incidents WHERE total_kg > 0") > COUNT / 2
    assert mismatches == 0


def test_every_drug_or_precursor_seizure_has_a_line_and_other_incidents_have_none(seeded):
    assert scalar(seeded, """
        SELECT count(*) FROM incidents i WHERE i.incident_type IN ('drug_seizure', 'precursor_seizure')
        AND NOT EXISTS (SELECT 1 FROM seizure_lines l WHERE l.incident_id = i.id)""") == 0
    assert scalar(seeded, """
        SELECT count(*) FROM incidents i WHERE i.incident_type NOT IN ('drug_seizure', 'precursor_seizure')
        AND EXISTS (SELECT 1 FROM seizure_lines l WHERE l.incident_id = i.id)""") == 0


def test_seizure_lines_keep_the_unit_as_recorded_and_show_the_conversion(seeded):
    with seeded.connect() as conn:
        rows = conn.execute(select(SubstanceRow.code, SubstanceRow.mass_per_tablet_mg, SeizureLineRow.quantity,
                                   SeizureLineRow.unit, SeizureLineRow.kg_equivalent, SeizureLineRow.conversion)
                            .join(SubstanceRow, SubstanceRow.id == SeizureLineRow.substance_id)).all()
    units = {(r.code, r.unit) for r in rows}
    assert {("heroin", "kg"), ("tramadol", "tablets"), ("acetic_anhydride", "l")} <= units
    for row in rows:
        if row.unit == "tablets":
            assert row.kg_equivalent == pytest.approx(row.quantity * row.mass_per_tablet_mg / 1e6)
            assert f"x {row.mass_per_tablet_mg:g} mg" in row.conversion
        elif row.unit == "g":
            assert row.kg_equivalent == pytest.approx(row.quantity / 1000)
        else:
            assert row.kg_equivalent == pytest.approx(row.quantity)  # kg, and litres counted as kg
        assert row.conversion, "the conversion must be visible"


def test_the_local_day_of_each_incident_is_its_posts_calendar_day(seeded):
    with seeded.connect() as conn:
        rows = conn.execute(select(IncidentRow.occurred_at, IncidentRow.local_date, PostRow.utc_offset_minutes)
                            .join(PostRow, PostRow.id == IncidentRow.post_id)).all()
    assert len(rows) == COUNT
    wrong = [r for r in rows if r.local_date != local_date(r.occurred_at, r.utc_offset_minutes)]
    assert wrong == []


def test_each_post_last_report_is_its_latest_reported_incident(seeded):
    with seeded.connect() as conn:
        latest = dict(conn.execute(select(IncidentRow.post_id, func.max(IncidentRow.reported_at))
                                   .group_by(IncidentRow.post_id)).all())
        shown = dict(conn.execute(select(PostRow.id, PostRow.last_report_at)).all())
    assert latest, "no incidents"
    assert {post: shown[post] for post in latest} == latest


def test_the_quiet_demo_post_has_reported_nothing_for_the_last_days(seeded):
    with seeded.connect() as conn:
        last = conn.execute(select(func.max(IncidentRow.occurred_at)).join(PostRow, PostRow.id == IncidentRow.post_id)
                            .where(PostRow.code == "TJ-ISH")).scalar()
    assert last is not None and last < END - timedelta(days=3)


def test_the_daily_rollups_equal_a_fresh_aggregate(seeded):
    report = check(seeded)
    assert report.rollups_ok is True and report.ok
    assert scalar(seeded, "SELECT sum(incidents) FROM daily_incidents") == COUNT
    lines = scalar(seeded, "SELECT count(*) FROM seizure_lines")
    assert scalar(seeded, "SELECT sum(lines) FROM daily_seizures") == lines


def test_the_rollup_check_notices_a_rollup_that_disagrees(seeded):
    with seeded.begin() as conn:
        conn.execute(text("UPDATE daily_seizures SET kg_mg = kg_mg * 2"))
    assert check(seeded).rollups_ok is False


def test_ensure_demo_data_seeds_an_empty_database_only_once(other_engine):
    assert ensure_demo_data(other_engine, incidents=60, seed=2) == 60
    assert ensure_demo_data(other_engine, incidents=60, seed=2) == 0
    assert scalar(other_engine, "SELECT count(*) FROM incidents") == 60
    assert scalar(other_engine, "SELECT count(*) FROM posts") == 15


def test_ensure_demo_data_leaves_a_database_with_incidents_alone(seeded):
    assert ensure_demo_data(seeded, incidents=60, seed=2) == 0
    assert scalar(seeded, "SELECT count(*) FROM incidents") == COUNT
