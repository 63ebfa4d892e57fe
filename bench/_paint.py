"""Qt helpers shared by the table benchmark and its QSqlTableModel baseline: waiting on the event loop, noting
the paints that show real rows, resident memory, the scroll positions and the median (see table.py's docstring)."""

from __future__ import annotations

import os
import statistics
import time
from typing import TYPE_CHECKING

from _common import log
from PySide6.QtCore import QEvent, QEventLoop, QObject, Qt, QTimer
from PySide6.QtWidgets import QTableView

if TYPE_CHECKING:
    from ui.incidents.incident_panel import IncidentPanel

SIZE = (1400, 900)
POSITIONS = 20
WAIT_S = 120.0


def rss_mb() -> float:
    with open("/proc/self/statm") as f:
        resident = int(f.read().split()[1])
    return resident * os.sysconf("SC_PAGE_SIZE") / 2**20


def wait_until(condition, timeout_s: float = WAIT_S) -> bool:
    """Run the event loop until condition() holds (checked every ms) or the timeout passes."""
    if condition():
        return True
    loop, deadline, met = QEventLoop(), time.perf_counter() + timeout_s, [False]

    def tick():
        if condition():
            met[0] = True
            loop.quit()
        elif time.perf_counter() > deadline:
            loop.quit()

    timer = QTimer(interval=1, timerType=Qt.TimerType.PreciseTimer)
    timer.timeout.connect(tick)
    timer.start()
    loop.exec()
    timer.stop()
    return met[0]


def pause(seconds: float) -> None:
    wait_until(lambda: False, seconds)


def visible_rows(view: QTableView) -> range | None:
    """The rows the viewport shows, or None while the view is not laid out yet."""
    count = view.model().rowCount()
    first = view.rowAt(0)
    if count == 0:
        return range(0)
    if first < 0:
        return None
    last = view.rowAt(view.viewport().height() - 1)
    return range(first, (count - 1 if last < 0 else last) + 1)


class PaintWatch(QObject):
    """Counts the viewport's paint events that begin while `ready()` holds (the data they paint is real)."""

    def __init__(self, view: QTableView):
        super().__init__(view)
        self.ready, self.hits = (lambda: False), 0
        view.viewport().installEventFilter(self)

    def eventFilter(self, _obj, event) -> bool:
        if event.type() == QEvent.Type.Paint and self.ready():
            self.hits += 1
        return False


def paint_when(view: QTableView, ready, what: str) -> float:
    """perf_counter once the viewport has finished a paint that began with `ready()` true.

    A paint runs within one event, so the 1 ms check after it sees it done. update() asks for a paint in
    case nothing else does (a scroll to where the view already is); it merges with any pending one.
    """
    watch = view.findChild(PaintWatch) or PaintWatch(view)
    watch.ready, seen = ready, watch.hits
    view.viewport().update()
    if not wait_until(lambda: watch.hits > seen):
        log(f"WARNING: {what}: not painted within {WAIT_S:.0f} s")
    watch.ready = lambda: False
    return time.perf_counter()


def real_rows_shown(panel: IncidentPanel) -> bool:
    rows = visible_rows(panel.view)
    return rows is not None and all(panel.model.row_at(r) is not None for r in rows)


def scroll_targets(count: int) -> list[int]:
    return [round(k * (count - 1) / (POSITIONS - 1)) for k in range(POSITIONS)]


def median(values: list[float]) -> float | None:
    values = [v for v in values if v is not None]
    return round(statistics.median(values), 1) if values else None


def ratio(a, b):
    return round(a / b, 3) if a is not None and b else None
