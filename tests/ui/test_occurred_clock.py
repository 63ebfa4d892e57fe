"""The Occurred column shows one clock, so its order reads as sorted (issue 10, item 3): the centre's time by
default, UTC or post-local time from View > Times in, remembered per user; post-local time in the tooltip."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from sitcentre.backend import Backend
from sitcentre.domain.enums import Unit
from sitcentre.settings import Settings
from tests.integration.helpers import ids, incident, utc
from ui.common.tasks import TaskRunner
from ui.incidents.incident_model import COL_OCCURRED
from ui.incidents.incident_panel import IncidentPanel
from ui.shell.workstation import Workstation


@pytest.fixture
def two_zones(engine, app_backend):
    """Termez (UTC+5) at 09:07 UTC = 14:07 there; Dostuk (UTC+6) at 08:54 UTC = 14:54 there. Newest first
    (by UTC), post-local times read 14:07 above 14:54: unsorted."""
    posts, subs = ids(engine)
    record = app_backend.system_desk("tests").incidents.record
    record(incident(posts["UZ-TER"], utc(2025, 4, 2, 9, 7), (subs["heroin"], 1, Unit.KG)))
    record(incident(posts["KG-DOS"], utc(2025, 4, 2, 8, 54), (subs["heroin"], 1, Unit.KG)))
    return engine


def _column(model, role=Qt.ItemDataRole.DisplayRole) -> list:
    return [model.index(r, COL_OCCURRED).data(role) for r in range(model.rowCount())]


def _header(model) -> str:
    return model.headerData(COL_OCCURRED, Qt.Orientation.Horizontal)


def test_two_incidents_at_different_offsets_read_in_sorted_order_on_the_centres_clock(qtbot, two_zones,
                                                                                      app_backend):
    runner = TaskRunner()
    panel = IncidentPanel(runner, app_backend.system_desk("tests"))
    qtbot.addWidget(panel)
    try:
        panel.show()
        qtbot.waitUntil(lambda: panel.count == 2 and None not in _column(panel.model, Qt.ItemDataRole.UserRole + 1),
                        timeout=10_000)
        shown = _column(panel.model)
        assert shown == ["2025-04-02 14:07", "2025-04-02 13:54"] and shown == sorted(shown, reverse=True)
        assert _header(panel.model) == "Occurred (centre time, UTC+5)"
        tips = _column(panel.model, Qt.ItemDataRole.ToolTipRole)
        assert "2025-04-02 14:54 (UTC+6)" in tips[1] and "UTC: 2025-04-02 08:54" in tips[1]
    finally:
        runner.shutdown()


def _station(qtbot, engine, settings, username):
    ws = Workstation(Backend(engine, settings).system_desk(username), live=False)
    qtbot.addWidget(ws.window)
    qtbot.waitUntil(lambda: ws.panel.count == 2 and ws.panel.model.row_at(1) is not None, timeout=10_000)
    return ws


def test_times_in_utc_is_chosen_from_the_view_menu_and_remembered_for_that_user_only(qtbot, two_zones, tmp_path):
    settings = Settings(data_dir=tmp_path / "data")
    ws = _station(qtbot, two_zones, settings, "operator1")
    try:
        ws.clock_menu.actions["utc"].trigger()
        assert _column(ws.panel.model) == ["2025-04-02 09:07", "2025-04-02 08:54"]
        assert _header(ws.panel.model) == "Occurred (UTC)"
        ws.clock_menu.actions["post"].trigger()
        assert _column(ws.panel.model) == ["2025-04-02 14:07 (UTC+5)", "2025-04-02 14:54 (UTC+6)"]
        assert _header(ws.panel.model) == "Occurred (post time)"
        ws.clock_menu.actions["utc"].trigger()
    finally:
        ws.shutdown()
    again = _station(qtbot, two_zones, settings, "operator1")
    other = _station(qtbot, two_zones, settings, "operator2")
    try:
        assert again.clock_menu.actions["utc"].isChecked() and _header(again.panel.model) == "Occurred (UTC)"
        assert other.clock_menu.actions["centre"].isChecked()
        assert _column(other.panel.model) == ["2025-04-02 14:07", "2025-04-02 13:54"]
    finally:
        again.shutdown()
        other.shutdown()
