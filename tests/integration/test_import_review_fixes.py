"""The importer after the review of issue 12 (findings #1, #2, #7, #8, #9, #10, #13, #15, #16, #17): held entries of
one post survive another post's import; a re-sent losing version opens no second conflict; reference data is
applied before the entries; a failed entry is not acknowledged and is retried when sent again (and listed by
`sitcentre bundle pending`); a bundle must continue the stored feed at both ends; an audit trail under a new
epoch is compared with the earlier epochs'; a new epoch's resync is queued once; bad reference data refuses the
bundle in words and keeps the file aside; accounts no longer at a post are disabled there; imports of different
origins take turns on PostgreSQL."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
import uuid
from datetime import UTC, datetime

import pytest
from sqlalchemy import create_engine, insert, select, text, update

from sitcentre.db.tables import AlertRow, PostRow, SubstanceRow, UserRow
from sitcentre.db.uow import UnitOfWork
from sitcentre.domain.enums import Role
from sitcentre.domain.permissions import SYSTEM, Actor
from sitcentre.domain.records import utcnow
from sitcentre.exchange.errors import BundleRejected, Equivocation
from sitcentre.repositories.refdata import snapshot
from sitcentre.services import conflicts, keys
from sitcentre.services.exchange_import import AuditAltered, import_file
from sitcentre.services.users import UserService
from tests.integration.exchange_world import (
    World,
    content,
    edit,
    export,
    identity,
    import_,
    incident_entry,
    make_centre,
    make_post,
    record,
    rows,
    scalar,
    trust_both,
)
from tests.integration.people import add_user
from tests.integration.test_import_rules import craft, owned_entry

PASSWORD = "Kordai-night-shift-2026"


def _add_substance(world: World, code: str) -> None:
    with UnitOfWork(world.engine, write=True) as uow:
        heroin = uow.session.scalars(select(SubstanceRow).where(SubstanceRow.code == "heroin")).one()
        uow.session.execute(insert(SubstanceRow).values(code=code, name=code.title(), group=heroin.group,
                                                        default_unit="kg", mass_per_tablet_mg=None))
        uow.commit()


def _with_substance(row: dict, code: str) -> dict:
    return {**row, "lines": {line_id: {**line, "substance": code} for line_id, line in row["lines"].items()}}


def _received(world: World, origin: str) -> int | None:
    return scalar(world, "SELECT seq FROM feed_cursors WHERE origin = :o AND kind = 'received' AND audience = '*'",
                  o=origin)


# ------------------------------------------------------------------------------------------------ #1, #2

def test_held_entry_of_one_post_survives_another_posts_import(tmp_path, db_url):
    a, b = make_post(tmp_path, "KZ-KOR"), make_post(tmp_path, "KZ-KAR")
    centre = make_centre(tmp_path, url=db_url)
    trust_both(a, centre)
    trust_both(b, centre)
    x = record(b, post="KZ-KAR", narrative="one")
    early = export(b, "C")
    edit(b, x, narrative="two")
    late = export(b, "C", since_last=True)
    assert import_(centre, late).held == 1
    record(a, post="KZ-KOR", narrative="a's")
    import_(centre, export(a, "C"))
    assert rows(centre, "SELECT state FROM feed_entries WHERE origin = 'KZ-KAR'") == [("held",)]
    import_(centre, early)
    assert content(centre, x)["narrative"] == "two"
    assert rows(centre, "SELECT seq, state FROM feed_entries WHERE origin = 'KZ-KAR' ORDER BY seq") == \
        [(1, "applied"), (2, "applied")]


def test_a_resent_losing_version_does_not_open_a_second_conflict(pair):
    post, centre = pair
    x = record(post, narrative="base")
    import_(centre, export(post, "C"))
    edit(centre, x, narrative="centre's")
    edit(post, x, narrative="post's")
    assert import_(centre, export(post, "C")).conflicts == 1
    keys.new_epoch(post.engine, actor=Actor.system_actor("test"), reason="restored")
    summary = import_(centre, export(post, "C"))  # the new epoch carries every version written there again
    assert summary.conflicts == 0 and summary.unchanged >= 2
    assert len(rows(centre, "SELECT id FROM conflicts WHERE status = 'open'")) == 1


# ------------------------------------------------------------------------------------------------ #7, #17

def test_reference_data_is_applied_before_the_entries_that_need_it(pair):
    post, centre = pair
    _add_substance(centre, "khat")
    x = record(centre, post="KZ-KOR", substance="khat", narrative="khat at the border")
    summary = import_(post, export(centre, "KZ-KOR"))
    assert (summary.added, summary.errors) == (1, 0)
    assert [line["substance"] for line in content(post, x)["lines"].values()] == ["khat"]


def test_bad_reference_data_refuses_the_bundle_in_words_and_keeps_the_file(pair, tmp_path):
    post, centre = pair
    with UnitOfWork(centre.engine) as uow:
        data = snapshot(uow.session, "KZ-KOR", keys=[])
    data["substances"].append({"code": "odd", "name": "Odd", "group": "nonsense", "default_unit": "kg",
                               "mass_per_tablet_mg": None})
    path = tmp_path / "bad.scb"
    path.write_bytes(craft(centre, "KZ-KOR", [], refdata=data))
    before = scalar(post, "SELECT count(*) FROM substances")
    with pytest.raises(BundleRejected) as refused:
        import_file(post.engine, post.settings, path, actor=SYSTEM)
    assert refused.value.code == "bad_refdata" and "'nonsense' is not a substance group" in refused.value.message
    assert refused.value.kept_at is not None and refused.value.kept_at.exists()
    assert scalar(post, "SELECT count(*) FROM substances") == before


# ------------------------------------------------------------------------------------------------ #8

def test_a_failed_entry_is_not_acknowledged_and_is_retried_when_sent_again(pair, tmp_path):
    post, centre = pair
    x, y = record(post, narrative="odd substance"), record(post, narrative="fine")
    odd = incident_entry(_with_substance(content(post, x), "unobtainium"), by="KZ-KOR")
    fine = incident_entry(content(post, y), by="KZ-KOR")
    summary = import_(centre, craft(post, "C", [odd, fine]))
    assert (summary.errors, summary.added) == (1, 1)
    assert _received(centre, "KZ-KOR") is None  # stops before #1, in error: the post sends it again

    url = centre.engine.url.render_as_string(hide_password=False)
    env = dict(os.environ, SITCENTRE_DATA_DIR=str(tmp_path / "data"))
    listed = subprocess.run([sys.executable, "-m", "sitcentre", "--db", url, "bundle", "pending"],
                            capture_output=True, text=True, timeout=120, env=env)
    assert listed.returncode == 0, listed.stderr
    assert "0 held (waiting for an earlier version), 1 failed" in listed.stdout
    assert "KZ-KOR #1" in listed.stdout and "error: incident" in listed.stdout and "unobtainium" in listed.stdout

    _add_substance(centre, "unobtainium")
    z = record(post, narrative="third")
    summary = import_(centre, craft(post, "C", [odd, fine, incident_entry(content(post, z), by="KZ-KOR")]))
    assert (summary.errors, summary.added, summary.unchanged) == (0, 2, 1)
    assert content(centre, x) is not None
    assert rows(centre, "SELECT seq, state FROM feed_entries WHERE origin = 'KZ-KOR' ORDER BY seq") == \
        [(1, "applied"), (2, "applied"), (3, "applied")]
    assert _received(centre, "KZ-KOR") == 3


# ------------------------------------------------------------------------------------------------ #9

def test_a_fork_between_bundles_that_do_not_overlap_is_an_equivocation(pair):
    post, centre = pair
    x, y, z = (record(post, narrative=n) for n in ("one", "two", "three"))
    first = [incident_entry(content(post, i), by="KZ-KOR") for i in (x, y)]
    import_(centre, craft(post, "C", first))
    head = scalar(centre, "SELECT hash FROM feed_entries WHERE origin = 'KZ-KOR' AND seq = 2")
    with pytest.raises(Equivocation):  # seq 3 says it follows another #2
        import_(centre, craft(post, "C", [incident_entry(content(post, z), by="KZ-KOR")], from_seq=3,
                              prev="a" * 64))
    assert content(centre, z) is None
    # and the other end: #4 stored first, then a #3 whose hash is not the prev #4 names
    w = record(post, narrative="four")
    import_(centre, craft(post, "C", [incident_entry(content(post, w), by="KZ-KOR")], from_seq=4, prev="b" * 64))
    with pytest.raises(Equivocation):
        import_(centre, craft(post, "C", [incident_entry(content(post, z), by="KZ-KOR")], from_seq=3, prev=head))
    assert content(centre, z) is None


# ------------------------------------------------------------------------------------------------ #10, #16

def test_an_audit_trail_altered_and_hidden_behind_a_new_epoch_is_detected(pair):
    post, centre = pair
    record(post, narrative="one")
    import_(centre, export(post, "C"))
    first = scalar(centre, "SELECT min(seq) FROM audit_remote WHERE origin = 'KZ-KOR'")
    assert first is not None
    # the centre's copy of entry #first stands for what the post sent then; the post now holds another one
    # (as if rewritten and re-chained), dated as the original: not a row written after a restore
    with centre.engine.begin() as conn:
        conn.execute(text("UPDATE audit_remote SET hash = :h WHERE origin = 'KZ-KOR' AND seq = :s"),
                     {"h": "0" * 64, "s": first})
    keys.new_epoch(post.engine, actor=Actor.system_actor("test"), reason="restored")
    with pytest.raises(AuditAltered):
        import_(centre, export(post, "C"))


def test_a_new_epochs_resync_is_queued_once_when_its_first_bundle_does_not_start_at_one(pair):
    post, centre = pair
    x = record(post, narrative="one")
    import_(centre, export(post, "C"))
    keys.new_epoch(post.engine, actor=Actor.system_actor("test"), reason="restored")
    y, z = record(post, narrative="two"), record(post, narrative="three")
    import_(centre, craft(post, "C", [incident_entry(content(post, y), by="KZ-KOR")], from_seq=5, prev="c" * 64))
    resync = "SELECT count(*) FROM feed_entries WHERE origin = 'C' AND audience = 'KZ-KOR' AND body LIKE :r"
    once = scalar(centre, resync, r='%"resync":true%')
    assert once >= 1
    prev = scalar(centre, "SELECT hash FROM feed_entries WHERE origin = 'KZ-KOR' AND seq = 5 AND epoch = :e",
                  e=identity(post).epoch)
    import_(centre, craft(post, "C", [incident_entry(content(post, z), by="KZ-KOR")], from_seq=6, prev=prev))
    assert scalar(centre, resync, r='%"resync":true%') == once
    assert content(centre, x) is not None and content(centre, z) is not None


# ------------------------------------------------------------------------------------------------ #15

def test_an_account_no_longer_at_the_post_is_disabled_there(pair):
    post, centre = pair
    UserService(centre.engine, centre.settings).add("kordai.officer", "operator", PASSWORD, post_code="KZ-KOR",
                                                     actor=SYSTEM)
    import_(post, export(centre, "KZ-KOR"))
    assert rows(post, "SELECT disabled FROM users WHERE username = 'kordai.officer'") in ([(0,)], [(False,)])
    with UnitOfWork(centre.engine, write=True) as uow:
        kar = uow.session.scalar(select(PostRow.id).where(PostRow.code == "KZ-KAR"))
        uow.session.execute(update(UserRow).where(UserRow.username == "kordai.officer").values(post_id=kar))
        uow.commit()
    summary = import_(post, export(centre, "KZ-KOR"))
    assert rows(post, "SELECT disabled FROM users WHERE username = 'kordai.officer'") in ([(1,)], [(True,)])
    assert any("kordai.officer" in note for note in summary.notes)


# ------------------------------------------------------------------------------------------------ #13

@pytest.mark.parametrize("backend", [pytest.param("postgresql", marks=pytest.mark.pg)])  # PostgreSQL only
def test_imports_of_different_origins_take_turns_on_postgresql(tmp_path, db_url):
    post = make_post(tmp_path, "KZ-KOR")
    centre = make_centre(tmp_path, url=db_url)
    trust_both(post, centre)
    record(post, narrative="waits its turn")
    data = export(post, "C")
    holder = create_engine(db_url)
    done: list = []
    with holder.connect() as conn:
        conn.execute(text("SELECT pg_advisory_xact_lock(hashtext('sitcentre-import'))"))  # another import runs
        worker = threading.Thread(target=lambda: done.append(import_(centre, data)))
        worker.start()
        time.sleep(1.5)
        assert not done  # it waits for the import that holds the lock
        conn.rollback()
    worker.join(30)
    holder.dispose()
    assert done and done[0].added == 1


@pytest.mark.parametrize("backend", [pytest.param("postgresql", marks=pytest.mark.pg)])  # PostgreSQL only
def test_an_acknowledgement_waits_for_a_workstation_acknowledging_the_same_alert(tmp_path, db_url):
    post = make_post(tmp_path, "KZ-KOR")
    centre = make_centre(tmp_path, url=db_url)
    trust_both(post, centre)
    alert = uuid.uuid4()
    with UnitOfWork(centre.engine, write=True) as uow:
        kor = uow.session.scalar(select(PostRow.id).where(PostRow.code == "KZ-KOR"))
        uow.session.execute(insert(AlertRow).values(id=alert, from_post_id=None, to_post_id=kor, sent_at=utcnow(),
                                                    sent_by="chief", priority="normal", text="for KOR"))
        uow.commit()
    ack = {"acknowledged_at": "2026-11-29T09:00:00.000000+00:00", "acknowledged_by": "kor.officer"}
    data = craft(post, "C", [owned_entry("alert_ack", ack, by="KZ-KOR", row_id=str(alert))])
    holder = create_engine(db_url)
    done: list = []
    with holder.connect() as conn:  # a workstation acknowledging the alert at 08:00, not yet committed
        conn.execute(text("SELECT id FROM alerts WHERE id = :i FOR UPDATE"), {"i": alert})
        conn.execute(text("UPDATE alerts SET acknowledged_at = :at, acknowledged_by = 'centre.desk' WHERE id = :i"),
                     {"at": datetime(2026, 11, 29, 8, tzinfo=UTC), "i": alert})
        worker = threading.Thread(target=lambda: done.append(import_(centre, data)))
        worker.start()
        time.sleep(1.5)
        assert not done
        conn.commit()
    worker.join(30)
    holder.dispose()
    assert done and done[0].unchanged == 1  # the earliest acknowledgement stands
    assert scalar(centre, "SELECT acknowledged_by FROM alerts") == "centre.desk"


@pytest.mark.parametrize("backend", [pytest.param("postgresql", marks=pytest.mark.pg)])  # PostgreSQL only
def test_an_import_does_not_fast_forward_over_a_save_made_while_it_ran(tmp_path, db_url):
    post = make_post(tmp_path, "KZ-KOR")
    centre = make_centre(tmp_path, url=db_url)
    trust_both(post, centre)
    x = record(post, narrative="base")
    import_(centre, export(post, "C"))
    edit(post, x, narrative="the post's")
    data = export(post, "C")  # its entry's parent is the head the centre has now
    done: list = []
    with UnitOfWork(centre.engine, write=True) as uow:  # a supervisor saving X while the import runs
        uow.session.execute(text("UPDATE incidents SET narrative = 'the supervisor''s' WHERE id = :i"), {"i": x})
        worker = threading.Thread(target=lambda: done.append(import_(centre, data)))
        worker.start()
        time.sleep(1.5)
        assert not done
        uow.commit()  # sealed: a new head the import's first read did not see
    worker.join(30)
    assert done and done[0].conflicts == 1
    assert content(centre, x)["narrative"] == "the supervisor's"


def test_a_resync_does_not_silently_replace_an_edit_made_after_the_restore(pair, tmp_path):
    from tests.integration.test_import_rejections import _backup, _restore

    post, centre = pair
    x = record(post, narrative="one")
    import_(centre, export(post, "C"))
    _backup(post, tmp_path / "backup.sqlite")
    edit(post, x, narrative="two")
    import_(centre, export(post, "C"))
    edit(centre, x, narrative="the centre's, over two")  # its parent is a version the backup does not have
    post = _restore(post, tmp_path / "backup.sqlite")
    keys.new_epoch(post.engine, actor=Actor.system_actor("test"), reason="restored")
    edit(post, x, narrative="after the restore")
    import_(centre, export(post, "C"))  # the post's new epoch: the centre queues a resync of its records
    summary = import_(post, export(centre, "KZ-KOR"))
    assert content(post, x)["narrative"] == "after the restore"  # kept, not overwritten by the resync
    assert summary.conflicts == 1
    assert rows(post, "SELECT kind, status FROM conflicts") == [("conflict", "open")]


@pytest.mark.parametrize("backend", [pytest.param("postgresql", marks=pytest.mark.pg)])  # PostgreSQL only
def test_a_resolution_waits_for_a_save_of_the_same_incident_and_sees_it(pair, db_url):
    post, centre = pair
    x = record(post, narrative="base")
    import_(centre, export(post, "C"))
    edit(centre, x, narrative="centre's")
    edit(post, x, narrative="post's")
    import_(centre, export(post, "C"))
    [(conflict_id,)] = rows(centre, "SELECT id FROM conflicts WHERE status = 'open'")
    chief = add_user(centre.engine, centre.settings, "chief", Role.SUPERVISOR)
    outcome: list = []

    def resolve() -> None:
        try:
            outcome.append(conflicts.resolve(centre.engine, centre.settings, conflict_id, "post", actor=chief))
        except conflicts.ConflictRefused as exc:
            outcome.append(exc)

    with UnitOfWork(centre.engine, write=True) as uow:  # a workstation saving X while the supervisor resolves
        uow.session.execute(text("UPDATE incidents SET narrative = 'the desk''s' WHERE id = :i"), {"i": x})
        worker = threading.Thread(target=resolve)
        worker.start()
        time.sleep(1.5)
        assert not outcome
        uow.commit()
    worker.join(30)
    assert outcome and isinstance(outcome[0], conflicts.ConflictRefused)  # changed since: shown again first
    assert content(centre, x)["narrative"] == "the desk's"
