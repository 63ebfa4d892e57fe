"""Item model of the Conflicts view (no I/O: the view feeds it) and the words for conflicts, fields and values.

Rows are ConflictSummary values (sitcentre.backend.conflicts) in the order given: oldest first.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt

from sitcentre.domain.audit_text import TIME_FIELDS, UNITS, WORDS, amount, field_label
from ui.common.table_model import ReadOnlyTableModel

COL_KIND, COL_NUMBER, COL_POST, COL_ORIGIN, COL_FIELDS, COL_DETECTED = range(6)
CONFLICT_ROLE = Qt.ItemDataRole.UserRole + 1
LINE_PREFIX = "lines/"
EMPTY = "—"


def _t(text: str) -> str:
    return QCoreApplication.translate("", text)


def kind_words() -> dict[str, str]:
    """Each kind the importer opens, in words (sitcentre.backend.conflicts.KINDS)."""
    return {"conflict": _t("Conflicting edits"), "parallel": _t("Parallel edit (merged)"),
            "delete_edit": _t("Deleted on one side, edited on the other"), "duplicate_create": _t("Created twice"),
            "missing_base": _t("Conflicting edits (no common version)")}


def kind_text(kind: str) -> str:
    return kind_words().get(kind, kind)


def local_time(at: datetime | None) -> str:
    """Stored in UTC, shown in this computer's time zone (design rule 8)."""
    return at.astimezone().strftime("%Y-%m-%d %H:%M") if at is not None else EMPTY


def field_text(field: str) -> str:
    """'Narrative', 'Post', 'Seizure line 01a230ae'."""
    if field.startswith(LINE_PREFIX):
        return _t("Seizure line {0}").format(field[len(LINE_PREFIX):][:8])
    if field == "post":
        return _t("Post")
    return field_label(field, _t)


def fields_text(fields: tuple[str, ...], limit: int = 60) -> str:
    text = ", ".join(field_text(f) for f in fields) or EMPTY
    return text if len(text) <= limit else text[:limit - 1] + "…"


def value_text(value: Any, field: str = "") -> str:
    """A field's value on one side in words: a seizure line as 'heroin 2 kg, estimated', a time in local time,
    absent as '—'."""
    if value is None or value == "":
        return EMPTY
    if field in TIME_FIELDS and isinstance(value, str):
        try:
            return local_time(datetime.fromisoformat(value))
        except ValueError:
            return value
    if isinstance(value, dict) and "quantity" in value:
        basis = value.get("basis")
        text = f"{value.get('substance', '')} {amount(value, _t)}".strip()
        return f"{text}, {_t(WORDS.get(basis, basis))}" if basis else text
    if isinstance(value, bool):
        return _t("yes") if value else _t("no")
    if isinstance(value, str):
        return _t(WORDS[value]) if value in WORDS and value not in UNITS else value
    if isinstance(value, int | float):
        return str(value)
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


class ConflictsTableModel(ReadOnlyTableModel):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.conflicts: list = []
        self.headers = (self.tr("Kind"), self.tr("Incident"), self.tr("Post"), self.tr("Other side"),
                        self.tr("Fields"), self.tr("Detected (local)"))

    def _row_count(self) -> int:
        return len(self.conflicts)

    def set_conflicts(self, conflicts: list) -> None:
        self.beginResetModel()
        self.conflicts = list(conflicts)
        self.endResetModel()

    def conflict_at(self, row: int):
        return self.conflicts[row] if 0 <= row < len(self.conflicts) else None

    def row_of(self, conflict_id: int) -> int | None:
        return next((i for i, c in enumerate(self.conflicts) if c.id == conflict_id), None)

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self.conflicts):
            return None
        conflict = self.conflicts[index.row()]
        if role == CONFLICT_ROLE:
            return conflict
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(conflict, index.column())
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == COL_FIELDS:
            return "\n".join(field_text(f) for f in conflict.fields)
        return None

    def _text(self, conflict, column: int) -> str:
        if column == COL_KIND:
            return kind_text(conflict.kind)
        if column == COL_NUMBER:
            return conflict.number
        if column == COL_POST:
            return conflict.post or EMPTY
        if column == COL_ORIGIN:
            return conflict.origin or EMPTY
        if column == COL_FIELDS:
            return fields_text(conflict.fields)
        return local_time(conflict.detected_at)
