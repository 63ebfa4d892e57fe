"""The incident table panel: filters, the active-filter line with the row count, and the table view.

It feeds the model (design rule 5): page requests from the model and changes to incidents or posts
(published on `runner.changes` by local writes and by the live feed alike) turn into tasks on the runner;
answers come back tagged with the model's generation, and stale ones are ignored. The view keeps its
scroll position and selection across live updates by anchoring on the incident at the top of the view and
on the selected incidents' ids.

A filter chosen elsewhere (a chart click-through, a post card) keeps the filter it replaced in a short
history: "Back" (Alt+Left) shows the previous one again.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import QItemSelectionModel, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from sitcentre.domain.changes import Changes, Topic
from sitcentre.domain.queries import IncidentFilter, IncidentListRow, Snapshot, Sort
from sitcentre.domain.records import utcnow
from ui.common.tasks import TaskRunner
from ui.incidents.filter_bar import FilterBar
from ui.incidents.incident_model import COL_NUMBER, COL_OCCURRED, ROW_ROLE, SORT_KEYS, IncidentTableModel

TOPICS = (Topic.INCIDENTS, Topic.POSTS)  # a post's name or offset shows in the rows too
HISTORY = 20  # filters "Back" can return to


class IncidentPanel(QWidget):
    countChanged = Signal(int)
    reloaded = Signal()  # a new filter or sort is shown
    refreshed = Signal()  # a live update is shown
    incidentActivated = Signal(object)  # IncidentListRow (double click or Enter)

    def __init__(self, runner: TaskRunner, desk, page_size: int = 100, parent=None,
                 now: Callable[[], datetime] = utcnow):
        super().__init__(parent)
        self.runner = runner
        self.browser = desk.incidents.browser(page_size)  # keeps the keyset of the filter and sort shown
        self.model = IncidentTableModel(page_size)
        self.model.set_clock(desk.settings.times_in, desk.settings.centre_utc_offset_minutes)
        self.filter = IncidentFilter()
        self.sort = Sort()
        self.count = 0
        self._wanted: set[int] = set()
        self._fresh: set[str] = set()  # changed incidents (32 hex digits): highlighted if the refresh shows them new
        self.history: list[IncidentFilter] = []  # filters replaced by show_filter, latest last
        self.filters = FilterBar(now=now, centre_offset=desk.settings.centre_utc_offset_minutes)
        self.filters.changed.connect(self.set_filter)
        self.summary = QLabel()
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.view = self._build_view()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.filters)
        line = QHBoxLayout()
        line.addWidget(self.summary, 1)
        self.back_action = QAction(self.tr("Back"), self)
        self.back_action.setShortcut(QKeySequence(self.tr("Alt+Left")))
        self.back_action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self.back_action.setToolTip(self.tr("Show the filters used before the last chart or post click (Alt+Left)"))
        self.back_action.triggered.connect(self.back)
        self.back_action.setEnabled(False)
        self.addAction(self.back_action)
        self.back_button = QToolButton()
        self.back_button.setDefaultAction(self.back_action)
        self.back_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        line.addWidget(self.back_button)
        layout.addLayout(line)
        layout.addWidget(self.view, 1)
        self.model.pageNeeded.connect(self._page_needed)
        self._flush_timer = QTimer(self, singleShot=True, interval=0)
        self._flush_timer.timeout.connect(self._fetch_wanted)
        self._highlight_timer = QTimer(self, interval=1000)
        self._highlight_timer.timeout.connect(self.model.expire_highlights)
        self._highlight_timer.start()
        runner.changes.subscribe(TOPICS, self.apply_changes, owner=self)
        self.reload()

    def _build_view(self) -> QTableView:
        view = QTableView()
        view.setModel(self.model)
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        view.setAlternatingRowColors(True)
        view.setWordWrap(False)
        view.verticalHeader().setVisible(False)
        view.verticalHeader().setDefaultSectionSize(22)
        view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)  # no per-row size queries
        header = view.horizontalHeader()
        header.setSectionsClickable(True)
        header.setSortIndicatorShown(True)
        header.setSortIndicator(COL_OCCURRED, Qt.SortOrder.DescendingOrder)
        header.sortIndicatorChanged.connect(self._sort_clicked)
        # Substances keep a readable width (a Stretch section shrank to "…" once "No." came in); the last section
        # takes what is left, and a narrow window scrolls sideways instead of hiding a column.
        for column, width in enumerate((200, 120, 60, 105, 200, 95, 105, 80, 65, 125)):
            view.setColumnWidth(column, width)
        header.moveSection(COL_NUMBER, 0)  # the number people say on the phone comes first
        header.setStretchLastSection(True)
        view.doubleClicked.connect(self._activated)
        view.activated.connect(self._activated)
        return view

    # ----------------------------------------------------------------------------- reading data

    def set_filter(self, flt: IncidentFilter) -> None:
        if flt != self.filter:
            self.filter = flt
            self.reload()

    def show_filter(self, flt: IncidentFilter) -> None:
        """Apply a filter chosen elsewhere (chart, post card) and show it in the filter bar; Back returns."""
        current = self.filters.current()
        if flt != current:
            self.history = [*self.history, current][-HISTORY:]
            self.back_action.setEnabled(True)
        self.filters.set_filter(flt)

    def back(self) -> None:
        """The filters shown before the last click-through."""
        if not self.history:
            return
        *self.history, previous = self.history
        self.back_action.setEnabled(bool(self.history))
        self.filters.set_filter(previous)

    def reload(self) -> None:
        """New filter or sort: count and first page in one task, then a model reset."""
        generation = self.model.next_generation()
        flt, sort, browser = self.filter, self.sort, self.browser

        def work() -> Snapshot:
            browser.configure(flt, sort)
            return browser.snapshot(generation, [0])

        self.summary.setText(self.tr("Loading incidents…"))
        self.runner.submit(work, self._reloaded, key="incidents-reload")

    def _reloaded(self, snap: Snapshot) -> None:
        if snap.generation != self.model.generation:
            return
        self.model.reset_to(snap.count, snap.pages)
        self.model.generation = snap.generation
        self._set_count(snap.count)
        self.view.scrollToTop()
        self.reloaded.emit()

    def _page_needed(self, page: int) -> None:
        self._wanted.add(page)
        self._flush_timer.start()

    def _visible_pages(self) -> set[int]:
        first = max(self.view.rowAt(0), 0)
        last = self.view.rowAt(self.view.viewport().height() - 1)
        last = self.model.rowCount() - 1 if last < 0 else last
        size = self.model.page_size
        return set(range(first // size, last // size + 1))

    def _fetch_wanted(self) -> None:
        """Fetch the wanted pages that are still on screen; pages scrolled past are not fetched."""
        visible = self._visible_pages()
        for page in self._wanted - visible:  # scrolled past: may be asked for again when back on screen
            self.model.forget_request(page)
        wanted, self._wanted = sorted(self._wanted & visible), set()
        if not wanted:
            return
        generation, browser = self.model.generation, self.browser
        self.runner.submit(lambda: browser.pages(generation, wanted), self._pages_arrived, key="incidents-pages")

    def _pages_arrived(self, snap: Snapshot) -> None:
        self.model.set_pages(snap.generation, snap.pages)
        missing = self._visible_pages() - set(self.model.loaded_pages())
        if missing and snap.generation == self.model.generation:
            self._wanted |= missing
            self._flush_timer.start()

    # ------------------------------------------------------------------------------- live changes

    def apply_changes(self, changes: Changes) -> None:
        """Incidents or posts changed (here or anywhere): refresh count and visible pages in place."""
        if not changes.touches(TOPICS):
            return
        self._fresh |= changes.ids(Topic.INCIDENTS) - {""}
        self.refresh()

    def refresh(self) -> None:
        """Count and visible pages again, in place: scroll position and selection are kept."""
        anchor = self._anchor_row()
        pages = sorted(self._visible_pages())
        generation, browser = self.model.next_generation(), self.browser
        self.runner.submit(lambda: browser.snapshot(generation, pages, anchor), self._refreshed,
                           key="incidents-refresh")

    def _anchor_row(self) -> IncidentListRow | None:
        """The row at the top of the view, unless the view is at the very top (then new rows show)."""
        top = self.view.rowAt(0)
        if top <= 0:
            return None
        return self.model.row_at(top)

    def _refreshed(self, snap: Snapshot) -> None:
        if snap.generation != self.model.generation:
            return
        self._highlight_new(snap)
        selected = self._selected_ids()
        scroll = self.view.verticalScrollBar()
        top_before = self.view.rowAt(0)
        self.model.refresh_to(snap.count, snap.pages)
        if snap.anchor_position is not None and top_before > 0:
            scroll.setValue(scroll.value() + snap.anchor_position - top_before)
        self._reselect(selected)
        self._set_count(snap.count)
        self.refreshed.emit()

    def _highlight_new(self, snap: Snapshot) -> None:
        """Highlight the changed incidents the refresh brings into view that were not shown before (new rows)."""
        fresh, self._fresh = self._fresh, set()
        if not fresh:
            return
        shown = {row.id.hex for rows in snap.pages.values() for row in rows}
        self.model.highlight(sorted((fresh & shown) - self.model.loaded_ids()))

    def _selected_ids(self) -> list:
        rows = self.view.selectionModel().selectedRows()
        return [r.data(ROW_ROLE).id for r in rows if r.data(ROW_ROLE) is not None]

    def _reselect(self, ids: list) -> None:
        selection = self.view.selectionModel()
        selection.clearSelection()
        for incident_id in ids:
            row = self.model.find_row(incident_id)
            if row is not None:
                flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
                selection.select(self.model.index(row, 0), flags)

    # ---------------------------------------------------------------------------------- the rest

    def _sort_clicked(self, column: int, order: Qt.SortOrder) -> None:
        key = SORT_KEYS.get(column)
        if key is None:  # not sortable: put the indicator back where the data is sorted
            header = self.view.horizontalHeader()
            header.blockSignals(True)
            current = next(c for c, k in SORT_KEYS.items() if k == self.sort.key)
            descending = Qt.SortOrder.DescendingOrder if self.sort.descending else Qt.SortOrder.AscendingOrder
            header.setSortIndicator(current, descending)
            header.blockSignals(False)
            return
        self.sort = Sort(key, order == Qt.SortOrder.DescendingOrder)
        self.reload()

    def _set_count(self, count: int) -> None:
        self.count = count
        active = self.filters.describe(self.filter)
        text = self.tr("{0} incidents").format(f"{count:,}")
        self.summary.setText(text + (self.tr("  —  filtered by: {0}").format(active) if active else ""))
        self.countChanged.emit(count)

    def _activated(self, index) -> None:
        row = index.data(ROW_ROLE)
        if row is not None:
            self.incidentActivated.emit(row)

    def selected_row(self) -> IncidentListRow | None:
        rows = self.view.selectionModel().selectedRows()
        return rows[0].data(ROW_ROLE) if rows else None
