"""Item model of the incident table: a window over any number of rows, fed by the panel (no I/O here).

Rows live in pages of `page_size`, kept in a small LRU cache. A row whose page is not loaded shows a
placeholder and asks for its page with `pageNeeded`; the panel fetches it off the GUI thread and hands
it back with `set_pages`. `rowCount` is the full count, so the scrollbar spans every incident.
"""

from __future__ import annotations

import time
from collections import OrderedDict

from PySide6.QtCore import QLocale, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor

from sitcentre.domain.days import Clock, clock_offset, local_text, offset_text
from sitcentre.domain.queries import IncidentListRow
from sitcentre.settings import Settings
from ui.common.table_model import ReadOnlyTableModel
from ui.incidents.incident_labels import incident_types, transport_modes
from ui.incidents.status_look import exchange_text, exchange_tooltip, status_colour, status_text, status_tooltip

COL_OCCURRED, COL_POST, COL_BORDER, COL_TYPE, COL_SUBSTANCES, COL_KG, COL_STATUS, COL_TRANSPORT, COL_PERSONS = range(9)
# The incident's number (KOR-2026-0412): the last column of the model, shown first by the panel (moveSection).
# Not sortable: the numbers of several posts and origins have no useful order, and a keyset needs an index.
COL_NUMBER = 9
# Sort key of each column (None: not sortable in the database yet).
SORT_KEYS = {COL_OCCURRED: "occurred", COL_POST: "post", COL_BORDER: None, COL_TYPE: "type",
             COL_SUBSTANCES: "substance", COL_KG: "kg", COL_STATUS: "status", COL_TRANSPORT: "transport",
             COL_PERSONS: "persons", COL_NUMBER: None}
PLACEHOLDER = "…"
HIGHLIGHT_SECONDS = 10.0
HIGHLIGHT = QColor(255, 243, 176)
ROW_ROLE = Qt.ItemDataRole.UserRole + 1
_ROLES = frozenset({Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.TextAlignmentRole, Qt.ItemDataRole.BackgroundRole,
                    Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.ForegroundRole, ROW_ROLE})


def local_time_text(row: IncidentListRow) -> str:
    """The time at the post with its offset: "2026-03-10 12:30 (UTC+6)"."""
    return f"{local_text(row.occurred_at, row.utc_offset_minutes)} ({offset_text(row.utc_offset_minutes)})"


def occurred_text(row: IncidentListRow, clock: Clock, centre_offset: int) -> str:
    """The time on the chosen clock; one clock for every row, so a list sorted by time reads as sorted.
    Post time says its offset on each row (rows of posts in different zones do not read in order)."""
    if clock == Clock.POST:
        return local_time_text(row)
    return local_text(row.occurred_at, clock_offset(clock, row.utc_offset_minutes, centre_offset))


def _exchange_mark(row: IncidentListRow) -> str:
    """The row's exchange mark; an open conflict the page's marks did not see (a row read elsewhere) still shows."""
    if row.exchange in ("", "confirmed", "unconfirmed", "unsent") and row.in_conflict:
        return "conflict"
    return row.exchange


class IncidentTableModel(ReadOnlyTableModel):
    pageNeeded = Signal(int)

    def __init__(self, page_size: int = 100, cached_pages: int = 40, parent=None):
        super().__init__(parent)
        self.page_size = page_size
        self.cached_pages = cached_pages
        self.generation = 0
        self._count = 0
        self._pages: OrderedDict[int, list[IncidentListRow]] = OrderedDict()
        self._requested: set[int] = set()
        self._highlight: dict[str, float] = {}  # incident id (32 hex digits) -> until (monotonic)
        self.clock, self.centre_offset = Clock(Settings.times_in), Settings.centre_utc_offset_minutes
        self._types, self._transports = incident_types(), transport_modes()  # in the language of this run
        self.headers = (
            self._occurred_header(), self.tr("Post"), self.tr("Border"), self.tr("Type"),
            self.tr("Substances"), self.tr("kg-equivalent"), self.tr("Status"), self.tr("Transport"),
            self.tr("Detained"), self.tr("No."),
        )

    # ------------------------------------------------------------------------------- Qt interface

    def _row_count(self) -> int:
        return self._count

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if role not in _ROLES or not index.isValid() or not 0 <= index.row() < self._count:
            return None  # a paint asks ~7 roles per cell: answer the unused ones first
        row = self.row_at(index.row())
        if row is None:
            self._request(index.row() // self.page_size)
            return PLACEHOLDER if role == Qt.ItemDataRole.DisplayRole and index.column() == 0 else None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, index.column())
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() in (COL_KG, COL_PERSONS):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.BackgroundRole and self._is_highlighted(row):
            return QBrush(HIGHLIGHT)
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == COL_OCCURRED:
            return self.tr("Post time: {0}\nUTC: {1}").format(local_time_text(row), f"{row.occurred_at:%Y-%m-%d %H:%M}")
        if index.column() == COL_STATUS and role == Qt.ItemDataRole.ForegroundRole:
            return status_colour(row.status)  # with a symbol in the text: never colour alone
        if index.column() == COL_STATUS and role == Qt.ItemDataRole.ToolTipRole:
            tip = status_tooltip(row.status, row.rejection_reason)
            exchange = exchange_tooltip(_exchange_mark(row))
            return f"{exchange}\n{tip}" if exchange else tip
        if role == ROW_ROLE:
            return row
        return None

    def _display(self, row: IncidentListRow, column: int) -> str:
        if column == COL_OCCURRED:
            return occurred_text(row, self.clock, self.centre_offset)
        if column == COL_STATUS:
            text, mark = status_text(row.status), exchange_text(_exchange_mark(row))
            return f"{text} · {mark}" if mark else text  # a symbol and words, never colour alone
        if column == COL_KG:  # in the locale of the chosen language: 1,234.500 or 1 234,500
            return QLocale().toString(float(row.total_kg), "f", 3) if row.total_kg else ""
        values = {
            COL_POST: row.post_name, COL_BORDER: row.border,
            COL_TYPE: self._types.get(row.incident_type, row.incident_type.value),
            COL_SUBSTANCES: row.substances, COL_STATUS: row.status.value,
            COL_TRANSPORT: self._transports.get(row.transport_mode, row.transport_mode.value),
            COL_PERSONS: str(row.persons_detained), COL_NUMBER: row.label,
        }
        return values.get(column, "")

    # ------------------------------------------------------------------------------------ clock

    def _occurred_header(self) -> str:
        if self.clock == Clock.CENTRE:
            return self.tr("Occurred (centre time, {0})").format(offset_text(self.centre_offset))
        return self.tr("Occurred (UTC)") if self.clock == Clock.UTC else self.tr("Occurred (post time)")

    def set_clock(self, clock: Clock | str, centre_offset: int | None = None) -> None:
        """Show the Occurred column on another clock (View > Times in); the header says which."""
        self.clock = Clock(clock)
        if centre_offset is not None:
            self.centre_offset = centre_offset
        self.headers = tuple(self._occurred_header() if c == COL_OCCURRED else h for c, h in enumerate(self.headers))
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, COL_OCCURRED, COL_OCCURRED)
        if self._count:
            self.dataChanged.emit(self.index(0, COL_OCCURRED), self.index(self._count - 1, COL_OCCURRED))

    # -------------------------------------------------------------------------- fed by the panel

    def row_at(self, row: int) -> IncidentListRow | None:
        page = self._pages.get(row // self.page_size)
        if page is None:
            return None
        self._pages.move_to_end(row // self.page_size)
        offset = row % self.page_size
        return page[offset] if offset < len(page) else None

    def loaded_pages(self) -> list[int]:
        return list(self._pages)

    def loaded_ids(self) -> set[str]:
        """The ids (32 hex digits) of the rows of the loaded pages."""
        return {row.id.hex for rows in self._pages.values() for row in rows}

    def reset_to(self, count: int, pages: dict[int, list[IncidentListRow]]) -> None:
        """A new filter or sort: everything changes, so a model reset is the honest signal."""
        self.beginResetModel()
        self.generation += 1
        self._count = count
        self._pages.clear()
        self._requested.clear()
        self._store(pages)
        self.endResetModel()

    def next_generation(self) -> int:
        """Start a new generation: answers to older requests are ignored from now on."""
        self.generation += 1
        self._requested.clear()
        return self.generation

    def refresh_to(self, count: int, pages: dict[int, list[IncidentListRow]]) -> None:
        """Live update: same filter and sort, new data. Rows are added or removed at the end and the
        loaded pages replaced, so the view keeps its scroll position and does not flicker."""
        old = self._count
        if count > old:
            self.beginInsertRows(QModelIndex(), old, count - 1)
            self._count = count
            self.endInsertRows()
        elif count < old:
            self.beginRemoveRows(QModelIndex(), count, old - 1)
            self._count = count
            self.endRemoveRows()
        self._pages.clear()
        self._requested.clear()
        self._store(pages)
        if self._count:
            self.dataChanged.emit(self.index(0, 0), self.index(self._count - 1, self.columnCount() - 1))

    def set_pages(self, generation: int, pages: dict[int, list[IncidentListRow]]) -> None:
        if generation != self.generation:
            return
        self._store(pages)
        for page in pages:
            first = page * self.page_size
            last = min(first + self.page_size, self._count) - 1
            if last >= first:
                self.dataChanged.emit(self.index(first, 0), self.index(last, self.columnCount() - 1))

    def _store(self, pages: dict[int, list[IncidentListRow]]) -> None:
        for number, rows in pages.items():
            self._pages[number] = rows
            self._pages.move_to_end(number)
            self._requested.discard(number)
        while len(self._pages) > self.cached_pages:
            self._pages.popitem(last=False)

    def _request(self, page: int) -> None:
        if page not in self._requested:
            self._requested.add(page)
            self.pageNeeded.emit(page)

    def forget_request(self, page: int) -> None:
        self._requested.discard(page)

    # ------------------------------------------------------------------------------- highlighting

    def highlight(self, incident_ids: list[str], seconds: float = HIGHLIGHT_SECONDS) -> None:
        until = time.monotonic() + seconds
        for incident_id in incident_ids:
            self._highlight[incident_id] = until

    def expire_highlights(self) -> bool:
        """Drop finished highlights; True when something changed (the view should repaint)."""
        now = time.monotonic()
        expired = [k for k, until in self._highlight.items() if until <= now]
        for key in expired:
            del self._highlight[key]
        if expired and self._count:
            self.dataChanged.emit(self.index(0, 0), self.index(self._count - 1, self.columnCount() - 1),
                                  [Qt.ItemDataRole.BackgroundRole])
        return bool(expired)

    def _is_highlighted(self, row: IncidentListRow) -> bool:
        return self._highlight.get(row.id.hex, 0) > time.monotonic()

    def find_row(self, incident_id) -> int | None:
        """Position of a loaded incident, or None when its page is not loaded."""
        for number, rows in self._pages.items():
            for offset, row in enumerate(rows):
                if row.id == incident_id:
                    return number * self.page_size + offset
        return None

    def persistent(self, row: int) -> QPersistentModelIndex:
        return QPersistentModelIndex(self.index(row, 0))
