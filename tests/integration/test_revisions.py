"""Record versions written through the app (services) and applied from elsewhere (repositories.revisions):
revision ids, kept versions and their authors, changed fields, and apply_content's rows, lines and rollups.
SQLite and PostgreSQL."""

from __future__ import annotations

import copy
import uuid
from dataclasses import replace

import pytest
from sqlalchemy import func, select, text

from sitcentre.db.tables import IncidentRow, PendingDeleteRow, RecordVersionRow, SeizureLineRow, UserRow
from sitcentre.db.uow import UnitOfWork
from sitcentre.domain.enums import Role, Unit
from sitcentre.exchange.canonical import make_rev
from sitcentre.exchange.errors import EntryError
from sitcentre.repositories import revisions
from sitcentre.services.incidents import IncidentService
from sitcentre.services.maintenance import _rollups_match
from sitcentre.services.verification import VerificationService

from .helpers import SETTINGS, ids, incident, utc
from .people import add_user


@pytest.fixture
def people(engine):
    officer = add_user(engine, SETTINGS, "officer1", Role.OPERATOR, post_code="KZ-KOR")
    chief = add_user(engine, SETTINGS, "chief", Role.SUPERVISOR)
    return officer, chief


def _recorded(engine, actor, *lines, **fields):
    posts, subs = ids(engine)
    lines = lines or ((subs["heroin"], 2.5, Unit.KG),)
    return IncidentService(engine, SETTINGS).record(
        incident(posts["KZ-KOR"], utc(2025, 3, 1, 10), *lines, **fields), actor=actor)


def _read(engine, fn, *args, **kwargs):
    with UnitOfWork(engine) as uow:
        return fn(uow.session, *args, **kwargs)


def _versions(engine, row_id) -> list[revisions.Version]:
    return _read(engine, revisions.history, row_id)


def _total_kg(engine, row_id) -> float:
    with UnitOfWork(engine) as uow:
        return uow.session.scalar(select(IncidentRow.total_kg).where(IncidentRow.id == row_id))


# ------------------------------------------------------------------------------------ versions made here


def test_recording_an_incident_keeps_a_first_version_by_its_author(engine, people):
    officer, _ = people
    saved = _recorded(engine, officer)
    rev, parent, merge = _read(engine, revisions.head, saved.id)
    [version] = _versions(engine, saved.id)
    assert rev.startswith("1-") and parent is None and merge is None
    assert (version.rev, version.parent_rev, version.op, version.author) == (rev, None, "upsert", "officer1")
    assert version.origin == _read(engine, revisions.own_origin)
    content = _read(engine, revisions.incident_content, saved.id)
    assert version.content == content
    assert content["recorded_by"] == "officer1" and content["post"] == "KZ-KOR"
    assert [line["quantity"] for line in content["lines"].values()] == [2.5]
    assert rev == make_rev(None, content)
    with UnitOfWork(engine) as uow:
        line_revs = set(uow.session.scalars(select(SeizureLineRow.rev).where(SeizureLineRow.incident_id == saved.id)))
    assert line_revs == {rev}


def test_an_edit_is_a_second_version_whose_changes_are_the_edited_fields(engine, people):
    officer, _ = people
    saved = _recorded(engine, officer)
    first = _read(engine, revisions.head, saved.id)[0]
    service = IncidentService(engine, SETTINGS)
    edited = service.update(replace(saved, narrative="two bags under the seat"), actor=officer)
    second, parent, _ = _read(engine, revisions.head, saved.id)
    assert second.startswith("2-") and parent == first
    assert _versions(engine, saved.id)[-1].changed == {"narrative": ["", "two bags under the seat"]}

    line = edited.lines[0]
    service.update(replace(edited, lines=(replace(line, quantity=3.0),)), actor=officer)
    third, parent, _ = _read(engine, revisions.head, saved.id)
    latest = _versions(engine, saved.id)[-1]
    assert third.startswith("3-") and parent == second
    assert list(latest.changed) == [f"lines/{line.id}"]
    assert [v["quantity"] for v in latest.changed[f"lines/{line.id}"]] == [2.5, 3.0]
    assert _read(engine, revisions.is_ancestor, saved.id, first, third)
    assert not _read(engine, revisions.is_ancestor, saved.id, third, first)


def test_verifying_and_rejecting_make_versions_by_the_reviewer(engine, people):
    officer, chief = people
    saved = _recorded(engine, officer)
    reviews = VerificationService(engine, SETTINGS)
    reviews.verify(saved.id, actor=chief)
    verified = _versions(engine, saved.id)[-1]
    assert verified.author == "chief" and verified.rev.startswith("2-")
    assert set(verified.changed) == {"status", "verified_by", "verified_at"}
    assert verified.changed["status"] == ["reported", "verified"]
    reviews.reopen(saved.id, actor=chief)
    reviews.reject(saved.id, "not a seizure", actor=chief)
    rejected = _versions(engine, saved.id)[-1]
    assert rejected.rev.startswith("4-") and rejected.changed["rejection_reason"] == ["", "not a seizure"]
    assert _read(engine, revisions.head, saved.id)[0] == rejected.rev


def test_saving_an_incident_unchanged_makes_no_new_version(engine, people):
    officer, _ = people
    saved = _recorded(engine, officer)
    before = _read(engine, revisions.head, saved.id)
    IncidentService(engine, SETTINGS).update(saved, actor=officer)
    assert _read(engine, revisions.head, saved.id) == before
    assert len(_versions(engine, saved.id)) == 1


def test_a_derived_column_written_by_raw_sql_is_not_a_new_version(engine, people):
    officer, _ = people
    saved = _recorded(engine, officer)
    before = _read(engine, revisions.head, saved.id)
    with engine.begin() as conn:
        conn.execute(text("UPDATE incidents SET total_kg = 99, substance_sort = 'x', substances = 'x', "
                          "version = version + 1"))
    assert _read(engine, revisions.head, saved.id) == before
    with UnitOfWork(engine, write=True) as uow:
        assert revisions.seal_pending(uow.session) == 0
        uow.commit()
    assert len(_versions(engine, saved.id)) == 1


# ------------------------------------------------------------------------------------ applying a version


def _content(engine, officer, *lines) -> dict:
    """A version as another installation would send it: the content of an incident recorded and deleted here."""
    saved = _recorded(engine, officer, *lines)
    content = _read(engine, revisions.incident_content, saved.id)
    with engine.begin() as conn:
        conn.execute(text("DELETE FROM incidents"))
        conn.execute(text("DELETE FROM pending_deletes"))
        conn.execute(text("DELETE FROM record_versions"))
    content["id"] = str(uuid.uuid4())
    content["number"] = "KOR-P-2025-0007"
    content["lines"] = {str(uuid.uuid4()): line for line in content["lines"].values()}
    return content


def _apply(engine, content, rev, parent=None, merge=None, **kwargs):
    with UnitOfWork(engine, write=True) as uow:
        result = revisions.apply_content(uow.session, content, rev=rev, parent_rev=parent, merge_rev=merge, **kwargs)
        sealed = revisions.seal_pending(uow.session)
        uow.commit()
    return result, sealed


def test_a_received_version_is_added_sealed_under_its_own_rev(engine, people):
    officer, _ = people
    _, subs = ids(engine)
    content = _content(engine, officer, (subs["heroin"], 2.5, Unit.KG), (subs["hashish"], 500, Unit.G))
    rev = make_rev(None, content)
    assert _apply(engine, content, rev, origin="KZ-KOR") == ("added", 0)
    row_id = uuid.UUID(content["id"])
    assert _read(engine, revisions.head, row_id) == (rev, None, None)
    assert _read(engine, revisions.incident_content, row_id) == content
    assert _total_kg(engine, row_id) == pytest.approx(3.0)
    assert _rollups_match(engine)
    with UnitOfWork(engine) as uow:
        row = uow.session.get(IncidentRow, row_id)
        assert (row.origin, row.number, row.version) == ("KZ-KOR", "KOR-P-2025-0007", 1)
        assert set(uow.session.scalars(select(SeizureLineRow.rev).where(SeizureLineRow.incident_id == row_id))) \
            == {rev}
    with UnitOfWork(engine, write=True) as uow:  # the next commit of the app finds nothing to seal
        assert revisions.seal_pending(uow.session) == 0


def test_a_received_version_replaces_the_row_with_lines_added_changed_and_removed(engine, people):
    officer, _ = people
    _, subs = ids(engine)
    saved = _recorded(engine, officer, (subs["heroin"], 2.5, Unit.KG), (subs["hashish"], 500, Unit.G))
    first = _read(engine, revisions.head, saved.id)[0]
    content = _read(engine, revisions.incident_content, saved.id)
    heroin_id, hashish_id = (str(line.id) for line in saved.lines)
    new = copy.deepcopy(content)
    new["narrative"] = "changed at the centre"
    new["lines"][heroin_id]["quantity"] = 4.0
    del new["lines"][hashish_id]
    added_id = str(uuid.uuid4())
    new["lines"][added_id] = {"substance": "opium", "quantity": 1.5, "unit": "kg", "basis": "weighed",
                              "mass_per_tablet_mg": None}
    rev = make_rev(first, new)
    assert _apply(engine, new, rev, first) == ("updated", 0)
    assert _read(engine, revisions.head, saved.id) == (rev, first, None)
    assert _read(engine, revisions.incident_content, saved.id) == new
    with UnitOfWork(engine) as uow:
        lines = {str(r.id): (r.rev, r.parent_rev) for r in uow.session.scalars(
            select(SeizureLineRow).where(SeizureLineRow.incident_id == saved.id))}
        version = uow.session.scalar(select(IncidentRow.version).where(IncidentRow.id == saved.id))
    assert lines == {heroin_id: (rev, first), added_id: (rev, None)}
    assert version == saved.version + 1
    assert _total_kg(engine, saved.id) == pytest.approx(5.5)
    assert _rollups_match(engine)


def test_an_unknown_substance_is_an_entry_error_and_writes_nothing(engine, people):
    officer, _ = people
    content = _content(engine, officer)
    next(iter(content["lines"].values()))["substance"] = "NO_SUCH_THING"
    content["recorded_by"] = "someone.new"
    with UnitOfWork(engine, write=True) as uow:
        users = uow.session.scalar(select(func.count()).select_from(UserRow))
        savepoint = uow.session.begin_nested()
        with pytest.raises(EntryError, match="NO_SUCH_THING"):
            revisions.apply_content(uow.session, content, rev=make_rev(None, content), parent_rev=None,
                                    merge_rev=None)
        savepoint.rollback()
        assert uow.session.scalar(select(func.count()).select_from(IncidentRow)) == 0
        assert uow.session.scalar(select(func.count()).select_from(UserRow)) == users
        uow.commit()
    assert _read(engine, revisions.head, uuid.UUID(content["id"])) is None


def test_an_invalid_row_is_an_entry_error_in_words(engine, people):
    officer, _ = people
    content = _content(engine, officer)
    content["persons_detained"] = -3
    with UnitOfWork(engine, write=True) as uow, pytest.raises(EntryError, match="(?i)person"):
        revisions.apply_content(uow.session, content, rev="1-x", parent_rev=None, merge_rev=None)


def test_a_substance_alias_resolves_to_the_substance(engine, people):
    officer, _ = people
    _, subs = ids(engine)
    content = _content(engine, officer)
    next(iter(content["lines"].values()))["substance"] = "HEROIN-OLD"
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO substance_aliases (alias, substance_code) VALUES ('HEROIN-OLD', 'heroin')"))
    assert _apply(engine, content, "1-aa")[0] == "added"
    with UnitOfWork(engine) as uow:
        substance = uow.session.scalar(select(SeizureLineRow.substance_id)
                                       .where(SeizureLineRow.incident_id == uuid.UUID(content["id"])))
    assert substance == subs["heroin"]


def test_an_unknown_username_is_kept_as_a_disabled_account_without_password(engine, people):
    officer, _ = people
    content = _content(engine, officer)
    content["recorded_by"] = "post.officer7"
    _apply(engine, content, "1-bb")
    with UnitOfWork(engine) as uow:
        user = uow.session.scalars(select(UserRow).where(UserRow.username == "post.officer7")).one()
        assert (user.disabled, user.password_hash, user.role) == (True, None, "operator")
    assert _read(engine, revisions.incident_content, uuid.UUID(content["id"]))["recorded_by"] == "post.officer7"


def test_a_number_used_by_another_incident_is_an_entry_error(engine, people):
    officer, _ = people
    content = _content(engine, officer)
    taken = _recorded(engine, officer)
    content["number"] = taken.number
    with UnitOfWork(engine, write=True) as uow, pytest.raises(EntryError, match=taken.number):
        revisions.apply_content(uow.session, content, rev="1-cc", parent_rev=None, merge_rev=None)


def test_a_merge_version_records_both_parents_and_ancestry_follows_them(engine, people):
    officer, _ = people
    saved = _recorded(engine, officer)
    base = _read(engine, revisions.head, saved.id)[0]
    content = _read(engine, revisions.incident_content, saved.id)
    theirs = dict(content, narrative="at the post")
    their_rev = make_rev(base, theirs)
    merged = dict(content, narrative="at the post", concealment="fuel tank")
    with UnitOfWork(engine, write=True) as uow:
        assert revisions.store_version(
            uow.session, row_id=saved.id, rev=their_rev, parent_rev=base, merge_rev=None, op="upsert",
            origin="KZ-KOR", author="p", device_time=utc(2025, 3, 2), received_at=utc(2025, 3, 3),
            content=theirs, changed={"narrative": ["", "at the post"]})
        assert not revisions.store_version(
            uow.session, row_id=saved.id, rev=their_rev, parent_rev=base, merge_rev=None, op="upsert",
            origin="KZ-KOR", author="p", device_time=utc(2025, 3, 2), received_at=None, content=theirs, changed={})
        uow.commit()
    IncidentService(engine, SETTINGS).update(replace(saved, concealment="fuel tank"), actor=officer)
    ours = _read(engine, revisions.head, saved.id)[0]
    merge_rev = make_rev(ours, merged)
    _apply(engine, merged, merge_rev, ours, their_rev)
    with UnitOfWork(engine, write=True) as uow:  # apply_content writes the row; its caller keeps the version
        revisions.store_version(uow.session, row_id=saved.id, rev=merge_rev, parent_rev=ours, merge_rev=their_rev,
                                op="upsert", origin="C", author="chief", device_time=utc(2025, 3, 4),
                                received_at=None, content=merged, changed={"narrative": ["", "at the post"]})
        uow.commit()
    assert _read(engine, revisions.head, saved.id) == (merge_rev, ours, their_rev)
    assert _read(engine, revisions.is_ancestor, saved.id, their_rev, merge_rev)  # through the second parent
    assert not _read(engine, revisions.is_ancestor, saved.id, their_rev, ours)
    assert _read(engine, revisions.get_version, saved.id, their_rev).received_at == utc(2025, 3, 3)


def test_applying_a_delete_removes_the_incident_and_its_lines_and_leaves_no_pending_delete(engine, people):
    officer, _ = people
    saved = _recorded(engine, officer)
    with UnitOfWork(engine, write=True) as uow:
        assert revisions.apply_delete(uow.session, saved.id)
        assert not revisions.apply_delete(uow.session, saved.id)
        uow.commit()
    with UnitOfWork(engine) as uow:
        for table in (IncidentRow, SeizureLineRow, PendingDeleteRow):
            assert uow.session.scalar(select(func.count()).select_from(table)) == 0
        assert uow.session.scalar(select(func.count()).select_from(RecordVersionRow)) == 1
    assert _rollups_match(engine)


def test_applying_over_a_local_change_not_yet_sealed_keeps_that_change_as_a_version(engine, people):
    officer, _ = people
    saved = _recorded(engine, officer)
    first = _read(engine, revisions.head, saved.id)[0]
    content = _read(engine, revisions.incident_content, saved.id)
    with engine.begin() as conn:  # a raw writer's change, not sealed yet
        conn.execute(text("UPDATE incidents SET narrative = 'local' WHERE number = :n"), {"n": saved.number})
    incoming = dict(content, concealment="spare tyre")
    rev = make_rev(first, incoming)
    with UnitOfWork(engine, write=True) as uow:
        assert revisions.apply_content(uow.session, incoming, rev=rev, parent_rev=first, merge_rev=None) == "updated"
        assert revisions.apply_content(uow.session, incoming, rev=rev, parent_rev=first, merge_rev=None) \
            == "unchanged"
        uow.commit()
    local = _versions(engine, saved.id)[-1]
    assert (local.parent_rev, local.changed) == (first, {"narrative": ["", "local"]})
    assert _read(engine, revisions.head, saved.id) == (rev, first, None)
    assert _read(engine, revisions.incident_content, saved.id)["narrative"] == ""


def test_one_reference_read_serves_many_applies_and_makes_an_unknown_author_once(engine, people):
    officer, _ = people
    first = _content(engine, officer)
    second = dict(first, id=str(uuid.uuid4()), number="KOR-P-2025-0008",
                  lines={str(uuid.uuid4()): line for line in first["lines"].values()})
    first["recorded_by"] = second["recorded_by"] = "post.officer9"
    with UnitOfWork(engine, write=True) as uow:
        reference = revisions.reference(uow.session)
        for content in (first, second):
            assert revisions.apply_content(uow.session, content, rev=make_rev(None, content), parent_rev=None,
                                           merge_rev=None, reference=reference) == "added"
        uow.commit()
    with UnitOfWork(engine) as uow:
        assert uow.session.scalar(select(func.count()).select_from(UserRow)
                                  .where(UserRow.username == "post.officer9")) == 1
        origins = set(uow.session.scalars(select(IncidentRow.origin)))
    assert origins == {_read(engine, revisions.own_origin)}  # no origin given: made here
    for content in (first, second):
        assert _read(engine, revisions.incident_content, uuid.UUID(content["id"])) == content
