"""Screens in use (issue 10, item 10): at 1024x700 and 1366x768 the docks never paint over each other, the
incident form opens inside the screen, and the operator and supervisor layouts are one click away.

The real workstation on a migrated SQLite file with a few hundred demo incidents (so the post cards,
their badges and the charts' headline have real text in them), resized like a small screen would.
Overlap is judged on the widgets' rectangles in screen coordinates (mapToGlobal).
"""

from __future__ import annotations

import argparse
import tempfile
from itertools import combinations
from pathlib import Path

import pytest
from PySide6.QtCore import QRect, QSettings, QSize, Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication, QWidget

from main import parse_args
from sitcentre.backend import Backend
from sitcentre.domain.permissions import Actor
from sitcentre.services.demo import seed_incidents
from sitcentre.settings import Settings
from ui.shell.main_window import POSTS_WIDTH, MainWindow
from ui.shell.screen_fit import fit_size
from ui.shell.workstation import Workstation

SMALL_SCREENS = [(1024, 700), (1366, 768)]
RIGHT = Qt.DockWidgetArea.RightDockWidgetArea
BOTTOM = Qt.DockWidgetArea.BottomDockWidgetArea


@pytest.fixture
def demo_engine(migrated_engine):
    seed_incidents(migrated_engine, 300)
    return migrated_engine


def open_station(qtbot, engine, size: tuple[int, int] | None, layout_store: QSettings | None = None,
                 show_first: bool = True) -> Workstation:
    """The workstation shown, its lists, post cards and charts loaded (by default shown first, as the app does)."""
    desk = Backend(engine, Settings(data_dir=Path(tempfile.mkdtemp(prefix="sitcentre-screens-")))).desk(
        Actor.system_actor("tester"))
    station = Workstation(desk, live=False, layout_store=layout_store)
    qtbot.addWidget(station.window)
    if show_first:
        station.window.show()
        qtbot.waitExposed(station.window)
    qtbot.waitUntil(lambda: station.reference is not None and station.post_views.posts.board is not None
                    and station.charts.data is not None, timeout=20_000)
    if not show_first:  # as for a screenshot: everything loaded, then sized and shown
        station.window.resize(*size or station.window.size().toTuple())
        station.window.show()
        qtbot.waitExposed(station.window)
    if size is not None:
        resize(qtbot, station.window, size)
    return station


def resize(qtbot, window: MainWindow, size: tuple[int, int]) -> None:
    """As a window manager does with a maximised window on a screen that size, whatever minimum it asks for."""
    window.setMinimumSize(1, 1)
    window.resize(*size)
    for _ in range(5):  # docks move and wrapped rows ask for their height over a few event-loop turns
        qtbot.wait(1)


def global_rect(widget: QWidget) -> QRect:
    return QRect(widget.mapToGlobal(widget.rect().topLeft()), widget.size())


def panes(window: MainWindow) -> dict[str, QWidget]:
    shown = {"table": window.centralWidget()}
    for dock in (window.post_status_dock, window.charts_dock):
        if dock.isVisible():
            shown[dock.objectName()] = dock
    return shown


def overlapping_panes(window: MainWindow) -> list[tuple[str, str]]:
    rects = {name: global_rect(widget) for name, widget in panes(window).items()}
    return [(a, b) for a, b in combinations(rects, 2) if rects[a].intersects(rects[b])]


def controls_outside(container: QWidget, dock: QWidget) -> list[str]:
    """The shown widgets inside `container` whose rectangles reach outside the dock."""
    bounds = global_rect(dock)
    return [f"{type(w).__name__} {w.objectName()}".strip() for w in container.findChildren(QWidget)
            if w.isVisible() and w.width() > 0 and not bounds.contains(global_rect(w))]


def squeezed(window: MainWindow) -> list[str]:
    """Panes given less room than they need: that is when Qt paints their contents over their neighbours."""
    short = []
    for name, widget in panes(window).items():
        need = widget.minimumSizeHint().expandedTo(widget.minimumSize())
        if widget.width() < need.width() or widget.height() < need.height():
            short.append(f"{name} {widget.size().toTuple()} < {need.toTuple()}")
    return short


# --- the main window at the reported sizes --------------------------------------------------------

@pytest.mark.parametrize("size", SMALL_SCREENS, ids=["1024x700", "1366x768"])
def test_the_docks_never_overlap_the_table_or_each_other_on_a_small_screen(qtbot, demo_engine, size):
    window = open_station(qtbot, demo_engine, size).window

    assert window.size() == QSize(*size)
    assert overlapping_panes(window) == []
    assert squeezed(window) == []
    assert window.charts_dock.isVisible() and window.post_status_dock.isVisible()


@pytest.mark.parametrize("size", SMALL_SCREENS, ids=["1024x700", "1366x768"])
def test_every_control_of_the_charts_and_every_post_card_stays_inside_its_dock(qtbot, demo_engine, size):
    station = open_station(qtbot, demo_engine, size)
    window = station.window

    assert window.size() == QSize(*size)
    assert controls_outside(station.charts, window.charts_dock) == []
    posts = global_rect(window.post_status_dock)  # the reported symptom: chart controls drawn over the post cards
    assert [w for w in station.charts.findChildren(QWidget) if w.isVisible() and global_rect(w).intersects(posts)] == []
    assert station.post_views.posts.cards and cards_cut_off(station) == []
    assert global_rect(window.post_status_dock).contains(global_rect(station.post_views.posts.scroll.viewport()))
    range_box, export = global_rect(station.charts.range_combo), global_rect(station.charts.export_button)
    assert global_rect(window.charts_dock).contains(range_box) and global_rect(window.charts_dock).contains(export)


def cards_cut_off(station: Workstation) -> list[str]:
    viewport = global_rect(station.post_views.posts.scroll.viewport())  # cards scroll up and down, never sideways
    return [card.name.text() for card in station.post_views.posts.cards.values()
            if not viewport.left() <= global_rect(card).left() <= global_rect(card).right() <= viewport.right()]


def test_post_cards_loaded_before_the_window_is_shown_are_not_cut_off_at_the_right(qtbot, demo_engine):
    station = open_station(qtbot, demo_engine, (1024, 700), show_first=False)

    assert station.window.size() == QSize(1024, 700)  # sized before it was shown, as a screenshot run does
    assert station.post_views.posts.cards
    assert cards_cut_off(station) == []
    assert squeezed(station.window) == []


def test_the_charts_controls_wrap_onto_more_lines_when_the_window_is_narrow(qtbot, demo_engine):
    station = open_station(qtbot, demo_engine, (1366, 768))
    controls = station.charts.controls
    wide_height = controls.height()

    resize(qtbot, station.window, (1024, 700))

    assert controls.height() > wide_height  # a second line, not controls drawn past the dock's edge
    assert station.charts.range_combo.y() < station.charts.split_combo.y()


def test_post_status_moves_under_the_table_on_a_1024_screen_and_back_beside_it_on_a_wider_one(qtbot, demo_engine):
    station = open_station(qtbot, demo_engine, (1024, 700))
    window = station.window
    assert window.dockWidgetArea(window.post_status_dock) == BOTTOM
    assert global_rect(window.post_status_dock).top() > global_rect(window.centralWidget()).bottom()

    resize(qtbot, window, (1366, 768))

    assert window.dockWidgetArea(window.post_status_dock) == RIGHT
    assert overlapping_panes(window) == []


# --- the incident form ----------------------------------------------------------------------------

def test_the_new_incident_form_opens_inside_the_available_screen_area(qtbot, demo_engine):
    station = open_station(qtbot, demo_engine, (1024, 700))
    available = station.window.screen().availableGeometry()
    assert available.width() < 1080 or available.height() < 780  # the form asks for more than this screen has

    station.new_incident()
    form = station.forms[-1]
    qtbot.waitExposed(form)

    assert form.width() <= available.width() and form.height() <= available.height()
    assert available.contains(form.frameGeometry())
    assert form.minimumWidth() >= 400 and form.minimumHeight() >= 300  # a sensible minimum, smaller than any screen
    form.close()


@pytest.mark.parametrize("screen", SMALL_SCREENS, ids=["1024x700", "1366x768"])
def test_a_window_size_is_cut_down_to_the_screen_but_never_below_its_minimum_on_a_large_one(screen):
    room = QSize(*screen)

    fitted = fit_size(QSize(1080, 780), room, QSize(600, 420))

    assert fitted.width() <= room.width() and fitted.height() <= room.height()
    assert fitted == QSize(min(1080, room.width()), min(780, room.height()))
    assert fit_size(QSize(300, 200), room, QSize(600, 420)) == QSize(600, 420)
    assert fit_size(QSize(1080, 780), QSize(500, 400), QSize(600, 420)) == QSize(500, 400)


@pytest.mark.parametrize("size", SMALL_SCREENS, ids=["1024x700", "1366x768"])
def test_a_screenshot_of_the_form_on_a_small_screen_is_no_larger_than_that_screen(run_main, sqlite_db_url,
                                                                                  tmp_path: Path, size):
    out = tmp_path / "form.png"

    result = run_main("--db", sqlite_db_url, "--size", "{}x{}".format(*size), "--screenshot-form", str(out),
                      env={"QT_QPA_PLATFORM": None, "DISPLAY": None, "WAYLAND_DISPLAY": None})

    assert result.returncode == 0, result.stderr
    image = QImage(str(out))
    assert not image.isNull()
    assert image.width() <= size[0] and image.height() <= size[1]


def test_the_size_option_takes_width_x_height_and_refuses_anything_else(capsys):
    assert parse_args(["--size", "1366x768"]).size == (1366, 768)
    assert parse_args([]).size is None
    for bad in ("1366", "0x0", "big", "1366x768x2"):
        with pytest.raises(SystemExit):
            parse_args(["--size", bad])
    assert "WIDTHxHEIGHT" in capsys.readouterr().err
    assert isinstance(parse_args(["--screenshot-form", "f.png"]), argparse.Namespace)


# --- operator and supervisor layouts --------------------------------------------------------------

def view_action(window: MainWindow, text: str):
    return next(a for a in window.view_menu.actions() if a.text().replace("&", "") == text)


def test_the_operator_layout_is_one_click_away_in_the_view_menu_with_a_shortcut(qtbot, demo_engine):
    window = open_station(qtbot, demo_engine, (1366, 768)).window
    before = window.post_status_dock.width()

    view_action(window, "Operator layout").trigger()
    QApplication.processEvents()

    assert view_action(window, "Operator layout").shortcut().toString() == "Ctrl+1"
    assert not window.charts_dock.isVisible()
    assert window.post_status_dock.isVisible()
    assert window.post_status_dock.width() < before - 40  # post cards narrow...
    assert window.centralWidget().height() > 0.8 * window.height()  # ...and the table large
    assert overlapping_panes(window) == [] and squeezed(window) == []


def test_the_supervisor_layout_brings_the_charts_back(qtbot, demo_engine):
    window = open_station(qtbot, demo_engine, (1366, 768)).window
    view_action(window, "Operator layout").trigger()

    view_action(window, "Supervisor layout").trigger()
    QApplication.processEvents()

    assert view_action(window, "Supervisor layout").shortcut().toString() == "Ctrl+2"
    assert window.charts_dock.isVisible() and window.post_status_dock.isVisible()
    assert window.dockWidgetArea(window.charts_dock) == BOTTOM
    assert window.dockWidgetArea(window.post_status_dock) == RIGHT
    assert overlapping_panes(window) == [] and squeezed(window) == []


def test_the_operator_layout_on_a_1024_screen_keeps_the_table_large_and_nothing_overlapping(qtbot, demo_engine):
    window = open_station(qtbot, demo_engine, (1024, 700)).window

    view_action(window, "Operator layout").trigger()
    QApplication.processEvents()

    assert not window.charts_dock.isVisible()
    assert window.centralWidget().height() > window.post_status_dock.height()
    assert overlapping_panes(window) == [] and squeezed(window) == []

    resize(qtbot, window, (1366, 768))  # wide enough again: the narrow cards go back beside the table

    assert window.dockWidgetArea(window.post_status_dock) == RIGHT
    assert window.post_status_dock.width() < POSTS_WIDTH - 40
    assert not window.charts_dock.isVisible()


def test_the_chosen_layout_is_remembered_with_the_window_geometry(qtbot, demo_engine, tmp_path: Path):
    store = tmp_path / "layout.ini"
    first = open_station(qtbot, demo_engine, (1366, 768), QSettings(str(store), QSettings.Format.IniFormat)).window
    view_action(first, "Operator layout").trigger()
    QApplication.processEvents()
    narrow = first.post_status_dock.width()
    first.close()

    second = open_station(qtbot, demo_engine, None, QSettings(str(store), QSettings.Format.IniFormat)).window
    resize(qtbot, second, (1366, 768))  # the test screen is smaller than the one the layout was saved on

    assert not second.charts_dock.isVisible()
    assert second.dockWidgetArea(second.post_status_dock) == RIGHT
    assert narrow < POSTS_WIDTH - 40
    assert abs(second.post_status_dock.width() - narrow) <= 8
