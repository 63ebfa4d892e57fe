"""Rows of a spreadsheet as the import sees them (RowOutcome values of a dry run): the row's number, what happens
to it, what it becomes, and its problems in words. A window over a tuple already in memory: no I/O here.

Used twice on the preview page: the file's first rows, and every row that will not be imported.
"""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

COL_ROW, COL_OUTCOME, COL_RECORD, COL_PROBLEMS = range(4)
OUTCOME_COLOURS = {"added": "#2e7d32", "present": "#616161", "skipped": "#8d6e00", "rejected": "#c62828"}


def outcome_of(outcome) -> str:
    """"added", "present" (imported before), "skipped" (no error) or "rejected"."""
    if outcome.candidate is not None:
        return "added"
    if any(p.code == "already_imported" for p in outcome.problems):
        return "present"
    return "skipped" if outcome.skipped else "rejected"


class OutcomeModel(QAbstractTableModel):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.outcomes: tuple = ()
        self.posts: dict = {}  # id -> Post (its clock shows the date as the file gave it)
        self.substances: dict[str, str] = {}  # code -> name
        self.headers = (self.tr("Row"), self.tr("Outcome"), self.tr("Will be imported as"), self.tr("Problems"))
        self.words = {"added": self.tr("Will be added"), "present": self.tr("Already present"),
                      "skipped": self.tr("Skipped"), "rejected": self.tr("Rejected")}

    def set_outcomes(self, outcomes, reference=None) -> None:
        self.beginResetModel()
        self.outcomes = tuple(outcomes)
        if reference is not None:
            self.posts = {p.id: p for p in reference.posts}
            self.substances = {s.code: s.name for s in reference.substances}
        self.endResetModel()

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.outcomes)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.headers)

    def headerData(self, section: int, orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole \
                and 0 <= section < len(self.headers):
            return self.headers[section]
        return None

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self.outcomes):
            return None
        outcome = self.outcomes[index.row()]
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            if column == COL_ROW:
                return str(outcome.row_number)
            if column == COL_OUTCOME:
                return self.words[outcome_of(outcome)]
            if column == COL_RECORD:
                return self.describe(outcome.candidate) if outcome.candidate is not None else ""
            if column == COL_PROBLEMS:
                return ("\n" if role == Qt.ItemDataRole.ToolTipRole else " ").join(
                    p.message for p in outcome.problems)
        if role == Qt.ItemDataRole.ForegroundRole and column == COL_OUTCOME:
            return QBrush(QColor(OUTCOME_COLOURS[outcome_of(outcome)]))
        if role == Qt.ItemDataRole.TextAlignmentRole and column == COL_ROW:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def describe(self, candidate) -> str:
        """An incident: "2023-05-01, KZ-KOR: heroin 2.5 kg"; a published figure: "KZ 2021, opiates: 1,200 kg
        (UNODC)"."""
        if hasattr(candidate, "lines"):
            when = candidate.occurred_at
            post = self.posts.get(candidate.post_id)
            if post is not None:
                when = when + timedelta(minutes=post.utc_offset_minutes)
            shown = when.strftime("%Y-%m-%d %H:%M" if candidate.time_known else "%Y-%m-%d")
            names = self.substances
            lines = ", ".join(f"{names.get(ln.substance_code, ln.substance_code)} {_number(ln.quantity)} "
                              f"{ln.unit.value}" for ln in candidate.lines)
            return f"{shown}, {candidate.post_code}: {lines}"
        source = f" ({candidate.source})" if candidate.source else ""
        return (f"{candidate.country_code} {candidate.period.label}, {candidate.category}: "
                f"{_number(candidate.quantity)} {candidate.unit.value}{source}")


def _number(value) -> str:
    text = f"{value:,f}"
    return text.rstrip("0").rstrip(".") if "." in text else text
