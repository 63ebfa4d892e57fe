"""Hostile and careless input through IncidentService.record/update (issue 9, defects 2, 5 and 7).

Whatever is typed, pasted or sent by a script, the outcome is one of two, and the same on SQLite and on
PostgreSQL: the incident is saved (and reads back as given), or ValidationError lists its problems and
the database is exactly as before. Never a TypeError, DataError or OverflowError from underneath.
"""

from __future__ import annotations

import os
import uuid
from dataclasses import replace
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

import psycopg
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select
from sqlalchemy.engine import make_url

from sitcentre.db import migrate
from sitcentre.db.engine import make_engine
from sitcentre.db.tables import AuditRow, DailyIncidents, DailySeizures, IncidentRow, PostRow, SeizureLineRow
from sitcentre.db.uow import UnitOfWork
from sitcentre.domain.enums import Unit
from sitcentre.domain.permissions import Actor
from sitcentre.domain.records import Incident, SeizureLine, utcnow
from sitcentre.domain.validation import ValidationError
from sitcentre.repositories.incidents import IncidentRepository
from sitcentre.services.demo import seed_reference_data
from sitcentre.services.incidents import IncidentService
from sitcentre.settings import Settings, sqlite_url
from tests.integration.helpers import SETTINGS

from .helpers import ids

BASE = utcnow().replace(microsecond=0) - timedelta(days=1)


def snapshot(engine) -> dict:
    """Everything a refused save must leave as it was: rows, rollups, audit trail, posts' last report."""
    with UnitOfWork(engine) as uow:
        s = uow.session
        return {
            "incidents": s.scalar(select(func.count()).select_from(IncidentRow)),
            "lines": s.scalar(select(func.count()).select_from(SeizureLineRow)),
            "audit": s.scalar(select(func.count()).select_from(AuditRow)),
            "seizure_rollup": sorted(map(tuple, s.execute(select(DailySeizures.__table__)).all())),
            "incident_rollup": sorted(map(tuple, s.execute(select(DailyIncidents.__table__)).all())),
            "last_reports": s.execute(select(PostRow.id, PostRow.last_report_at).order_by(PostRow.id)).all(),
        }


def stored(engine, incident_id: uuid.UUID) -> Incident | None:
    with UnitOfWork(engine) as uow:
        return IncidentRepository(uow.session).get(incident_id)


def good(engine, **changes) -> Incident:
    """A heroin seizure at Dostuk that passes validation; tests change one thing at a time."""
    posts, subs = ids(engine)
    incident = Incident(post_id=posts["KG-DOS"], occurred_at=BASE, reported_at=BASE + timedelta(hours=1),
                        lines=(SeizureLine(subs["heroin"], 2.5, Unit.KG),), narrative="Two bags in the boot.")
    return replace(incident, **changes)


def line(engine, code: str, quantity, unit: Unit) -> tuple[SeizureLine, ...]:
    return (SeizureLine(ids(engine)[1][code], quantity, unit),)


# Each bad input of the issue, as (field the problem names, how to make it).
HOSTILE = {
    "naive occurred_at": ("occurred_at", lambda e: {"occurred_at": datetime(2026, 1, 5, 9, 0)}),
    "naive reported_at": ("reported_at", lambda e: {"reported_at": datetime(2026, 1, 5, 9, 0)}),
    "reported in 2062": ("reported_at", lambda e: {"reported_at": datetime(2062, 1, 1, tzinfo=UTC)}),
    "persons None": ("persons_detained", lambda e: {"persons_detained": None}),
    "persons 2^31": ("persons_detained", lambda e: {"persons_detained": 2**31}),
    "persons 1.5": ("persons_detained", lambda e: {"persons_detained": 1.5}),
    "transit of 65 characters": ("route_transit", lambda e: {"route_transit": "TJ, " * 16 + "U"}),
    "nationalities of 65 characters": ("detainee_nationalities", lambda e: {"detainee_nationalities": "A" * 65}),
    "departure of 3 letters": ("route_departure", lambda e: {"route_departure": "AFG"}),
    "NUL in the narrative": ("narrative", lambda e: {"narrative": "bag\x00seat"}),
    "NUL in the concealment": ("concealment", lambda e: {"concealment": "\x00"}),
    "1e17 kg": ("lines[0].quantity", lambda e: {"lines": line(e, "heroin", 1e17, Unit.KG)}),
    "1e308 tablets": ("lines[0].quantity", lambda e: {"lines": line(e, "tramadol", 1e308, Unit.TABLETS)}),
    "infinite grams": ("lines[0].quantity", lambda e: {"lines": line(e, "heroin", float("inf"), Unit.G)}),
    "post id 2^63": ("post_id", lambda e: {"post_id": 2**63}),
}


@pytest.mark.parametrize("case", list(HOSTILE))
def test_a_hostile_new_incident_is_refused_with_its_problem_and_nothing_is_written(engine, case):
    field, changes = HOSTILE[case]
    before = snapshot(engine)
    with pytest.raises(ValidationError) as refused:
        IncidentService(engine, SETTINGS).record(good(engine, **changes(engine)), actor=Actor.system_actor("script"))
    assert field in [p.field for p in refused.value.problems]
    assert snapshot(engine) == before


@pytest.mark.parametrize("case", list(HOSTILE))
def test_a_hostile_edit_is_refused_with_its_problem_and_the_saved_version_stays(engine, case):
    field, changes = HOSTILE[case]
    saved = IncidentService(engine, SETTINGS).record(good(engine), actor=Actor.system_actor("script"))
    before = snapshot(engine)
    with pytest.raises(ValidationError) as refused:
        IncidentService(engine, SETTINGS).update(replace(saved, **changes(engine)), actor=Actor.system_actor("script"))
    assert field in [p.field for p in refused.value.problems]
    assert snapshot(engine) == before
    assert stored(engine, saved.id) == saved


def test_the_largest_values_allowed_are_stored_and_read_back_exactly(engine):
    aware = datetime(2025, 6, 1, 23, 30, tzinfo=timezone(timedelta(hours=5)))
    incident = good(engine, occurred_at=aware, reported_at=aware, persons_detained=10_000,
                    route_transit="ж" * 64, detainee_nationalities="Ё" * 64, route_departure="AF",
                    narrative="Line one.\n\tLine two.", lines=line(engine, "heroin", 1_000_000, Unit.KG))
    saved = IncidentService(engine, SETTINGS).record(incident, actor=Actor.system_actor("script"))
    back = stored(engine, saved.id)
    assert back.occurred_at == aware and back.occurred_at.tzinfo is not None
    assert (back.persons_detained, back.route_transit, back.detainee_nationalities, back.narrative) == (
        10_000, "ж" * 64, "Ё" * 64, "Line one.\n\tLine two.")
    assert back.lines[0].kg_equivalent == 1_000_000


# --- generated: the same outcome on both databases ---------------------------------------------------------------


@pytest.fixture
def engines(tmp_path: Path, request) -> dict:
    """A migrated SQLite database, and a PostgreSQL one when the tests have a server; both seeded alike."""
    url = sqlite_url(tmp_path / "hostile.sqlite")
    sqlite = make_engine(url, Settings(data_dir=tmp_path))
    migrate.upgrade(sqlite)
    found = {"sqlite": sqlite}
    pg_url = os.environ.get("SITCENTRE_TEST_PG_URL")
    name = f"sc_test_{uuid.uuid4().hex[:12]}"
    admin = make_url(pg_url).set(drivername="postgresql").render_as_string(hide_password=False) if pg_url else ""
    if pg_url:
        template = request.getfixturevalue("pg_template")
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}" TEMPLATE "{template}"')
        found["postgresql"] = make_engine(make_url(admin).set(database=name).render_as_string(hide_password=False),
                                          Settings(data_dir=tmp_path))
    for engine in found.values():
        seed_reference_data(engine)
    numbered = [ids(engine) for engine in found.values()]
    assert all(n == numbered[0] for n in numbered), "posts and substances numbered alike"
    yield found
    for engine in found.values():
        engine.dispose()
    if pg_url:
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


ZONES = [UTC, timezone(timedelta(hours=5)), timezone(timedelta(hours=-11, minutes=-30)), ZoneInfo("Asia/Bishkek")]
HOSTILE_TIMES = st.one_of(
    st.none(),
    st.integers(-3 * 365 * 86_400, 60 * 86_400).map(lambda s: BASE + timedelta(seconds=s)),  # around now, aware
    st.datetimes(timezones=st.sampled_from(ZONES)),  # year 1 to 9999
    st.datetimes(timezones=st.none()),  # naive
    st.sampled_from(["2026-01-01 10:00", 0, 1.5]),
)
HOSTILE_NUMBERS = st.one_of(
    st.none(), st.booleans(), st.floats(), st.integers(-(2**70), 2**70), st.integers(0, 12_000),
    st.sampled_from([0, 10_000, 10_001, 2**31 - 1, 2**31, 2**63]),
)
HOSTILE_TEXTS = st.one_of(
    st.none(), st.text(max_size=80),  # any code point but surrogates: NUL, bells, C1 controls, emoji ...
    st.integers(0, 25_000).map(lambda n: "ж" * n), st.sampled_from(["", "\x00", "a\r\nb", "ж" * 65, 42]),
)
HOSTILE_COUNTRIES = st.one_of(st.none(), st.sampled_from(["", "af", "AFG", "\x00\x00", "ЖЖ"]), st.text(max_size=3))
HOSTILE_QUANTITIES = st.one_of(
    st.none(), st.floats(), st.integers(-10, 2**70), st.floats(1e-6, 1e9),
    st.sampled_from([1e17, 1e308, 1_000_000, 1_000_000.5, 100_000_000, 100_000_001, "12"]),
)
FINE_TEXTS = st.text(st.characters(exclude_categories=("Cc", "Cs")) | st.sampled_from("\n\t"), max_size=64)
FINE_LINES = {  # substance code -> a unit it takes and quantities within its bounds
    "heroin": (Unit.KG, st.floats(0.001, 1_000_000)),
    "opium": (Unit.G, st.floats(0.1, 1_000_000_000)),
    "tramadol": (Unit.TABLETS, st.integers(1, 100_000_000)),
    "acetic_anhydride": (Unit.LITRE, st.floats(0.001, 1_000_000)),
}
FIELDS = ("post_id", "occurred_at", "reported_at", "lines", "concealment", "route_departure", "route_transit",
          "route_destination", "persons_detained", "detainee_nationalities", "joint_operation", "narrative")


@st.composite
def hostile_incidents(draw, posts: dict[str, int], substances: dict[str, int]) -> Incident:
    """An incident with up to three fields hostile and the others valid (but varied), so both outcomes occur."""
    bad = draw(st.sets(st.sampled_from(FIELDS), max_size=3))

    def pick(name: str, fine, hostile):
        return draw(hostile if name in bad else fine)

    occurred = pick("occurred_at", st.integers(-3 * 365 * 86_400, 0).map(lambda s: BASE + timedelta(seconds=s)),
                    HOSTILE_TIMES)
    after = st.integers(0, 86_400).map(lambda s: (occurred if isinstance(occurred, datetime) and occurred.tzinfo
                                                  else BASE) + timedelta(seconds=s))
    return Incident(
        post_id=pick("post_id", st.sampled_from(sorted(posts.values())), HOSTILE_NUMBERS),
        occurred_at=occurred, reported_at=pick("reported_at", st.none() | after, HOSTILE_TIMES),
        lines=pick("lines", st.lists(fine_line(substances), min_size=1, max_size=3).map(tuple),
                   st.lists(hostile_line(substances), max_size=3).map(tuple)),
        concealment=pick("concealment", FINE_TEXTS, HOSTILE_TEXTS),
        route_departure=pick("route_departure", st.sampled_from([None, "AF", "RU"]), HOSTILE_COUNTRIES),
        route_transit=pick("route_transit", FINE_TEXTS, HOSTILE_TEXTS),
        route_destination=pick("route_destination", st.sampled_from([None, "KZ", "IR"]), HOSTILE_COUNTRIES),
        persons_detained=pick("persons_detained", st.integers(0, 10_000), HOSTILE_NUMBERS),
        detainee_nationalities=pick("detainee_nationalities", FINE_TEXTS, HOSTILE_TEXTS),
        joint_operation=pick("joint_operation", FINE_TEXTS, HOSTILE_TEXTS),
        narrative=pick("narrative", FINE_TEXTS, HOSTILE_TEXTS),
    )


def fine_line(substances: dict[str, int]):
    code = st.sampled_from(sorted(FINE_LINES))
    return code.flatmap(lambda c: FINE_LINES[c][1].map(lambda q: SeizureLine(substances[c], q, FINE_LINES[c][0])))


def hostile_line(substances: dict[str, int]):
    return st.builds(SeizureLine, st.sampled_from(sorted(substances.values())) | st.integers(-5, 2**40),
                     HOSTILE_QUANTITIES, st.sampled_from(list(Unit)))


def outcome(engine, incident: Incident) -> tuple:
    """("saved", what reads back) or ("refused", the fields named); the database unchanged when refused."""
    before = snapshot(engine)
    try:
        IncidentService(engine, SETTINGS).record(incident, actor=Actor.system_actor("fuzz"))
    except ValidationError as refused:
        assert refused.problems, "a refusal names at least one problem"
        assert snapshot(engine) == before, "a refused incident left something behind"
        return "refused", tuple(sorted({p.field for p in refused.problems}))
    back = stored(engine, incident.id)
    reported = back.reported_at if incident.reported_at is not None else "when saved"  # filled in by the save
    return "saved", (back.occurred_at, reported, back.persons_detained, back.concealment, back.narrative,
                     back.route_transit, back.detainee_nationalities, back.joint_operation, back.route_departure,
                     tuple(sorted((ln.quantity, ln.kg_equivalent) for ln in back.lines)))


def test_hostile_incidents_are_saved_or_refused_alike_on_both_databases_never_crashing(engines):
    posts, subs = ids(engines["sqlite"])
    seen = []

    @settings(max_examples=60, deadline=None,
              suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                                     HealthCheck.data_too_large, HealthCheck.large_base_example])
    @given(hostile_incidents(posts, subs))
    def same_everywhere(incident: Incident) -> None:
        results = {name: outcome(engine, incident) for name, engine in engines.items()}
        assert len(set(results.values())) == 1, results
        kind, detail = results["sqlite"]
        seen.append(kind)
        if kind == "saved":
            assert detail[0] == incident.occurred_at and detail[2] == incident.persons_detained
            assert detail[3:9] == (incident.concealment, incident.narrative, incident.route_transit,
                                   incident.detainee_nationalities, incident.joint_operation, incident.route_departure)

    same_everywhere()
    assert {"saved", "refused"} <= set(seen), "the generator should produce both outcomes"


def test_an_incident_saved_without_a_report_time_is_never_reported_before_it_happened(engine):
    occurred = utcnow() + timedelta(minutes=5)  # a post's clock a little ahead: within the tolerated skew
    saved = IncidentService(engine, SETTINGS).record(good(engine, occurred_at=occurred, reported_at=None),
                                                     actor=Actor.system_actor("script"))
    assert stored(engine, saved.id).reported_at >= occurred
