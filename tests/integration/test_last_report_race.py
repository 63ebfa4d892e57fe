"""posts.last_report_at stays the latest reported_at when two workstations change one post's incidents at the
same moment on PostgreSQL (issue 9, defect 2, reviewer's follow-up).

Each case holds one transaction open, runs another that commits, then commits the first: the interleaving the
reviewer reproduced. The trigger locks the post row before it reads max(reported_at), so the second waits
for the first and then sees its work; without the lock it read a snapshot that missed it.
"""

from __future__ import annotations

import threading
import time
import uuid

import psycopg
import pytest

from sitcentre.domain.permissions import SYSTEM
from sitcentre.services.incidents import IncidentService
from tests.integration.helpers import SETTINGS

from .helpers import ids, incident, pg_conninfo, utc

pytestmark = pytest.mark.parametrize("backend", [pytest.param("postgresql", marks=pytest.mark.pg)])

WAIT = 20.0  # seconds: bound on every wait, so a hang fails the test instead of blocking the suite
MAR = {day: utc(2025, 3, day, 10) for day in (1, 3, 4, 5)}


def _insert(post_id: int, day: int) -> tuple[str, tuple]:
    return ("INSERT INTO incidents (id, post_id, occurred_at, reported_at, incident_type, direction, "
            "transport_mode) VALUES (%s, %s, %s, %s, 'drug_seizure', 'entering', 'truck')",
            (str(uuid.uuid4()), post_id, MAR[day], MAR[day]))


def _delete(incident_id: uuid.UUID) -> tuple[str, tuple]:
    return "DELETE FROM incidents WHERE id = %s", (str(incident_id),)


def _correct(incident_id: uuid.UUID, day: int) -> tuple[str, tuple]:
    return "UPDATE incidents SET reported_at = %s WHERE id = %s", (MAR[day], str(incident_id))


def _wait_done_or_blocked(thread: threading.Thread, pid: int, monitor: psycopg.Connection) -> None:
    """Until the second workstation has committed, or waits on a lock the first one holds."""
    deadline = time.monotonic() + WAIT
    while thread.is_alive():
        waiting = monitor.execute("SELECT wait_event_type = 'Lock' FROM pg_stat_activity WHERE pid = %s",
                                  (pid,)).fetchone()
        if waiting and waiting[0]:
            return
        assert time.monotonic() < deadline, "the second workstation neither finished nor waited on a lock"
        time.sleep(0.01)


def _interleave(engine, first: tuple[str, tuple], second: tuple[str, tuple]) -> None:
    """Workstation 1 runs `first` and keeps its transaction open; workstation 2 runs `second` and commits;
    then workstation 1 commits."""
    info = pg_conninfo(engine)
    with psycopg.connect(info) as one, psycopg.connect(info) as two, \
            psycopg.connect(info, autocommit=True) as monitor:
        one.execute(*first)
        failures: list[BaseException] = []

        def run_second() -> None:
            try:
                two.execute(*second)
                two.commit()
            except BaseException as exc:  # asserted on below
                failures.append(exc)

        thread = threading.Thread(target=run_second)
        thread.start()
        try:
            _wait_done_or_blocked(thread, two.info.backend_pid, monitor)
        finally:
            one.commit()
            thread.join(WAIT)
        assert not thread.is_alive(), "workstation 2 hung after workstation 1 committed"
        assert failures == []


def _post_and_latest(engine, post_id: int):
    with psycopg.connect(pg_conninfo(engine)) as conn:
        return conn.execute("SELECT p.last_report_at, (SELECT max(reported_at) FROM incidents i "
                            "WHERE i.post_id = p.id) FROM posts p WHERE p.id = %s", (post_id,)).fetchone()


@pytest.fixture
def post(engine):
    """A post with reports on 1 and 5 March; returns its id and the two incidents' ids by day."""
    posts, subs = ids(engine)
    post_id = posts["KG-KSU"]
    record = IncidentService(engine, SETTINGS).record
    made = {day: record(incident(post_id, MAR[day], (subs["heroin"], 1, "kg")), actor=SYSTEM).id for day in (1, 5)}
    return post_id, made


def test_an_earlier_report_saved_while_the_latest_is_deleted_becomes_the_last_report(engine, post):
    post_id, made = post
    _interleave(engine, first=_insert(post_id, 3), second=_delete(made[5]))
    assert _post_and_latest(engine, post_id) == (MAR[3], MAR[3])


def test_an_earlier_report_saved_after_the_latest_was_deleted_becomes_the_last_report(engine, post):
    post_id, made = post
    _interleave(engine, first=_delete(made[5]), second=_insert(post_id, 3))
    assert _post_and_latest(engine, post_id) == (MAR[3], MAR[3])


def test_deleting_both_reports_at_once_leaves_the_post_with_no_report(engine, post):
    """Not pointing at the deleted 1 March report."""
    post_id, made = post
    _interleave(engine, first=_delete(made[1]), second=_delete(made[5]))
    assert _post_and_latest(engine, post_id) == (None, None)


def test_a_report_corrected_while_the_latest_is_deleted_becomes_the_last_report(engine, post):
    post_id, made = post
    _interleave(engine, first=_correct(made[1], 4), second=_delete(made[5]))
    assert _post_and_latest(engine, post_id) == (MAR[4], MAR[4])
