"""Raw SQL writers and record versions (migration 0007's triggers, repositories.revisions' sealing): a change
to an incident's content or its lines leaves it unsealed, a delete leaves a pending delete, and the app's next
commit (or seal_all before an export) seals it with the right parent. Derived columns are not content. Legacy
rows (before 0007) get a root version. The hook costs two queries when there is nothing to seal.
SQLite and PostgreSQL."""

from __future__ import annotations

import uuid

import pytest
from sqlalchemy import event, func, select, text

from sitcentre.db.tables import IncidentRow, PendingDeleteRow, RecordVersionRow, SeizureLineRow
from sitcentre.db.uow import BEFORE_COMMIT, UnitOfWork
from sitcentre.domain.enums import Unit
from sitcentre.domain.permissions import SYSTEM
from sitcentre.exchange.canonical import make_rev
from sitcentre.repositories import revisions, seal_before_commit
from sitcentre.services.incidents import IncidentService

from .helpers import SETTINGS, ids, incident, utc, uuid_param


def _run(engine, sql: str, **params) -> int:
    """One raw statement in its own transaction (a program other than sitcentre); returns the rowcount."""
    with engine.begin() as conn:
        return conn.execute(text(sql), params).rowcount


def _read(engine, fn, *args, **kwargs):
    with UnitOfWork(engine) as uow:
        return fn(uow.session, *args, **kwargs)


def _app_commit(engine) -> None:
    """The app's next write: any writing unit of work seals before it commits."""
    with UnitOfWork(engine, write=True) as uow:
        uow.commit()


def _seal_all(engine) -> int:
    with UnitOfWork(engine, write=True) as uow:
        written = revisions.seal_all(uow.session)
        uow.commit()
    return written


def _line_row(engine, line_id):
    with UnitOfWork(engine) as uow:
        row = uow.session.get(SeizureLineRow, line_id)
        return row.rev, row.parent_rev


def _recorded(engine):
    posts, subs = ids(engine)
    return IncidentService(engine, SETTINGS).record(
        incident(posts["KZ-KOR"], utc(2025, 3, 1, 10), (subs["heroin"], 2.0, Unit.KG), (subs["opium"], 1.0, Unit.KG)),
        actor=SYSTEM)


def _raw_incident_with_line(engine) -> tuple[uuid.UUID, uuid.UUID]:
    posts, subs = ids(engine)
    row_id, line_id = uuid.uuid4(), uuid.uuid4()
    with engine.begin() as conn:
        conn.execute(text(
            "INSERT INTO incidents (id, post_id, occurred_at, reported_at, incident_type, direction, transport_mode, "
            "narrative) VALUES (:id, :post, :at, :at, 'drug_seizure', 'entering', 'truck', 'raw')"),
            {"id": uuid_param(engine, row_id), "post": posts["KZ-KOR"], "at": "2025-03-01 10:00:00"})
        conn.execute(text(
            "INSERT INTO seizure_lines (id, incident_id, substance_id, quantity, unit, kg_equivalent) "
            "VALUES (:id, :inc, :sub, 3.5, 'kg', 3.5)"),
            {"id": uuid_param(engine, line_id), "inc": uuid_param(engine, row_id), "sub": subs["heroin"]})
    return row_id, line_id


def test_a_raw_insert_is_sealed_by_the_apps_next_commit_as_a_root_without_author(engine):
    row_id, line_id = _raw_incident_with_line(engine)
    assert _read(engine, revisions.head, row_id) == (None, None, None)
    _app_commit(engine)
    rev, parent, _ = _read(engine, revisions.head, row_id)
    [version] = _read(engine, revisions.history, row_id)
    assert rev.startswith("1-") and parent is None and version.rev == rev and version.author == ""
    assert version.content["narrative"] == "raw"
    assert version.content["lines"] == {str(line_id): {"substance": "heroin", "quantity": 3.5, "unit": "kg",
                                                       "basis": "estimated", "mass_per_tablet_mg": None}}
    assert _line_row(engine, line_id) == (rev, None)


def test_a_raw_edit_of_the_narrative_unseals_and_is_sealed_on_its_parent(engine):
    saved = _recorded(engine)
    first = _read(engine, revisions.head, saved.id)[0]
    _run(engine, "UPDATE incidents SET narrative = 'edited by psql' WHERE id = :id", id=uuid_param(engine, saved.id))
    assert _read(engine, revisions.head, saved.id) == (None, first, None)
    assert _seal_all(engine) == 1
    second, parent, _ = _read(engine, revisions.head, saved.id)
    latest = _read(engine, revisions.history, saved.id)[-1]
    assert parent == first and second.startswith("2-") and latest.rev == second
    assert latest.changed == {"narrative": ["", "edited by psql"]}
    assert second == make_rev(first, _read(engine, revisions.incident_content, saved.id))


def test_a_raw_edit_of_a_line_quantity_unseals_the_line_and_its_incident(engine):
    saved = _recorded(engine)
    first = _read(engine, revisions.head, saved.id)[0]
    line, other = saved.lines
    _run(engine, "UPDATE seizure_lines SET quantity = 7.25, kg_equivalent = 7.25 WHERE id = :id",
         id=uuid_param(engine, line.id))
    assert _read(engine, revisions.head, saved.id) == (None, first, None)
    assert _line_row(engine, line.id) == (None, first)
    assert _line_row(engine, other.id) == (first, None)
    _app_commit(engine)
    second = _read(engine, revisions.head, saved.id)[0]
    changed = _read(engine, revisions.history, saved.id)[-1].changed
    assert list(changed) == [f"lines/{line.id}"]
    assert [side["quantity"] for side in changed[f"lines/{line.id}"]] == [2.0, 7.25]
    assert _line_row(engine, line.id) == (second, first)
    assert _line_row(engine, other.id) == (first, None)  # unchanged: still the revision it last changed in


def test_a_raw_delete_of_a_line_is_a_new_version_without_it(engine):
    saved = _recorded(engine)
    first = _read(engine, revisions.head, saved.id)[0]
    gone = saved.lines[1]
    _run(engine, "DELETE FROM seizure_lines WHERE id = :id", id=uuid_param(engine, gone.id))
    assert _read(engine, revisions.head, saved.id) == (None, first, None)
    _app_commit(engine)
    changed = _read(engine, revisions.history, saved.id)[-1].changed
    assert list(changed) == [f"lines/{gone.id}"] and changed[f"lines/{gone.id}"][1] is None
    assert _read(engine, revisions.head, saved.id)[1] == first


def test_a_raw_delete_of_the_incident_becomes_a_tombstone(engine):
    saved = _recorded(engine)
    first = _read(engine, revisions.head, saved.id)[0]
    _run(engine, "DELETE FROM incidents WHERE id = :id", id=uuid_param(engine, saved.id))
    with UnitOfWork(engine) as uow:
        pending = uow.session.execute(select(PendingDeleteRow.row_id, PendingDeleteRow.last_rev)).all()
    assert pending == [(saved.id, first)]
    _app_commit(engine)
    tombstone = _read(engine, revisions.history, saved.id)[-1]
    assert (tombstone.op, tombstone.parent_rev, tombstone.content) == ("delete", first, None)
    assert tombstone.rev == make_rev(first, None, deleted=True)
    with UnitOfWork(engine) as uow:
        assert uow.session.scalar(select(func.count()).select_from(PendingDeleteRow)) == 0


def test_a_raw_edit_then_delete_before_sealing_is_a_tombstone_on_the_last_sealed_version(engine):
    saved = _recorded(engine)
    first = _read(engine, revisions.head, saved.id)[0]
    _run(engine, "UPDATE incidents SET narrative = 'x' WHERE id = :id", id=uuid_param(engine, saved.id))
    _run(engine, "DELETE FROM incidents WHERE id = :id", id=uuid_param(engine, saved.id))
    assert _seal_all(engine) == 1
    assert [(v.op, v.parent_rev) for v in _read(engine, revisions.history, saved.id)] == \
        [("upsert", None), ("delete", first)]


@pytest.mark.parametrize("sql", [
    "UPDATE incidents SET total_kg = 42, substance_sort = 'zz', substances = 'zz'",
    "UPDATE incidents SET local_date = '2020-01-01', version = version + 5, updated_at = CURRENT_TIMESTAMP",
    "UPDATE seizure_lines SET kg_equivalent = 1.5, conversion = 'by hand'",
    "UPDATE seizure_lines SET local_date = '2020-01-01', status = 'verified'",
])
def test_the_triggers_fire_for_content_columns_only(engine, sql):
    saved = _recorded(engine)
    before = _read(engine, revisions.head, saved.id)
    lines_before = [_line_row(engine, line.id) for line in saved.lines]
    assert _run(engine, sql) >= 1
    assert _read(engine, revisions.head, saved.id) == before
    assert [_line_row(engine, line.id) for line in saved.lines] == lines_before
    assert _seal_all(engine) == 0


def _make_legacy(engine, row_id: uuid.UUID) -> str:
    """What migration 0007 gave rows that existed before it: rev 'L-<hex id>' on the incident and its lines."""
    legacy = "L-" + row_id.hex
    _run(engine, "DELETE FROM record_versions WHERE row_id = :id", id=uuid_param(engine, row_id))
    _run(engine, "UPDATE incidents SET rev = :rev, parent_rev = NULL WHERE id = :id", rev=legacy,
         id=uuid_param(engine, row_id))
    _run(engine, "UPDATE seizure_lines SET rev = :rev, parent_rev = NULL WHERE incident_id = :id", rev=legacy,
         id=uuid_param(engine, row_id))
    return legacy


def test_the_first_edit_of_a_legacy_row_seals_a_root_version(engine):
    from dataclasses import replace

    saved = _recorded(engine)
    _make_legacy(engine, saved.id)
    IncidentService(engine, SETTINGS).update(replace(saved, narrative="first edit since 0007"), actor=SYSTEM)
    rev, parent, _ = _read(engine, revisions.head, saved.id)
    [version] = _read(engine, revisions.history, saved.id)
    assert rev.startswith("1-") and parent is None and version.parent_rev is None
    assert version.changed["narrative"] == [None, "first edit since 0007"]  # against nothing: a root
    assert {_line_row(engine, line.id)[0] for line in saved.lines} == {rev}


def test_seal_all_seals_every_legacy_row_once(engine):
    rows = [_recorded(engine) for _ in range(3)]
    for row in rows:
        _make_legacy(engine, row.id)
    assert _seal_all(engine) == 3
    for row in rows:
        rev, parent, _ = _read(engine, revisions.head, row.id)
        assert rev == make_rev(None, _read(engine, revisions.incident_content, row.id)) and parent is None
        assert {_line_row(engine, line.id)[0] for line in row.lines} == {rev}
    assert _seal_all(engine) == 0
    with UnitOfWork(engine) as uow:
        assert uow.session.scalar(select(func.count()).select_from(RecordVersionRow)) == 3
        assert uow.session.scalar(select(func.count()).select_from(IncidentRow)
                                  .where(IncidentRow.rev.like("L-%"))) == 0


def test_a_legacy_row_deleted_before_any_version_leaves_no_tombstone(engine):
    saved = _recorded(engine)
    _make_legacy(engine, saved.id)
    _run(engine, "DELETE FROM incidents WHERE id = :id", id=uuid_param(engine, saved.id))
    assert _seal_all(engine) == 0
    with UnitOfWork(engine) as uow:
        assert uow.session.scalar(select(func.count()).select_from(PendingDeleteRow)) == 0
        assert uow.session.scalar(select(func.count()).select_from(RecordVersionRow)) == 0


def test_the_hook_is_registered_once_and_costs_two_queries_when_nothing_is_unsealed(engine):
    import importlib

    import sitcentre.repositories

    importlib.reload(sitcentre.repositories)
    assert [h.__qualname__ for h in BEFORE_COMMIT].count("seal_before_commit") == 1
    _recorded(engine)
    statements: list[str] = []

    def count(conn, cursor, statement, parameters, context, executemany):
        statements.append(statement)

    with UnitOfWork(engine, write=True) as uow:
        seal_before_commit(uow.session)  # the schema check is remembered for this connection
        event.listen(engine, "before_cursor_execute", count)
        try:
            seal_before_commit(uow.session)
        finally:
            event.remove(engine, "before_cursor_execute", count)
    assert len(statements) == 2, statements
    assert all(s.lstrip().upper().startswith("SELECT") for s in statements)


@pytest.mark.parametrize("backend", [pytest.param("postgresql", marks=pytest.mark.pg)])  # PostgreSQL only
def test_two_transactions_sealing_at_once_neither_wait_nor_seal_twice_on_postgresql(engine):
    """A row a raw writer unsealed (and a pending delete) is sealed by the first transaction that locks it; a
    second one at the same moment leaves it alone instead of waiting (or deadlocking) on it."""
    saved, gone = _recorded(engine), _recorded(engine)
    _run(engine, "UPDATE incidents SET narrative = 'raw' WHERE id = :id", id=str(saved.id))
    _run(engine, "DELETE FROM incidents WHERE id = :id", id=str(gone.id))
    with UnitOfWork(engine, write=True) as first, UnitOfWork(engine, write=True) as second:
        assert revisions.seal_pending(first.session) == 2
        second.session.execute(text("SET LOCAL lock_timeout = '2s'"))  # waiting would fail the test, not hang it
        assert revisions.seal_pending(second.session) == 0
        first.commit()
        second.commit()
    assert [v.op for v in _read(engine, revisions.history, saved.id)] == ["upsert", "upsert"]
    assert [v.op for v in _read(engine, revisions.history, gone.id)] == ["upsert", "delete"]
