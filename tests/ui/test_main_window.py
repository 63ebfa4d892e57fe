"""The main window frame: title, status bar, docks, menus and remembered layout."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QDockWidget

from sitcentre.db import migrate
from sitcentre.db.engine import describe_url
from ui.shell.main_window import MainWindow


def make_window(qtbot, database: str = "SQLite /tmp/post.sqlite", schema: str | None = "0002", **kwargs) -> MainWindow:
    window = MainWindow(database, schema, **kwargs)
    qtbot.addWidget(window)
    return window


def test_status_bar_shows_the_database_and_its_schema_revision(qtbot, migrated_engine):
    revision = migrate.current_revision(migrated_engine)
    window = make_window(qtbot, describe_url(migrated_engine), revision)
    window.show()
    qtbot.waitExposed(window)

    assert revision == migrate.head_revision()
    assert describe_url(migrated_engine) in window.database_label.text()
    assert "post.sqlite" in window.database_label.text()
    assert window.schema_label.text() == f"Schema {revision}"
    assert window.live_feed_label.isVisible()


def test_title_says_demo_only_for_the_demo_database(qtbot):
    assert make_window(qtbot).windowTitle() == "sitcentre — situation centre"
    assert make_window(qtbot, demo=True).windowTitle() == "sitcentre — situation centre — DEMO"


def test_docks_have_object_names_so_their_layout_can_be_saved(qtbot):
    window = make_window(qtbot)
    names = {dock.objectName() for dock in window.findChildren(QDockWidget)}
    assert names == {"PostStatusDock", "ChartsDock"}
    assert window.restoreState(window.saveState())


def test_view_menu_hides_and_shows_the_docks(qtbot):
    window = make_window(qtbot)
    window.show()
    view_menu = window.menuBar().actions()[1].menu()
    toggles = {action.text(): action for action in view_menu.actions()}
    assert set(toggles) - {""} == {"Post status", "Charts", "&Operator layout", "&Supervisor layout",
                                   "&Language"}  # "": separator

    toggles["Charts"].trigger()
    assert not window.charts_dock.isVisible()
    toggles["Charts"].trigger()
    assert window.charts_dock.isVisible()


def test_quit_action_closes_the_window_with_ctrl_q(qtbot):
    window = make_window(qtbot)
    window.show()
    assert window.quit_action.shortcut().toString() == "Ctrl+Q"
    window.quit_action.trigger()
    assert not window.isVisible()


def test_about_box_names_the_app(qtbot, monkeypatch):
    shown: list[str] = []
    monkeypatch.setattr("ui.shell.main_window.QMessageBox.about", lambda _parent, title, text: shown.append(text))
    make_window(qtbot).show_about()
    assert shown and "sitcentre" in shown[0]


def test_window_geometry_and_dock_layout_are_remembered(qtbot, tmp_path: Path):
    store = QSettings(str(tmp_path / "layout.ini"), QSettings.Format.IniFormat)
    first = make_window(qtbot, layout_store=store)
    first.show()
    first.resize(700, 500)  # inside the 800x600 offscreen screen: restoreGeometry clamps to it
    first.charts_dock.hide()
    first.close()

    second = make_window(qtbot, layout_store=QSettings(str(tmp_path / "layout.ini"), QSettings.Format.IniFormat))
    second.show()
    assert (second.width(), second.height()) == (700, 500)
    assert not second.charts_dock.isVisible()
    assert second.post_status_dock.isVisible()


@pytest.fixture
def default_settings_folder(tmp_path: Path) -> Iterator[Path]:
    """Where a QSettings() made with no arguments writes, moved into tmp_path for the test (then put back)."""
    folder = tmp_path / "config"
    formats = (QSettings.Format.NativeFormat, QSettings.Format.IniFormat)
    for fmt in formats:
        QSettings.setPath(fmt, QSettings.Scope.UserScope, str(folder))
    yield folder
    usual = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    for fmt in formats:
        QSettings.setPath(fmt, QSettings.Scope.UserScope, usual)


def test_without_a_layout_store_nothing_is_saved(qtbot, default_settings_folder: Path):
    probe = QSettings()  # first show that a write to the default settings would land in the folder checked below
    probe.setValue("probe", 1)
    probe.sync()
    assert [p for p in default_settings_folder.rglob("*") if p.is_file()] != []
    del probe
    shutil.rmtree(default_settings_folder)

    window = make_window(qtbot, layout_store=None)
    window.show()
    window.resize(640, 480)
    window.charts_dock.hide()
    window.close()
    assert not default_settings_folder.exists() or list(default_settings_folder.rglob("*")) == []
