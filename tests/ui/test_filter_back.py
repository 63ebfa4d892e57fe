"""Back after a chart click-through restores the filters the operator had (issue 10, item 8)."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QMainWindow

from sitcentre.db.uow import UnitOfWork
from sitcentre.domain.queries import IncidentFilter
from sitcentre.repositories.reference import ReferenceRepository
from tests.integration.helpers import record_known_incidents
from ui.charts.charts_panel import ChartsPanel
from ui.common.tasks import TaskRunner
from ui.incidents.incident_panel import IncidentPanel

TODAY = date(2025, 4, 6)


@pytest.fixture
def desk(qtbot, engine, app_backend):
    """The table as the central widget and the charts beside it, wired as the workstation wires them."""
    record_known_incidents(engine, with_draft=False)
    system = app_backend.system_desk("tests")
    runner = TaskRunner()
    window = QMainWindow()
    qtbot.addWidget(window)
    table = IncidentPanel(runner, system)
    with UnitOfWork(engine) as uow:
        reference = ReferenceRepository(uow.session)
        table.filters.set_reference(reference.posts(), reference.countries(), reference.substances())
    charts = ChartsPanel(runner, system, today=lambda: TODAY)
    charts.filterRequested.connect(table.show_filter)
    window.setCentralWidget(table)
    charts.setParent(window, Qt.WindowType.Widget)
    window.resize(1200, 800)
    window.show()
    qtbot.waitUntil(lambda: charts.data is not None and table.count == 4, timeout=10_000)
    yield table, charts
    runner.shutdown()


def _typed_search(qtbot, table, text: str) -> IncidentFilter:
    with qtbot.waitSignal(table.reloaded, timeout=10_000):
        table.filters.search.setText(text)
        table.filters.search.returnPressed.emit()
    return table.filter


def test_back_after_a_chart_click_restores_the_search_the_operator_had(qtbot, desk):
    table, charts = desk
    before = _typed_search(qtbot, table, "heroin")
    assert not table.back_button.isEnabled()
    with qtbot.waitSignal(table.reloaded, timeout=10_000):
        charts.post_bars.click_bar(0)
    assert table.filter.post_ids and table.filter.text == "" and table.back_button.isEnabled()
    with qtbot.waitSignal(table.reloaded, timeout=10_000):
        table.back_button.click()
    assert table.filter == before and table.filters.search.text() == "heroin"
    assert not table.back_button.isEnabled()


def test_alt_left_goes_back_through_two_click_throughs_in_turn(qtbot, desk):
    table, charts = desk
    first = _typed_search(qtbot, table, "heroin")
    with qtbot.waitSignal(table.reloaded, timeout=10_000):
        charts.post_bars.click_bar(0)
    second = table.filter
    with qtbot.waitSignal(table.reloaded, timeout=10_000):
        charts.group_bars.click_bar(0)
    table.view.setFocus()
    table.window().activateWindow()
    qtbot.waitUntil(lambda: table.window().isActiveWindow(), timeout=5_000)
    with qtbot.waitSignal(table.reloaded, timeout=10_000):
        QTest.keyClick(table.view, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    assert table.filter == second
    with qtbot.waitSignal(table.reloaded, timeout=10_000):
        QTest.keyClick(table.view, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    assert table.filter == first
