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
    return QCoreApplication.translate("", text)


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


# Where a record stands in the exchange (IncidentListRow.exchange, issue 13): a symbol and words in the status
# cell, what it means on hover. "confirmed" and "" add nothing to the cell (most rows), only to the tooltip.
EXCHANGE_SYMBOLS = {"unsent": "↑", "unconfirmed": "⧗", "held": "⏸", "error": "⛔", "conflict": "⚠",
                    "centre_too": "⚠"}


def exchange_words(mark: str) -> str:
    """'not sent', 'held'... ('' for a mark the cell does not show)."""
    return {
        "unsent": _t("not sent"),
        "unconfirmed": _t("not confirmed"),
        "held": _t("held"),
        "error": _t("not applied"),
        "conflict": _t("in conflict"),
        "centre_too": _t("changed at the centre too"),
    }.get(mark, "")


def exchange_text(mark: str) -> str:
    """'⏸ held' ('' for a mark the cell does not show)."""
    words = exchange_words(mark)
    return f"{EXCHANGE_SYMBOLS[mark]} {words}" if words else ""


def exchange_tooltip(mark: str) -> str:
    return {
        "unsent": _t("Not sent yet: this version goes to the situation centre in the next bundle (File → Export, "
                     "or the next sync)."),
        "unconfirmed": _t("Sent, not yet confirmed: the other side has not acknowledged this version yet."),
        "confirmed": _t("Confirmed: the other side has this version."),
        "held": _t("Held: a version received for it waits for an earlier one that has not arrived yet; it is "
                   "applied when that comes."),
        "error": _t("Not applied: a version received for it could not be applied (the reason is kept; 'sitcentre "
                    "bundle pending' lists it). The sender's next bundle tries again."),
        "conflict": _t("In conflict: this incident was edited here and at a post at the same time; a supervisor "
                       "decides (View → Conflicts). Left out of the verified figures until then."),
        "centre_too": _t("Changed at the centre too while your edit was not yet confirmed: the centre will decide."),
    }.get(mark, "")
