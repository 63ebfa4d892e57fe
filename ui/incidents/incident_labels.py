"""Words for the domain's closed vocabularies, and small widgets the incident form is built from.

Labels are looked up at call time through Qt's translation (context "IncidentLabels"), so a Russian
translation can be installed without touching code (design rule 11).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QComboBox, QFrame, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from sitcentre.domain.enums import AmountBasis, Direction, IncidentStatus, IncidentType, TransportMode, Unit

ERROR_COLOUR = "#c62828"
CHANGED_BACKGROUND = "#fff3cd"
# The last rule: while the form is disabled (saving), a placeholder must not look like a typed value (a style
# sheet stops palette inheritance, which would otherwise dim it).
FORM_STYLE = f"""
QFrame[role="frame"] {{ border: 1px solid transparent; border-radius: 3px; }}
QFrame[role="frame"][invalid="true"] {{ border-color: {ERROR_COLOUR}; }}
QLabel[role="error"] {{ color: {ERROR_COLOUR}; }}
QLabel[role="hint"] {{ color: palette(placeholder-text); }}
*:disabled {{ placeholder-text-color: palette(mid); }}
"""


def _t(text: str) -> str:
    return QCoreApplication.translate("", text)


def incident_types() -> dict[IncidentType, str]:
    return {
        IncidentType.DRUG_SEIZURE: _t("Drug seizure"),
        IncidentType.PRECURSOR_SEIZURE: _t("Precursor seizure"),
        IncidentType.WEAPONS: _t("Weapons"),
        IncidentType.SMUGGLED_GOODS: _t("Smuggled goods"),
        IncidentType.HUMAN_TRAFFICKING: _t("Human trafficking"),
        IncidentType.OTHER: _t("Other"),
    }


def directions() -> dict[Direction, str]:
    return {Direction.ENTERING: _t("Entering the country"), Direction.LEAVING: _t("Leaving the country")}


def transport_modes() -> dict[TransportMode, str]:
    return {
        TransportMode.VEHICLE: _t("Vehicle"),
        TransportMode.TRUCK: _t("Truck / cargo"),
        TransportMode.RAIL: _t("Rail"),
        TransportMode.PEDESTRIAN: _t("Pedestrian"),
        TransportMode.AIR: _t("Air"),
        TransportMode.MAIL: _t("Mail"),
    }


def statuses() -> dict[IncidentStatus, str]:
    return {
        IncidentStatus.DRAFT: _t("Draft"),
        IncidentStatus.REPORTED: _t("Reported"),
        IncidentStatus.VERIFIED: _t("Verified"),
        IncidentStatus.REJECTED: _t("Rejected"),
        IncidentStatus.DUPLICATE: _t("Duplicate"),
    }


def bases() -> dict[AmountBasis, str]:
    return {
        AmountBasis.ESTIMATED: _t("Estimated"),
        AmountBasis.WEIGHED: _t("Weighed"),
        AmountBasis.COUNTED: _t("Counted"),
        AmountBasis.LAB_CONFIRMED: _t("Laboratory confirmed"),
    }


def units() -> dict[Unit, str]:
    return {Unit.KG: _t("kg"), Unit.G: _t("g"), Unit.LITRE: _t("litres"), Unit.TABLETS: _t("tablets")}


def enum_combo(labels: dict, parent: QWidget | None = None) -> QComboBox:
    """A combo box whose items carry the enum member as data."""
    combo = QComboBox(parent)
    for value, label in labels.items():
        combo.addItem(label, value)
    return combo


def select_data(combo: QComboBox, value: object) -> None:
    index = combo.findData(value)
    if index >= 0:
        combo.setCurrentIndex(index)


def framed(editor: QWidget) -> QFrame:
    """A thin frame around an input that turns red when the input has a problem (see mark_invalid).

    The frame, not the input, carries the style sheet: a styled combo or spin box loses its native look
    (and a styled spin box even its text), so the inputs themselves are never styled.
    """
    frame = QFrame(editor.parentWidget())
    frame.setProperty("role", "frame")
    layout = QHBoxLayout(frame)
    layout.setContentsMargins(1, 1, 1, 1)
    layout.addWidget(editor)
    return frame


def mark_invalid(widget: QWidget, invalid: bool) -> None:
    """Flag an input as having a problem (`invalid` property) and redden its frame, if it has one."""
    widget.setProperty("invalid", invalid)
    frame = widget.parentWidget()
    if frame is not None and frame.property("role") == "frame" and bool(frame.property("invalid")) != invalid:
        frame.setProperty("invalid", invalid)
        frame.style().unpolish(frame)
        frame.style().polish(frame)
        frame.update()


def error_label(parent: QWidget | None = None) -> QLabel:
    label = QLabel(parent)
    label.setProperty("role", "error")
    label.setWordWrap(True)
    label.hide()
    return label


def hint_label(text: str = "", parent: QWidget | None = None) -> QLabel:
    label = QLabel(text, parent)
    label.setProperty("role", "hint")
    return label


class Field(QWidget):
    """One input (plus an optional trailing widget) with the red message under it that names its problem."""

    def __init__(self, editor: QWidget, trailing: QWidget | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.editor = editor
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        row = QHBoxLayout()
        row.setSpacing(8)
        expands = editor.maximumWidth() >= 10_000
        row.addWidget(framed(editor), 1 if expands else 0)
        if trailing is not None:
            row.addWidget(trailing)
        if not expands:
            row.addStretch(1)
        layout.addLayout(row)
        self.error = error_label(self)
        layout.addWidget(self.error)

    def show_problems(self, messages: list[str]) -> None:
        mark_invalid(self.editor, bool(messages))
        self.error.setText("\n".join(messages))
        self.error.setVisible(bool(messages))
