"""The app's face of the online sync (issue 13, item 5): Tools → Online sync…, Sync now, the background
scheduler and its status-bar label.

Against a real `sitcentre serve` process on 127.0.0.1 (tests/server_proc.py) with a throwaway certificate: the
post's address and certificate set in the dialog, a round runs by itself and the centre holds the post's
incident; Sync now sends the next one; a centre that is down is retried on the timer, with nobody writing
anything, until it comes up. The scheduler's own rules (never two rounds at once, an error that the state does
not record holds the next try, Cancel) are checked with a stand-in noun whose round waits for the test.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from sitcentre.backend import Backend, Done
from sitcentre.domain.changes import NOTHING
from sitcentre.domain.enums import Role
from sitcentre.domain.errors import OperatorError
from sitcentre.domain.progress import Cancelled
from sitcentre.services import sync_http
from sitcentre.settings import Settings
from tests.integration.exchange_world import make_centre, make_post, record, scalar, trust_both
from tests.integration.people import add_user
from tests.server_proc import ServerProcess
from ui.common.change_hub import ChangeHub
from ui.common.jobs import JobRunner
from ui.common.messages import message_for
from ui.common.tasks import TaskRunner
from ui.exchange.sync_panel import SyncDialog, certificate_fingerprint, fingerprint_block, install_sync
from ui.exchange.sync_scheduler import SyncScheduler, SyncStatusLabel
from ui.shell.workstation import Workstation

WAIT_MS = 60_000  # a round against a real server: an export, an upload, a download, an import


def incidents_at(world, post_code: str = "KZ-KOR") -> int:
    return scalar(world, "SELECT count(*) FROM incidents i JOIN posts p ON p.id = i.post_id WHERE p.code = :c",
                  c=post_code)


@pytest.fixture
def linked(tmp_path: Path):
    """A post and a centre that trust each other, a `sitcentre serve` on the centre (not started yet), and the
    post's workstation signed in as its operator (sync every second, at most two after failures)."""
    post = make_post(tmp_path, "KZ-KOR")
    centre = make_centre(tmp_path)
    trust_both(post, centre)
    server = ServerProcess(centre.engine.url, tmp_path / "server")
    settings = Settings(data_dir=post.folder, sync_interval_s=1, sync_backoff_max_s=2)
    operator = add_user(post.engine, settings, "op", Role.OPERATOR, post_code="KZ-KOR")
    stations: list[Workstation] = []

    def station(qtbot) -> Workstation:
        ws = Workstation(Backend(post.engine, settings).desk(operator), live=False)
        qtbot.addWidget(ws.window)
        ws.window.show()
        install_sync(ws)  # idempotent: the workstation may have installed it already
        stations.append(ws)
        return ws

    yield post, centre, server, station
    for ws in stations:
        ws.shutdown()
    server.stop()
    post.dispose()
    centre.dispose()


def label_text(ws) -> str:
    return ws.sync_label.text() if ws.sync_label.isVisible() else ""


def test_the_post_syncs_by_itself_once_the_address_is_saved_and_sync_now_sends_more(qtbot, linked, monkeypatch):
    post, centre, server, station = linked
    server.start()
    record(post, narrative="first, before the link")
    ws = station(qtbot)
    assert not ws.sync_label.isVisible()  # no link yet: nothing to say
    dialog: SyncDialog = ws.open_sync()
    monkeypatch.setattr(dialog, "choose_certificate", lambda: str(server.ca_file))
    qtbot.keyClicks(dialog.url, server.url)
    dialog.browse_certificate()
    assert dialog.fingerprint.text() == fingerprint_block(sync_http.fingerprint(server.cert_pem))
    with qtbot.waitSignal(ws.sync_scheduler.round_finished, timeout=WAIT_MS) as finished:
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)  # saved: a link never tried is due now
    assert finished.args[0].ok, finished.args[0].lines()
    assert incidents_at(centre) == 1
    qtbot.waitUntil(lambda: "Synced" in label_text(ws), timeout=WAIT_MS)
    assert "imported by the centre" in dialog.report.toPlainText()

    record(post, narrative="second, sent with Sync now")
    with qtbot.waitSignal(ws.sync_scheduler.round_finished, timeout=WAIT_MS):
        ws.sync_now_action.trigger()
        assert ws.sync_scheduler.running and dialog.progress_row.isVisible()  # progress and Cancel while it runs
        assert ws.sync_scheduler.run_now() is None  # never two rounds at once
    assert incidents_at(centre) == 2
    assert not dialog.progress_row.isVisible() and dialog.sync_button.isEnabled()


def test_a_centre_that_is_down_is_retried_on_the_timer_until_it_comes_up(qtbot, linked):
    post, centre, server, station = linked
    record(post, narrative="waiting for the link")
    ws = station(qtbot)
    ws.desk.sync.configure(server.url, server.ca_file)  # the server is not running yet
    ws.sync_scheduler.refresh()
    qtbot.waitUntil(lambda: "Sync failed 2 times" in label_text(ws), timeout=WAIT_MS)  # retried, nobody acted
    assert ", next try " in label_text(ws)
    assert incidents_at(centre) == 0

    server.start()
    qtbot.waitUntil(lambda: "Synced" in label_text(ws), timeout=WAIT_MS)
    assert incidents_at(centre) == 1
    assert ws.desk.sync.state().failures == 0


def test_a_file_that_is_not_a_certificate_is_refused_in_words(qtbot, linked, tmp_path):
    _, _, server, station = linked
    ws = station(qtbot)
    dialog = ws.open_sync()
    junk = tmp_path / "notes.pem"
    junk.write_text("hello")
    dialog.url.setText(server.url)
    dialog.cert_path.setText(str(junk))
    dialog.cert_path.editingFinished.emit()
    assert dialog.fingerprint.text() == "" and "not a certificate" in dialog.error.text()
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.error.text().startswith("Not saved:"), timeout=WAIT_MS)
    assert "Traceback" not in dialog.error.text() and "Something went wrong" not in dialog.error.text()
    assert ws.desk.sync.state() is None
    dialog.url.setText("http://127.0.0.1:1")
    dialog.cert_path.setText(str(server.ca_file))
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "https://" in dialog.error.text(), timeout=WAIT_MS)


def test_the_certificate_fingerprint_is_the_one_the_link_pins(tmp_path):
    from tests.server_proc import make_certificate

    cert, _key = make_certificate(tmp_path)
    assert certificate_fingerprint(cert) == sync_http.fingerprint(cert.read_text())


def test_a_workstation_without_a_signing_key_shows_no_sync_and_no_error_box(qtbot, migrated_engine, tmp_path,
                                                                            monkeypatch):
    boxes = []
    monkeypatch.setattr("ui.shell.workstation.QMessageBox.warning", lambda *args: boxes.append(args))
    ws = Workstation(Backend(migrated_engine, Settings(data_dir=tmp_path)).system_desk("tests"), live=False)
    qtbot.addWidget(ws.window)
    try:
        scheduler = ws.sync_scheduler  # every workstation has it (ui.shell.workstation installs it)
        assert install_sync(ws) is scheduler
        assert {"&Keys…", "Online &sync…", "Sync &now"} <= {a.text() for a in ws.window.tools_menu.actions()}
        assert ws.sync_now_action.shortcut().toString() == "Ctrl+Shift+S"
        with qtbot.waitSignal(scheduler.state_changed, timeout=WAIT_MS) as seen:
            scheduler.refresh()
        assert seen.args == [None] and scheduler.due_at() is None
        assert not ws.sync_label.isVisible() and boxes == []
    finally:
        ws.shutdown()


# ------------------------------------------------------------------------------------------- the scheduler's rules


@dataclass(frozen=True)
class State:
    """What desk.sync.state() answers (sitcentre.services.sync_setup.SyncState), as far as the scheduler reads."""

    origin: str = "C"
    url: str = "https://127.0.0.1:9"
    enabled: bool = True
    certificate: str = "AB:CD"
    last_attempt_at: datetime | None = None
    last_success_at: datetime | None = None
    last_heard_at: datetime | None = None
    last_error: str = ""
    failures: int = 0
    next_attempt_at: datetime | None = None

    @property
    def due_at(self) -> datetime | None:
        return None if not self.enabled else self.next_attempt_at or datetime.now(UTC)


@dataclass(frozen=True)
class Report:
    ok: bool = True

    def lines(self) -> list[str]:
        return ["Nothing to send.", "Nothing was waiting at the centre."]


class SyncSetupError(OperatorError, ValueError):
    """As the sync's own refusal (sitcentre.services.sync_setup): an OperatorError, shown in its own words."""


class StandInSync:
    """A noun whose round waits for the test (or raises what it is told), counting rounds at once."""

    def __init__(self, state: State | None):
        self.current = state
        self.release = threading.Event()
        self.raise_error: BaseException | None = None
        self.lock = threading.Lock()
        self.at_once = self.most_at_once = self.rounds = 0

    def state(self):
        return self.current

    def round(self, progress=None):
        with self.lock:
            self.rounds += 1
            self.at_once += 1
            self.most_at_once = max(self.most_at_once, self.at_once)
        try:
            if self.raise_error is not None:
                raise self.raise_error
            while not self.release.wait(0.01):
                progress("sending", 1, 2)  # raises Cancelled once the job is cancelled
            self.current = replace(self.current, last_success_at=datetime.now(UTC), failures=0,
                                   next_attempt_at=datetime.now(UTC) + timedelta(hours=1))
            return Done(Report(), NOTHING)
        finally:
            with self.lock:
                self.at_once -= 1


@pytest.fixture
def rig(qtbot, ui_backend):
    runner = TaskRunner(describe_error=message_for)
    jobs = JobRunner(ChangeHub())
    sync = StandInSync(State())
    scheduler = SyncScheduler(runner, jobs, ui_backend.system_desk("tests"), sync=sync, poll_s=3600)
    label = SyncStatusLabel(scheduler)
    qtbot.addWidget(label)
    yield scheduler, sync, label
    sync.release.set()
    scheduler.stop()
    jobs.cancel_all()
    jobs.wait(5.0)
    runner.shutdown()


def test_a_due_round_starts_by_itself_and_never_runs_twice_at_once(qtbot, rig):
    scheduler, sync, label = rig
    with qtbot.waitSignal(scheduler.round_started, timeout=WAIT_MS):
        scheduler.start()
    assert label.text().endswith("Syncing…") or "Syncing… (" in label.text()
    assert scheduler.run_now() is None and scheduler.due_at() is None  # nothing more while it runs
    scheduler.refresh()  # a state read meanwhile (the poll) arms no second round
    qtbot.waitUntil(lambda: not scheduler._runner.pending(), timeout=WAIT_MS)
    assert scheduler.due_in_ms() is None
    with qtbot.waitSignal(scheduler.round_finished, timeout=WAIT_MS):
        sync.release.set()
    assert (sync.rounds, sync.most_at_once) == (1, 1)
    qtbot.waitUntil(lambda: scheduler.due_in_ms() is not None, timeout=WAIT_MS)  # armed for the next attempt
    assert scheduler.due_in_ms() > 3_000_000 and "Synced" in label.text()  # an hour ahead, as the state says


def test_an_error_the_state_does_not_record_holds_the_next_try_for_the_interval(qtbot, rig):
    scheduler, sync, label = rig
    sync.raise_error = SyncSetupError("No address is set for the centre.")
    with qtbot.waitSignal(scheduler.round_failed, timeout=WAIT_MS) as failed:
        scheduler.start()
    assert failed.args == ["No address is set for the centre."]
    qtbot.waitUntil(lambda: scheduler.due_in_ms() is not None, timeout=WAIT_MS)
    # the state still says "due now"; the scheduler waits the usual interval (300 s) instead of looping
    assert scheduler.due_in_ms() > 290_000 and sync.rounds == 1
    assert label.text().endswith("Sync stopped: No address is set for the centre")
    assert "No address is set for the centre." in label.toolTip()


def test_cancel_stops_the_round_and_is_no_failure(qtbot, rig):
    scheduler, sync, label = rig
    with qtbot.waitSignal(scheduler.round_started, timeout=WAIT_MS):
        scheduler.start()
    qtbot.waitUntil(lambda: "sending" in label.text(), timeout=WAIT_MS)  # the progress reached the label
    with qtbot.waitSignal(scheduler.round_failed, timeout=WAIT_MS) as failed:
        scheduler.cancel()
    assert failed.args == [str(Cancelled())] and scheduler.last_error == ""
    qtbot.waitUntil(lambda: scheduler.due_in_ms() is not None, timeout=WAIT_MS)
    assert scheduler.due_in_ms() > 290_000 and "Not synced yet" in label.text()


def test_the_label_says_off_failed_or_synced_and_opens_the_dialog_when_clicked(qtbot, rig):
    scheduler, _, label = rig
    for state, expected in [
        (None, ""),
        (State(enabled=False), "Sync off"),
        (State(failures=3, last_error="The centre did not answer.",
               next_attempt_at=datetime(2026, 12, 1, 11, 10, tzinfo=UTC)),
         "Sync failed 3 times: The centre did not answer, next try "),
        (State(failures=1, last_error="x"), "Sync failed 1 time: x"),
        (State(last_success_at=datetime.now(UTC)), f"Synced {datetime.now().strftime('%H:%M')}"),
    ]:
        scheduler._state_arrived(state)
        assert (label.text().split("</span> ", 1)[-1] if label.text() else "").startswith(expected), state
        assert label.isHidden() == (not expected)
    label.show()
    with qtbot.waitSignal(label.clicked):
        qtbot.mouseClick(label, Qt.MouseButton.LeftButton)
