"""Someone else saved (or deleted) the incident while the operator edited it: show both, let them choose.

Nothing is lost silently: the operator sees their version and the saved one field by field, differences
marked, and picks "Reload theirs", "Overwrite with mine" or "Keep editing" (for a deleted incident,
"Save mine as new"). The dialog only records the choice in `choice`; the form acts on it, so a test can
press a button and watch what the form does without a blocking exec().
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
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
from sitcentre.domain.records import Incident
from sitcentre.domain.reference import ReferenceData
from ui.incidents.incident_labels import (
    CHANGED_BACKGROUND,
    bases,
    directions,
    incident_types,
    statuses,
    transport_modes,
    units,
)
from ui.incidents.incident_reference import fmt_number, post_label


class ConflictChoice(Enum):
    KEEP_EDITING = "keep_editing"
    RELOAD_THEIRS = "reload_theirs"
    OVERWRITE = "overwrite"
    SAVE_AS_NEW = "save_as_new"


@dataclass(frozen=True)
class FieldDifference:
    label: str
    mine: str
    theirs: str

    @property
    def differs(self) -> bool:
        return self.mine != self.theirs


class ConflictDialog(QDialog):
    """Mine vs theirs, side by side; `choice` says what the operator decided."""

    def __init__(self, mine: Incident, theirs: Incident | None, reference: ReferenceData,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("ConflictDialog")
        self.mine, self.theirs = mine, theirs
        self.choice = ConflictChoice.KEEP_EDITING
        self.setWindowTitle(self.tr("Someone else saved this incident") if theirs else
                            self.tr("This incident was deleted"))
        self.differences = compare(mine, theirs, reference) if theirs else []
        layout = QVBoxLayout(self)
        self.message = QLabel(self._explanation())
        self.message.setWordWrap(True)
        layout.addWidget(self.message)
        self.table = self._build_table() if theirs else None
        if self.table is not None:
            self.only_differences = QCheckBox(self.tr("Show only the fields that &differ"), self)
            self.only_differences.toggled.connect(self._filter_rows)
            layout.addWidget(self.only_differences)
            layout.addWidget(self.table, 1)
        else:
            layout.addStretch(1)
        layout.addWidget(self._build_buttons())
        self.resize(*((860, 600) if theirs else (560, 150)))

    def _explanation(self) -> str:
        if self.theirs is None:
            return self.tr(
                "While you were editing, someone deleted this incident. Your edits are still in the form. "
                "You can save them as a new incident, or keep editing."
            )
        changed = sum(d.differs for d in self.differences)
        return self.tr(
            "While you were editing, someone else saved this incident (now version {theirs}). Your edits are "
            "based on version {mine}. {changed} field(s) differ; they are marked below. Choose which version "
            "to keep: nothing is saved until you choose."
        ).format(theirs=self.theirs.version, mine=self.mine.version, changed=changed)

    def _build_table(self) -> QTableWidget:
        table = QTableWidget(len(self.differences), 3, self)
        table.setObjectName("ConflictTable")
        table.setHorizontalHeaderLabels([
            self.tr("Field"),
            self.tr("Mine (edited from version {v})").format(v=self.mine.version),
            self.tr("Theirs (saved, version {v})").format(v=self.theirs.version),  # type: ignore[union-attr]
        ])
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        table.setWordWrap(True)
        table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        table.verticalHeader().hide()
        header = table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        bold = QFont(table.font())
        bold.setBold(True)
        for row, diff in enumerate(self.differences):
            marker = "● " if diff.differs else ""
            for column, text in enumerate((marker + diff.label, diff.mine, diff.theirs)):
                item = QTableWidgetItem(text)
                item.setTextAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
                if diff.differs:
                    item.setBackground(QBrush(QColor(CHANGED_BACKGROUND)))
                    item.setForeground(QBrush(QColor("#000000")))
                    item.setFont(bold)
                    item.setToolTip(self.tr("Differs between your version and the saved one"))
                table.setItem(row, column, item)
        header.sectionResized.connect(lambda *_: table.resizeRowsToContents())
        return table

    def _filter_rows(self, only_differences: bool) -> None:
        for row, diff in enumerate(self.differences):
            self.table.setRowHidden(row, only_differences and not diff.differs)  # type: ignore[union-attr]

    def showEvent(self, event) -> None:  # Qt override: rows fit their text once the columns have a width
        super().showEvent(event)
        if self.table is not None:
            self.table.resizeRowsToContents()

    def _build_buttons(self) -> QDialogButtonBox:
        box = QDialogButtonBox(self)
        self.keep_editing_button = self._button(box, self.tr("&Keep editing"), ConflictChoice.KEEP_EDITING,
                                                QDialogButtonBox.ButtonRole.RejectRole)
        self.reload_button = self.overwrite_button = self.save_as_new_button = None
        if self.theirs is not None:
            self.reload_button = self._button(box, self.tr("&Reload theirs"), ConflictChoice.RELOAD_THEIRS,
                                              QDialogButtonBox.ButtonRole.DestructiveRole)
            self.reload_button.setToolTip(self.tr("Show the saved version in the form; your edits are discarded"))
            self.overwrite_button = self._button(box, self.tr("&Overwrite with mine"), ConflictChoice.OVERWRITE,
                                                 QDialogButtonBox.ButtonRole.AcceptRole)
            self.overwrite_button.setToolTip(self.tr("Save your version over theirs (version {v})").format(
                v=self.theirs.version + 1))
        else:
            self.save_as_new_button = self._button(box, self.tr("&Save mine as new"), ConflictChoice.SAVE_AS_NEW,
                                                   QDialogButtonBox.ButtonRole.AcceptRole)
        self.keep_editing_button.setDefault(True)  # Enter never overwrites anything by accident
        return box

    def _button(self, box: QDialogButtonBox, text: str, choice: ConflictChoice,
                role: QDialogButtonBox.ButtonRole) -> QPushButton:
        button = box.addButton(text, role)
        button.setAutoDefault(False)
        button.clicked.connect(lambda: self.choose(choice))
        return button

    def choose(self, choice: ConflictChoice) -> None:
        self.choice = choice
        self.done(QDialog.DialogCode.Rejected if choice is ConflictChoice.KEEP_EDITING else QDialog.DialogCode.Accepted)

    def reject(self) -> None:  # Esc and the window's close button mean "keep editing"
        self.choice = ConflictChoice.KEEP_EDITING
        super().reject()


def compare(mine: Incident, theirs: Incident, reference: ReferenceData) -> list[FieldDifference]:
    """Every field an operator edits, as text, in the order of the form."""
    return [FieldDifference(label, show(mine), show(theirs)) for label, show in _fields(reference)]


def _fields(reference: ReferenceData) -> list[tuple[str, Callable[[Incident], str]]]:
    def _t(text: str) -> str:
        return QCoreApplication.translate("", text)

    def post(i: Incident) -> str:
        p = reference.post(i.post_id)
        return post_label(p) if p else _t("(no post)")

    def when(attribute: str) -> Callable[[Incident], str]:
        def show(i: Incident) -> str:
            p = reference.post(i.post_id)
            minutes = p.utc_offset_minutes if p else 0
            return f"{local_text(getattr(i, attribute), minutes)} {offset_text(minutes)}".strip()
        return show

    def lines(i: Incident) -> str:
        unit_labels, basis_labels = units(), bases()
        rows = []
        for line in i.lines:
            s = reference.substance(line.substance_id)
            rows.append(f"{s.name if s else '?'}: {fmt_number(line.quantity)} {unit_labels.get(line.unit, line.unit)}"
                        f" ({basis_labels.get(line.basis, line.basis)})")
        return "\n".join(rows) or _t("(none)")

    def total(i: Incident) -> str:
        return f"{fmt_number(i.total_kg)} kg"

    return [
        (_t("Post"), post),
        (_t("Occurred at"), when("occurred_at")),
        (_t("Reported at"), when("reported_at")),
        (_t("Type"), lambda i: incident_types().get(i.incident_type, str(i.incident_type))),
        (_t("Direction"), lambda i: directions().get(i.direction, str(i.direction))),
        (_t("Transport mode"), lambda i: transport_modes().get(i.transport_mode, str(i.transport_mode))),
        (_t("Concealment"), lambda i: i.concealment),
        (_t("Route: departure"), lambda i: i.route_departure or ""),
        (_t("Route: transit"), lambda i: i.route_transit),
        (_t("Route: destination"), lambda i: i.route_destination or ""),
        (_t("Persons detained"), lambda i: str(i.persons_detained)),
        (_t("Nationalities"), lambda i: i.detainee_nationalities),
        (_t("Joint operation"), lambda i: i.joint_operation),
        (_t("Seizure lines"), lines),
        (_t("Total kg-equivalent"), total),
        (_t("Narrative"), lambda i: i.narrative),
        (_t("Status"), lambda i: statuses().get(i.status, str(i.status))),
    ]
