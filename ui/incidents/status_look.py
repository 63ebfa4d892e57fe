"""How an incident's review status looks in the table: a symbol AND a colour (never a colour alone, so it reads
in grey print and for colour-blind eyes), the word, and on hover what it means or why it was rejected."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QColor

from sitcentre.domain.enums import IncidentStatus
from ui.incidents.incident_labels import statuses

# status -> (symbol, colour)
LOOK = {
    IncidentStatus.VERIFIED: ("✔", "#2e7d32"),
    IncidentStatus.REJECTED: ("✖", "#c62828"),
    IncidentStatus.REPORTED: ("●", "#1565c0"),
    IncidentStatus.DRAFT: ("○", "#757575"),
    IncidentStatus.DUPLICATE: ("⧉", "#6a1b9a"),
}
_COLOURS = {status: QColor(colour) for status, (_symbol, colour) in LOOK.items()}


def _t(text: str) -> str:
    return QCoreApplication.translate("StatusLook", text)


def status_text(status: IncidentStatus) -> str:
    """'✔ Verified'."""
    symbol = LOOK.get(status, ("", ""))[0]
    return f"{symbol} {statuses().get(status, status.value)}".strip()


def status_colour(status: IncidentStatus) -> QColor | None:
    return _COLOURS.get(status)


def status_tooltip(status: IncidentStatus, rejection_reason: str = "") -> str:
    """Why it was rejected; otherwise what the status means for the figures."""
    if status == IncidentStatus.REJECTED:
        return _t("Rejected: {0}").format(rejection_reason) if rejection_reason else _t("Rejected")
    meaning = {
        IncidentStatus.VERIFIED: _t("Verified by a supervisor: counted in the verified figures."),
        IncidentStatus.REPORTED: _t("Reported, waiting for a supervisor's review."),
        IncidentStatus.DRAFT: _t("Draft: not reported yet, not counted."),
        IncidentStatus.DUPLICATE: _t("Duplicate of another incident: counted once, there."),
    }
    return meaning.get(status, statuses().get(status, status.value))
