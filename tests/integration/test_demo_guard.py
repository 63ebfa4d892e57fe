"""Defect 10 of issue 9: `sitcentre demo` ran against any database, adding thousands of synthetic incidents
with no audit row, even beside real users. It now refuses (exit 3, one line saying why and how to force) a
database that holds real accounts or incidents the demo loader did not make, and audits each load once."""

from __future__ import annotations

import json
import uuid

from sqlalchemy import func, select, text

from sitcentre.db.tables import IncidentRow
from sitcentre.db.uow import UnitOfWork
from sitcentre.domain.enums import Role
from sitcentre.domain.permissions import SYSTEM
from sitcentre.services.audit import verify_chain
from sitcentre.services.auth import ensure_demo_user
from sitcentre.services.demo import ensure_demo_data
from sitcentre.services.demo_guard import demo_refusal
from sitcentre.services.incidents import IncidentService
from tests.integration.helpers import ids, incident, utc
from tests.integration.people import add_user, audit_rows, test_settings
from tests.integration.test_cli import assert_fails_plainly, run_cli


def incident_count(engine) -> int:
    with UnitOfWork(engine) as uow:
        return uow.session.scalar(select(func.count()).select_from(IncidentRow))


def demo(tmp_path, db_url, *extra: str, incidents: int = 30, seed: int = 5):
    return run_cli(tmp_path, "--db", db_url, "demo", "--incidents", str(incidents), "--seed", str(seed), *extra)


def demo_loads(engine) -> list:
    return [r for r in audit_rows(engine) if r.entity == "demo_data"]


def record_real_incident(engine, tmp_path) -> None:
    posts, subs = ids(engine)
    IncidentService(engine, test_settings(tmp_path)).record(
        incident(posts["KG-KSU"], utc(2024, 3, 1, 10), (subs["heroin"], 2, "kg")), actor=SYSTEM)


# --- refused ----------------------------------------------------------------------------------------------------

def test_demo_is_refused_on_a_database_with_a_real_account(tmp_path, engine, db_url):
    add_user(engine, test_settings(tmp_path), "olga", Role.OPERATOR)
    line = assert_fails_plainly(demo(tmp_path, db_url), 3, "1 user account")
    assert "--force" in line
    assert incident_count(engine) == 0 and demo_loads(engine) == []


def test_demo_is_refused_on_a_database_with_an_incident_recorded_through_the_app(tmp_path, engine, db_url):
    record_real_incident(engine, tmp_path)
    line = assert_fails_plainly(demo(tmp_path, db_url), 3, "1 incident the demo loader did not make")
    assert "--force" in line
    assert incident_count(engine) == 1


def test_an_incident_written_by_another_program_after_a_demo_load_counts_as_real(tmp_path, engine, db_url):
    assert demo(tmp_path, db_url, incidents=20).returncode == 0
    posts, _ = ids(engine)
    with engine.begin() as conn:  # psql or sqlite3 behind the app's back: no audit row
        conn.execute(text("INSERT INTO incidents (id, post_id, occurred_at, reported_at, incident_type, direction, "
                          "transport_mode) VALUES (:id, :post, :at, :at, 'drug_seizure', 'entering', 'truck')"),
                     {"id": uuid.uuid4().hex if engine.dialect.name == "sqlite" else str(uuid.uuid4()),
                      "post": posts["KG-KSU"], "at": utc(2024, 3, 1, 10)})
    assert_fails_plainly(demo(tmp_path, db_url, incidents=20), 3, "1 incident the demo loader did not make")
    assert incident_count(engine) == 21


def test_a_demo_load_with_incidents_deleted_and_real_ones_recorded_instead_is_still_refused(tmp_path, engine):
    assert ensure_demo_data(engine, incidents=0) == 0  # reference data only
    from sitcentre.services.demo_guard import record_demo_load

    record_demo_load(engine, SYSTEM, 1, seed=1)  # as if one synthetic incident had been loaded, then deleted
    record_real_incident(engine, tmp_path)
    assert "did not make" in demo_refusal(engine)


# --- allowed ----------------------------------------------------------------------------------------------------

def test_force_loads_anyway_and_the_audit_entry_says_it_was_forced(tmp_path, engine, db_url):
    add_user(engine, test_settings(tmp_path), "olga", Role.OPERATOR)
    result = demo(tmp_path, db_url, "--force", incidents=25, seed=9)
    assert result.returncode == 0, result.stderr
    assert incident_count(engine) == 25
    [load] = demo_loads(engine)
    assert json.loads(load.after_json) == {"incidents": 25, "seed": 9, "forced": True}


def test_each_load_is_one_audit_entry_naming_who_ran_it_and_later_loads_are_allowed(tmp_path, empty_db_url,
                                                                                     backend):
    first, second = demo(tmp_path, empty_db_url, incidents=30, seed=5), demo(tmp_path, empty_db_url, incidents=10)
    assert first.returncode == 0, first.stderr
    assert second.returncode == 0, second.stderr
    from sitcentre.db.engine import make_engine

    engine = make_engine(empty_db_url, test_settings(tmp_path))
    try:
        loads = demo_loads(engine)
        assert [(r.action, json.loads(r.after_json)) for r in loads] == [
            ("import", {"incidents": 30, "seed": 5, "forced": False}),
            ("import", {"incidents": 10, "seed": 5, "forced": False})]
        assert all(r.username.startswith("cli:") and r.user_id is None for r in loads)
        assert incident_count(engine) == 40 and verify_chain(engine) is None
    finally:
        engine.dispose()


def test_a_database_with_only_the_demo_supervisor_takes_demo_data(tmp_path, engine, db_url):
    ensure_demo_user(engine)
    assert demo_refusal(engine) is None
    assert demo(tmp_path, db_url, incidents=15).returncode == 0
    assert incident_count(engine) == 15


def test_the_apps_demo_database_is_still_seeded_and_signed_in(engine):
    assert ensure_demo_data(engine, incidents=40) == 40
    assert ensure_demo_user(engine).demo
    assert incident_count(engine) == 40


def test_the_refusal_counts_the_accounts_in_plain_words(tmp_path, engine):
    for name in ("olga", "sam"):
        add_user(engine, test_settings(tmp_path), name, Role.OPERATOR)
    assert "2 user accounts" in demo_refusal(engine)
