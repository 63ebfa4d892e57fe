"""File → Export daily brief: the action sits above Quit, the PDF is written on the database worker (never the
GUI thread), the status bar says where it went, and a failure is shown in plain words without leaving a file.
The dialog is bypassed through `BriefExport.export` / a replaced `ask`, as a test of a dialog should be."""

from __future__ import annotations

import threading
from datetime import UTC, date, datetime, timedelta
from types import SimpleNamespace

import pytest
from pypdf import PdfReader

import ui.brief.brief_export as brief_export
from sitcentre.domain.enums import IncidentStatus, Unit
from sitcentre.domain.permissions import SYSTEM
from sitcentre.services.brief import default_day
from sitcentre.services.demo import seed_reference_data
from sitcentre.services.incidents import IncidentService
from sitcentre.settings import Settings
from tests.integration.helpers import ids, incident
from ui.brief.brief_export import ACTION_NAME, BriefDialog, BriefExport, install_brief_action
from ui.common.tasks import TaskRunner
from ui.shell.main_window import MainWindow

DAY = date(2025, 4, 10)


@pytest.fixture
def engine(migrated_engine, tmp_path):
    seed_reference_data(migrated_engine)
    posts, subs = ids(migrated_engine)
    service = IncidentService(migrated_engine, Settings(data_dir=tmp_path))
    service.record(incident(posts["UZ-TER"], datetime(2025, 4, 10, 18, 30, tzinfo=UTC), (subs["heroin"], 3, Unit.KG),
                            status=IncidentStatus.VERIFIED, persons_detained=2), actor=SYSTEM)
    service.record(incident(posts["KG-DOS"], datetime(2025, 4, 10, 6, tzinfo=UTC), (subs["hashish"], 1.5, Unit.KG)),
                   actor=SYSTEM)
    return migrated_engine


@pytest.fixture
def station(qtbot, engine, system_desk):
    """What install_brief_action needs from the workstation: its desk, task runner and window."""
    window = MainWindow("test database", "head")
    qtbot.addWidget(window)
    ws = SimpleNamespace(desk=system_desk, runner=TaskRunner(), window=window)
    yield ws
    ws.runner.shutdown()


@pytest.fixture
def messages(monkeypatch):
    """Message boxes are recorded instead of shown (a modal box would block the test)."""
    shown = []
    monkeypatch.setattr(brief_export.QMessageBox, "warning", lambda parent, title, text: shown.append(text))
    return shown


def test_the_action_sits_in_the_file_menu_just_above_quit_and_is_installed_once(station):
    exporter = install_brief_action(station)
    assert install_brief_action(station) is exporter
    actions = station.window.file_menu.actions()
    texts = [a.text() for a in actions]
    assert texts.count("Export daily &brief…") == 1
    quit_at = actions.index(station.window.quit_action)
    assert actions[quit_at - 1].isSeparator() and actions[quit_at - 2].objectName() == ACTION_NAME


def test_exporting_writes_the_pdf_on_the_worker_thread_and_says_so_in_the_status_bar(qtbot, station, tmp_path,
                                                                                     monkeypatch, messages):
    threads = []
    real_export = station.desk.brief.export

    def spy(*args, **kwargs):
        threads.append(threading.current_thread())
        return real_export(*args, **kwargs)

    monkeypatch.setattr(station.desk.brief, "export", spy)
    exporter = install_brief_action(station)
    target = tmp_path / "out" / "brief.pdf"
    target.parent.mkdir()
    with qtbot.waitSignal(exporter.exported, timeout=20_000) as done:
        exporter.export(DAY, str(target), verified_only=False)
        assert not exporter.action.isEnabled(), "one export at a time from the menu"
        assert "Writing the daily brief for 2025-04-10" in station.window.statusBar().currentMessage()
    assert threads and threads[0] is not threading.main_thread()
    assert done.args[0].path == target and target.exists()
    text = "\n".join(page.extract_text() for page in PdfReader(target).pages)
    assert "4.50 kg" in text and "BLO Termez" in text and "23:30" in text
    assert f"saved to {target}" in station.window.statusBar().currentMessage()
    assert exporter.action.isEnabled() and messages == []


def test_verified_only_is_passed_through_to_the_brief(qtbot, station, tmp_path, messages):
    exporter = install_brief_action(station)
    with qtbot.waitSignal(exporter.exported, timeout=20_000) as done:
        exporter.export(DAY, str(tmp_path / "v.pdf"), verified_only=True)
    assert done.args[0].brief.headline("kg").day == pytest.approx(3.0)


def test_a_failure_is_shown_in_plain_words_and_leaves_no_file(qtbot, station, tmp_path, messages):
    exporter = install_brief_action(station)
    with qtbot.waitSignal(exporter.failed, timeout=20_000) as failed:
        exporter.export(DAY, str(tmp_path / "missing" / "brief.pdf"))
    assert "does not exist" in failed.args[0] and "Traceback" not in failed.args[0]
    assert messages == [failed.args[0]]
    assert "not written" in station.window.statusBar().currentMessage()
    assert exporter.action.isEnabled()
    future = date.today() + timedelta(days=3)
    with qtbot.waitSignal(exporter.failed, timeout=20_000) as failed:
        exporter.export(future, str(tmp_path / "future.pdf"))
    assert "in the future" in failed.args[0]
    assert not list(tmp_path.glob("*.pdf")) and not list(tmp_path.glob(".*.part"))


def test_the_menu_action_asks_then_exports_what_was_chosen(qtbot, station, tmp_path, monkeypatch, messages):
    exporter = install_brief_action(station)
    target = tmp_path / "chosen.pdf"
    monkeypatch.setattr(exporter, "ask", lambda: (DAY, str(target), False))
    with qtbot.waitSignal(exporter.exported, timeout=20_000):
        exporter.action.trigger()
    assert target.exists()
    monkeypatch.setattr(exporter, "ask", lambda: None)  # cancelled: nothing runs
    exporter.action.trigger()
    assert station.runner.pending() == 0


def test_the_dialog_offers_yesterday_and_a_file_named_after_the_day(qtbot, tmp_path):
    dialog = BriefDialog(default_day(), str(tmp_path))
    qtbot.addWidget(dialog)
    day, path, verified_only = dialog.values()
    assert day == default_day() and not verified_only
    assert path == str(tmp_path / f"daily-brief-{day.isoformat()}.pdf")
    dialog.date_edit.setDate(dialog.date_edit.date().addDays(-3))
    dialog.verified_only.setChecked(True)
    day, path, verified_only = dialog.values()
    assert day == default_day() - timedelta(days=3) and verified_only
    assert path.endswith(f"daily-brief-{day.isoformat()}.pdf"), "the file name follows the day"
    dialog.path_edit.setText(str(tmp_path / "for the minister"))
    dialog.date_edit.setDate(dialog.date_edit.date().addDays(-1))
    assert dialog.values()[1] == str(tmp_path / "for the minister.pdf"), "a name the operator chose is kept"
    dialog.path_edit.setText("  ")
    from PySide6.QtWidgets import QDialogButtonBox

    assert not dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).isEnabled()


def test_the_dialog_does_not_offer_days_after_today(qtbot, tmp_path):
    dialog = BriefDialog(default_day(), str(tmp_path))
    qtbot.addWidget(dialog)
    assert dialog.date_edit.maximumDate().toPython() == default_day() + timedelta(days=1)


def test_the_real_workstation_gets_the_action(qtbot, engine, system_desk):
    from ui.shell.workstation import Workstation

    ws = Workstation(system_desk, live=False)
    qtbot.addWidget(ws.window)
    try:
        exporter = install_brief_action(ws)
        assert isinstance(exporter, BriefExport) and ws.brief_export is exporter
        assert exporter.action in ws.window.file_menu.actions()
    finally:
        ws.shutdown()
