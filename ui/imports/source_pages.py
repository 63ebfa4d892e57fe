"""The wizard's first pages: the file (and a saved mapping), the kind of data, the sheet and its header row.

The file's sheets, the header found and its first rows (desk.imports.open_sheet) and a saved mapping
(desk.imports.load_mapping) are read on the task runner; a page is complete once its answer has arrived.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWizardPage,
)

from sitcentre.backend.imports import ImportRefused, MappingKind, SheetPreview

ERROR_STYLE = "color: #c62828;"
MAX_HEADER_ROW = 1000


def _label(text: str = "") -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    return label


def cell_text(value) -> str:
    if value is None:
        return ""
    if hasattr(value, "isoformat"):
        return value.isoformat(sep=" ") if hasattr(value, "hour") and (value.hour or value.minute) else \
            value.strftime("%Y-%m-%d")
    return str(value)


def open_any(imports, path: str) -> tuple[SheetPreview, str]:
    """The file's first sheet with its header found; when no header is found there, the sheet read from its first
    row, with the reason, so that the person can choose another sheet or the header row (on the task runner)."""
    try:
        return imports.open_sheet(path), ""
    except ImportRefused as exc:
        if exc.code != "no_header":
            raise
        return imports.open_sheet(path, header_row=1), str(exc)


class FilePage(QWizardPage):
    def __init__(self, wizard):
        super().__init__()
        self.wiz = wizard
        self.loading = False
        self.error = ""
        self.setTitle(self.tr("The spreadsheet"))
        self.setSubTitle(self.tr("Choose a CSV or Excel (XLSX) file: a log of seizures, one row per incident, or "
                                 "statistics as an agency published them."))
        self.path_edit = QLineEdit()
        self.path_edit.setObjectName("SheetPath")
        self.path_edit.editingFinished.connect(lambda: self.set_path(self.path_edit.text().strip()))
        browse = QPushButton(self.tr("&Browse…"))
        browse.clicked.connect(self.browse)
        self.mapping_edit = QLineEdit()
        self.mapping_edit.setReadOnly(True)
        self.mapping_edit.setPlaceholderText(self.tr("none: the columns are chosen on the next pages"))
        mapping_browse = QPushButton(self.tr("Open &mapping…"))
        mapping_browse.clicked.connect(self.browse_mapping)
        clear = QPushButton(self.tr("&Clear"))
        clear.clicked.connect(self.clear_mapping)
        self.status = _label()
        self.status.setObjectName("SheetFileStatus")
        self.mapping_status = _label()
        form = QFormLayout(self)
        form.addRow(self.tr("&File:"), _row(self.path_edit, browse))
        form.addRow(self.status)
        form.addRow(self.tr("Saved mapping:"), _row(self.mapping_edit, mapping_browse, clear))
        form.addRow(self.mapping_status)
        form.addRow(_label(self.tr("A mapping saved from an earlier import of the same layout fills in the columns, "
                                   "the names learnt and the defaults.")))

    def browse(self) -> None:
        path = self.wiz.ask_open_path(self.tr("Import from spreadsheet"),
                                      self.tr("Spreadsheets (*.csv *.txt *.xlsx);;All files (*)"))
        if path:
            self.set_path(path)

    def browse_mapping(self) -> None:
        path = self.wiz.ask_open_path(self.tr("Open a saved mapping"), self.tr("Mappings (*.json);;All files (*)"))
        if path:
            self.set_mapping_path(path)

    def set_path(self, path: str) -> None:
        state = self.wiz.state
        if not path or (path == state.path and (state.preview is not None or self.loading)):
            return
        self.path_edit.setText(path)
        state.path, state.preview = path, None
        self.wiz.remember_folder(path)
        self._show(self.tr("Reading {0}…").format(Path(path).name), loading=True)
        imports = self.wiz.desk.imports
        self.wiz.runner.submit(lambda: open_any(imports, path), self.wiz._guarded(self._opened),
                               self.wiz._guarded(self._failed), key="import-open")

    def _opened(self, answer: tuple[SheetPreview, str]) -> None:
        preview, not_found = answer
        self.wiz.state.preview = preview
        if not_found:
            self._show(not_found + " " + self.tr("Choose the sheet or the header row on the next pages."))
            return
        names = ", ".join(n for n in preview.header_names if n)
        where = self.tr(" on the sheet '{0}'").format(preview.sheet) if preview.sheet else ""
        self._show(self.tr("Header found on row {0}{1}: {2}").format(preview.header_row, where, names))

    def _failed(self, error: BaseException) -> None:
        self.wiz.state.preview = None
        self._show(self.wiz.words_for(error), error=True)

    def set_mapping_path(self, path: str) -> None:
        self.mapping_edit.setText(path)
        self.mapping_status.setText(self.tr("Reading the mapping…"))
        self.mapping_status.setStyleSheet("")
        imports = self.wiz.desk.imports
        self.wiz.runner.submit(lambda: imports.load_mapping(path), self.wiz._guarded(self._mapping_loaded),
                               self.wiz._guarded(self._mapping_failed), key="import-mapping")

    def _mapping_loaded(self, mapping) -> None:
        self.wiz.state.loaded = mapping
        kind = self.tr("incident log") if mapping.kind is MappingKind.INCIDENTS else self.tr("published statistics")
        self.mapping_status.setText(self.tr("A mapping for {0}: %n column(s).", "", len(mapping.columns)).format(kind))

    def _mapping_failed(self, error: BaseException) -> None:
        self.wiz.state.loaded = None
        self.mapping_edit.clear()
        self.mapping_status.setText(self.wiz.words_for(error))
        self.mapping_status.setStyleSheet(ERROR_STYLE)

    def clear_mapping(self) -> None:
        self.wiz.state.loaded = None
        self.mapping_edit.clear()
        self.mapping_status.clear()

    def _show(self, text: str, loading: bool = False, error: bool = False) -> None:
        self.loading, self.error = loading, text if error else ""
        self.status.setText(text)
        self.status.setStyleSheet(ERROR_STYLE if error else "")
        self.completeChanged.emit()

    def isComplete(self) -> bool:  # Qt override
        return not self.loading and self.wiz.state.preview is not None


class KindPage(QWizardPage):
    def __init__(self, wizard):
        super().__init__()
        self.wiz = wizard
        self.setTitle(self.tr("What the file holds"))
        self.incidents = QRadioButton(self.tr("An &incident log: one row per seizure (date, post, substance, "
                                              "quantity…). The rows become incidents, marked as imported."))
        self.statistics = QRadioButton(self.tr("Published &statistics: totals by country and year or month. They "
                                               "are kept apart and shown beside the posts' seizures, never added "
                                               "to them."))
        self.group = QButtonGroup(self)
        layout = QVBoxLayout(self)
        for button, kind in ((self.incidents, MappingKind.INCIDENTS), (self.statistics, MappingKind.STATISTICS)):
            self.group.addButton(button)
            allowed = wizard.may_import(kind)
            button.setEnabled(allowed)
            if not allowed:
                button.setToolTip(self.tr("Your role cannot import incident logs.") if kind is MappingKind.INCIDENTS
                                  else self.tr("Only supervisors import published statistics."))
            layout.addWidget(button)
            if not allowed:
                layout.addWidget(_label("<i>" + button.toolTip() + "</i>"))
        layout.addStretch(1)
        self.group.buttonToggled.connect(lambda *_: self.completeChanged.emit())

    def initializePage(self) -> None:  # Qt override
        loaded = self.wiz.state.loaded
        wanted = loaded.kind if loaded is not None else self.wiz.state.kind
        button = self.incidents if wanted is MappingKind.INCIDENTS else self.statistics
        if not button.isEnabled():
            button = self.incidents if self.incidents.isEnabled() else self.statistics
        button.setChecked(button.isEnabled())

    def chosen(self) -> MappingKind | None:
        if self.incidents.isChecked():
            return MappingKind.INCIDENTS
        return MappingKind.STATISTICS if self.statistics.isChecked() else None

    def isComplete(self) -> bool:  # Qt override
        return self.chosen() is not None

    def validatePage(self) -> bool:  # Qt override
        self.wiz.state.kind = self.chosen()
        return True


class SheetPage(QWizardPage):
    def __init__(self, wizard):
        super().__init__()
        self.wiz = wizard
        self.loading = False
        self.error_shown = False
        self.setTitle(self.tr("Sheet and header row"))
        self.setSubTitle(self.tr("The row that names the columns was found below any title or note rows. Check it "
                                 "in the first rows below, and choose another sheet or row if needed."))
        self.sheet = QComboBox()
        self.sheet.setObjectName("SheetChooser")
        self.header_row = QSpinBox()
        self.header_row.setObjectName("HeaderRow")
        self.header_row.setRange(1, MAX_HEADER_ROW)
        self.header_row.setMaximumWidth(self.header_row.fontMetrics().horizontalAdvance("0000000") + 40)
        self.format = _label()
        self.status = _label()
        self.table = QTableWidget()
        self.table.setObjectName("SheetRows")
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        form = QFormLayout()
        form.addRow(self.tr("S&heet:"), self.sheet)
        form.addRow(self.tr("Header &row:"), self.header_row)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.format)
        layout.addWidget(self.status)
        layout.addWidget(self.table, 1)
        self.sheet.activated.connect(lambda _i: self.reload(header_row=None))
        self.header_row.setKeyboardTracking(False)  # a typed number counts when complete (Enter, focus out)
        self.header_row.valueChanged.connect(lambda v: self.reload(header_row=v))

    def initializePage(self) -> None:  # Qt override
        preview, loaded = self.wiz.state.preview, self.wiz.state.loaded
        self._fill(preview)
        if loaded is not None and (loaded.sheet in preview.sheet_names or loaded.sheet is None):
            sheet = loaded.sheet or preview.sheet
            row = loaded.header_row or preview.header_row
            if (sheet, row) != (preview.sheet, preview.header_row):
                self.reload(sheet=sheet, header_row=row)

    def reload(self, sheet: str | None = None, header_row: int | None = None) -> None:
        """Read the first rows again with this sheet and header row (None: the sheet's header as found)."""
        preview = self.wiz.state.preview
        if preview is None:
            return
        sheet = sheet or (self.sheet.currentText() if preview.sheet_names else None)
        if (sheet, header_row) == (preview.sheet, preview.header_row) and not self.loading:
            return
        self.loading = True
        self.status.setText(self.tr("Reading…"))
        self.status.setStyleSheet("")
        self.completeChanged.emit()
        imports, path = self.wiz.desk.imports, self.wiz.state.path
        self.wiz.runner.submit(lambda: imports.open_sheet(path, sheet=sheet, header_row=header_row),
                               self.wiz._guarded(self._opened), self.wiz._guarded(self._failed), key="import-open")

    def _opened(self, preview: SheetPreview) -> None:
        self.loading = False
        self.wiz.state.preview = preview
        self._fill(preview)
        self.completeChanged.emit()

    def _failed(self, error: BaseException) -> None:
        self.loading = False
        self.table.clear()
        self.table.setRowCount(0)
        self.status.setText(self.wiz.words_for(error))
        self.status.setStyleSheet(ERROR_STYLE)
        self.error_shown = True
        self.completeChanged.emit()

    def _fill(self, preview: SheetPreview) -> None:
        self.error_shown = False
        self.sheet.blockSignals(True)
        self.sheet.clear()
        self.sheet.addItems(list(preview.sheet_names))
        if preview.sheet:
            self.sheet.setCurrentText(preview.sheet)
        self.sheet.setEnabled(len(preview.sheet_names) > 1)
        self.sheet.blockSignals(False)
        self.header_row.blockSignals(True)
        self.header_row.setValue(preview.header_row)
        self.header_row.blockSignals(False)
        self.format.setText(self.tr("A CSV file ({0}).").format(preview.encoding or "?") if preview.format == "csv"
                            else self.tr("An Excel workbook: %n sheet(s).", "", len(preview.sheet_names)))
        self.status.setText(self.tr("The columns: {0}. The first %n row(s) below it:", "", len(preview.rows)).format(
            ", ".join(n for n in preview.header_names if n)))
        self.status.setStyleSheet("")
        self.table.clear()
        self.table.setColumnCount(len(preview.header_names))
        self.table.setHorizontalHeaderLabels([n or "—" for n in preview.header_names])
        self.table.setRowCount(len(preview.rows))
        for r, row in enumerate(preview.rows):
            for c, value in enumerate(row[:len(preview.header_names)]):
                self.table.setItem(r, c, QTableWidgetItem(cell_text(value)))
        self.table.resizeColumnsToContents()

    def isComplete(self) -> bool:  # Qt override
        return not self.loading and not self.error_shown and self.wiz.state.preview is not None


def _row(*widgets) -> QHBoxLayout:
    row = QHBoxLayout()
    row.addWidget(widgets[0], 1)
    for widget in widgets[1:]:
        row.addWidget(widget)
    return row
