"""The column-mapping page: for each column of the header, the field it is imported as (or not imported), and the
defaults a row takes when it gives no value (unit; the post of a post's own log; the publisher of statistics).

The choices come from a saved mapping when one was opened for this kind (every column it names that this file
has), else from a guess by the columns' names (ui.imports.fields). A field is taken from one column: choosing it
for a second column clears the first. Next builds the Mapping (the saved mapping's names learnt are kept).
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWizardPage,
)

from sitcentre.backend.imports import Mapping, MappingKind
from ui.imports.fields import NOT_IMPORTED, field_label, fields_of, guess_columns, missing_fields, weight_in_kg
from ui.imports.source_pages import ERROR_STYLE, cell_text

UNITS = ("kg", "g", "l", "tablets")
COL_NAME, COL_SAMPLE, COL_FIELD = range(3)


def _key(name: str) -> str:
    return " ".join(str(name or "").casefold().split())


class ColumnsPage(QWizardPage):
    def __init__(self, wizard):
        super().__init__()
        self.wiz = wizard
        self.signature = None
        self.combos: dict[str, QComboBox] = {}
        self.setTitle(self.tr("Columns"))
        self.setSubTitle(self.tr("What each column holds. Columns left '(not imported)' are ignored."))
        self.fit = QLabel()
        self.fit.setWordWrap(True)
        self.table = QTableWidget(0, 3)
        self.table.setObjectName("ColumnMapping")
        self.table.setHorizontalHeaderLabels([self.tr("Column in the file"), self.tr("First values"),
                                              self.tr("Imported as")])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(COL_NAME, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COL_SAMPLE, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(COL_FIELD, QHeaderView.ResizeMode.ResizeToContents)
        self.table.verticalHeader().setVisible(False)
        self.unit = QComboBox()
        self.unit.setObjectName("DefaultUnit")
        self.unit.addItem(self.tr("the substance's usual unit"), "")
        for unit in UNITS:
            self.unit.addItem(unit, unit)
        self.post = QComboBox()
        self.post.setObjectName("DefaultPost")
        self.source = QLineEdit()
        self.source.setObjectName("DefaultSource")
        self.source.setPlaceholderText(self.tr("e.g. UNODC ARQ 2023, national report"))
        self.keep_other = QCheckBox(self.tr("Keep categories the app does not track under 'other', by their own "
                                            "name"))
        self.keep_other.setChecked(True)
        self.missing = QLabel()
        self.missing.setObjectName("MissingFields")
        self.missing.setWordWrap(True)
        self.missing.setStyleSheet(ERROR_STYLE)
        self.defaults = QFormLayout()
        self.defaults.addRow(self.tr("When a row gives no &unit:"), self.unit)
        self.defaults.addRow(self.tr("When a row gives no &post:"), self.post)
        self.defaults.addRow(self.tr("&Source (publisher):"), self.source)
        self.defaults.addRow(self.keep_other)
        layout = QVBoxLayout(self)
        layout.addWidget(self.fit)
        layout.addWidget(self.table, 1)
        layout.addLayout(self.defaults)
        layout.addWidget(self.missing)
        for widget in (self.unit, self.post):
            widget.currentIndexChanged.connect(self._changed)
        self.source.textChanged.connect(self._changed)

    # ------------------------------------------------------------------------------------------- filling

    def initializePage(self) -> None:  # Qt override
        state = self.wiz.state
        preview, kind = state.preview, state.kind
        signature = (kind, preview.header_names, id(state.loaded))
        statistics = kind is MappingKind.STATISTICS
        for widget in (self.source, self.keep_other):
            self.defaults.setRowVisible(widget, statistics)
        self.defaults.setRowVisible(self.post, not statistics)
        if signature == self.signature:
            return
        self.signature = signature
        loaded = state.loaded if state.loaded is not None and state.loaded.kind is kind else None
        chosen = self._from_mapping(loaded, preview.header_names) if loaded else \
            guess_columns(kind, preview.header_names)
        self._fill_table(kind, preview, chosen)
        self._fill_defaults(loaded, chosen)
        self.fit.setText(self._fit_text(loaded, kind, preview.header_names))
        self._changed()

    def _from_mapping(self, loaded: Mapping, headers) -> dict[str, str]:
        by_key = {_key(header): name for header, name in loaded.columns}
        return {header: by_key[_key(header)] for header in headers if _key(header) in by_key}

    def _fit_text(self, loaded: Mapping | None, kind: MappingKind, headers) -> str:
        if self.wiz.state.loaded is None:
            return self.tr("The columns were guessed from their names: check each one.")
        if loaded is None:
            return self.tr("The saved mapping is for the other kind of data: the columns were guessed from their "
                           "names.")
        if Mapping(kind, columns=(), header_names=tuple(headers)).layout_key == loaded.layout_key:
            return self.tr("The saved mapping fits this file's layout.")
        return self.tr("The saved mapping was made for another layout: the columns it names that this file has are "
                       "chosen; check the others.")

    def _fill_table(self, kind: MappingKind, preview, chosen: dict[str, str]) -> None:
        self.table.setRowCount(0)
        self.combos = {}
        headers = [(i, name) for i, name in enumerate(preview.header_names) if str(name or "").strip()]
        self.table.setRowCount(len(headers))
        for row, (index, name) in enumerate(headers):
            self.table.setItem(row, COL_NAME, QTableWidgetItem(name))
            sample = [cell_text(r[index]) for r in preview.rows[:4] if index < len(r) and r[index] is not None]
            self.table.setItem(row, COL_SAMPLE, QTableWidgetItem(", ".join(s for s in sample if s)))
            combo = QComboBox()
            combo.setObjectName(f"ColumnField_{row}")
            combo.addItem(self.tr("(not imported)"), NOT_IMPORTED)
            for field in fields_of(kind):
                combo.addItem(field_label(field), field)
            combo.setCurrentIndex(max(0, combo.findData(chosen.get(name, NOT_IMPORTED))))
            combo.currentIndexChanged.connect(lambda _i, header=name: self._field_chosen(header))
            self.table.setCellWidget(row, COL_FIELD, combo)
            self.combos[name] = combo
        self.table.resizeRowsToContents()

    def _fill_defaults(self, loaded: Mapping | None, chosen: dict[str, str]) -> None:
        defaults = dict(loaded.defaults) if loaded else {}
        unit = defaults.get("unit", "")
        if not unit and "unit" not in chosen.values():
            quantity_headers = [h for h, f in chosen.items() if f == "quantity"]
            unit = "kg" if any(weight_in_kg(h) for h in quantity_headers) else ""
        self.unit.setCurrentIndex(max(0, self.unit.findData(unit)))
        self.source.setText(defaults.get("source", ""))
        self.keep_other.setChecked(loaded.keep_other if loaded else True)
        self.reference_arrived(defaults.get("post", ""))

    def reference_arrived(self, post: str | None = None) -> None:
        """The posts' list (read on the task runner) fills the default-post combo."""
        current = self.post.currentData() if post is None else post
        self.post.blockSignals(True)
        self.post.clear()
        self.post.addItem(self.tr("none: the row must name its post"), "")
        for p in (self.wiz.reference.posts if self.wiz.reference is not None else ()):
            self.post.addItem(f"{p.code} — {p.name}", p.code)
        self.post.setCurrentIndex(max(0, self.post.findData(current or "")))
        self.post.blockSignals(False)

    # ------------------------------------------------------------------------------------------- choosing

    def _field_chosen(self, header: str) -> None:
        field = self.combos[header].currentData()
        if field:
            for other, combo in self.combos.items():
                if other != header and combo.currentData() == field:
                    combo.setCurrentIndex(0)  # one column per field
        self._changed()

    def chosen_columns(self) -> tuple[tuple[str, str], ...]:
        return tuple((header, combo.currentData()) for header, combo in self.combos.items() if combo.currentData())

    def chosen_defaults(self) -> tuple[tuple[str, str], ...]:
        statistics = self.wiz.state.kind is MappingKind.STATISTICS
        defaults = {"unit": self.unit.currentData() or ""}
        if statistics:
            defaults["source"] = self.source.text().strip()
        else:
            defaults["post"] = self.post.currentData() or ""
        return tuple((name, value) for name, value in defaults.items() if value)

    def _changed(self, *_args) -> None:
        missing = missing_fields(self.wiz.state.kind, {f for _, f in self.chosen_columns()},
                                 {name for name, _ in self.chosen_defaults()})
        self.missing.setText(self.tr("Still needed: {0}.").format(", ".join(missing)) if missing else "")
        self.completeChanged.emit()

    def isComplete(self) -> bool:  # Qt override
        return bool(self.combos) and not self.missing.text()

    def validatePage(self) -> bool:  # Qt override
        state = self.wiz.state
        loaded = state.loaded if state.loaded is not None and state.loaded.kind is state.kind else None
        learnt = state.mapping if state.mapping is not None and state.mapping.kind is state.kind else loaded
        try:
            state.mapping = Mapping(
                state.kind, columns=self.chosen_columns(), sheet=state.preview.sheet,
                header_row=state.preview.header_row, header_names=tuple(state.preview.header_names),
                aliases=learnt.aliases if learnt else (), defaults=self.chosen_defaults(),
                keep_other=self.keep_other.isChecked(), decimal_mark=loaded.decimal_mark if loaded else None)
        except ValueError as exc:  # the mapping's own checks, in words
            self.missing.setText(str(exc))
            return False
        state.dry_run = None
        return True
