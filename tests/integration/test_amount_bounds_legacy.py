"""An incident holding an out-of-range seizure line written before migration 0005 (1e17 kg, possible then)
can still be reviewed, moved and corrected after the upgrade, on SQLite and PostgreSQL alike; the amount
bound still refuses new absurd amounts (issue 9, defect 5, reviewer's follow-up).

The incident triggers copy the incident's day, post and status onto its lines. A CHECK that PostgreSQL
applies to every updated row (NOT VALID only spares the rows already there from the upgrade) refused those
copies; SQLite skips a CHECK whose columns an UPDATE does not set. The bound now applies, on both, when a
statement writes the quantity or the kg-equivalent.
"""

from __future__ import annotations

import uuid
from dataclasses import replace

import pytest
import sqlalchemy.exc
from sqlalchemy import text

from sitcentre.db import migrate
from sitcentre.db.engine import make_engine
from sitcentre.db.uow import UnitOfWork
from sitcentre.domain.enums import IncidentStatus
from sitcentre.domain.permissions import Actor
from sitcentre.domain.validation import ValidationError
from sitcentre.repositories.incidents import IncidentRepository
from sitcentre.services import maintenance
from sitcentre.services.demo import seed_reference_data
from sitcentre.services.incidents import IncidentService
from sitcentre.services.verification import VerificationService
from sitcentre.settings import Settings
from tests.integration.helpers import SETTINGS

from .helpers import ids, uuid_param

HUGE = 1e17  # kg: above the 0005 bound (1e8 kg), stored by a raw writer before 0005
ACTOR = Actor.system_actor("supervisor")


def _raw(engine, sql: str, **params) -> None:
    with engine.begin() as conn:
        conn.execute(text(sql), params)


def _legacy_incident(engine, post_id: int, substance_id: int, day: int) -> uuid.UUID:
    """An incident with a 1e17 kg line and a 2 kg line, as a raw writer could store them at schema 0004."""
    incident_id = uuid.uuid4()
    _raw(engine, "INSERT INTO incidents (id, post_id, occurred_at, reported_at, incident_type, direction, "
         "transport_mode) VALUES (:id, :post, :at, :at, 'drug_seizure', 'entering', 'truck')",
         id=uuid_param(engine, incident_id), post=post_id, at=f"2025-04-{day:02d} 08:00:00")
    for quantity in (HUGE, 2.0):
        _raw(engine, "INSERT INTO seizure_lines (id, incident_id, substance_id, quantity, unit, kg_equivalent) "
             "VALUES (:id, :inc, :sub, :q, 'kg', :q)", id=uuid_param(engine, uuid.uuid4()),
             inc=uuid_param(engine, incident_id), sub=substance_id, q=quantity)
    return incident_id


@pytest.fixture
def legacy(empty_db_url, tmp_path):
    """A database at head whose two incidents got their 1e17 kg lines at 0004; (engine, ids, posts)."""
    engine = make_engine(empty_db_url, Settings(data_dir=tmp_path))
    migrate.upgrade(engine, backup=False)
    seed_reference_data(engine)  # at head (the ORM's shape), then down to 0004 for the raw writer
    migrate.downgrade(engine, "0004")
    posts, subs = ids(engine)
    made = [_legacy_incident(engine, posts["UZ-TER"], subs["heroin"], day) for day in (5, 6)]
    migrate.upgrade(engine, backup=False)
    yield engine, made, posts
    engine.dispose()


def _get(engine, incident_id):
    with UnitOfWork(engine) as uow:
        return IncidentRepository(uow.session).get(incident_id)


def _corrected(incident, post_id: int):
    lines = tuple(replace(line, quantity=3.0) if line.quantity == HUGE else line for line in incident.lines)
    return replace(incident, post_id=post_id, lines=lines)


def test_an_incident_with_an_old_out_of_range_line_can_be_verified_rejected_and_reopened(legacy):
    engine, (old, _), _ = legacy
    review = VerificationService(engine, SETTINGS)
    assert review.verify(old, actor=ACTOR).status == IncidentStatus.VERIFIED
    assert review.reopen(old, actor=ACTOR).status == IncidentStatus.REPORTED
    assert review.reject(old, "counted twice", actor=ACTOR).status == IncidentStatus.REJECTED
    with engine.connect() as conn:
        statuses = conn.execute(text("SELECT status FROM seizure_lines WHERE incident_id = :i"),
                                {"i": uuid_param(engine, old)}).scalars().all()
    assert statuses == ["rejected", "rejected"]
    assert maintenance.check(engine).ok


def test_an_incident_with_an_old_out_of_range_line_can_be_moved_and_corrected(legacy):
    engine, (old, other), posts = legacy
    _raw(engine, "UPDATE incidents SET post_id = :p WHERE id = :i", p=posts["UZ-OYB"], i=uuid_param(engine, old))
    moved_back = IncidentService(engine, SETTINGS).update(_corrected(_get(engine, old), posts["UZ-TER"]),
                                                          actor=Actor.system_actor("sv"))
    assert moved_back.post_id == posts["UZ-TER"] and moved_back.total_kg == pytest.approx(5.0)
    corrected = IncidentService(engine, SETTINGS).update(_corrected(_get(engine, other), posts["UZ-TER"]),
                                                         actor=Actor.system_actor("sv"))
    assert sorted(line.quantity for line in corrected.lines) == [2.0, 3.0]
    assert maintenance.check(engine).ok


def test_moving_it_without_correcting_the_line_is_refused_in_the_operators_words_on_both_databases(legacy):
    """The service judges every line of an edit by the domain's limits: the operator is asked to correct the
    line (no database error), alike on SQLite and PostgreSQL, and nothing is changed."""
    engine, (old, _), posts = legacy
    before = _get(engine, old)
    with pytest.raises(ValidationError, match="cannot be more than 1,000,000 kg"):
        IncidentService(engine, SETTINGS).update(replace(before, post_id=posts["UZ-OYB"]),
                                                 actor=Actor.system_actor("sv"))
    assert _get(engine, old) == before


@pytest.mark.parametrize("sql", [
    "INSERT INTO seizure_lines (id, incident_id, substance_id, quantity, unit, kg_equivalent) "
    "SELECT :new, incident_id, substance_id, 1e308, 'tablets', 1e308 FROM seizure_lines WHERE id = :line",
    "UPDATE seizure_lines SET quantity = 1e308, kg_equivalent = 1e308 WHERE id = :line",
    "UPDATE seizure_lines SET quantity = quantity WHERE id = :huge",  # writing it again: SQLite refuses too
], ids=["insert", "update", "rewrite-old-line"])
def test_the_amount_bound_still_refuses_an_absurd_amount_after_the_upgrade(legacy, sql):
    engine, (old, _), _ = legacy
    with engine.connect() as conn:
        lines = dict(conn.execute(text("SELECT quantity, id FROM seizure_lines WHERE incident_id = :i"),
                                  {"i": uuid_param(engine, old)}).all())
    with pytest.raises(sqlalchemy.exc.IntegrityError, match="ck_seizure_lines_amount"):
        _raw(engine, sql, new=uuid_param(engine, uuid.uuid4()), line=lines[2.0], huge=lines[HUGE])


def test_the_upgraded_database_with_old_lines_downgrades_and_upgrades_again(legacy):
    engine, (old, _), _ = legacy
    VerificationService(engine, SETTINGS).verify(old, actor=ACTOR)
    migrate.downgrade(engine, "0004")
    assert migrate.current_revision(engine) == "0004"
    migrate.upgrade(engine, backup=False)
    assert migrate.current_revision(engine) == migrate.head_revision()
    assert maintenance.check(engine).ok
