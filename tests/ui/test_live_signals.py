"""The Qt adapter of the change feed: its signals arrive on the GUI thread, so slots may touch widgets."""

from __future__ import annotations

import threading
import uuid

from PySide6.QtCore import QThread
from PySide6.QtWidgets import QApplication

from sitcentre.domain.changes import Topic
from sitcentre.live import FeedState, FeedStatus
from sitcentre.services.demo import seed_reference_data
from ui.common.live import LiveFeed


def insert_incident_from_another_thread(engine) -> str:
    """A raw insert made off the GUI thread, as another program would make it; returns the row id."""
    new = uuid.uuid4().hex
    sql = ("INSERT INTO incidents (id, post_id, occurred_at, reported_at, incident_type, direction, transport_mode) "
           "SELECT ?, min(id), '2025-03-01 10:00:00', '2025-03-01 10:00:00', 'drug_seizure', 'entering', 'truck' "
           "FROM posts")

    def write() -> None:
        with engine.begin() as conn:
            conn.exec_driver_sql(sql, (new,))

    writer = threading.Thread(target=write)
    writer.start()
    writer.join(10)
    return new


def test_changed_is_emitted_on_the_gui_thread_when_a_row_is_inserted(qtbot, migrated_engine, ui_backend):
    seed_reference_data(migrated_engine)
    feed = LiveFeed(ui_backend)
    seen: list[tuple[object, bool]] = []
    gui_thread = QApplication.instance().thread()
    feed.changed.connect(lambda changes: seen.append((changes, QThread.currentThread() == gui_thread)))
    try:
        with qtbot.waitSignal(feed.state_changed, timeout=5000,
                              check_params_cb=lambda state: state.state == FeedStatus.LIVE):
            feed.start()
        with qtbot.waitSignal(feed.changed, timeout=2000):
            new = insert_incident_from_another_thread(migrated_engine)
    finally:
        assert feed.stop()

    changes, on_gui_thread = seen[0]
    assert on_gui_thread
    assert new in changes.ids(Topic.INCIDENTS)


def test_state_changed_carries_the_feed_state_and_ends_with_stopped(qtbot, ui_backend):
    feed = LiveFeed(ui_backend)
    states: list[FeedState] = []
    feed.state_changed.connect(states.append)
    with qtbot.waitSignal(feed.state_changed, timeout=5000):
        feed.start()
    with qtbot.waitSignal(feed.state_changed, timeout=5000,
                          check_params_cb=lambda state: state.state == FeedStatus.STOPPED):
        assert feed.stop()
    assert [s.state for s in states] == [FeedStatus.LIVE, FeedStatus.STOPPED]
    assert feed.is_live is False
