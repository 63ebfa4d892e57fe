"""Long work with a progress bar and Cancel (an import, an export, a sync round), each on its own thread.

The task runner (ui.common.tasks) has one worker for the panels' short queries; a bundle import can take a
minute and must not hold the table's reloads behind it. A job runs `fn(progress)` on a thread of its own;
`progress(stage, done, total)` (sitcentre.domain.progress) emits `Job.progressed` on the GUI thread, at most
every 50 ms, and raises `Cancelled` once `job.cancel()` was called, so the service stops and rolls back.
When `fn` returns `Done(value, changes)` the changes are published on the task runner's hub (every panel
reloads) and the callback gets `value`, as with the task runner.

    job = jobs.start(lambda progress: desk.exchange.import_file(path, progress=progress),
                     on_done=self._imported, on_error=self._failed, on_progress=dialog.show_progress)
    dialog.canceled.connect(job.cancel)
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal, Slot

from sitcentre.domain.changes import Done
from sitcentre.domain.progress import Cancelled
from ui.common.change_hub import ChangeHub

log = logging.getLogger(__name__)
PROGRESS_EVERY_S = 0.05


class Job(QObject):
    progressed = Signal(str, int, int)  # stage, done, total (0: unknown)
    ended = Signal()  # after the callback, whatever the outcome
    # From the job's thread to the decorated slots below, on the GUI thread (the Job lives there): listeners of
    # `progressed` and the callbacks are then called on the GUI thread directly. PySide6 can crash in
    # processEvents when a cross-thread signal is queued to a plain Python callable (a lambda) whose owner is
    # gone by then (PYSIDE-3124, seen twice in the suite); a queued call to a deleted QObject is dropped by Qt.
    _finished = Signal(object, object)  # result, error
    _progress_from_work = Signal(str, int, int)

    def __init__(self, name: str, parent: QObject | None = None):
        super().__init__(parent)
        self.name = name
        self._cancel = threading.Event()
        self._last_emit = 0.0
        self.running = True
        self.thread: threading.Thread | None = None
        self._on_finished: Callable[[Any, BaseException | None], None] | None = None
        self._progress_from_work.connect(self._relay_progress)
        self._finished.connect(self._relay_finished)

    def cancel(self) -> None:
        """Ask the work to stop at its next progress report (it then raises Cancelled and rolls back)."""
        self._cancel.set()

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def progress(self, stage: str, done: int, total: int = 0) -> None:
        """The callback handed to the service; runs on the job's thread."""
        if self._cancel.is_set():
            raise Cancelled()
        now = time.monotonic()
        if now - self._last_emit >= PROGRESS_EVERY_S or (total and done >= total):
            self._last_emit = now
            self._progress_from_work.emit(stage, int(done), int(total))

    @Slot(str, int, int)
    def _relay_progress(self, stage: str, done: int, total: int) -> None:
        self.progressed.emit(stage, done, total)

    @Slot(object, object)
    def _relay_finished(self, result: Any, error: BaseException | None) -> None:
        if self._on_finished is not None:
            self._on_finished(result, error)


class JobRunner(QObject):
    """Starts jobs; `changes` is the hub that a job's Done is published on (the task runner's)."""

    def __init__(self, changes: ChangeHub, parent: QObject | None = None):
        super().__init__(parent)
        self.changes = changes
        self.jobs: list[Job] = []

    def start(self, fn: Callable[[Callable[[str, int, int], None]], Any], *, name: str = "job",
              on_done: Callable[[Any], None] | None = None,
              on_error: Callable[[BaseException], None] | None = None,
              on_progress: Callable[[str, int, int], None] | None = None) -> Job:
        """`on_progress` is connected before the work starts, so it hears the first report too."""
        job = Job(name, self)
        self.jobs.append(job)
        if on_progress is not None:
            job.progressed.connect(on_progress)
        job._on_finished = lambda result, error: self._deliver(job, result, error, on_done, on_error)

        def run() -> None:
            result, error = None, None
            try:
                result = fn(job.progress)
            except BaseException as exc:  # delivered on the GUI thread, logged there
                error = exc
            job._finished.emit(result, error)

        job.thread = threading.Thread(target=run, name=f"sitcentre-job-{name}", daemon=True)
        job.thread.start()
        return job

    def busy(self) -> bool:
        return any(job.running for job in self.jobs)

    def wait(self, timeout: float = 10.0) -> None:
        """Let running jobs end (at shutdown, after cancelling them): a killed import is rolled back anyway."""
        deadline = time.monotonic() + timeout
        for job in list(self.jobs):
            if job.thread is not None:
                job.thread.join(max(0.0, deadline - time.monotonic()))

    def cancel_all(self) -> None:
        for job in self.jobs:
            job.cancel()

    def _deliver(self, job: Job, result: Any, error: BaseException | None, on_done, on_error) -> None:
        job.running = False
        if job in self.jobs:
            self.jobs.remove(job)
        try:
            if isinstance(result, Done):
                self.changes.publish(result.changes)
                result = result.value
            if error is not None:
                if isinstance(error, Cancelled):
                    log.info("job %s cancelled", job.name)
                else:
                    log.info("job %s ended with %s: %s", job.name, type(error).__name__, error, exc_info=error)
                if on_error is not None:
                    on_error(error)
            elif on_done is not None:
                on_done(result)
        finally:
            job.ended.emit()
            job.deleteLater()
