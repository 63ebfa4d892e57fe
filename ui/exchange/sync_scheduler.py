"""The background online sync (issue 13, item 5): when the link to the centre is set and switched on, a round
runs whenever the link's `next_attempt_at` is due, and the state is shown in the status bar.

The backoff lives in the database: each round records its outcome and the next attempt in exchange_links
(services.sync_client: the wait doubles after each failure, up to Settings.sync_backoff_max_s), and this
scheduler only reads that state (`desk.sync.state()`, its `due_at`) on the task runner and arms a single-shot
QTimer for it. So a post retries on the timer even when nobody writes anything, and another program's round
(`sitcentre sync`) moves the next attempt too (the state is read again every `poll_s`). A round runs on a job
of its own (workstation.jobs, with progress and Cancel), never two at once. A round that ends with an error the
state does not record (no link any more, no permission, cancelled) holds the next try for the usual interval,
so a persistent problem never turns into a loop.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QLabel
from shiboken6 import isValid

from sitcentre.backend import Desk
from sitcentre.domain.permissions import Action
from sitcentre.domain.progress import Cancelled
from ui.common.jobs import Job, JobRunner
from ui.common.messages import message_for
from ui.common.tasks import TaskRunner

log = logging.getLogger(__name__)
POLL_S = 60  # the state is read again this often (another program may have synced or changed the link)
MIN_DELAY_MS = 500  # a round due now starts after this (the window finishes opening first)
MAX_TIMER_MS = 2**31 - 1
COLOURS = {"ok": "#2e7d32", "failed": "#c62828", "running": "#1565c0", "off": "gray"}


def sync_words(error: BaseException) -> str:
    """An error of the sync in words: a cancel as it says, anything else through message_for (the sync's own
    refusals, no link, a bad address or certificate, no signing key yet, are OperatorErrors)."""
    if isinstance(error, Cancelled):
        return str(error)
    return message_for(error)


def clock_text(at: datetime | None) -> str:
    """A moment in this computer's local time: '10:42' today, '28 Nov 10:42' another day."""
    if at is None:
        return ""
    local = (at if at.tzinfo else at.replace(tzinfo=UTC)).astimezone()
    if local.date() == datetime.now().astimezone().date():
        return local.strftime("%H:%M")
    return local.strftime("%d %b %H:%M")


class SyncScheduler(QObject):
    """Reads the link's state, runs a round when it is due, and says what it is doing."""

    state_changed = Signal(object)  # the link's SyncState, or None (no link)
    round_started = Signal(object)  # the Job (progress, cancel)
    round_finished = Signal(object)  # the SyncReport
    round_failed = Signal(str)  # the error that stopped the round, in words

    def __init__(self, runner: TaskRunner, jobs: JobRunner, desk: Desk, parent: QObject | None = None,
                 poll_s: float = POLL_S, sync=None):
        super().__init__(parent)
        self._runner, self._jobs, self._desk = runner, jobs, desk
        self._sync = sync  # the noun; desk.sync unless a test gives another
        self.may_sync = desk.can(Action.EXCHANGE_EXPORT)
        self.state = None
        self.last_report = None
        self.last_error = ""
        self.job: Job | None = None
        self._held_until: datetime | None = None
        self._stopped = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._due)
        self._poll = QTimer(self)
        self._poll.setInterval(int(poll_s * 1000))
        self._poll.timeout.connect(self.refresh)

    @property
    def sync(self):
        return self._sync if self._sync is not None else self._desk.sync

    @property
    def running(self) -> bool:
        return self.job is not None

    def start(self) -> None:
        self._stopped = False
        self._poll.start()
        self.refresh()

    def stop(self) -> None:
        """No new round (the window is closing); a running one is cancelled by the job runner's shutdown."""
        self._stopped = True
        self._timer.stop()
        self._poll.stop()

    def due_in_ms(self) -> int | None:
        """How long until the armed round (None: none armed)."""
        return self._timer.remainingTime() if self._timer.isActive() else None

    # ------------------------------------------------------------------------------------- the state

    def refresh(self) -> None:
        """Read the link's state on the task runner, then arm the timer for its next attempt."""
        sync = self.sync
        self._runner.submit(sync.state, self._state_arrived, self._state_failed, key="sync-state")

    def _state_arrived(self, state) -> None:
        if not isValid(self):  # the window closed while the answer was on its way
            return
        self.state = state
        self.state_changed.emit(state)
        self._arm()

    def _state_failed(self, error: BaseException) -> None:
        """No state (this installation has no key yet, the database is away): nothing to run; said in the log
        only, once a minute at most (the poll), never in a box in front of the operator."""
        log.info("online sync state not available: %s", error)
        if not isValid(self):
            return
        self.state = None
        self.state_changed.emit(None)
        self._timer.stop()

    def _arm(self) -> None:
        self._timer.stop()
        due = self.due_at()
        if due is None or self._stopped:
            return
        delay = (due - datetime.now(UTC)).total_seconds() * 1000
        self._timer.start(int(min(max(delay, MIN_DELAY_MS), MAX_TIMER_MS)))

    def due_at(self) -> datetime | None:
        """When the next background round runs (None: never: no link, switched off, running, not allowed)."""
        state = self.state
        if state is None or self.running or not self.may_sync:
            return None
        due = getattr(state, "due_at", None)
        if due is None:
            return None
        due = due if due.tzinfo else due.replace(tzinfo=UTC)
        return max(due, self._held_until) if self._held_until is not None else due

    # ------------------------------------------------------------------------------------- rounds

    def _due(self) -> None:
        if not self._stopped:
            self.run_now()

    def run_now(self) -> Job | None:
        """Start a round now (Sync now, or the timer); None when one is already running (never two at once)
        or this account may not exchange bundles."""
        if self.running or not self.may_sync:
            return None
        self._timer.stop()
        sync = self.sync
        self.job = self._jobs.start(lambda progress: sync.round(progress=progress), name="sync",
                                    on_done=self._finished, on_error=self._failed)
        self.round_started.emit(self.job)
        return self.job

    def cancel(self) -> None:
        if self.job is not None:
            self.job.cancel()

    def _finished(self, report) -> None:
        if not isValid(self):  # a round that ended after its window closed: its state is recorded anyway
            return
        self.job = None
        self.last_report, self.last_error, self._held_until = report, "", None
        self.round_finished.emit(report)
        self.refresh()

    def _failed(self, error: BaseException) -> None:
        """The round stopped before recording its outcome: try again after the usual interval, not at once."""
        if not isValid(self):
            return
        self.job = None
        words = sync_words(error)
        self.last_error = "" if isinstance(error, Cancelled) else words  # a person stopped it: not a failure
        interval = max(float(self._desk.settings.sync_interval_s), 1.0)
        self._held_until = datetime.now(UTC) + timedelta(seconds=interval)
        self.round_failed.emit(words)
        self.refresh()


class SyncStatusLabel(QLabel):
    """The permanent status-bar label: 'Synced 10:42', 'Sync failed 3 times: …, next try 11:10', 'Syncing…'.
    Hidden while no link is set; a click opens Tools → Online sync…."""

    clicked = Signal()

    def __init__(self, scheduler: SyncScheduler, parent=None):
        super().__init__(parent)
        self.setObjectName("SyncStatusLabel")
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self._scheduler = scheduler
        self._stage = ""
        scheduler.state_changed.connect(lambda _state: self.update_text())
        scheduler.round_started.connect(self._started)
        scheduler.round_finished.connect(lambda _report: self._ended())
        scheduler.round_failed.connect(lambda _words: self._ended())
        self.hide()

    def mousePressEvent(self, event: QMouseEvent) -> None:  # Qt override
        if event.button() == Qt.MouseButton.LeftButton:
            self.clicked.emit()
        super().mousePressEvent(event)

    def _started(self, job: Job) -> None:
        self._stage = ""
        job.progressed.connect(self._progressed)
        self.update_text()

    def _progressed(self, stage: str, done: int, total: int) -> None:
        self._stage = f"{stage} {done * 100 // total}%" if total else stage
        self.update_text()

    def _ended(self) -> None:
        self._stage = ""
        self.update_text()

    def update_text(self) -> None:
        text, colour, tip = self.describe()
        self.setVisible(bool(text))
        self.setText(f"<span style='color:{colour}'>\u25cf</span> {text}" if text else "")
        self.setToolTip(tip)

    def describe(self) -> tuple[str, str, str]:
        """(text, colour, tooltip) for the scheduler's current state; text "" hides the label."""
        s = self._scheduler
        state = s.state
        if s.running:
            return (self.tr("Syncing… ({0})").format(self._stage) if self._stage else self.tr("Syncing…"),
                    COLOURS["running"], getattr(state, "url", "") or "")
        if state is None or not getattr(state, "url", None):
            return "", COLOURS["off"], ""
        where = self.tr("Online sync with {0} at {1}").format(state.origin, state.url)
        if not state.enabled:
            return self.tr("Sync off"), COLOURS["off"], where
        if s.last_error:
            return (self.tr("Sync stopped: {0}").format(_short(s.last_error)), COLOURS["failed"],
                    where + "\n" + s.last_error)
        if state.failures:
            text = self.tr("Sync failed %n time(s)", "", state.failures)
            if state.last_error:
                text += self.tr(": {0}").format(_short(state.last_error))
            if state.next_attempt_at is not None:
                text += self.tr(", next try {0}").format(clock_text(state.next_attempt_at))
            return text, COLOURS["failed"], where + "\n" + state.last_error
        if state.last_success_at is not None:
            return self.tr("Synced {0}").format(clock_text(state.last_success_at)), COLOURS["ok"], where
        return self.tr("Not synced yet"), COLOURS["off"], where


def _short(text: str, limit: int = 60) -> str:
    """A status bar shares its line with other labels: the words cut short (the tooltip has all of them), with
    no full stop of their own before what follows."""
    line = " ".join(text.split()).rstrip(".")
    return line if len(line) <= limit else line[:limit - 1].rstrip() + "…"
