"""The live feed across a failover: a primary and a streaming standby (two throwaway clusters), the app's
multi-host address with target_session_attrs=read-write, the primary crashed and the standby promoted.

The feed must say "reconnecting", find the new primary by itself, LISTEN there again and deliver what is
written on it (docs/deployment.md, "What the app does during a failover"). The second test makes the old
primary commit a change the standby never received (asynchronous replication loses it): the new primary
then hands out the same transaction ids again, and the feed must still deliver the new primary's changes.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import text

from sitcentre.db import migrate
from sitcentre.db.engine import make_engine
from sitcentre.domain.queries import ChangeBatch
from sitcentre.live import ChangeFeed, FeedSettings, FeedState, FeedStatus
from sitcentre.services.demo import seed_reference_data
from sitcentre.settings import Settings

from .private_clusters import Cluster, Workspace, postgres_bin

pytestmark = pytest.mark.pg

FAST = FeedSettings(pg_safety_poll_s=1.0, backoff_s=(0.2, 0.5), connect_timeout_s=2)


class Recorder:
    def __init__(self) -> None:
        self.batches: list[ChangeBatch] = []
        self.states: list[FeedState] = []
        self._cond = threading.Condition()

    def on_changes(self, batch: ChangeBatch) -> None:
        with self._cond:
            self.batches.append(batch)
            self._cond.notify_all()

    def on_state(self, state: FeedState) -> None:
        with self._cond:
            self.states.append(state)
            self._cond.notify_all()

    def wait_until(self, predicate, timeout: float = 30.0) -> bool:
        with self._cond:
            return bool(self._cond.wait_for(predicate, timeout))

    def post_names_seen(self) -> set[str]:
        return {c.row_id for b in self.batches for c in b.changes if c.table == "posts"}

    def reloads(self) -> int:
        return sum(1 for b in self.batches if b.truncated)

    def statuses(self) -> list[FeedStatus]:
        return [s.state for s in self.states]


@pytest.fixture(scope="module")
def migrated(tmp_path_factory) -> Iterator[Cluster]:
    """A stopped cluster holding a migrated database with reference data, copied by each test."""
    if postgres_bin() is None:
        pytest.fail("the PostgreSQL server binaries (initdb, pg_ctl, pg_basebackup) are needed for this test")
    ws = Workspace()
    try:
        cluster = ws.cluster("template")
        cluster.initdb()
        cluster.start()
        cluster.execute("CREATE DATABASE sitcentre")
        engine = make_engine(cluster.url("sitcentre"), Settings(data_dir=tmp_path_factory.mktemp("settings")))
        migrate.upgrade(engine)
        seed_reference_data(engine)
        engine.dispose()
        cluster.stop("fast")
        yield cluster
    finally:
        ws.close()


@pytest.fixture
def pair(migrated: Cluster) -> Iterator[tuple[Cluster, Cluster, str]]:
    """A primary (a copy of the migrated cluster), a streaming standby of it, and the two-host address."""
    ws = Workspace()
    try:
        primary, standby = ws.cluster("a"), ws.cluster("b")
        primary.copy_of(migrated)
        primary.start()
        standby.base_backup_of(primary)
        standby.start()
        yield primary, standby, _two_host_url(primary, standby)
    finally:
        ws.close()


def _two_host_url(a: Cluster, b: Cluster, form: str = "lists") -> str:
    """Both forms SQLAlchemy takes for libpq's multi-host addresses."""
    hosts = (f"host=127.0.0.1,127.0.0.1&port={a.port},{b.port}" if form == "lists"
             else f"host=127.0.0.1:{a.port}&host=127.0.0.1:{b.port}")
    return f"postgresql://postgres@/sitcentre?{hosts}&target_session_attrs=read-write&connect_timeout=2"


def _touch_post(engine, code: str) -> str:
    """A raw UPDATE of one post (as any client could make it); returns the post's id as the feed reports it."""
    with engine.begin() as conn:
        conn.execute(text("UPDATE posts SET name = name || '.' WHERE code = :c"), {"c": code})
        return str(conn.execute(text("SELECT id FROM posts WHERE code = :c"), {"c": code}).scalar_one())


def _codes(engine, n: int) -> list[str]:
    with engine.connect() as conn:
        return list(conn.execute(text("SELECT code FROM posts ORDER BY code LIMIT :n"), {"n": n}).scalars())


def _start_feed(url: str, tmp_path: Path, settings: FeedSettings = FAST):
    engine = make_engine(url, Settings(data_dir=tmp_path))
    rec = Recorder()
    feed = ChangeFeed(engine, rec.on_changes, rec.on_state, settings=settings)
    feed.start()
    assert rec.wait_until(lambda: FeedStatus.LIVE in rec.statuses()), rec.states
    return engine, rec, feed


@pytest.mark.parametrize("form", ["lists", "pairs"])
def test_the_feed_reconnects_to_the_promoted_standby_and_delivers_its_changes(pair, tmp_path, form):
    primary, standby, _ = pair
    engine, rec, feed = _start_feed(_two_host_url(primary, standby, form), tmp_path)
    try:
        first, second, third = _codes(engine, 3)
        before = _touch_post(engine, first)
        assert rec.wait_until(lambda: before in rec.post_names_seen()), "no change from the first primary"
        standby.wait_replayed_from(primary)

        primary.stop("immediate")  # the primary's machine dies
        assert rec.wait_until(lambda: FeedStatus.RECONNECTING in rec.statuses()), rec.states
        standby.promote()
        assert rec.wait_until(lambda: rec.statuses()[-1] == FeedStatus.LIVE), rec.states

        # The app's own engine (pool_pre_ping) also finds the new primary through the same address.
        after = _touch_post(engine, second)
        assert rec.wait_until(lambda: after in rec.post_names_seen()), "the change on the new primary never came"
        # ... and the listener is on the new primary: a NOTIFY from a plain client there wakes it too.
        with engine.connect() as conn:
            assert conn.execute(text("SELECT pg_is_in_recovery()")).scalar_one() is False
            assert conn.execute(text("SELECT inet_server_port()")).scalar_one() == standby.port
        direct = make_engine(standby.url("sitcentre"), Settings(data_dir=tmp_path))
        plain = _touch_post(direct, third)
        direct.dispose()
        assert rec.wait_until(lambda: plain in rec.post_names_seen())
    finally:
        assert feed.stop(timeout=10)
        engine.dispose()


@pytest.mark.parametrize("feed_first", [True, False], ids=["feed-back-first", "others-write-first"])
def test_changes_on_the_new_primary_reach_the_feed_when_the_old_one_lost_transactions(pair, tmp_path, feed_first):
    """Asynchronous replication: the old primary committed (and the feed showed) work the standby never got.
    The promoted standby hands out the same transaction ids (and change_log seqs) again; the feed must not
    take its new work for already read, whether it is back before other workstations write or after."""
    primary, standby, url = pair
    slow = FeedSettings(pg_safety_poll_s=1.0, backoff_s=(0.2, 3.0), connect_timeout_s=2)
    engine, rec, feed = _start_feed(url, tmp_path, FAST if feed_first else slow)
    try:
        codes = _codes(engine, 6)
        standby.wait_replayed_from(primary)
        standby.stop("fast")  # replication stops: what the primary commits now is lost at the failover
        lost = [_touch_post(engine, code) for code in codes[:3]]
        assert rec.wait_until(lambda: set(lost) <= rec.post_names_seen()), "the feed missed the primary's changes"
        primary.stop("immediate")
        assert rec.wait_until(lambda: FeedStatus.RECONNECTING in rec.statuses()), rec.states
        standby.start()
        standby.promote()
        if feed_first:
            assert rec.wait_until(lambda: rec.statuses()[-1] == FeedStatus.LIVE), rec.states
        reloads_before = rec.reloads()
        # Written at once on the new primary: with the slow feed, before it is back (it retries after 3 s).
        direct = make_engine(standby.url("sitcentre"), Settings(data_dir=tmp_path))
        fresh = [_touch_post(direct, code) for code in codes[3:]]
        direct.dispose()
        # Either each change is delivered, or the feed told its listeners to reload everything (which shows
        # the new primary's rows too) because it found itself on another server history.
        assert rec.wait_until(lambda: set(fresh) <= rec.post_names_seen() or rec.reloads() > reloads_before,
                              timeout=30), "the new primary's changes were taken for already read"
        assert rec.wait_until(lambda: rec.statuses()[-1] == FeedStatus.LIVE), rec.states
        marker = len(rec.batches)  # and live changes keep coming afterwards
        again = _touch_post(engine, codes[0])
        assert rec.wait_until(lambda: any(again in {c.row_id for c in b.changes} for b in rec.batches[marker:]))
    finally:
        assert feed.stop(timeout=10)
        engine.dispose()
