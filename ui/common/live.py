"""Qt face of the change feed: its callbacks, which run on the feed's own thread, become signals.

Why a separate adapter: sitcentre.live stays free of Qt (design rule 1), and panels must only be touched
on the GUI thread (rule 4). A signal emitted from the feed thread to this object, which lives on the GUI
thread, is delivered queued, so connected slots run on the GUI thread. The feed comes from the backend
(backend.watch), its batches already turned into Changes by topic: ui/ holds no engine.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, Signal, Slot

from sitcentre.backend import Backend, Changes
from sitcentre.live import FeedSettings, FeedState, FeedStatus

log = logging.getLogger(__name__)


class LiveFeed(QObject):
    """`changed(Changes)` and `state_changed(FeedState)` on the GUI thread; call stop() before closing."""

    changed = Signal(object)  # sitcentre.domain.changes.Changes; `everything` means reload all
    state_changed = Signal(object)  # sitcentre.live.FeedState
    # Emitted on the feed's thread, received by the decorated slots below on the GUI thread, which emit the
    # public signals there: every listener is then called on the GUI thread by a direct call. (PySide6 can
    # crash in processEvents when a cross-thread signal is queued to a plain Python callable whose owner dies
    # meanwhile: PYSIDE-3124; a queued call to a QObject's @Slot is dropped by Qt when the object is deleted.)
    _changed_from_feed = Signal(object)
    _state_from_feed = Signal(object)

    def __init__(self, backend: Backend, since_seq: int | None = None, settings: FeedSettings | None = None,
                 parent: QObject | None = None):
        super().__init__(parent)
        self._changed_from_feed.connect(self._relay_changed)
        self._state_from_feed.connect(self._relay_state)
        self._feed = backend.watch(self._emit_changed, self._emit_state, since_seq, settings)

    @property
    def state(self) -> FeedState:
        return self._feed.state

    @property
    def is_live(self) -> bool:
        return self._feed.state.state == FeedStatus.LIVE

    def start(self) -> None:
        self._feed.start()

    def stop(self, timeout: float = 2.0) -> bool:
        return self._feed.stop(timeout)

    def _emit_changed(self, changes: Changes) -> None:
        self._emit("_changed_from_feed", changes)

    def _emit_state(self, state: FeedState) -> None:
        self._emit("_state_from_feed", state)

    @Slot(object)
    def _relay_changed(self, changes: Changes) -> None:
        self.changed.emit(changes)

    @Slot(object)
    def _relay_state(self, state: FeedState) -> None:
        self.state_changed.emit(state)

    def _emit(self, name: str, value: object) -> None:
        try:
            getattr(self, name).emit(value)
        except RuntimeError:  # the Qt object was deleted before stop(): nobody is listening any more
            log.debug("live feed signal %s dropped: its Qt object is gone", name, exc_info=True)
