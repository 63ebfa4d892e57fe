"""The preview page: a dry run of the import (desk.imports.preview, as a job with progress and Stop), its counts,
the file's first rows as they will be imported, every row that will not be and why, the names to map, the
options, and saving the mapping or the report of rows not imported. "Import" (the commit button) goes on once
the dry run found rows to add.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWizardPage,
)

from sitcentre.backend.imports import ImportCancelled, ImportOptions, ImportResult, MappingKind
from sitcentre.domain.progress import Cancelled
from ui.imports.outcome_model import COL_PROBLEMS, COL_RECORD, OutcomeModel
from ui.imports.progress_strip import ProgressStrip
from ui.imports.source_pages import ERROR_STYLE
from ui.imports.value_mapping import ValueMapping, unknown_names


def _t(text: str, disambiguation: str | None = None, n: int = -1) -> str:
    """tr() outside a class: context "" (lupdate reads `_t` as tr, ui.shell.language.TR_ALIASES)."""
    return QCoreApplication.translate("", text, disambiguation, n)


def counts_text(result: ImportResult) -> str:
    """"12 will be added, 3 already present, 0 skipped, 1 rejected" (%n plurals)."""
    c = result.counts
    return ", ".join((_t("%Ln row(s) will be added", "", c.added),
                      _t("%Ln already present", "", c.present),
                      _t("%Ln skipped", "", c.skipped),
                      _t("%Ln rejected", "", c.rejected)))


def outcome_table(model: OutcomeModel, name: str, few: bool) -> QTableView:
    """`few`: the first rows only (columns sized to their contents); else every row not imported, which may be
    many thousands (sized once, by hand)."""
    view = QTableView()
    view.setObjectName(name)
    view.setModel(model)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setWordWrap(True)
    view.verticalHeader().setVisible(False)
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    if not few:
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for column, width in ((0, 60), (1, 120), (COL_RECORD, 360)):
            view.setColumnWidth(column, width)
    header.setSectionResizeMode(COL_PROBLEMS, QHeaderView.ResizeMode.Stretch)
    return view


class PreviewPage(QWizardPage):
    def __init__(self, wizard):
        super().__init__()
        self.wiz = wizard
        self.running = False
        self.generation = 0  # the answer of a superseded dry run is dropped
        self.setTitle(self.tr("Preview"))
        self.setSubTitle(self.tr("A dry run: nothing is written yet. Check the counts and the problems, teach the "
                                 "mapping the names it does not know, then Import."))
        self.setCommitPage(True)
        self.strip = ProgressStrip()
        self.strip.stop_requested.connect(self.wiz.stop_job)
        self.counts = QLabel()
        self.counts.setObjectName("PreviewCounts")
        self.counts.setWordWrap(True)
        self.first_rows, self.not_added = OutcomeModel(self), OutcomeModel(self)
        self.names = ValueMapping()
        self.names.apply_requested.connect(self.apply_names)
        self.tabs = QTabWidget()
        self.tabs.addTab(outcome_table(self.first_rows, "PreviewRows", few=True), self.tr("First rows"))
        self.tabs.addTab(outcome_table(self.not_added, "NotAddedRows", few=False), self.tr("Rows not imported"))
        self.tabs.addTab(self.names, self.tr("Names to map"))
        self.keep_repeated = QCheckBox(self.tr("Keep &repeated rows (the same row twice in the file)"))
        self.keep_duplicates = QCheckBox(self.tr("Keep rows that look like &incidents already recorded"))
        self.keep_zero = QCheckBox(self.tr("Keep published &zero quantities"))
        for box in (self.keep_repeated, self.keep_duplicates, self.keep_zero):
            box.toggled.connect(self.options_changed)
        self.save_mapping_button = QPushButton(self.tr("Save &mapping…"))
        self.save_mapping_button.setObjectName("SaveMapping")
        self.save_mapping_button.clicked.connect(self.save_mapping)
        self.save_report_button = QPushButton(self.tr("Save rows not imported (&CSV)…"))
        self.save_report_button.setObjectName("SaveReport")
        self.save_report_button.clicked.connect(self.save_report)
        options = QHBoxLayout()
        for box in (self.keep_repeated, self.keep_duplicates, self.keep_zero):
            options.addWidget(box)
        options.addStretch(1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_mapping_button)
        buttons.addWidget(self.save_report_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.strip)
        layout.addWidget(self.counts)
        layout.addWidget(self.tabs, 1)
        layout.addLayout(options)
        layout.addLayout(buttons)

    def initializePage(self) -> None:  # Qt override
        statistics = self.wiz.state.kind is MappingKind.STATISTICS
        self.keep_duplicates.setVisible(not statistics)
        self.keep_zero.setVisible(statistics)
        self.check()

    def cleanupPage(self) -> None:  # Qt override: Back
        self.wiz.stop_job()

    # ------------------------------------------------------------------------------------------- the dry run

    def options(self) -> ImportOptions:
        return ImportOptions(keep_repeated_rows=self.keep_repeated.isChecked(),
                             keep_zero_quantities=self.keep_zero.isChecked(),
                             keep_likely_duplicates=self.keep_duplicates.isChecked())

    def options_changed(self, *_args) -> None:
        if self.wiz.currentPage() is self:
            self.check()

    def check(self) -> None:
        """Run the dry run again with the mapping and options as they are now."""
        self.wiz.stop_job()
        state = self.wiz.state
        state.options, state.dry_run = self.options(), None
        path, mapping, options, imports = state.path, state.mapping, state.options, self.wiz.desk.imports
        self.running = True
        self.counts.setText(self.tr("Checking every row of {0}…").format(Path(path).name))
        self.counts.setStyleSheet("")
        self._enable()
        self.strip.start(self.tr("Reading the file…"))
        self.generation += 1
        generation = self.generation
        self.wiz.start_job("sheet-preview",
                           lambda progress, cancelled: imports.preview(path, mapping, options, progress, cancelled),
                           lambda result: self._checked(result) if generation == self.generation else None,
                           lambda error: self._failed(error) if generation == self.generation else None,
                           self.strip.show_progress)

    def _checked(self, result: ImportResult) -> None:
        self.running = False
        self.strip.finish()
        self.wiz.state.dry_run = result
        reference = self.wiz.reference
        self.first_rows.set_outcomes(result.preview, reference)
        self.not_added.set_outcomes(result.not_added, reference)
        names = unknown_names(result.not_added)
        self.names.set_names(names, reference)
        self.tabs.setTabText(1, self.tr("Rows not imported (%Ln)", "", len(result.not_added)))
        self.tabs.setTabText(2, self.tr("Names to map (%Ln)", "", len(names)))
        text = counts_text(result)
        if not result.counts.added:
            text += "\n" + self.tr("Nothing would be imported: see the rows not imported, and the names to map.")
        self.counts.setText(text)
        self._enable()

    def _failed(self, error: BaseException) -> None:
        self.running = False
        self.strip.finish()
        if isinstance(error, Cancelled | ImportCancelled):
            self.counts.setText(self.tr("The check was stopped. Change an option or go Back to check again."))
        else:
            self.counts.setText(self.wiz.words_for(error))
            self.counts.setStyleSheet(ERROR_STYLE)
        self._enable()

    def _enable(self) -> None:
        result = self.wiz.state.dry_run
        self.save_report_button.setEnabled(result is not None and bool(result.not_added))
        self.save_mapping_button.setEnabled(self.wiz.state.mapping is not None)
        for box in (self.keep_repeated, self.keep_duplicates, self.keep_zero):
            box.setEnabled(not self.running)
        self.names.setEnabled(not self.running)
        self.completeChanged.emit()

    def isComplete(self) -> bool:  # Qt override
        result = self.wiz.state.dry_run
        return not self.running and result is not None and result.counts.added > 0

    # ------------------------------------------------------------------------------------------- names

    def apply_names(self, chosen: list[tuple[str, str, str]]) -> None:
        mapping = self.wiz.state.mapping
        for kind, name, target in chosen:
            mapping = mapping.with_alias(kind, name, target)
        self.wiz.state.mapping = mapping
        self.check()

    # ------------------------------------------------------------------------------------------- files

    def save_mapping(self) -> None:
        mapping, imports = self.wiz.state.mapping, self.wiz.desk.imports
        suggested = Path(self.wiz.state.path).stem + ".mapping.json"
        self.wiz.save_to_file(self.tr("Save the mapping"), suggested, self.tr("Mappings (*.json)"),
                              lambda path, replace: imports.save_mapping(mapping, path, replace=replace),
                              self.tr("The mapping was saved to {0}."))

    def save_report(self) -> None:
        result, imports = self.wiz.state.dry_run, self.wiz.desk.imports
        suggested = Path(self.wiz.state.path).stem + ".not-imported.csv"
        self.wiz.save_to_file(self.tr("Save the rows not imported"), suggested, self.tr("CSV files (*.csv)"),
                              lambda path, replace: imports.save_report(result, path, replace=replace),
                              self.tr("The rows not imported were saved to {0}."))
