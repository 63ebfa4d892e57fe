"""The import page: desk.imports.run as a job (one transaction, progress and Stop), then what it did in words:
"1,204 incidents imported, 12 already present, 3 rejected". The job runner publishes the import's Done on the
change hub, so the table, the post cards and the charts reload. Stopped or refused, nothing was written: the page
says so and offers to run the import again.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWizardPage

from sitcentre.backend.imports import ImportCancelled, ImportResult, MappingKind
from sitcentre.domain.progress import Cancelled
from ui.imports.progress_strip import ProgressStrip
from ui.imports.source_pages import ERROR_STYLE

SUMMARY_STYLE = "font-weight: bold; font-size: 11pt;"


def _t(text: str, disambiguation: str | None = None, n: int = -1) -> str:
    """tr() outside a class: context "" (lupdate reads `_t` as tr, ui.shell.language.TR_ALIASES)."""
    return QCoreApplication.translate("", text, disambiguation, n)


def summary_text(result: ImportResult) -> str:
    """What an import did, in words (%n plurals; zero counts other than the records added are left out)."""
    c = result.counts
    if result.kind == MappingKind.INCIDENTS.value:
        parts = [_t("%Ln incident(s) imported", "", c.added)]
    else:
        parts = [_t("%Ln published figure(s) imported", "", c.added)]
    for n, text in ((c.present, _t("%Ln already present", "", c.present)),
                    (c.skipped, _t("%Ln skipped", "", c.skipped)),
                    (c.rejected, _t("%Ln rejected", "", c.rejected))):
        if n:
            parts.append(text)
    return ", ".join(parts)


class ImportPage(QWizardPage):
    def __init__(self, wizard):
        super().__init__()
        self.wiz = wizard
        self.running = False
        self.outcome = ""  # "imported" | "cancelled" | "failed" once the job is over
        self.setTitle(self.tr("Import"))
        self.setFinalPage(True)
        self.strip = ProgressStrip()
        self.strip.stop_requested.connect(self.wiz.stop_job)
        self.summary = QLabel()
        self.summary.setObjectName("ImportSummary")
        self.summary.setWordWrap(True)
        self.detail = QLabel()
        self.detail.setWordWrap(True)
        self.again = QPushButton(self.tr("Run the import &again"))
        self.again.clicked.connect(self.start)
        self.save_report_button = QPushButton(self.tr("Save rows not imported (&CSV)…"))
        self.save_report_button.setObjectName("SaveImportReport")
        self.save_report_button.clicked.connect(self.save_report)
        buttons = QHBoxLayout()
        buttons.addWidget(self.again)
        buttons.addWidget(self.save_report_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.strip)
        layout.addWidget(self.summary)
        layout.addWidget(self.detail)
        layout.addLayout(buttons)
        layout.addStretch(1)

    def initializePage(self) -> None:  # Qt override
        self.start()

    def start(self) -> None:
        state = self.wiz.state
        path, mapping, options, imports = state.path, state.mapping, state.options, self.wiz.desk.imports
        self.running, self.outcome = True, ""
        self.summary.setText(self.tr("Importing {0}…").format(Path(path).name))
        self.summary.setStyleSheet(SUMMARY_STYLE)
        self.detail.clear()
        self.again.hide()
        self.save_report_button.hide()
        self.strip.start(self.tr("Reading the file…"))
        self.completeChanged.emit()
        self.wiz.start_job("sheet-import",
                           lambda progress, cancelled: imports.run(path, mapping, options, progress, cancelled),
                           self._imported, self._failed, self.strip.show_progress)

    def request_stop(self) -> None:
        self.strip.request_stop()

    def _imported(self, result: ImportResult) -> None:
        self.wiz.state.result = result
        self.summary.setText(summary_text(result))
        self.detail.setText(self.tr("From {0}. The import is one entry of the audit trail.").format(result.file_name))
        self.save_report_button.setVisible(bool(result.not_added))
        self._over("imported")
        self.wiz.imported.emit(result)

    def _failed(self, error: BaseException) -> None:
        if isinstance(error, Cancelled | ImportCancelled):
            self.summary.setText(self.tr("The import was stopped: nothing was imported."))
            self._over("cancelled")
            return
        self.summary.setText(self.wiz.words_for(error))
        self.summary.setStyleSheet(SUMMARY_STYLE + ERROR_STYLE)
        self.detail.setText(self.tr("Nothing was imported."))
        self._over("failed")

    def _over(self, outcome: str) -> None:
        self.running, self.outcome = False, outcome
        self.strip.finish()
        self.again.setVisible(outcome != "imported")
        self.completeChanged.emit()
        self.wiz.ended.emit(outcome)

    def isComplete(self) -> bool:  # Qt override
        return not self.running

    def save_report(self) -> None:
        result, imports = self.wiz.state.result, self.wiz.desk.imports
        suggested = Path(self.wiz.state.path).stem + ".not-imported.csv"
        self.wiz.save_to_file(self.tr("Save the rows not imported"), suggested, self.tr("CSV files (*.csv)"),
                              lambda path, replace: imports.save_report(result, path, replace=replace),
                              self.tr("The rows not imported were saved to {0}."))
