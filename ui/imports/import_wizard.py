"""File → Import from spreadsheet…: a wizard from a CSV or XLSX file to incidents or published statistics (issue 15,
item 6). Pages: the file (and a saved mapping), the kind, the sheet and header row, the columns, the preview (a
dry run, with the value mapping and the options), and the import.

Nothing here touches the database or reads the file on the GUI thread: the sheet's first rows and a saved mapping
are read on the task runner (keyed, so a newer choice supersedes an older one), the dry run and the import run as
jobs (ui.common.jobs) with progress and Stop; the import's Done is published on the change hub by the job runner,
so the table and the charts reload. Errors are shown in words (ui.common.messages), never as a traceback.

Esc (the wizard's Cancel) closes the wizard and stops a dry run; while the import itself runs it asks the import
to stop and keeps the wizard open: the page says "nothing was imported" once the database has rolled back.
The only places that open a file dialog or ask a question are `ask_open_path`, `ask_save_path` and
`confirm_replace`, so tests replace them.
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QStandardPaths, Qt, Signal
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget, QWizard

from sitcentre.backend import Desk
from sitcentre.backend.imports import ImportOptions, ImportResult, Mapping, MappingKind, SheetPreview
from sitcentre.domain.permissions import Action
from sitcentre.output_paths import OutputExists
from sitcentre.preferences import load_preference, save_preference
from ui.common.jobs import Job, JobRunner
from ui.common.messages import message_for
from ui.common.tasks import TaskRunner
from ui.imports.columns_page import ColumnsPage
from ui.imports.import_page import ImportPage
from ui.imports.preview_page import PreviewPage
from ui.imports.source_pages import FilePage, KindPage, SheetPage

log = logging.getLogger(__name__)
PAGE_FILE, PAGE_KIND, PAGE_SHEET, PAGE_COLUMNS, PAGE_PREVIEW, PAGE_IMPORT = range(6)
FOLDER_PREFERENCE = "sheet_import_folder"


@dataclass
class WizardState:
    """What the pages have chosen so far (each page reads what the earlier ones set)."""

    path: str = ""
    loaded: Mapping | None = None  # a saved mapping the person opened
    preview: SheetPreview | None = None
    kind: MappingKind = MappingKind.INCIDENTS
    mapping: Mapping | None = None  # made on the column page; the value page adds aliases to it
    options: ImportOptions = field(default_factory=ImportOptions)
    dry_run: ImportResult | None = None
    result: ImportResult | None = None  # the import's


class ImportWizard(QWizard):
    imported = Signal(object)  # ImportResult, after the import committed
    ended = Signal(str)  # "imported" | "cancelled" | "failed": the import job is over
    file_saved = Signal(str)  # a mapping or a report was written: the sentence saying where

    def __init__(self, runner: TaskRunner, jobs: JobRunner, desk: Desk, reference=None,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("SheetImportWizard")
        self.setWindowTitle(self.tr("Import from spreadsheet"))
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage, True)
        self.setOption(QWizard.WizardOption.NoCancelButtonOnLastPage, True)  # the import has Stop (and Esc)
        self.setOption(QWizard.WizardOption.HaveHelpButton, False)
        self.runner, self.jobs, self.desk = runner, jobs, desk
        self.reference = reference
        self.state = WizardState()
        self.job: Job | None = None
        self._stop = threading.Event()
        self.last_message = ""
        self.file_page, self.kind_page, self.sheet_page = FilePage(self), KindPage(self), SheetPage(self)
        self.columns_page, self.preview_page, self.import_page = ColumnsPage(self), PreviewPage(self), ImportPage(self)
        for page_id, page in ((PAGE_FILE, self.file_page), (PAGE_KIND, self.kind_page),
                              (PAGE_SHEET, self.sheet_page), (PAGE_COLUMNS, self.columns_page),
                              (PAGE_PREVIEW, self.preview_page), (PAGE_IMPORT, self.import_page)):
            self.setPage(page_id, page)
        self.setButtonText(QWizard.WizardButton.CommitButton, self.tr("&Import"))
        self.resize(960, 680)
        if reference is None:
            runner.submit(desk.reference.load, self._reference_loaded, lambda _e: None, key="import-reference")

    def _reference_loaded(self, reference) -> None:
        self.reference = reference
        self.columns_page.reference_arrived()

    # ------------------------------------------------------------------------------------------- may we

    def may_import(self, kind: MappingKind) -> bool:
        action = Action.SHEET_IMPORT_INCIDENTS if kind is MappingKind.INCIDENTS else Action.SHEET_IMPORT_STATISTICS
        return self.desk.can(action)

    # ------------------------------------------------------------------------------------------- jobs

    @property
    def job_running(self) -> bool:
        return self.job is not None and self.job.running

    def start_job(self, name: str, work, on_done, on_error, on_progress) -> Job:
        """Run `work(progress, cancelled)` as a job; the callbacks come on the GUI thread."""
        self._stop = stop = threading.Event()

        def run(progress):
            def report(phase: str, done: int, total: int | None) -> None:
                progress(phase, done, total or 0)
            return work(report, stop.is_set)

        job = self.jobs.start(run, name=name, on_done=self._guarded(on_done), on_error=self._guarded(on_error),
                              on_progress=on_progress)
        self.job = job
        return job

    def stop_job(self) -> None:
        if self.job_running:
            self._stop.set()
            self.job.cancel()

    def _guarded(self, callback):
        """A job's answer after the wizard's window is gone is dropped (it was cancelled by then)."""
        def deliver(value) -> None:
            try:
                self.isVisible()
            except RuntimeError:  # the C++ wizard was deleted
                return
            callback(value)
        return deliver

    def reject(self) -> None:  # Esc, Cancel, the close button
        if self.currentId() == PAGE_IMPORT and self.job_running:
            self.import_page.request_stop()  # the page reports the roll-back; a second Esc closes
            return
        self.stop_job()
        super().reject()

    # ------------------------------------------------------------------------------------------- files

    def start_folder(self) -> str:
        remembered = load_preference(self.desk.settings, self.desk.actor.username, FOLDER_PREFERENCE)
        if remembered and Path(remembered).is_dir():
            return remembered
        return QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation) or str(Path.home())

    def remember_folder(self, path: str) -> None:
        save_preference(self.desk.settings, self.desk.actor.username, FOLDER_PREFERENCE, str(Path(path).parent))

    def ask_open_path(self, title: str, filters: str) -> str:
        path, _ = QFileDialog.getOpenFileName(self, title, self.start_folder(), filters)
        return path

    def ask_save_path(self, title: str, suggested: str, filters: str) -> str:
        """A path to write to; the caller asks before replacing a file (`confirm_replace`)."""
        start = str(Path(self.state.path).parent / suggested) if self.state.path else suggested
        path, _ = QFileDialog.getSaveFileName(self, title, start, filters,
                                              options=QFileDialog.Option.DontConfirmOverwrite)
        return path

    def confirm_replace(self, path: str) -> bool:
        answer = QMessageBox.question(
            self, self.tr("Replace the file?"), self.tr("{0} already exists. Replace it?").format(path),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.No)
        return answer == QMessageBox.StandardButton.Yes

    def tell(self, title: str, text: str, icon: QMessageBox.Icon = QMessageBox.Icon.Warning) -> None:
        """A message that does not block (tests read `last_message`)."""
        self.last_message = text
        box = QMessageBox(icon, title, text, QMessageBox.StandardButton.Ok, self)
        box.setObjectName("SheetImportMessage")
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.message_box = box
        box.open()

    def words_for(self, error: BaseException) -> str:
        """The words for `error` (ui.common.messages); anything but the project's own errors is logged as a
        defect with its traceback, which the person never sees."""
        ours = type(error).__module__.startswith("sitcentre.")
        log.log(logging.INFO if ours else logging.ERROR, "spreadsheet import: %s: %s", type(error).__name__, error,
                exc_info=error)
        return message_for(error)

    def save_to_file(self, title: str, suggested: str, filters: str, write, saved_text: str) -> None:
        """Ask where, then `write(path, replace)` on the task runner; an existing file is replaced only after
        the person said so (design rule 13). `saved_text` names the file with {0}."""
        path = self.ask_save_path(title, suggested, filters)
        if path:
            self._write(path, write, False, saved_text)

    def _write(self, path: str, write, replace: bool, saved_text: str) -> None:
        self.runner.submit(lambda: write(path, replace),
                           self._guarded(lambda written: self._saved(saved_text.format(str(written)))),
                           self._guarded(lambda error: self._write_failed(error, path, write, saved_text)),
                           key="import-save")

    def _saved(self, text: str) -> None:
        self.file_saved.emit(text)
        self.tell(self.tr("Saved"), text, QMessageBox.Icon.Information)

    def _write_failed(self, error: BaseException, path: str, write, saved_text: str) -> None:
        if isinstance(error, OutputExists):
            if self.confirm_replace(path):
                self._write(path, write, True, saved_text)
            return
        self.tell(self.tr("Not saved"), self.words_for(error))
