"""Issue 9, defect 1 in the app: the brief, the chart PNG and the CSV never replace the open database (or a
folder, a device), and an existing file is replaced only after the operator agreed. Dialogs are replaced."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

import ui.brief.brief_export as brief_export
import ui.charts.charts_panel as charts_panel
from sitcentre.output_paths import UnsafeOutput
from tests.ui.test_brief_export import DAY, engine, messages, station  # noqa: F401  (fixtures)
from tests.ui.test_charts_panel import desk, known, panel, runner  # noqa: F401  (fixtures)
from ui.brief.brief_export import install_brief_action


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _answer(monkeypatch, module, button) -> list[str]:
    asked: list[str] = []

    def question(parent, title, text, *args):
        asked.append(text)
        return button

    monkeypatch.setattr(module.QMessageBox, "question", question)
    return asked


def test_the_brief_is_not_written_over_the_open_database(qtbot, station, messages):  # noqa: F811
    database = Path(station.desk.engine.url.database)
    before = _digest(database)
    exporter = install_brief_action(station)
    with qtbot.waitSignal(exporter.failed, timeout=20_000) as failed:
        exporter.export(DAY, str(database), replace=True)
    assert "is the open database; choose another file name" in failed.args[0]
    assert _digest(database) == before


def test_a_typed_existing_file_is_kept_when_the_operator_says_no(qtbot, station, tmp_path, monkeypatch,  # noqa: F811
                                                                 messages):  # noqa: F811
    old = tmp_path / "brief.pdf"
    old.write_bytes(b"last week's brief")
    asked = _answer(monkeypatch, brief_export, QMessageBox.StandardButton.No)
    exporter = install_brief_action(station)
    with qtbot.waitSignal(exporter.failed, timeout=20_000) as failed:
        exporter.export(DAY, str(old))
    assert asked and str(old) in asked[0]
    assert "already exists" in failed.args[0]
    assert old.read_bytes() == b"last week's brief"


def test_a_typed_existing_file_is_replaced_after_the_operator_says_yes(qtbot, station, tmp_path, monkeypatch,  # noqa: F811
                                                                       messages):  # noqa: F811
    old = tmp_path / "brief.pdf"
    old.write_bytes(b"last week's brief")
    asked = _answer(monkeypatch, brief_export, QMessageBox.StandardButton.Yes)
    exporter = install_brief_action(station)
    with qtbot.waitSignal(exporter.exported, timeout=20_000):
        exporter.export(DAY, str(old))
    assert len(asked) == 1 and messages == []
    assert old.read_bytes().startswith(b"%PDF")


def test_a_file_chosen_in_the_save_dialog_is_replaced_without_a_second_question(qtbot, station, tmp_path,  # noqa: F811
                                                                                monkeypatch, messages):  # noqa: F811
    old = tmp_path / "brief.pdf"
    old.write_bytes(b"last week's brief")
    asked = _answer(monkeypatch, brief_export, QMessageBox.StandardButton.No)
    exporter = install_brief_action(station)
    monkeypatch.setattr(exporter, "ask", lambda: (DAY, str(old), False, True))
    with qtbot.waitSignal(exporter.exported, timeout=20_000):
        exporter.action.trigger()
    assert asked == [] and old.read_bytes().startswith(b"%PDF")


def test_the_chart_refuses_the_open_database_even_from_the_save_dialog(panel, monkeypatch):  # noqa: F811
    database = Path(panel.desk.engine.url.database)
    before = _digest(database)
    warnings: list[str] = []
    monkeypatch.setattr(charts_panel.QMessageBox, "warning", lambda parent, title, text: warnings.append(text))
    for dialog in (panel.export_png_dialog, panel.export_csv_dialog):
        monkeypatch.setattr(charts_panel.QFileDialog, "getSaveFileName", lambda *a, **k: (str(database), ""))
        dialog()
    assert len(warnings) == 2 and all("is the open database" in w for w in warnings)
    assert _digest(database) == before


@pytest.mark.parametrize("kind", ["png", "csv"])
def test_a_chart_export_does_not_replace_an_existing_file_unless_agreed(panel, tmp_path, kind):  # noqa: F811
    old = tmp_path / f"chart.{kind}"
    old.write_bytes(b"old")
    export = panel.export_png if kind == "png" else panel.export_csv
    with pytest.raises(UnsafeOutput, match="already exists"):
        export(old)
    assert old.read_bytes() == b"old"
    export(old, replace=True)
    assert old.read_bytes() != b"old" and old.stat().st_size > 10



def test_a_screenshot_is_not_written_over_the_database(run_main, migrated_engine):
    database = Path(migrated_engine.url.database)
    migrated_engine.dispose()
    before = _digest(database)
    result = run_main("--db", f"sqlite:///{database}", "--screenshot", str(database))
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "choose another file name" in result.stderr
    assert _digest(database) == before
