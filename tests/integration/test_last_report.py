"""posts.last_report_at is derived: the latest reported_at of the post's incidents, kept by triggers through
inserts, deletes, corrections of reported_at and moves to another post (issue 9, defect 2)."""

from __future__ import annotations

from dataclasses import replace

import pytest
from sqlalchemy import func, select, text

from sitcentre.db.tables import IncidentRow, PostRow
from sitcentre.db.uow import UnitOfWork
from sitcentre.domain.enums import Unit
from sitcentre.domain.permissions import SYSTEM
from sitcentre.repositories.changes import ChangeRepository
from sitcentre.services.demo import seed_incidents
from sitcentre.services.incidents import IncidentService
from tests.faults.harness import assert_consistent
from tests.integration.helpers import SETTINGS
from tests.integration.test_cli import run_cli

from .helpers import ids, incident, utc, uuid_param


def _last_report(engine, post_id: int):
    with UnitOfWork(engine) as uow:
        return uow.session.scalar(select(PostRow.last_report_at).where(PostRow.id == post_id))


def _record(engine, post_id: int, reported, substance_id: int):
    made = incident(post_id, reported, (substance_id, 1, Unit.KG))
    return IncidentService(engine, SETTINGS).record(made, actor=SYSTEM)


def test_deleting_the_latest_incident_puts_the_last_report_back_to_the_one_before(engine):
    posts, subs = ids(engine)
    post = posts["KG-KSU"]
    _record(engine, post, utc(2025, 3, 1, 10), subs["heroin"])
    latest = _record(engine, post, utc(2025, 3, 5, 10), subs["heroin"])
    assert _last_report(engine, post) == utc(2025, 3, 5, 10)
    with engine.begin() as conn:  # a raw delete, as psql or the sqlite3 shell would do it
        conn.execute(text("DELETE FROM incidents WHERE id = :id"), {"id": uuid_param(engine, latest.id)})
    assert _last_report(engine, post) == utc(2025, 3, 1, 10)


def test_deleting_a_posts_only_incident_leaves_it_with_no_report(engine):
    posts, subs = ids(engine)
    only = _record(engine, posts["KG-KSU"], utc(2025, 3, 1, 10), subs["heroin"])
    with engine.begin() as conn:
        conn.execute(text("DELETE FROM incidents WHERE id = :id"), {"id": uuid_param(engine, only.id)})
    assert _last_report(engine, posts["KG-KSU"]) is None


def test_correcting_reported_at_to_an_earlier_time_moves_the_last_report_back(engine):
    posts, subs = ids(engine)
    post = posts["KG-KSU"]
    _record(engine, post, utc(2025, 3, 1, 10), subs["heroin"])
    mistyped = replace(incident(post, utc(2025, 3, 2, 10), (subs["opium"], 1, Unit.KG)), reported_at=utc(2025, 3, 20))
    wrong = IncidentService(engine, SETTINGS).record(mistyped, actor=SYSTEM)
    assert _last_report(engine, post) == utc(2025, 3, 20)
    IncidentService(engine, SETTINGS).update(replace(wrong, reported_at=utc(2025, 3, 2, 12)), actor=SYSTEM)
    assert _last_report(engine, post) == utc(2025, 3, 2, 12)
    with engine.begin() as conn:  # a raw correction too
        conn.execute(text("UPDATE incidents SET reported_at = :at WHERE id = :id"),
                     {"id": uuid_param(engine, wrong.id), "at": utc(2025, 3, 1, 9)})
    assert _last_report(engine, post) == utc(2025, 3, 1, 10)


def test_moving_an_incident_to_another_post_corrects_both_posts(engine):
    posts, subs = ids(engine)
    old, new = posts["KG-KSU"], posts["TJ-PPY"]
    _record(engine, old, utc(2025, 3, 1, 10), subs["heroin"])
    _record(engine, new, utc(2025, 2, 1, 10), subs["heroin"])
    moved = _record(engine, old, utc(2025, 3, 9, 10), subs["opium"])
    IncidentService(engine, SETTINGS).update(replace(moved, post_id=new), actor=SYSTEM)
    assert _last_report(engine, old) == utc(2025, 3, 1, 10)
    assert _last_report(engine, new) == utc(2025, 3, 9, 10)


def test_an_edit_that_keeps_reported_at_does_not_rewrite_the_post(engine):
    """Cheap: the post row (and the live feed's posts topic) is touched only when its last report changes."""
    posts, subs = ids(engine)
    post = posts["KG-KSU"]
    first = _record(engine, post, utc(2025, 3, 1, 10), subs["heroin"])
    _record(engine, post, utc(2025, 3, 5, 10), subs["heroin"])
    with UnitOfWork(engine) as uow:
        start = ChangeRepository(uow.session).latest_seq()
    IncidentService(engine, SETTINGS).update(replace(first, narrative="seen again", reported_at=utc(2025, 3, 2, 10)),
                                             actor=SYSTEM)
    with UnitOfWork(engine) as uow:
        tables = {c.table for c in ChangeRepository(uow.session).since(start).changes}
    assert "incidents" in tables and "posts" not in tables
    assert _last_report(engine, post) == utc(2025, 3, 5, 10)


def test_a_demo_load_stopped_after_its_first_batch_leaves_each_posts_true_last_report(engine):
    """The load moves last reports batch by batch in the batches' own transactions: no post is left
    looking as if it had reported at the end of a load that never finished."""

    class Stop(Exception):
        pass

    def stop(written: int, total: int) -> None:
        raise Stop

    with pytest.raises(Stop):
        seed_incidents(engine, 20_001, seed=4, end=utc(2026, 6, 30, 18), progress=stop)
    with UnitOfWork(engine) as uow:
        latest = dict(uow.session.execute(select(IncidentRow.post_id, func.max(IncidentRow.reported_at))
                                          .group_by(IncidentRow.post_id)).all())
        shown = dict(uow.session.execute(select(PostRow.id, PostRow.last_report_at)).all())
    assert latest, "the first batch was written"
    assert shown == {post_id: latest.get(post_id) for post_id in shown}


@pytest.mark.parametrize("edit", [
    "UPDATE posts SET last_report_at = '2062-01-01 00:00:00+00' WHERE id = :reported",
    "UPDATE posts SET last_report_at = NULL WHERE id = :reported",
    "UPDATE posts SET last_report_at = '2025-03-01 10:00:00+00' WHERE id = :silent",
], ids=["moved-forward", "emptied", "invented"])
def test_db_check_fails_when_a_posts_last_report_is_edited_by_hand(tmp_path, engine, db_url, edit):
    """A post shown green by a hand-edited last report is as wrong as a hand-edited rollup: `db check` and the
    fault suite's consistency check say so."""
    posts, subs = ids(engine)
    _record(engine, posts["KG-KSU"], utc(2025, 3, 1, 10), subs["heroin"])
    assert run_cli(tmp_path, "--db", db_url, "db", "check").returncode == 0
    assert_consistent(engine)
    with engine.begin() as conn:
        conn.execute(text(edit), {"reported": posts["KG-KSU"], "silent": posts["TJ-PPY"]})
    result = run_cli(tmp_path, "--db", db_url, "db", "check")
    assert result.returncode == 1, result.stdout + result.stderr
    assert "rollups:   DIFFER from the incidents" in result.stdout.splitlines()
    with pytest.raises(AssertionError, match="last report"):
        assert_consistent(engine)
