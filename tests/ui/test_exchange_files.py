"""File → Export/Import data bundle…, a dropped bundle and the exchange folder, driven through a real Workstation
(offscreen) on a real post and centre (SQLite files that trust each other's keys): the job runs the real
exporter and importer, Cancel leaves nothing, the summary opens the records."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QTimer, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QDialog

from sitcentre.domain.enums import Role
from sitcentre.domain.permissions import SYSTEM
from sitcentre.services.exchange_export import export_bundle
from tests.integration.exchange_world import data_counts, make_centre, make_post, record, trust_both
from tests.integration.people import add_user
from tests.ui.barriers import drain
from tests.ui.stations import make_station
from ui.common import jobs
from ui.exchange.exchange_actions import ExportDialog
from ui.exchange.import_summary import RecordsDialog

WAIT_MS = 30_000


@pytest.fixture
def pair(tmp_path):
    post, centre = make_post(tmp_path, "KZ-KOR"), make_centre(tmp_path)
    trust_both(post, centre)
    yield post, centre
    post.dispose()
    centre.dispose()


def bundle_from(world, to: str, folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    return Path(export_bundle(world.engine, world.settings, to=to, out=folder, actor=SYSTEM).path)


OPEN: list = []  # the workstations of the running test


def settle(qtbot) -> None:
    """At the end of a test: every panel's reload (an import reloads them all) answered before the windows close
    (pytest-qt closes them before fixtures are torn down)."""
    while OPEN:
        ws = OPEN.pop()
        qtbot.waitUntil(lambda ws=ws: not ws.jobs.busy(), timeout=WAIT_MS)
        for _ in range(2):  # the panels wait a moment before reloading (single-shot timers), then reload
            qtbot.waitUntil(lambda ws=ws: not any(t.isSingleShot() and t.isActive() and t.interval() <= 5000
                                                  for t in ws.window.findChildren(QTimer)), timeout=WAIT_MS)
            drain(qtbot, ws.runner)


def station(qtbot, world, role=Role.OPERATOR, name="olga"):
    actor = SYSTEM if role is None else add_user(world.engine, world.settings, name, role)
    ws = make_station(qtbot, world.engine, actor, settings=world.settings)
    OPEN.append(ws)
    files = ws.exchange_files
    qtbot.waitUntil(lambda: files.identity is not None, timeout=WAIT_MS)
    return ws, files


def test_the_file_menu_offers_export_and_import_with_their_shortcuts(qtbot, pair):
    _post, centre = pair
    ws, files = station(qtbot, centre)
    assert files.export_action.shortcut().toString() == "Ctrl+Shift+E"
    assert files.import_action.shortcut().toString() == "Ctrl+Shift+I"
    assert files.export_action in ws.window.file_menu.actions() and files.import_action.isEnabled()
    assert files.export_action.isEnabled() and files.folder_action.isEnabled()
    settle(qtbot)


def test_an_administrator_sees_the_actions_greyed_with_the_reason(qtbot, pair):
    _post, centre = pair
    _ws, files = station(qtbot, centre, Role.ADMIN, "root2")
    assert not files.export_action.isEnabled() and not files.import_action.isEnabled()
    assert "cannot export" in files.export_action.toolTip() and "cannot import" in files.import_action.toolTip()
    settle(qtbot)


def test_before_install_init_the_actions_say_how_to_make_the_key(qtbot, migrated_engine, tmp_path):
    from sitcentre.settings import Settings

    ws = make_station(qtbot, migrated_engine, SYSTEM, settings=Settings(data_dir=tmp_path))
    OPEN.append(ws)
    files = ws.exchange_files
    qtbot.waitUntil(lambda: "install init" in files.import_action.toolTip(), timeout=WAIT_MS)
    assert not files.import_action.isEnabled() and not files.export_action.isEnabled()
    assert "install init" in files.export_action.toolTip()
    settle(qtbot)


def test_an_import_through_the_menu_ends_with_the_summary_whose_lines_open_the_records(qtbot, pair, tmp_path,
                                                                                       monkeypatch):
    post, centre = pair
    for n in range(3):
        record(post, narrative=f"seen at the border {n}")
    path = bundle_from(post, "C", tmp_path / "usb")
    ws, files = station(qtbot, centre)
    monkeypatch.setattr(files, "ask_import_path", lambda: str(path))

    with qtbot.waitSignal(files.imported, timeout=WAIT_MS) as imported:
        files.import_action.trigger()
        assert files.dialog.isVisible() and not files.import_action.isEnabled()  # one exchange at a time
    assert imported.args[0].added == 3
    qtbot.waitUntil(lambda: files.summary_dialog is not None and files.summary_dialog.isVisible(), timeout=WAIT_MS)
    qtbot.waitUntil(lambda: not files.dialog.isVisible(), timeout=WAIT_MS)
    summary = files.summary_dialog
    assert summary.buttons["added"].text() == "3 added" and summary.buttons["added"].isEnabled()
    assert summary.buttons["conflict"].text() == "0 conflicts" and not summary.buttons["conflict"].isEnabled()
    assert files.import_action.isEnabled()

    with qtbot.waitSignal(summary.records_shown, timeout=WAIT_MS):
        qtbot.mouseClick(summary.buttons["added"], Qt.MouseButton.LeftButton)
    records = summary.records_dialog
    assert isinstance(records, RecordsDialog) and records.table.rowCount() == 3
    numbers = {records.table.item(r, 0).text() for r in range(3)}
    assert all(n.startswith("KOR-") for n in numbers)
    records.open_row(0)
    qtbot.waitUntil(lambda: len(ws.forms) == 1, timeout=WAIT_MS)
    assert ws.forms[0].isVisible()
    settle(qtbot)


def test_cancelling_an_import_from_the_dialog_changes_nothing(qtbot, pair, tmp_path, monkeypatch):
    post, centre = pair
    record(post, narrative="to be cancelled")
    path = bundle_from(post, "C", tmp_path / "usb")
    ws, files = station(qtbot, centre)
    before = data_counts(centre)
    reached, release = threading.Event(), threading.Event()
    real_progress = jobs.Job.progress

    def held_progress(job, stage, done, total=0):  # the job waits at its first report until Cancel was clicked
        if not reached.is_set():
            reached.set()
            release.wait(WAIT_MS / 1000)
        return real_progress(job, stage, done, total)

    monkeypatch.setattr(jobs.Job, "progress", held_progress)
    files.import_path(path)
    qtbot.waitUntil(reached.is_set, timeout=WAIT_MS)
    with qtbot.waitSignal(files.ended, timeout=WAIT_MS) as ended:
        qtbot.mouseClick(files.dialog.cancel_button, Qt.MouseButton.LeftButton)
        assert "Stopping" in files.dialog.stage.text()
        release.set()
    assert ended.args == ["cancelled"]
    assert files.last_message == "Import cancelled: nothing was changed."
    assert data_counts(centre) == before
    assert files.summary_dialog is None and files.import_action.isEnabled()

    monkeypatch.setattr(jobs.Job, "progress", real_progress)
    with qtbot.waitSignal(files.imported, timeout=WAIT_MS) as imported:
        files.import_path(path)
    assert imported.args[0].added == 1
    settle(qtbot)


def test_a_dropped_bundle_is_imported_and_another_file_is_refused_in_words(qtbot, pair, tmp_path):
    post, centre = pair
    record(post)
    path = bundle_from(post, "C", tmp_path / "usb")
    notes = tmp_path / "notes.txt"
    notes.write_text("not a bundle")
    ws, files = station(qtbot, centre)

    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path)), QUrl.fromLocalFile(str(notes))])
    enter = QDragEnterEvent(QPoint(50, 50), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                            Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(ws.window, enter)
    assert enter.isAccepted()
    drop = QDropEvent(QPointF(50, 50), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                      Qt.KeyboardModifier.NoModifier)
    with qtbot.waitSignal(files.imported, timeout=WAIT_MS) as imported:
        QApplication.sendEvent(ws.window, drop)
        assert "notes.txt" in files.last_message and ".scb" in files.last_message
    assert imported.args[0].added == 1
    settle(qtbot)


def test_an_export_goes_to_the_exchange_folder_whose_bundles_are_then_offered_at_the_other_end(
        qtbot, pair, tmp_path, monkeypatch):
    post, centre = pair
    record(post, narrative="carried on a stick")
    usb = tmp_path / "usb"
    usb.mkdir()
    post_ws, post_files = station(qtbot, post, role=None)
    post_files.folder.set_folder(usb)
    assert post_files.folder.folder == str(usb)

    shown = {}

    def accept(dialog):  # the real dialog, accepted as it opens: the only recipient preselected, the folder
        shown["recipient"], shown["where"] = dialog.values()
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(ExportDialog, "exec", accept)
    with qtbot.waitSignal(post_files.exported, timeout=WAIT_MS) as exported:
        post_files.export_action.trigger()
    assert shown == {"recipient": "C", "where": str(usb)}
    result = exported.args[0]
    assert result.path.parent == usb and result.entries == 1

    centre_ws, centre_files = station(qtbot, centre)
    centre_files.folder.set_folder(usb)
    bar = centre_files.folder.bar
    qtbot.waitUntil(bar.isVisible, timeout=WAIT_MS)
    assert bar.label.text() == f"1 bundle for this installation in {usb}:"
    with qtbot.waitSignal(centre_files.imported, timeout=WAIT_MS) as imported:
        qtbot.mouseClick(bar.import_button, Qt.MouseButton.LeftButton)
    assert imported.args[0].added == 1
    qtbot.waitUntil(lambda: centre_files.folder.offered == [], timeout=WAIT_MS)  # looked again: imported now
    assert not bar.isVisible()

    again, again_files = station(qtbot, centre, Role.SUPERVISOR, "sam")  # the folder is kept per user
    assert again_files.folder.folder == "" and post_files.folder.folder == str(usb)
    settle(qtbot)


def test_a_bundle_from_an_unknown_key_hands_over_to_the_key_trust_dialog(qtbot, pair, tmp_path):
    _post, centre = pair
    stranger = make_post(tmp_path / "elsewhere", "KG-DOS")
    record(stranger, post="KG-DOS")
    path = bundle_from(stranger, "C", tmp_path / "foreign")
    ws, files = station(qtbot, centre, Role.SUPERVISOR, "sam")
    with qtbot.waitSignal(files.ended, timeout=WAIT_MS) as ended:
        files.import_path(path)
    assert ended.args == ["refused"]
    from ui.exchange.key_trust import KeyTrustDialog

    qtbot.waitUntil(lambda: any(isinstance(w, KeyTrustDialog) and w.isVisible()
                                for w in QApplication.topLevelWidgets()), timeout=WAIT_MS)
    stranger.dispose()
    settle(qtbot)


def test_an_export_over_an_existing_file_asks_first_and_replaces_only_when_told(qtbot, pair, tmp_path, monkeypatch):
    post, _centre = pair
    record(post)
    target = tmp_path / "for-the-centre.scb"
    target.write_bytes(b"kept unless the operator agrees")
    _ws, files = station(qtbot, post, role=None)
    asked = []
    monkeypatch.setattr(files, "confirm_replace", lambda path: asked.append(path) or False)
    with qtbot.waitSignal(files.ended, timeout=WAIT_MS) as ended:
        files.export_to("C", target)
    assert ended.args == ["failed"] and asked == [str(target)]
    assert target.read_bytes() == b"kept unless the operator agrees"

    monkeypatch.setattr(files, "confirm_replace", lambda path: True)
    with qtbot.waitSignal(files.exported, timeout=WAIT_MS) as exported:
        files.export_to("C", target)
    assert exported.args[0].path == target and target.read_bytes().startswith(b"PK")
    settle(qtbot)
