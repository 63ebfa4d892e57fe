"""The task runner: one database worker thread; results come back as signals on the GUI thread.

Design rule 4. A task is one small function run off the GUI thread. Tasks with the same `key` supersede
each other: a queued one that has not started is dropped when a newer one arrives, and the result of an
older one that was already running is thrown away, so a burst of filter changes costs one query, not a
queue of stale ones. Callbacks run on the GUI thread; the worker never touches a widget.

A task that returns `Done(value, changes)` (every write through the backend does) has its `changes`
published on `runner.changes` (ui.common.change_hub) as soon as it ends, even when a newer task superseded its
answer, and its callback receives `value`.
"""

from __future__ import annotations

import itertools
import logging
import threading
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QObject, Signal, Slot

from sitcentre.domain.changes import Done
from ui.common.change_hub import ChangeHub

log = logging.getLogger(__name__)


@dataclass(eq=False)
class Task:
    fn: Callable[[], Any]
    on_done: Callable[[Any], None] | None = None
    on_error: Callable[[BaseException], None] | None = None
    key: str | None = None
    number: int = 0
    cancelled: bool = field(default=False)

    def cancel(self) -> None:
        self.cancelled = True


class _Bridge(QObject):
    """Lives on the GUI thread; a signal emitted from the worker is delivered there (queued)."""

    finished = Signal(object, object, object)  # task, result, error


class TaskRunner(QObject):
    busy_changed = Signal(bool)
    failed = Signal(str)  # a task without its own error handler failed: the message is for the operator

    def __init__(self, describe_error: Callable[[BaseException], str] = str, parent: QObject | None = None):
        super().__init__(parent)
        self._describe = describe_error
        self._queue: deque[Task] = deque()
        self._cond = threading.Condition()
        self._latest: dict[str, int] = {}
        self._numbers = itertools.count(1)
        self._running: Task | None = None
        self._stopping = False
        self.changes = ChangeHub(self)  # local writes' changes, and the live feed's (Workstation connects it)
        self._bridge = _Bridge()
        self._bridge.finished.connect(self._deliver)
        self._thread = threading.Thread(target=self._loop, name="sitcentre-db", daemon=True)
        self._thread.start()

    def submit(self, fn: Callable[[], Any], on_done: Callable[[Any], None] | None = None,
               on_error: Callable[[BaseException], None] | None = None, key: str | None = None) -> Task:
        task = Task(fn, on_done, on_error, key, next(self._numbers))
        with self._cond:
            if key is not None:
                self._latest[key] = task.number
                for queued in [t for t in self._queue if t.key == key]:
                    self._queue.remove(queued)
            self._queue.append(task)
            self._cond.notify()
        self.busy_changed.emit(True)
        return task

    def pending(self) -> int:
        with self._cond:
            return len(self._queue) + (1 if self._running else 0)

    def shutdown(self, timeout: float = 5.0) -> None:
        with self._cond:
            self._stopping = True
            self._queue.clear()
            self._cond.notify()
        self._thread.join(timeout)

    def _loop(self) -> None:
        while True:
            with self._cond:
                while not self._queue and not self._stopping:
                    self._cond.wait()
                if self._stopping:
                    return
                task = self._running = self._queue.popleft()
            result, error = None, None
            if not task.cancelled:
                try:
                    result = task.fn()
                except BaseException as exc:  # delivered to the GUI thread, logged there
                    error = exc
            with self._cond:
                self._running = None
            self._bridge.finished.emit(task, result, error)

    @Slot(object, object, object)  # a decorated slot: PySide6 queues a cross-thread signal safely only to one
    def _deliver(self, task: Task, result: Any, error: BaseException | None) -> None:
        if not self.pending():
            self.busy_changed.emit(False)
        if isinstance(result, Done):  # a write happened: every panel hears of it, superseded or not
            self.changes.publish(result.changes)
            result = result.value
        if task.cancelled or (task.key is not None and self._latest.get(task.key) != task.number):
            return  # superseded: a newer task with the same key owns the answer
        if error is not None:
            if task.on_error is not None:  # expected outcomes (a conflict, a validation problem) included
                log.info("background task ended with %s: %s", type(error).__name__, error, exc_info=error)
                task.on_error(error)
            else:
                log.error("background task failed", exc_info=error)
                self.failed.emit(self._describe(error))
            return
        if task.on_done is not None:
            task.on_done(result)
