"""The live feed on PostgreSQL reads change_log by transaction snapshot (sitcentre.live._SnapshotCursor):
PostgreSQL assigns seqs at insert, not at commit, so a transaction that commits late under a lower seq must
still be reported, exactly once, however long it stays open; a rolled-back one never is (issue 12, item 3).

Two overlapping transactions: T1 inserts and stays open, T2 inserts and commits. The feed reads T2's row
(T2 has ended: below the snapshot's xmax and not among its running transactions) and keeps T1 as running;
once T1 commits, the next read returns T1's row; each row comes once. A transaction left open elsewhere
holds back nothing but its own rows (a plain xmin watermark would stop the whole feed behind it).
"""

from __future__ import annotations

import time
from types import SimpleNamespace

import psycopg
import pytest
from sqlalchemy.orm import Session

import sitcentre.live
from sitcentre.db.uow import UnitOfWork
from sitcentre.domain.enums import ChangeOp
from sitcentre.live import FeedSettings, _SnapshotCursor
from sitcentre.repositories.changes import ChangeRepository

from .helpers import ids, pg_conninfo
from .test_live_feed import insert_psycopg, start_feed  # noqa: F401  (start_feed is a fixture)

pytestmark = pytest.mark.parametrize("backend", [pytest.param("postgresql", marks=pytest.mark.pg)])


def _connect(engine, autocommit=False) -> psycopg.Connection:
    # Different posts per writer: the triggers' rollup and last-report updates would make a second writer wait.
    return psycopg.connect(pg_conninfo(engine), autocommit=autocommit, options="-c lock_timeout=5000")


def _fetch_all(engine, cursor: _SnapshotCursor) -> list:
    changes, more = [], True
    with engine.connect() as conn, Session(bind=conn) as session:
        while more:
            batch, more = cursor.fetch(session)
            changes += list(batch.changes)
    return changes


def _inserted(changes) -> set[str]:
    return {c.row_id for c in changes if (c.table, c.op) == ("incidents", ChangeOp.INSERT)}


def test_a_row_committed_late_under_a_lower_seq_is_read_once_after_any_wait(engine, monkeypatch):
    posts, _ = ids(engine)
    cursor = _SnapshotCursor(None, FeedSettings(batch_limit=3))
    with engine.connect() as conn, Session(bind=conn) as session:
        cursor.start(session)
    with _connect(engine) as t1:
        early = insert_psycopg(t1, posts["KZ-KOR"])  # takes the lower seq, commits last
        with _connect(engine, autocommit=True) as t2:
            late = insert_psycopg(t2, posts["UZ-TER"])
        first = _fetch_all(engine, cursor)
        assert _inserted(first) == {late.hex}  # T2 has ended; T1 is still running: its row is not there yet
        # No grace period: however long T1 stays open, it is still waited for.
        later = SimpleNamespace(monotonic=lambda: time.monotonic() + 3 * 3600, time=lambda: time.time() + 3 * 3600,
                                sleep=time.sleep)
        monkeypatch.setattr(sitcentre.live, "time", later)
        assert _fetch_all(engine, cursor) == []
        t1.commit()
    second = _fetch_all(engine, cursor)
    assert _inserted(second) == {early.hex}
    early_seq = next(c.seq for c in second if c.row_id == early.hex)
    assert early_seq < next(c.seq for c in first if c.row_id == late.hex), "committed late under a lower seq"
    seqs = [c.seq for c in first + second]
    assert len(seqs) == len(set(seqs)), "each row once"
    assert _fetch_all(engine, cursor) == []  # nothing is read twice
    assert cursor.seq == max(seqs)


def test_a_rolled_back_transaction_never_appears_and_does_not_hold_the_feed(engine):
    posts, _ = ids(engine)
    cursor = _SnapshotCursor(None, FeedSettings())
    with engine.connect() as conn, Session(bind=conn) as session:
        cursor.start(session)
    with _connect(engine) as gone:
        lost = insert_psycopg(gone, posts["KZ-KOR"])
        with _connect(engine, autocommit=True) as t2:
            kept = insert_psycopg(t2, posts["UZ-TER"])
        gone.rollback()
    with _connect(engine, autocommit=True) as t3:
        after = insert_psycopg(t3, posts["KZ-KOR"])
    assert _inserted(_fetch_all(engine, cursor)) == {kept.hex, after.hex}
    assert lost.hex not in _inserted(_fetch_all(engine, cursor))


def test_a_feed_started_from_a_seq_reads_what_follows_it_once(engine):
    posts, _ = ids(engine)
    with _connect(engine, autocommit=True) as conn:
        before = insert_psycopg(conn, posts["KZ-KOR"])
        with UnitOfWork(engine) as uow:
            since = ChangeRepository(uow.session).latest_seq()
        first, second = insert_psycopg(conn, posts["KZ-KOR"]), insert_psycopg(conn, posts["UZ-TER"])
    cursor = _SnapshotCursor(since, FeedSettings(batch_limit=2))
    changes = _fetch_all(engine, cursor)
    assert _inserted(changes) == {first.hex, second.hex} and before.hex not in _inserted(changes)
    assert all(c.seq > since for c in changes) and _fetch_all(engine, cursor) == []


def test_the_running_feed_reports_both_overlapping_transactions_each_once(engine, start_feed):
    posts, _ = ids(engine)
    _, recorder = start_feed(pg_safety_poll_s=60)
    with _connect(engine) as t1:
        early = insert_psycopg(t1, posts["KZ-KOR"])
        with _connect(engine, autocommit=True) as t2:
            late = insert_psycopg(t2, posts["UZ-TER"])
        assert recorder.wait_until(lambda: late.hex in _inserted(recorder.changes()), 5), recorder.batches
        assert early.hex not in _inserted(recorder.changes())
        t1.commit()
    assert recorder.wait_until(lambda: early.hex in _inserted(recorder.changes()), 5), recorder.batches
    time.sleep(1.0)
    seqs = [c.seq for c in recorder.changes()]
    assert len(seqs) == len(set(seqs)), "each change once"


def test_a_transaction_left_open_elsewhere_holds_back_nothing_but_its_own_rows(engine, start_feed):
    """An idle transaction with an id (here one that wrote nothing; in life a stuck client, or another
    database on the same server) keeps the server's xmin where it is: the feed still reports what others
    commit, within the usual second."""
    posts, _ = ids(engine)
    _, recorder = start_feed(pg_safety_poll_s=60)
    with _connect(engine) as stuck:
        stuck.execute("SELECT pg_current_xact_id()")  # a transaction id, and nothing written
        with _connect(engine, autocommit=True) as t2:
            written = time.time()
            late = insert_psycopg(t2, posts["UZ-TER"])
        assert recorder.wait_until(lambda: late.hex in _inserted(recorder.changes()), 3), recorder.batches
        assert recorder.time_of("incidents", late.hex, ChangeOp.INSERT) - written < 1.0
        stuck.rollback()


def test_pruning_the_log_behind_an_up_to_date_feed_does_not_disturb_it(engine, start_feed):
    posts, _ = ids(engine)
    _, recorder = start_feed()
    with _connect(engine, autocommit=True) as conn:
        for _ in range(4):
            insert_psycopg(conn, posts["KZ-KOR"])
        assert recorder.wait_until(lambda: len(_inserted(recorder.changes())) == 4, 5)
        with UnitOfWork(engine, write=True) as uow:
            ChangeRepository(uow.session).prune(keep=1)
            uow.commit()
        more = insert_psycopg(conn, posts["KZ-KOR"])
    assert recorder.wait_until(lambda: more.hex in _inserted(recorder.changes()), 5)
    assert not any(batch.truncated for _, batch in recorder.batches)


def test_a_feed_behind_a_pruned_log_is_told_to_reload_everything(engine):
    posts, _ = ids(engine)
    with _connect(engine, autocommit=True) as conn:
        for _ in range(6):
            insert_psycopg(conn, posts["KZ-KOR"])
    with UnitOfWork(engine, write=True) as uow:
        ChangeRepository(uow.session).prune(keep=2)
        uow.commit()
    cursor = _SnapshotCursor(1, FeedSettings())
    with engine.connect() as conn, Session(bind=conn) as session:
        batch, _ = cursor.fetch(session)
    assert batch.truncated and batch.changes and cursor.seq == batch.changes[-1].seq
    assert _fetch_all(engine, cursor) == []  # told once; then it follows on
