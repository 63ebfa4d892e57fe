"""Live updates of the incident table: rows from another process or a raw SQL client appear within a
second, in place, keeping the operator's scroll position and selection; a burst does not freeze it."""

from __future__ import annotations

import time
import uuid
from datetime import UTC, datetime

import pytest
from PySide6.QtCore import QItemSelectionModel
from sqlalchemy import text

from sitcentre.services.demo import seed_incidents
from tests.integration.helpers import INSERT_INCIDENT, ids, uuid_param, write_from_another_process
from ui.incidents.incident_model import ROW_ROLE
from ui.shell.workstation import Workstation

END = datetime(2026, 6, 30, tzinfo=UTC)


@pytest.fixture
def station(qtbot, engine, app_backend):
    seed_incidents(engine, 400, seed=8, end=END)
    ws = Workstation(app_backend.system_desk("tester"))
    qtbot.addWidget(ws.window)
    ws.window.resize(1300, 800)
    ws.window.show()
    qtbot.waitUntil(lambda: ws.panel.count == 400 and ws.live is not None and ws.live.is_live, timeout=15_000)
    yield ws
    ws.shutdown()


def _row(ws, row: int):
    return ws.panel.model.index(row, 0).data(ROW_ROLE)


def test_a_row_inserted_by_another_process_appears_within_a_second_highlighted(qtbot, station, engine):
    posts, _ = ids(engine)
    new = uuid.uuid4()
    now = datetime.now(UTC).strftime("%Y-%m-%d %H:%M:%S")  # newest: lands at the top of the default sort
    committed = write_from_another_process(engine, INSERT_INCIDENT, uuid_param(engine, new), posts["KG-DOS"], now,
                                           now)
    qtbot.waitUntil(lambda: station.panel.count == 401 and _row(station, 0) is not None and
                    _row(station, 0).id == new, timeout=3_000)
    assert time.time() - committed < 1.0 + 0.3  # 0.3 s of slack for the test's own polling
    assert station.panel.model.index(0, 0).data(0x08) is not None  # BackgroundRole: highlighted
    assert "Last change" in station.last_change_label.text()


def test_a_raw_sql_update_changes_the_row_in_place_and_keeps_scroll_and_selection(qtbot, station, engine):
    panel = station.panel
    panel.view.scrollTo(panel.model.index(200, 0), panel.view.ScrollHint.PositionAtTop)
    qtbot.waitUntil(lambda: _row(station, 205) is not None, timeout=5_000)
    target = _row(station, 205)
    flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
    panel.view.selectionModel().select(panel.model.index(205, 0), flags)
    scroll_before = panel.view.verticalScrollBar().value()
    top_before = _row(station, panel.view.rowAt(0)).id
    posts, _ = ids(engine)
    with engine.begin() as conn:  # a raw client: an edit of the selected row and a new incident at the top
        conn.execute(text("UPDATE incidents SET persons_detained = 9 WHERE id = :id"),
                     {"id": uuid_param(engine, target.id)})
        now = datetime.now(UTC).strftime("%Y-%m-%d %H:%M:%S")
        conn.execute(text(INSERT_INCIDENT.replace("VALUES (?, ?, ?, ?", "VALUES (:id, :post, :at, :at")),
                     {"id": uuid_param(engine, uuid.uuid4()), "post": posts["KZ-KOR"], "at": now})
    qtbot.waitUntil(lambda: panel.count == 401, timeout=3_000)
    qtbot.waitUntil(lambda: any(r.data(ROW_ROLE) is not None and r.data(ROW_ROLE).persons_detained == 9
                                for r in panel.view.selectionModel().selectedRows()), timeout=3_000)
    (selected,) = panel.view.selectionModel().selectedRows()
    assert selected.data(ROW_ROLE).id == target.id
    assert selected.row() == 206  # the new row above it pushed it down one place
    assert panel.view.verticalScrollBar().value() == scroll_before + 1
    assert _row(station, panel.view.rowAt(0)).id == top_before  # the same incident stays at the top


def test_a_burst_of_ten_thousand_rows_in_one_transaction_resets_the_model_at_most_twice(qtbot, station, engine):
    panel = station.panel
    resets = []
    panel.model.modelReset.connect(lambda: resets.append(1))
    seed_incidents(engine, 10_000, seed=9, end=END)  # one bulk load: batches of 20,000 rows, one transaction
    started = time.monotonic()
    qtbot.waitUntil(lambda: panel.count == 10_400, timeout=10_000)
    assert len(resets) <= 2
    # the window stayed responsive: a page far down loads on request
    panel.view.scrollToBottom()
    qtbot.waitUntil(lambda: _row(station, 10_399) is not None, timeout=5_000)
    assert time.monotonic() - started < 10
