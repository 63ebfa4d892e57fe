"""The live change feed on both backends: rows written elsewhere are reported quickly, completely, in order.

"Elsewhere" is taken literally where it matters: the latency test writes from another process with the
plain driver (sqlite3 / psycopg), as a raw SQL client on another workstation would.
"""

from __future__ import annotations

import threading
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import psycopg
import pytest
from sqlalchemy import text

from sitcentre.db.engine import make_engine
from sitcentre.db.uow import UnitOfWork
from sitcentre.domain.enums import ChangeOp
from sitcentre.domain.queries import Change, ChangeBatch
from sitcentre.live import APPLICATION_NAME, ChangeFeed, FeedSettings, FeedState, FeedStatus
from sitcentre.repositories.changes import ChangeRepository
from sitcentre.settings import Settings, sqlite_url

from .helpers import INSERT_INCIDENT, ids, pg_conninfo, uuid_param, write_from_another_process

SQLITE_ONLY = pytest.mark.parametrize("backend", ["sqlite"])
PG_ONLY = pytest.mark.parametrize("backend", [pytest.param("postgresql", marks=pytest.mark.pg)])

class Recorder:
    """What a feed reported, with the wall-clock time of each call; a test waits on it with wait_until."""

    def __init__(self) -> None:
        self.batches: list[tuple[float, ChangeBatch]] = []
        self.states: list[tuple[float, FeedState]] = []
        self._cond = threading.Condition()

    def on_changes(self, batch: ChangeBatch) -> None:
        with self._cond:
            self.batches.append((time.time(), batch))
            self._cond.notify_all()

    def on_state(self, state: FeedState) -> None:
        with self._cond:
            self.states.append((time.time(), state))
            self._cond.notify_all()

    def wait_until(self, predicate: Callable[[], object], timeout: float) -> bool:
        with self._cond:
            return bool(self._cond.wait_for(predicate, timeout))

    def changes(self) -> list[Change]:
        return [c for _, batch in list(self.batches) for c in batch.changes]

    def statuses(self) -> list[FeedStatus]:
        return [state.state for _, state in list(self.states)]

    def time_of(self, table: str, row_id: str, op: ChangeOp) -> float | None:
        """When the first batch holding this change was handed over."""
        for at, batch in list(self.batches):
            if any((c.table, c.row_id, c.op) == (table, row_id, op) for c in batch.changes):
                return at
        return None

    def time_of_state(self, status: FeedStatus, after: float = 0.0) -> float | None:
        return next((at for at, state in list(self.states) if state.state == status and at >= after), None)


StartFeed = Callable[..., tuple[ChangeFeed, Recorder]]


@pytest.fixture
def start_feed(engine) -> Iterator[StartFeed]:
    """Start a feed on the test's engine and wait until it watches; every feed is stopped afterwards."""
    feeds: list[ChangeFeed] = []

    def start(
        since_seq: int | None = None, on_changes: Callable | None = None, **settings
    ) -> tuple[ChangeFeed, Recorder]:
        recorder = Recorder()
        feed = ChangeFeed(engine, on_changes or recorder.on_changes, recorder.on_state, since_seq,
                          FeedSettings(**settings))
        feeds.append(feed)
        feed.start()
        watching = (FeedStatus.LIVE, FeedStatus.POLLING)
        assert recorder.wait_until(lambda: any(s in watching for s in recorder.statuses()), 10), recorder.states
        return feed, recorder

    yield start
    for feed in feeds:
        feed.stop()


def insert_incident(engine, post_id: int, conn=None) -> uuid.UUID:
    """One incident by raw SQL in this process (its own transaction unless a connection is given)."""
    new = uuid.uuid4()
    params = {"id": uuid_param(engine, new), "post": post_id, "at": "2025-03-01 10:00:00"}
    statement = text(INSERT_INCIDENT.replace("VALUES (?, ?, ?, ?", "VALUES (:id, :post, :at, :at"))
    if conn is not None:
        conn.execute(statement, params)
    else:
        with engine.begin() as own:
            own.execute(statement, params)
    return new


def latest_seq(engine) -> int:
    with UnitOfWork(engine) as uow:
        return ChangeRepository(uow.session).latest_seq()


def test_a_row_inserted_by_another_process_is_reported_within_a_second(engine, start_feed):
    posts, _ = ids(engine)
    feed, recorder = start_feed()
    new = uuid.uuid4()
    committed = write_from_another_process(
        engine, INSERT_INCIDENT, uuid_param(engine, new), posts["KZ-KOR"], "2025-03-01 10:00:00", "2025-03-01 10:00:00")

    assert recorder.wait_until(lambda: recorder.time_of("incidents", new.hex, ChangeOp.INSERT), 5), recorder.batches
    latency = recorder.time_of("incidents", new.hex, ChangeOp.INSERT) - committed
    print(f"{engine.dialect.name}: reported {latency * 1000:.0f} ms after the other process committed")
    assert latency < 1.0
    assert feed.state.state == FeedStatus.LIVE and feed.state.last_change_at is not None


def test_an_update_and_a_delete_are_reported_in_seq_order(engine, start_feed):
    posts, _ = ids(engine)
    new = insert_incident(engine, posts["KZ-KOR"])
    _, recorder = start_feed()
    with engine.begin() as conn:
        conn.execute(text("UPDATE incidents SET status = 'verified' WHERE id = :id"), {"id": uuid_param(engine, new)})
    with engine.begin() as conn:
        conn.execute(text("DELETE FROM incidents WHERE id = :id"), {"id": uuid_param(engine, new)})

    assert recorder.wait_until(lambda: recorder.time_of("incidents", new.hex, ChangeOp.DELETE), 5)
    ours = [c.op for c in recorder.changes() if (c.table, c.row_id) == ("incidents", new.hex)]
    assert ours == [ChangeOp.UPDATE, ChangeOp.DELETE]
    seqs = [c.seq for c in recorder.changes()]
    assert seqs == sorted(set(seqs)), "each change once, oldest first"


def insert_burst(engine, count: int) -> None:
    """`count` incidents in one transaction."""
    posts, _ = ids(engine)
    rows = [{"id": uuid_param(engine, uuid.uuid4()), "post": posts["TJ-PPY"], "at": "2025-04-01 08:00:00"}
            for _ in range(count)]
    with engine.begin() as conn:
        conn.execute(text(INSERT_INCIDENT.replace("VALUES (?, ?, ?, ?", "VALUES (:id, :post, :at, :at")), rows)


def test_a_burst_of_2000_rows_in_one_transaction_arrives_in_few_batches(engine, start_feed):
    _, recorder = start_feed()
    start = latest_seq(engine)
    insert_burst(engine, 2000)
    expected = latest_seq(engine) - start  # the triggers log more than the 2,000 inserts (posts, local dates)

    assert recorder.wait_until(lambda: len(recorder.changes()) >= expected, 30)
    burst_batches = len(recorder.batches)
    # Nothing more may follow: a later write, once reported, proves the feed has read past the burst.
    posts, _ = ids(engine)
    marker = insert_incident(engine, posts["KZ-KOR"])
    assert recorder.wait_until(lambda: recorder.time_of("incidents", marker.hex, ChangeOp.INSERT), 10)
    assert recorder.wait_until(lambda: len(recorder.changes()) >= latest_seq(engine) - start, 10)
    assert [c.seq for c in recorder.changes()] == list(range(start + 1, latest_seq(engine) + 1))  # each once
    changes = [c for c in recorder.changes() if c.seq <= start + expected]
    assert len(changes) == expected
    assert sum(1 for c in changes if (c.table, c.op) == ("incidents", ChangeOp.INSERT)) == 2000
    assert [c.seq for c in changes] == list(range(start + 1, start + expected + 1))
    assert burst_batches <= 5


def test_a_backlog_longer_than_the_batch_limit_is_fetched_at_once_in_several_batches(engine, start_feed):
    _, recorder = start_feed(batch_limit=500, sqlite_fallback_poll_s=60, pg_safety_poll_s=60)
    start = latest_seq(engine)
    insert_burst(engine, 2000)
    expected = latest_seq(engine) - start

    assert recorder.wait_until(lambda: len(recorder.changes()) >= expected, 10), "waited for another wake-up?"
    batches = [batch for _, batch in recorder.batches]
    assert len(batches) >= 4 and all(b.truncated for b in batches[:-1]), "cut batches say: reload everything"
    assert [c.seq for c in recorder.changes()] == list(range(start + 1, start + expected + 1))


def test_a_feed_behind_a_pruned_log_is_told_to_reload_everything(engine, start_feed):
    posts, _ = ids(engine)
    for _ in range(6):
        insert_incident(engine, posts["KZ-KOR"])
    with UnitOfWork(engine, write=True) as uow:
        ChangeRepository(uow.session).prune(keep=2)
        uow.commit()
    _, recorder = start_feed(since_seq=0)
    assert recorder.wait_until(lambda: recorder.batches, 5)
    assert recorder.batches[0][1].truncated


def test_a_listener_that_fails_does_not_stop_the_feed(engine, start_feed):
    posts, _ = ids(engine)
    seen: list[ChangeBatch] = []

    def fragile(batch: ChangeBatch) -> None:
        seen.append(batch)
        if len(seen) == 1:
            raise ValueError("a bug in a panel")

    feed, _ = start_feed(on_changes=fragile)
    insert_incident(engine, posts["KZ-KOR"])
    second = insert_incident(engine, posts["KZ-KOR"])
    deadline = time.monotonic() + 5
    while not any(c.row_id == second.hex for b in seen for c in b.changes) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert any(c.row_id == second.hex for b in seen for c in b.changes)
    assert feed.running and feed.state.state == FeedStatus.LIVE


def test_stop_returns_within_a_second_and_ends_the_thread(engine, start_feed):
    feed, recorder = start_feed()
    started = time.monotonic()
    assert feed.stop()
    assert time.monotonic() - started < 1.0
    assert not feed.running
    assert recorder.statuses()[-1] == FeedStatus.STOPPED
    if engine.dialect.name == "postgresql":
        assert wait_for(lambda: listen_backends(engine) == [], 5), "the LISTEN connection is still open"


@PG_ONLY
def test_a_lost_listen_connection_reconnects_and_catches_up(engine, start_feed):
    posts, _ = ids(engine)
    _, recorder = start_feed(backoff_s=(1.5, 1.0))  # a first wait long enough to write while it is down
    (pid,) = listen_backends(engine)
    with psycopg.connect(pg_conninfo(engine), autocommit=True) as admin:
        admin.execute("SELECT pg_terminate_backend(%s)", (pid,))
    assert recorder.wait_until(lambda: recorder.time_of_state(FeedStatus.RECONNECTING), 5)
    down_at = recorder.time_of_state(FeedStatus.RECONNECTING)
    missed = insert_incident(engine, posts["KZ-KOR"])

    assert recorder.wait_until(lambda: recorder.time_of("incidents", missed.hex, ChangeOp.INSERT), 10)
    back_at = recorder.time_of_state(FeedStatus.LIVE, after=down_at)
    assert back_at is not None and recorder.statuses()[-1] == FeedStatus.LIVE
    assert recorder.time_of("incidents", missed.hex, ChangeOp.INSERT) >= down_at
    reason = next(state for _, state in recorder.states if state.state == FeedStatus.RECONNECTING).detail
    assert "closed the connection" in reason or "terminat" in reason, reason
    assert listen_backends(engine) not in ([], [pid])


@PG_ONLY
def test_a_transaction_that_commits_after_a_later_one_is_still_reported(engine, start_feed):
    """PostgreSQL hands out seqs at insert, not at commit: the slow transaction's seq is below the last seen."""
    posts, _ = ids(engine)
    _, recorder = start_feed()
    # Different posts: the triggers' rollup and last-report updates would make the second writer wait.
    with psycopg.connect(pg_conninfo(engine), options="-c lock_timeout=5000") as slow:
        early = insert_psycopg(slow, posts["KZ-KOR"])  # takes the lower seq, commits last
        with psycopg.connect(pg_conninfo(engine), autocommit=True, options="-c lock_timeout=5000") as quick:
            late = insert_psycopg(quick, posts["UZ-TER"])
        assert recorder.wait_until(lambda: recorder.time_of("incidents", late.hex, ChangeOp.INSERT), 5)
        slow.commit()
    assert recorder.wait_until(lambda: recorder.time_of("incidents", early.hex, ChangeOp.INSERT), 5)


@SQLITE_ONLY
def test_without_a_wal_file_to_watch_the_feed_polls_and_still_reports(engine, start_feed, tmp_path):
    posts, _ = ids(engine)
    feed, recorder = start_feed(wal_path=tmp_path / "no-such-file-wal")
    assert recorder.statuses() == [FeedStatus.POLLING]
    assert "every 2 s" in feed.state.detail
    written = time.time()
    new = insert_incident(engine, posts["KZ-KOR"])

    assert recorder.wait_until(lambda: recorder.time_of("incidents", new.hex, ChangeOp.INSERT), 5)
    assert recorder.time_of("incidents", new.hex, ChangeOp.INSERT) - written < 2.0 + 1.0  # the interval + margin
    assert FeedStatus.LIVE not in recorder.statuses()


def test_a_missing_database_file_is_reported_and_retried_not_created(tmp_path: Path, caplog):
    path = tmp_path / "gone.sqlite"
    engine = make_engine(sqlite_url(path), Settings(data_dir=tmp_path))
    recorder = Recorder()
    feed = ChangeFeed(engine, recorder.on_changes, recorder.on_state, settings=FeedSettings(backoff_s=(0.1,)))
    feed.start()
    try:
        assert recorder.wait_until(lambda: recorder.states, 5)
        state = recorder.states[0][1]
        assert state.state == FeedStatus.RECONNECTING and "cannot be found" in state.detail
        # Each attempt logs a warning: after the third, the feed has tried to open the file three times.
        assert wait_for(lambda: attempts(caplog) >= 3, 5), caplog.text
        assert feed.running and not path.exists()
    finally:
        assert feed.stop()
        engine.dispose()


def attempts(caplog) -> int:
    return sum(1 for r in list(caplog.records) if r.getMessage().startswith("live feed lost the database"))


def insert_psycopg(conn: psycopg.Connection, post_id: int) -> uuid.UUID:
    new = uuid.uuid4()
    conn.execute(INSERT_INCIDENT.replace("?", "%s"), (new, post_id, "2025-03-01 10:00:00", "2025-03-01 10:00:00"))
    return new


def listen_backends(engine) -> list[int]:
    """Server pids of this database's live-feed listeners, found by their application_name."""
    with psycopg.connect(pg_conninfo(engine), autocommit=True) as conn:
        rows = conn.execute("SELECT pid FROM pg_stat_activity WHERE application_name = %s AND datname = %s",
                            (APPLICATION_NAME, engine.url.database)).fetchall()
    return [pid for (pid,) in rows]


def wait_for(predicate: Callable[[], bool], timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.05)
    return True

