"""Sealing in batches (repositories.revisions.seal_pending / seal_all, SEAL_CHUNK rows at a time): thousands of
rows written by a raw SQL writer (new rows, edits of the incident, edits of a line, saves that change nothing,
legacy rows, deletes) get exactly the revisions, parents, line revisions and versions the rules give row by row,
in a number of statements that does not grow with the rows. SQLite and PostgreSQL."""

from __future__ import annotations

import uuid

from sqlalchemy import event, func, select, text

from sitcentre.db.tables import IncidentRow, PendingDeleteRow, RecordVersionRow, SeizureLineRow
from sitcentre.db.uow import UnitOfWork
from sitcentre.exchange.canonical import changed_fields, make_rev
from sitcentre.repositories import revisions
from tests.exchange_flow import fill_post

from .helpers import uuid_param

ROWS = 2300  # more than two chunks


def _heads(engine) -> dict[uuid.UUID, tuple[str | None, str | None]]:
    with UnitOfWork(engine) as uow:
        return {r.id: (r.rev, r.parent_rev) for r in uow.session.execute(
            select(IncidentRow.id, IncidentRow.rev, IncidentRow.parent_rev))}


def _line_revs(engine) -> dict[uuid.UUID, tuple[str | None, str | None]]:
    with UnitOfWork(engine) as uow:
        return {r.incident_id: (r.rev, r.parent_rev) for r in uow.session.execute(
            select(SeizureLineRow.incident_id, SeizureLineRow.rev, SeizureLineRow.parent_rev))}


def _contents(engine) -> dict[uuid.UUID, dict]:
    with UnitOfWork(engine) as uow:
        ids = list(uow.session.scalars(select(IncidentRow.id)))
        return revisions.incident_contents(uow.session, ids)


def _versions(engine) -> dict[tuple[uuid.UUID, str], revisions.Version]:
    with UnitOfWork(engine) as uow:
        return {(r.row_id, r.rev): revisions._version(r) for r in uow.session.scalars(select(RecordVersionRow))}


def _count(engine, table) -> int:
    with UnitOfWork(engine) as uow:
        return uow.session.scalar(select(func.count()).select_from(table))


def _raw(engine, sql: str, ids: list[uuid.UUID]) -> None:
    """One raw statement per id (executemany), one transaction: a program other than sitcentre."""
    with engine.begin() as conn:
        conn.execute(text(sql), [{"id": uuid_param(engine, i)} for i in ids])


def _seal_all_counting(engine) -> tuple[int, int]:
    """seal_all in a writing unit of work; (versions written, statements the driver was given)."""
    statements = []

    def count(*_args):
        statements.append(1)

    event.listen(engine, "before_cursor_execute", count)
    try:
        with UnitOfWork(engine, write=True) as uow:
            written = revisions.seal_all(uow.session)
            uow.commit()
    finally:
        event.remove(engine, "before_cursor_execute", count)
    return written, len(statements)


def test_thousands_of_raw_rows_seal_in_chunks_as_row_by_row(engine):
    fill_post(engine, "KZ-KOR", ROWS)  # its numbering commit seals the first SEAL_BATCH rows (the hook)
    assert sum(rev is None for rev, _ in _heads(engine).values()) == ROWS - revisions.SEAL_BATCH
    with UnitOfWork(engine, write=True) as uow:
        assert revisions.seal_pending(uow.session, limit=700) == 700
        uow.commit()  # and the hook seals SEAL_BATCH more
    left = ROWS - 2 * revisions.SEAL_BATCH - 700
    assert sum(rev is None for rev, _ in _heads(engine).values()) == left
    written, statements = _seal_all_counting(engine)
    assert written == left
    assert statements < 40, f"{statements} statements to seal {written} rows"
    heads, contents, versions, line_revs = _heads(engine), _contents(engine), _versions(engine), _line_revs(engine)
    assert len(versions) == ROWS
    for row_id, content in contents.items():
        rev, parent = heads[row_id]
        assert (rev, parent) == (make_rev(None, content), None)
        assert line_revs[row_id] == (rev, None)
        version = versions[(row_id, rev)]
        assert (version.parent_rev, version.op, version.author, version.content) == (None, "upsert", "", content)
        assert version.changed == changed_fields(None, content)

    # A raw writer's changes of every kind, then one seal_all.
    ids = sorted(heads)
    edited, same, line_edited, legacy, deleted = ids[:1100], ids[1100:1600], ids[1600:1900], ids[1900:2100], ids[2100:]
    _raw(engine, "UPDATE incidents SET narrative = 'edited by a raw writer' WHERE id = :id", edited)
    _raw(engine, "UPDATE incidents SET narrative = narrative WHERE id = :id", same)
    _raw(engine, "UPDATE seizure_lines SET quantity = quantity + 1 WHERE incident_id = :id", line_edited)
    _raw(engine, "DELETE FROM record_versions WHERE row_id = :id", legacy)
    with engine.begin() as conn:
        conn.execute(text("UPDATE incidents SET rev = :rev, parent_rev = NULL WHERE id = :id"),
                     [{"rev": "L-" + i.hex, "id": uuid_param(engine, i)} for i in legacy])
        conn.execute(text("UPDATE seizure_lines SET rev = :rev, parent_rev = NULL WHERE incident_id = :id"),
                     [{"rev": "L-" + i.hex, "id": uuid_param(engine, i)} for i in legacy])
    _raw(engine, "DELETE FROM incidents WHERE id = :id", deleted)
    unsealed = _heads(engine)
    assert all(unsealed[i] == (None, heads[i][0]) for i in edited + same + line_edited)

    written, statements = _seal_all_counting(engine)
    assert written == len(edited) + len(line_edited) + len(legacy) + len(deleted)
    assert statements < 60, f"{statements} statements to seal {written} rows"
    after, now, kept, lines_after = _heads(engine), _contents(engine), _versions(engine), _line_revs(engine)
    for row_id in edited + line_edited:
        old = heads[row_id][0]
        rev = make_rev(old, now[row_id])
        assert after[row_id] == (rev, old)
        version = kept[(row_id, rev)]
        assert (version.parent_rev, version.content) == (old, now[row_id])
        assert version.changed == changed_fields(contents[row_id], now[row_id])
    for row_id in edited:
        assert list(kept[(row_id, after[row_id][0])].changed) == ["narrative"]
        assert lines_after[row_id] == (heads[row_id][0], None)  # its line did not change
    for row_id in line_edited:
        [field] = kept[(row_id, after[row_id][0])].changed
        assert field.startswith("lines/")
        assert lines_after[row_id] == (after[row_id][0], heads[row_id][0])
    for row_id in same:  # saved without a change: back to its parent's rev, no version
        assert after[row_id] == heads[row_id]
        assert lines_after[row_id] == (heads[row_id][0], None)
    for row_id in legacy:
        rev = make_rev(None, now[row_id])
        assert after[row_id] == (rev, None) and lines_after[row_id] == (rev, None)
        assert kept[(row_id, rev)].parent_rev is None
    for row_id in deleted:
        old = heads[row_id][0]
        tombstone = kept[(row_id, make_rev(old, None, deleted=True))]
        assert (tombstone.op, tombstone.parent_rev, tombstone.content) == ("delete", old, None)
    assert len(kept) == ROWS - len(legacy) + written
    assert _count(engine, PendingDeleteRow) == 0
    assert _seal_all_counting(engine)[0] == 0
