"""Likely duplicates: the warning the incident form shows before saving one, and the supervisor's choice of
the original when linking a duplicate.

A candidate (services.duplicates) is another incident at the same post within 24 hours that seized the
same substance in an amount within 10 %. Both dialogs are window-modal and opened with open(), never
exec(): the caller acts on `finished`, and tests press the buttons.
"""

from __future__ import annotations

from enum import Enum

from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from sitcentre.domain.days import local_text, offset_text
from sitcentre.domain.duplicates import DuplicateCandidate
from sitcentre.domain.reference import ReferenceData
from ui.incidents.incident_labels import statuses


class CandidatesTable(QTableWidget):
    """Post, time at the post, substance, amounts, status: enough to tell whether it is the same seizure."""

    def __init__(self, candidates: list[DuplicateCandidate], reference: ReferenceData, parent: QWidget | None = None):
        super().__init__(len(candidates), 6, parent)
        self.candidates = list(candidates)
        self.setHorizontalHeaderLabels([self.tr("Post"), self.tr("Occurred (post's time)"), self.tr("Hours apart"),
                                        self.tr("Substance"), self.tr("Amount (kg-eq.)"), self.tr("Status")])
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.verticalHeader().setVisible(False)
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.horizontalHeader().setStretchLastSection(True)
        for row, candidate in enumerate(self.candidates):
            for column, text in enumerate(self.texts(candidate, reference)):
                self.setItem(row, column, QTableWidgetItem(text))
        if self.candidates:
            self.selectRow(0)

    def texts(self, c: DuplicateCandidate, reference: ReferenceData) -> list[str]:
        post = reference.post(c.post_id)
        minutes = post.utc_offset_minutes if post is not None else 0
        return [
            post.name if post is not None else f"#{c.post_id}",
            f"{local_text(c.occurred_at, minutes)} ({offset_text(minutes)})",
            f"{c.hours_apart:.1f}",
            c.substance_name,
            self.tr("{0} (this one {1})").format(_kg(c.kg), _kg(c.new_kg)),
            statuses().get(c.status, str(c.status)),
        ]

    def chosen(self) -> DuplicateCandidate | None:
        rows = self.selectionModel().selectedRows()
        return self.candidates[rows[0].row()] if rows else None


class DuplicateChoice(Enum):
    GO_BACK = "go_back"
    SAVE_ANYWAY = "save_anyway"


class DuplicateWarning(QDialog):
    """Shown by the form instead of saving: save anyway, or go back and check."""

    def __init__(self, message: str, candidates: list[DuplicateCandidate], reference: ReferenceData,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("DuplicateWarning")
        self.setWindowTitle(self.tr("Possible duplicate"))
        self.choice = DuplicateChoice.GO_BACK
        layout = QVBoxLayout(self)
        intro = QLabel(self.tr("{0}\n\nIf it is the same seizure reported again, go back and do not save it; a "
                               "supervisor can also link the two later so that they are counted once.")
                       .format(message))
        intro.setWordWrap(True)
        self.table = CandidatesTable(candidates, reference)
        self.buttons = QDialogButtonBox()
        self.save_anyway_button = self.buttons.addButton(self.tr("&Save anyway"),
                                                         QDialogButtonBox.ButtonRole.AcceptRole)
        self.go_back_button = self.buttons.addButton(self.tr("&Go back"), QDialogButtonBox.ButtonRole.RejectRole)
        self.go_back_button.setDefault(True)
        self.save_anyway_button.clicked.connect(self.save_anyway)
        self.go_back_button.clicked.connect(self.reject)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.buttons)
        self.resize(760, 300)

    def save_anyway(self) -> None:
        self.choice = DuplicateChoice.SAVE_ANYWAY
        self.accept()


class LinkDuplicateDialog(QDialog):
    """Incident → Link as duplicate of…: pick the incident the selected one repeats."""

    def __init__(self, candidates: list[DuplicateCandidate], reference: ReferenceData, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("LinkDuplicateDialog")
        self.setWindowTitle(self.tr("Link as duplicate"))
        layout = QVBoxLayout(self)
        intro = QLabel(self.tr("The selected incident repeats which one? It will be marked as a duplicate and "
                               "counted once, as the one you choose."))
        intro.setWordWrap(True)
        self.table = CandidatesTable(candidates, reference)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.link_button: QPushButton = self.buttons.addButton(self.tr("&Link"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.table.itemSelectionChanged.connect(lambda: self.link_button.setEnabled(self.chosen() is not None))
        self.link_button.setEnabled(self.chosen() is not None)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.buttons)
        self.resize(760, 300)

    def chosen(self) -> DuplicateCandidate | None:
        return self.table.chosen()


def _kg(value: float) -> str:
    return f"{value:,.3f} kg" if value < 10 else f"{value:,.1f} kg"
