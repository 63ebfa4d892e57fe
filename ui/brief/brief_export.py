"""File → Export daily brief: ask for the day, the file and whether to count verified incidents only, then
write the PDF on the database worker (design rule 4) and say in the status bar how it went.

The PDF is made by the desk's brief (desk.brief.export: sitcentre.services.brief_pdf, the same code as
`sitcentre report`), so the app and the command line give the same brief.
`BriefExport.export(day, path, verified_only)` runs an export without the dialog; `ask()` is the only place
that opens one, so tests replace it.

An existing file is replaced only when the operator agreed (design rule 13): the Browse… save dialog asks
by itself; a typed name that turns out to exist is asked about here (`confirm_replace`) and exported again.
"""

from __future__ import annotations

import logging
from datetime import date, timedelta
from pathlib import Path

from PySide6.QtCore import QDate, QObject, QStandardPaths, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QWidget,
)

from sitcentre.backend import Desk
from sitcentre.domain.briefs import BriefTargetExists, ExportResult
from sitcentre.domain.errors import OperatorError, SitcentreDbError
from sitcentre.domain.permissions import PermissionDenied
from ui.common.messages import message_for
from ui.shell.language import current_language

log = logging.getLogger(__name__)
ACTION_NAME = "ExportDailyBriefAction"


def install_brief_action(workstation) -> BriefExport:
    """Add File → Export daily brief… above Quit (once: a second call returns the first exporter)."""
    existing = getattr(workstation, "brief_export", None)
    if isinstance(existing, BriefExport):
        return existing
    exporter = BriefExport(workstation.desk, workstation.runner, workstation.window)
    workstation.brief_export = exporter
    return exporter


def brief_file_name(day: date) -> str:
    return f"daily-brief-{day.isoformat()}.pdf"


class BriefExport(QObject):
    exported = Signal(object)  # ExportResult
    failed = Signal(str)  # the message shown to the operator

    def __init__(self, desk: Desk, runner, window) -> None:
        super().__init__(window)  # lives as long as the window
        self.desk = desk  # the signed-in user's: the backend checks and audits the export
        self.runner = runner
        self.window = window
        self.folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation) \
            or str(Path.home())
        self._running = 0
        self.action = QAction(self.tr("Export daily &brief…"), window)
        self.action.setObjectName(ACTION_NAME)
        self.action.setStatusTip(self.tr("Write the day's brief for management as a PDF file."))
        self.action.triggered.connect(self.ask_and_export)
        window.file_menu.insertAction(window.quit_action, self.action)
        window.file_menu.insertSeparator(window.quit_action)

    def ask(self) -> tuple[date, str, bool, bool] | None:
        """The day, the file, the verified-only choice and whether replacing the file was agreed (the save
        dialog asked), or None when the operator cancels."""
        dialog = BriefDialog(self.desk.brief.default_day(), self.folder, self.window)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        day, path, verified_only = dialog.values()
        return day, path, verified_only, path == dialog.confirmed_path

    def ask_and_export(self) -> None:
        chosen = self.ask()
        if chosen is not None:
            self.export(*chosen)

    def export(self, day: date, path: str, verified_only: bool = False, replace: bool = False):
        """Write the brief on the database worker; `exported` or `failed` follows on the GUI thread.

        An existing `path` is replaced only with `replace`; otherwise the operator is asked first."""
        self.folder = str(Path(path).expanduser().absolute().parent)
        self._running += 1
        self.action.setEnabled(False)
        self._status(self.tr("Writing the daily brief for {0}…").format(day.isoformat()), 0)
        brief = self.desk.brief
        language = current_language()  # the brief is written in the language the app runs in (issue 16)
        return self.runner.submit(
            lambda: brief.export(day, path, verified_only=verified_only, replace=replace, language=language),
            self._done, lambda error: self._failed(error, (day, path, verified_only)))

    def _done(self, result: ExportResult) -> None:
        self._finished()
        self._status(self.tr("Daily brief for {0} saved to {1} ({2} pages).").format(
            result.brief.day.isoformat(), str(result.path), result.pages), 20000)
        self.exported.emit(result)

    def _failed(self, error: BaseException, request: tuple[date, str, bool] | None = None) -> None:
        self._finished()
        if isinstance(error, BriefTargetExists) and request is not None and self.confirm_replace(request[1]):
            self.export(*request, replace=True)
            return
        message = self.describe_failure(error)
        self._status(self.tr("The daily brief was not written: {0}").format(message), 20000)
        self.failed.emit(message)
        QMessageBox.warning(self.window, self.tr("Daily brief not written"), message)

    def confirm_replace(self, path: str) -> bool:
        """Ask before replacing a file the operator typed the name of (the save dialog asks by itself)."""
        answer = QMessageBox.question(
            self.window, self.tr("Replace the file?"),
            self.tr("{0} already exists. Replace it with the daily brief?").format(path),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.No)
        return answer == QMessageBox.StandardButton.Yes

    def describe_failure(self, error: BaseException) -> str:
        """Plain words: what went wrong and what to do; the traceback went to the log (task runner)."""
        if not isinstance(error, OperatorError | SitcentreDbError | PermissionDenied | OSError):
            log.error("daily brief failed", exc_info=error)  # a defect: its traceback for whoever fixes it
        return message_for(error)

    def _finished(self) -> None:
        self._running -= 1
        self.action.setEnabled(self._running == 0)

    def _status(self, text: str, timeout_ms: int) -> None:
        self.window.statusBar().showMessage(text, timeout_ms)


class BriefDialog(QDialog):
    """Day (default: yesterday on the centre's clock), output file, verified only."""

    def __init__(self, day: date, folder: str, parent: QWidget | None = None, latest: date | None = None) -> None:
        """`day`: the default day (desk.brief.default_day()); `latest`: the last day offered, by default the
        day after it (today on the centre's clock)."""
        super().__init__(parent)
        self.setWindowTitle(self.tr("Export daily brief"))
        self.date_edit = QDateEdit(_qdate(day))
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat("yyyy-MM-dd")
        self.date_edit.setMaximumDate(_qdate(latest or day + timedelta(days=1)))
        self.path_edit = QLineEdit(str(Path(folder) / brief_file_name(day)))
        self.confirmed_path: str | None = None  # chosen in the save dialog, which asked before an overwrite
        browse = QPushButton(self.tr("Browse…"))
        browse.clicked.connect(self._browse)
        self.verified_only = QCheckBox(self.tr("Count verified incidents only"))
        self.verified_only.setToolTip(self.tr("The headline numbers, the chart and the largest seizures then "
                                              "leave out incidents that are reported but not verified yet."))
        path_row = QHBoxLayout()
        path_row.addWidget(self.path_edit, 1)
        path_row.addWidget(browse)
        form = QFormLayout(self)
        form.addRow(QLabel(self.tr("A PDF for management: the day's numbers against the 7- and 30-day "
                                   "averages, the last 30 days of seizures, the day's incidents and the "
                                   "posts' status. Days are the posts' local days.")))
        form.itemAt(0).widget().setWordWrap(True)
        form.addRow(self.tr("&Day:"), self.date_edit)
        file_label = QLabel(self.tr("&File:"))
        file_label.setBuddy(self.path_edit)
        form.addRow(file_label, path_row)
        form.addRow("", self.verified_only)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Export"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        form.addRow(self.buttons)
        self.date_edit.dateChanged.connect(self._day_changed)
        self.path_edit.textChanged.connect(self._path_changed)
        self.resize(520, self.sizeHint().height())

    def values(self) -> tuple[date, str, bool]:
        path = self.path_edit.text().strip()
        if path and not path.lower().endswith(".pdf"):
            path += ".pdf"
        return self.date_edit.date().toPython(), path, self.verified_only.isChecked()

    def _day_changed(self, qdate: QDate) -> None:
        """Follow the day in the file name while the operator has not named the file differently."""
        current = Path(self.path_edit.text())
        if current.name.startswith("daily-brief-"):
            self.path_edit.setText(str(current.with_name(brief_file_name(qdate.toPython()))))

    def _path_changed(self, text: str) -> None:
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(bool(text.strip()))

    def _browse(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Save the daily brief"), self.path_edit.text(),
                                              self.tr("PDF files (*.pdf)"))
        if path:
            self.path_edit.setText(path)
            # the dialog confirmed this very name; one that gets ".pdf" added is another file, asked about later
            self.confirmed_path = path if path.lower().endswith(".pdf") else None


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)
