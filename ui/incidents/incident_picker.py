"""Pick an incident the way people name it: type its number (or just 0412), its post or a substance, choose from
the list that shows number, post, local time and substances. Used by the alert dialog instead of an id field.

Searching runs on the task runner (design rule 4); a newer search replaces one still waiting (one key).
"""

from __future__ import annotations

import uuid

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QLineEdit, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from sitcentre.domain.queries import IncidentListRow
from ui.common.tasks import TaskRunner
from ui.incidents.incident_model import local_time_text

SEARCH_PAUSE_MS = 250
ID_ROLE = Qt.ItemDataRole.UserRole + 1


class SearchEdit(QLineEdit):
    """Enter searches now and stays here: in a dialog it would otherwise press the default button (Send)."""

    def keyPressEvent(self, event) -> None:  # Qt names it
        super().keyPressEvent(event)
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            event.accept()


def pick_text(row: IncidentListRow) -> str:
    return " · ".join(filter(None, (row.label, row.post_name, local_time_text(row), row.substances)))


class IncidentPicker(QWidget):
    choiceChanged = Signal(object)  # uuid of the chosen incident, or None
    searched = Signal()  # a search's results are shown (tests wait for it)

    def __init__(self, runner: TaskRunner, desk, incident_id: uuid.UUID | None = None,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self._runner, self._incidents = runner, desk.incidents
        self._chosen: IncidentListRow | None = None
        self._key = f"incident-pick-{id(self)}"
        self.search = SearchEdit()
        self.search.setPlaceholderText(self.tr("Type a number (e.g. KOR-2026-0412 or 0412), a post or a substance"))
        self.search.setClearButtonEnabled(True)
        self.results = QListWidget()
        self.results.setMaximumHeight(120)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.search)
        layout.addWidget(self.results)
        self._timer = QTimer(self, singleShot=True, interval=SEARCH_PAUSE_MS)
        self._timer.timeout.connect(self._run_search)
        self.search.textEdited.connect(lambda _text: self._timer.start())
        self.search.returnPressed.connect(self._run_search)
        self.results.currentItemChanged.connect(self._current_changed)
        self._show([])
        if incident_id is not None:
            incidents = self._incidents
            runner.submit(lambda: incidents.by_ids([incident_id]).get(incident_id), self._preset, key=self._key)

    def selected_id(self) -> uuid.UUID | None:
        return self._chosen.id if self._chosen is not None else None

    def chosen(self) -> IncidentListRow | None:
        return self._chosen

    # ---------------------------------------------------------------------------------- searching

    def _run_search(self) -> None:
        self._timer.stop()
        incidents, text = self._incidents, self.search.text()
        self._runner.submit(lambda: incidents.find(text), self._found, self._failed, key=self._key)

    def _found(self, rows: list[IncidentListRow]) -> None:
        self._show(rows)
        self.searched.emit()

    def _failed(self, _error: BaseException) -> None:
        self._show([], self.tr("The search could not be run; try again."))
        self.searched.emit()

    def _preset(self, row: IncidentListRow | None) -> None:
        if row is not None:
            self._show([row])
            self.results.setCurrentRow(1)

    def _show(self, rows: list[IncidentListRow], problem: str = "") -> None:
        """'No related incident' first, then the matches; the chosen one stays listed and chosen."""
        chosen = self._chosen
        self.results.blockSignals(True)
        self.results.clear()
        self.results.addItem(QListWidgetItem(problem or self.tr("No related incident")))
        if chosen is not None and all(r.id != chosen.id for r in rows):
            rows = [chosen, *rows]
        for row in rows:
            item = QListWidgetItem(pick_text(row))
            item.setData(ID_ROLE, row)
            self.results.addItem(item)
            if chosen is not None and row.id == chosen.id:
                self.results.setCurrentItem(item)
        if chosen is None:
            self.results.setCurrentRow(0)
        if self.search.text().strip() and not rows:
            self.results.addItem(QListWidgetItem(self.tr("No incident matches “{0}”.").format(self.search.text())))
        self.results.blockSignals(False)

    def _current_changed(self, item: QListWidgetItem | None, _previous=None) -> None:
        row = item.data(ID_ROLE) if item is not None else None
        if row is None and item is not None and self.results.row(item) != 0:
            return  # the "no match" line is not a choice
        self._chosen = row
        self.choiceChanged.emit(row.id if row is not None else None)
