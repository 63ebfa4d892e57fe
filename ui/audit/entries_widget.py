"""The list of audit entries with the chosen entry's details in words (and its technical details behind a
button): shared by View → Audit trail… and Incident → History…."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QPlainTextEdit,
    QSplitter,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from sitcentre.domain.audit import AuditEntry
from sitcentre.domain.audit_text import AuditNames
from ui.audit.audit_model import COL_SUMMARY, ENTRY_ROLE, AuditTableModel, details, technical


class AuditEntriesWidget(QSplitter):
    """The entries as a table, and the selected one in full beside it: in plain words, with the stored JSON and
    the hashes behind a "Technical details" toggle."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(Qt.Orientation.Horizontal, parent)
        self.model = AuditTableModel(self)
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setAlternatingRowColors(True)
        self.view.setWordWrap(False)
        self.view.verticalHeader().setVisible(False)
        self.view.verticalHeader().setDefaultSectionSize(22)
        for column, width in enumerate((50, 135, 100, 140, 150)):
            self.view.setColumnWidth(column, width)
        self.view.horizontalHeader().setSectionResizeMode(COL_SUMMARY, QHeaderView.ResizeMode.Stretch)
        self.details = QPlainTextEdit()
        self.details.setObjectName("AuditDetails")
        self.details.setReadOnly(True)
        self.details.setPlaceholderText(self.tr("Select an entry to see it in full."))
        self.technical_toggle = QToolButton()
        self.technical_toggle.setText(self.tr("Technical details"))
        self.technical_toggle.setCheckable(True)
        self.technical_toggle.setArrowType(Qt.ArrowType.RightArrow)
        self.technical_toggle.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.technical_toggle.setAutoRaise(True)
        self.technical_toggle.toggled.connect(self._show_technical)
        self.technical = QPlainTextEdit()
        self.technical.setObjectName("AuditTechnical")
        self.technical.setReadOnly(True)
        self.technical.hide()
        side = QWidget()
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(0, 0, 0, 0)
        side_layout.addWidget(self.details, 1)
        side_layout.addWidget(self.technical_toggle, 0, Qt.AlignmentFlag.AlignLeft)
        side_layout.addWidget(self.technical, 1)
        self.addWidget(self.view)
        self.addWidget(side)
        self.setStretchFactor(0, 3)
        self.setStretchFactor(1, 1)
        self.setSizes([780, 320])
        self.view.selectionModel().currentRowChanged.connect(self._current_changed)

    def selected_entry(self) -> AuditEntry | None:
        rows = self.view.selectionModel().selectedRows()
        return rows[0].data(ENTRY_ROLE) if rows else None

    def set_names(self, names: AuditNames | None, post_id: int | None = None) -> None:
        """Names for the ids the entries hold (read once per dialog), and the post whose clock tells the times."""
        self.model.set_names(names, post_id)
        self._current_changed(self.view.currentIndex(), None)

    def _current_changed(self, current, _previous) -> None:
        entry = current.data(ENTRY_ROLE) if current.isValid() else None
        model = self.model
        self.details.setPlainText(details(entry, model.names, model.post_id) if entry is not None else "")
        self.technical.setPlainText(technical(entry) if entry is not None else "")

    def _show_technical(self, shown: bool) -> None:
        self.technical_toggle.setArrowType(Qt.ArrowType.DownArrow if shown else Qt.ArrowType.RightArrow)
        self.technical.setVisible(shown)
