"""Errors reach the operator as one plain line (and a box when someone is looking), never a traceback."""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication

import ui.shell.crash
from ui.shell import app as app_module
from ui.shell.bootstrap import SHOWN_TO_USER
from ui.shell.main_window import MainWindow


@pytest.fixture
def restore_hooks(monkeypatch):
    """run() installs an excepthook and logging handlers for the whole process: undo them after a test."""
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    yield
    for handler in [h for h in root.handlers if h not in handlers]:
        root.removeHandler(handler)
        handler.close()
    root.setLevel(level)


@pytest.fixture
def boxes(monkeypatch) -> list[str]:
    shown: list[str] = []
    monkeypatch.setattr(ui.shell.crash, "_message_box", lambda _title, message, _log: shown.append(message))
    return shown


def test_excepthook_logs_the_traceback_and_prints_one_line(restore_hooks, boxes, capsys, caplog):
    ui.shell.crash.install_excepthook(interactive=False, log_file=None)
    try:
        raise ValueError("widget exploded")
    except ValueError as exc:
        sys.excepthook(type(exc), exc, exc.__traceback__)

    assert capsys.readouterr().err == "sitcentre: unexpected error: ValueError: widget exploded\n"
    record = next(r for r in caplog.records if r.exc_info)
    assert getattr(record, SHOWN_TO_USER)
    assert boxes == []


def test_excepthook_shows_a_message_box_when_there_is_a_screen(restore_hooks, boxes, monkeypatch, qapp):
    monkeypatch.setattr(ui.shell.crash, "display_available", lambda: True)
    ui.shell.crash.install_excepthook(interactive=True, log_file=Path("/tmp/sitcentre.log"))
    sys.excepthook(RuntimeError, RuntimeError("boom"), None)
    assert len(boxes) == 1 and "boom" in boxes[0]


def test_fatal_report_is_one_line_even_for_a_multi_line_message(boxes, capsys):
    ui.shell.crash.report_fatal("the database\nis busy", None, interactive=False, log_file=None)
    assert capsys.readouterr().err == "sitcentre: The database is busy\n"
    assert boxes == []


def test_no_message_box_on_a_headless_platform(monkeypatch):
    monkeypatch.setenv("QT_QPA_PLATFORM", "offscreen")
    assert not ui.shell.crash.display_available()


def test_run_without_screenshot_opens_the_window_and_remembers_its_layout(
    restore_hooks, qapp, monkeypatch, tmp_path: Path, sqlite_db_url
):
    monkeypatch.setenv("SITCENTRE_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setattr(app_module, "_sign_in",  # sign-in: tests/ui/test_login.py
                        lambda backend, *_args: backend.system_desk("tests"))
    QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, str(tmp_path / "config"))
    seen: list[str] = []

    def close_main_window() -> None:
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, MainWindow) and widget.isVisible():
                seen.append(widget.schema_label.text())
                widget.close()

    QTimer.singleShot(200, close_main_window)
    QTimer.singleShot(10_000, qapp.quit)  # safety net: never hang the test run
    args = argparse.Namespace(db=sqlite_db_url, demo=False, screenshot=None)

    assert app_module.run(args) == 0
    assert seen and seen[0].startswith("Schema ")
    assert list((tmp_path / "config").rglob("*.conf")), "window layout was not saved"
    assert (tmp_path / "data" / "logs" / "sitcentre.log").exists()
