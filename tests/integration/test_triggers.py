"""Database triggers: change_log, local dates, incident totals and rollups, also for raw SQL writes."""

from __future__ import annotations

import uuid

import pytest
from sqlalchemy import text

from sitcentre.db.uow import UnitOfWork
from sitcentre.domain.enums import IncidentStatus, Unit
from sitcentre.domain.permissions import SYSTEM
from sitcentre.repositories.changes import ChangeRepository
from sitcentre.services.incidents import IncidentService
from sitcentre.services.maintenance import _rollups_match
from tests.integration.helpers import SETTINGS

from .helpers import ids, incident, utc


def _uuid_param(engine, value: uuid.UUID):
    """How a UUID is written by a raw SQL client: 32 hex digits on SQLite, native on PostgreSQL."""
    return value.hex if engine.dialect.name == "sqlite" else str(value)


def _raw_insert_incident(engine, post_id: int, occurred: str) -> uuid.UUID:
    new = uuid.uuid4()
    with engine.begin() as conn:
        conn.execute(text(
            "INSERT INTO incidents (id, post_id, occurred_at, reported_at, incident_type, direction, transport_mode) "
            "VALUES (:id, :post, :at, :at, 'drug_seizure', 'entering', 'truck')"
        ), {"id": _uuid_param(engine, new), "post": post_id, "at": occurred})
    return new


def _raw_insert_line(engine, incident_id: uuid.UUID, substance_id: int, kg: float) -> uuid.UUID:
    new = uuid.uuid4()
    with engine.begin() as conn:
        conn.execute(text(
            "INSERT INTO seizure_lines (id, incident_id, substance_id, quantity, unit, kg_equivalent) "
            "VALUES (:id, :inc, :sub, :kg, 'kg', :kg)"
        ), {"id": _uuid_param(engine, new), "inc": _uuid_param(engine, incident_id), "sub": substance_id, "kg": kg})
    return new


def _scalar(engine, sql: str, **params):
    with engine.connect() as conn:
        return conn.execute(text(sql), params).scalar()


def test_a_raw_sql_insert_lands_in_the_change_log(engine):
    posts, _ = ids(engine)
    with UnitOfWork(engine) as uow:
        before = ChangeRepository(uow.session).latest_seq()
    new = _raw_insert_incident(engine, posts["KZ-KOR"], "2025-03-01 10:00:00")
    with UnitOfWork(engine) as uow:
        batch = ChangeRepository(uow.session).since(before)
    entries = [(c.table, c.row_id, c.op.value) for c in batch.changes]
    assert ("incidents", new.hex, "I") in entries
    assert batch.last_seq > before and not batch.truncated


def test_updates_and_deletes_of_watched_tables_are_logged_in_order(engine):
    posts, _ = ids(engine)
    new = _raw_insert_incident(engine, posts["KZ-KOR"], "2025-03-01 10:00:00")
    _raw_insert_incident(engine, posts["KZ-KOR"], "2025-03-02 10:00:00")  # the post's last report stays put
    with UnitOfWork(engine) as uow:
        start = ChangeRepository(uow.session).latest_seq()
    with engine.begin() as conn:
        conn.execute(text("UPDATE posts SET staff_notes = 'two officers' WHERE id = :id"), {"id": posts["KZ-KOR"]})
        conn.execute(text("DELETE FROM incidents WHERE id = :id"), {"id": _uuid_param(engine, new)})
    with UnitOfWork(engine) as uow:
        changes = ChangeRepository(uow.session).since(start).changes
    assert [(c.table, c.op.value) for c in changes] == [("posts", "U"), ("incidents", "D")]
    assert [c.seq for c in changes] == sorted(c.seq for c in changes)


def test_a_raw_insert_gets_the_posts_local_date(engine):
    """23:30 UTC is already the next day in Kyrgyzstan (UTC+6) and still the same day in Afghanistan's
    neighbour posts' own zone (UTC+5)."""
    posts, _ = ids(engine)
    kg_post = _raw_insert_incident(engine, posts["KG-DOS"], "2025-03-01 19:30:00")
    tj_post = _raw_insert_incident(engine, posts["TJ-ISH"], "2025-03-01 18:45:00")
    day = "SELECT local_date FROM incidents WHERE id = :id"
    assert str(_scalar(engine, day, id=_uuid_param(engine, kg_post)))[:10] == "2025-03-02"
    assert str(_scalar(engine, day, id=_uuid_param(engine, tj_post)))[:10] == "2025-03-01"


def test_raw_seizure_lines_update_the_incident_totals_and_the_rollup(engine):
    posts, subs = ids(engine)
    new = _raw_insert_incident(engine, posts["UZ-TER"], "2025-05-05 08:00:00")
    _raw_insert_line(engine, new, subs["heroin"], 2.5)
    line = _raw_insert_line(engine, new, subs["opium"], 7.0)
    row = "SELECT total_kg, substance_sort, substances FROM incidents WHERE id = :id"
    with engine.connect() as conn:
        total, sort_key, names = conn.execute(text(row), {"id": _uuid_param(engine, new)}).one()
    assert total == pytest.approx(9.5)
    assert sort_key == "Opium"
    assert names == "Heroin, Opium"
    rollup = "SELECT sum(kg_mg) FROM daily_seizures WHERE day = '2025-05-05' AND post_id = :p"
    assert _scalar(engine, rollup, p=posts["UZ-TER"]) == 9_500_000  # whole milligrams
    with engine.begin() as conn:
        conn.execute(text("DELETE FROM seizure_lines WHERE id = :id"), {"id": _uuid_param(engine, line)})
    assert _scalar(engine, rollup, p=posts["UZ-TER"]) == 2_500_000
    assert _scalar(engine, "SELECT total_kg FROM incidents WHERE id = :id", id=_uuid_param(engine, new)) == 2.5


def test_the_rollups_equal_a_fresh_aggregate_after_inserts_updates_and_deletes(engine):
    posts, subs = ids(engine)
    service = IncidentService(engine, SETTINGS)
    saved = [
        service.record(incident(posts["KZ-KOR"], utc(2025, 1, 10, 20, 30), (subs["heroin"], 3, Unit.KG)), actor=SYSTEM),
        service.record(incident(posts["KZ-KOR"], utc(2025, 1, 10, 9, 0), (subs["hashish"], 1500, Unit.G),
                                (subs["tramadol"], 1000, Unit.TABLETS)), actor=SYSTEM),
        service.record(incident(posts["TJ-PPY"], utc(2025, 1, 11, 3, 0), (subs["acetic_anhydride"], 40, "l"),
                                status=IncidentStatus.VERIFIED), actor=SYSTEM),
    ]
    assert _rollups_match(engine)
    from dataclasses import replace

    moved = replace(saved[0], post_id=posts["TJ-PPY"], status=IncidentStatus.VERIFIED, occurred_at=utc(2025, 2, 1),
                    reported_at=utc(2025, 2, 1, 6))
    service.update(moved, actor=SYSTEM)
    assert _rollups_match(engine)
    with engine.begin() as conn:
        conn.execute(text("UPDATE incidents SET status = 'rejected' WHERE post_id = :p"), {"p": posts["KZ-KOR"]})
        conn.execute(text("UPDATE seizure_lines SET kg_equivalent = kg_equivalent * 2"))
        conn.execute(text("UPDATE incidents SET occurred_at = occurred_at + INTERVAL '1 day'")
                     if engine.dialect.name == "postgresql" else
                     text("UPDATE incidents SET occurred_at = datetime(occurred_at, '+1 day')"))
    assert _rollups_match(engine)
    with engine.begin() as conn:
        conn.execute(text("DELETE FROM incidents WHERE post_id = :p"), {"p": posts["TJ-PPY"]})
    assert _rollups_match(engine)
    assert _scalar(engine, "SELECT count(*) FROM daily_seizures WHERE post_id = :p", p=posts["TJ-PPY"]) == 0


def test_the_change_log_is_pruned_to_the_newest_entries(engine):
    posts, _ = ids(engine)
    for hour in range(6):
        _raw_insert_incident(engine, posts["KZ-KOR"], f"2025-03-01 1{hour}:00:00")
    with UnitOfWork(engine, write=True) as uow:
        uow.commit()  # the app's next commit seals the raw rows (their new rev is logged too); then prune
    with UnitOfWork(engine, write=True) as uow:
        repo = ChangeRepository(uow.session)
        latest = repo.latest_seq()
        repo.prune(keep=2)
        uow.commit()
    with UnitOfWork(engine) as uow:
        repo = ChangeRepository(uow.session)
        assert _scalar(engine, "SELECT count(*) FROM change_log") == 2
        assert repo.latest_seq() == latest
        assert repo.since(0).truncated, "a listener that is too far behind must reload everything"
        assert not repo.since(latest - 1).truncated


def test_a_new_incident_moves_the_posts_last_report_forward_only(engine):
    posts, _ = ids(engine)
    _raw_insert_incident(engine, posts["KG-KSU"], "2025-03-01 10:00:00")
    _raw_insert_incident(engine, posts["KG-KSU"], "2024-03-01 10:00:00")
    last = _scalar(engine, "SELECT last_report_at FROM posts WHERE id = :p", p=posts["KG-KSU"])
    assert str(last).startswith("2025-03-01 10:00:00")
