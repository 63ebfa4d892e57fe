"""The checks the fault tests rely on do find the damage they are there for (so a pass after a kill means
something): a lost acknowledged write, a half-written incident, a wrong rollup, a change without its audit row."""

from __future__ import annotations

import random

import pytest
from sqlalchemy import text

from sitcentre.domain.permissions import Actor
from sitcentre.services.incidents import IncidentService
from tests.faults.child import new_incident
from tests.faults.harness import (
    Run,
    assert_acknowledged_writes_present,
    assert_consistent,
    assert_every_change_audited,
)
from tests.integration.helpers import SETTINGS, uuid_param

# The checks read both dialects alike; SQLite keeps this file to a second or two (PostgreSQL runs them in
# test_concurrent_writers).
pytestmark = pytest.mark.parametrize("backend", ["sqlite"])


@pytest.fixture
def written(engine) -> tuple[Run, list]:
    """Three incidents recorded through the service, acknowledged as the child would print them."""
    rng, service = random.Random(11), IncidentService(engine, SETTINGS)
    saved = [service.record(new_incident(rng), actor=Actor.system_actor("fault-test")) for _ in range(3)]
    run = Run(lines=[f"ack record {s.id.hex} {len(s.lines)} {s.version}" for s in saved])
    assert_consistent(engine)
    assert_acknowledged_writes_present(engine, [run])
    assert_every_change_audited(engine)
    return run, saved


def _raw(engine, sql: str, **params) -> None:
    with engine.begin() as conn:
        conn.execute(text(sql), params)


def test_a_lost_acknowledged_write_is_found(engine, written):
    run, saved = written
    _raw(engine, "DELETE FROM incidents WHERE id = :id", id=uuid_param(engine, saved[1].id))
    with pytest.raises(AssertionError, match="lost"):
        assert_acknowledged_writes_present(engine, [run])


def test_an_incident_missing_its_lines_is_found(engine, written):
    run, saved = written
    _raw(engine, "DELETE FROM seizure_lines WHERE incident_id = :id", id=uuid_param(engine, saved[0].id))
    with pytest.raises(AssertionError):
        assert_acknowledged_writes_present(engine, [run])


def test_a_rollup_that_disagrees_with_the_incidents_is_found(engine, written):
    _raw(engine, "UPDATE daily_incidents SET incidents = incidents + 1")
    with pytest.raises(AssertionError):
        assert_consistent(engine)


def test_a_change_without_its_audit_row_is_found(engine, written):
    _run, saved = written
    _raw(engine, "UPDATE incidents SET version = version + 1 WHERE id = :id", id=uuid_param(engine, saved[2].id))
    with pytest.raises(AssertionError):
        assert_every_change_audited(engine)
