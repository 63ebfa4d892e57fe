"""What an import did: added, updated, unchanged, merged, conflicts, held, errors, each a line that opens the
incidents behind it (their numbers and posts; for held and errors the reason), and an incident from there.

The records are read on the task runner (desk.exchange.summary_records); a double-click (or Enter) on one that
is here opens it through `open_incident(id)` (the workstation's incident form). Conflicts can go straight to
View → Conflicts… when the workstation has it (`open_conflicts`).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from sitcentre.backend import Desk
from sitcentre.backend.exchange import RESULTS, BundleRecord, ImportSummary
from ui.common.messages import message_for


def _t(text: str, disambiguation: str | None = None, n: int = -1) -> str:
    """tr() where no QObject of this module's own class is at hand: context "" (lupdate reads `_t` as tr)."""
    return QCoreApplication.translate("", text, disambiguation, n)


def result_words(widget: QWidget, result: str, n: int) -> str:
    """"3 added", "1 conflict" ... (%n plurals, ui.shell.plurals)."""
    texts = {
        "added": _t("%n added", "", n), "updated": _t("%n updated", "", n),
        "unchanged": _t("%n unchanged", "", n), "merged": _t("%n merged", "", n),
        "conflict": _t("%n conflict(s)", "", n), "held": _t("%n held", "", n),
        "error": _t("%n error(s)", "", n),
    }
    return texts[result]


class ImportSummaryDialog(QDialog):
    records_shown = Signal(str)  # the result whose records dialog opened

    def __init__(self, runner, desk: Desk, summary: ImportSummary, file_name: str = "",
                 open_incident: Callable[[object], None] | None = None,
                 open_conflicts: Callable[[], None] | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("ImportSummaryDialog")
        self.setWindowTitle(self.tr("Import finished"))
        self.runner, self.desk, self.summary = runner, desk, summary
        self.open_incident, self.open_conflicts = open_incident, open_conflicts
        self.records_dialog: RecordsDialog | None = None
        name = Path(file_name).name if file_name else self.tr("bundle {0}").format(summary.bundle_id[:8])
        heading = QLabel(self.tr("<b>{0}</b> from <b>{1}</b> has been imported.").format(name, summary.sender))
        heading.setTextFormat(Qt.TextFormat.RichText)
        heading.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        grid = QGridLayout()
        self.buttons: dict[str, QPushButton] = {}
        for row, (field, result) in enumerate(RESULTS):
            n = getattr(summary, field)
            button = QPushButton(result_words(self, result, n))
            button.setObjectName(f"SummaryLine_{result}")
            button.setFlat(True)
            button.setEnabled(n > 0)
            button.setToolTip(self.tr("List these records") if n else "")
            button.clicked.connect(lambda _checked=False, r=result: self.show_records(r))
            self.buttons[result] = button
            grid.addWidget(button, row, 0, Qt.AlignmentFlag.AlignLeft)
            grid.addWidget(QLabel(self._explain(result)), row, 1)
        layout.addLayout(grid)
        for note in summary.notes:
            label = QLabel(note)
            label.setWordWrap(True)
            layout.addWidget(label)
        if summary.new_epoch_started:
            layout.addWidget(QLabel(self.tr("The centre holds more of this post's changes than this database: a new "
                                            "feed was started (the database was restored from a backup).")))
        box = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        if summary.conflicts and open_conflicts is not None:
            conflicts = box.addButton(self.tr("Open &Conflicts…"), QDialogButtonBox.ButtonRole.ActionRole)
            conflicts.clicked.connect(open_conflicts)
        box.rejected.connect(self.reject)
        box.accepted.connect(self.accept)
        layout.addWidget(box)

    def _explain(self, result: str) -> str:
        return {
            "added": self.tr("new here"),
            "updated": self.tr("a newer version replaced the one here"),
            "unchanged": self.tr("already here"),
            "merged": self.tr("edited at both ends, in different fields: both edits kept"),
            "conflict": self.tr("edited at both ends in the same field: a supervisor chooses"),
            "held": self.tr("waiting for an earlier version that has not arrived yet"),
            "error": self.tr("could not be applied: the reason is listed"),
        }[result]

    def show_records(self, result: str) -> None:
        exchange, summary = self.desk.exchange, self.summary
        count = dict((r, getattr(summary, f)) for f, r in RESULTS)[result]
        self.runner.submit(lambda: exchange.summary_records(summary, result),
                           lambda records: self._records_loaded(result, count, records),
                           lambda error: self._records_failed(error), key=f"summary-records-{id(self)}")

    def _records_loaded(self, result: str, count: int, records: list[BundleRecord]) -> None:
        if self.records_dialog is not None:
            self.records_dialog.close()
        self.records_dialog = RecordsDialog(result_words(self, result, count), records, count, self.open_incident,
                                            self)
        self.records_dialog.show()
        self.records_shown.emit(result)

    def _records_failed(self, error: BaseException) -> None:
        label = QLabel(message_for(error))
        label.setWordWrap(True)
        self.layout().insertWidget(self.layout().count() - 1, label)


class RecordsDialog(QDialog):
    """The incidents behind one count: number, post, reason; a double-click opens one that is here."""

    COLUMNS = ("number", "post", "reason")

    def __init__(self, title: str, records: list[BundleRecord], count: int,
                 open_incident: Callable[[object], None] | None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("BundleRecordsDialog")
        self.setWindowTitle(title)
        self.records, self.open_incident = records, open_incident
        self.table = QTableWidget(len(records), 3)
        self.table.setHorizontalHeaderLabels([self.tr("Number"), self.tr("Post"), self.tr("Reason")])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setVisible(False)
        for row, record in enumerate(records):
            number = record.number or self.tr("not here ({0})").format(record.record_id[:8])
            for column, text in enumerate((number, record.post, record.reason)):
                item = QTableWidgetItem(text)
                item.setToolTip(record.reason or (self.tr("Double-click to open") if record.openable else ""))
                self.table.setItem(row, column, item)
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.cellActivated.connect(self.open_row)
        self.table.cellDoubleClicked.connect(self.open_row)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        if count > len(records):
            layout.addWidget(QLabel(self.tr("The first {0} of {1} are listed.").format(len(records), count)))
        box = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        box.rejected.connect(self.reject)
        layout.addWidget(box)
        self.resize(560, 360)

    def open_row(self, row: int, _column: int = 0) -> None:
        record = self.records[row]
        if record.openable and self.open_incident is not None:
            self.open_incident(record.id)
