"""Item model of the audit trail (no I/O: the audit view feeds it) and words for what the rows record.

Rows are AuditEntry records in the order they are given: newest first in the audit view (pages are
appended as the view loads older ones), oldest first in an incident's history.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from PySide6.QtCore import QCoreApplication, QModelIndex, Qt

from sitcentre.domain.audit import AuditEntry
from sitcentre.domain.audit_text import AuditNames, by_whom_when, describe_changes, person
from ui.common.table_model import ReadOnlyTableModel

COL_ID, COL_AT, COL_USER, COL_ACTION, COL_RECORD, COL_SUMMARY = range(6)
ENTRY_ROLE = Qt.ItemDataRole.UserRole + 1
SUMMARY_LIMIT = 160
SAID_BY_THE_ROW = frozenset({"verified_by", "verified_at", "acknowledged_by", "acknowledged_at"})  # User, When


def _t(text: str, disambiguation: str | None = None) -> str:
    """tr() outside a class (lupdate reads `_t` as tr: context "", the text, a disambiguation where the same
    English word means something else elsewhere, e.g. the action "Verified" and the status "Verified")."""
    return QCoreApplication.translate("", text, disambiguation)


def action_words() -> dict[str, str]:
    """Every action the services write, in words (an action not listed here shows as stored)."""
    return {
        "create": _t("Created"), "update": _t("Edited"), "delete": _t("Deleted"),
        "verify": _t("Verified", "audit action"), "reject": _t("Rejected", "audit action"), "reopen": _t("Reopened"),
        "link_duplicate": _t("Linked as duplicate"),
        "unlink_duplicate": _t("Duplicate link removed"), "login": _t("Signed in"),
        "login_failed": _t("Sign-in refused"), "logout": _t("Signed out"), "password_change": _t("Password changed"),
        "disable": _t("Account disabled"), "enable": _t("Account enabled"), "unlock": _t("Account unlocked"),
        "export": _t("Exported"), "import": _t("Imported"), "refused": _t("Refused (no permission)"),
        "post_status": _t("Post status changed"), "alert_send": _t("Alert sent"), "alert_ack": _t("Alert acknowledged"),
        "trust_key": _t("Key trusted"), "revoke_key": _t("Key revoked"), "new_epoch": _t("New feed epoch"),
        "resolve": _t("Conflict resolved"), "dismiss": _t("Parallel edit dismissed"),
        "security_alert": _t("Security alert"), "anchor": _t("Audit trail anchored"),
    }


def entity_words() -> dict[str, str]:
    return {"incident": _t("Incident"), "user": _t("Account"), "post": _t("Post", "record type"), "alert": _t("Alert"),
            "exchange": _t("Exchange bundle"), "report": _t("Report"),
            "audit": _t("Audit trail"), "sheet_import": _t("Spreadsheet import")}


def local_time(at: datetime) -> str:
    """Shown in this computer's time zone (stored in UTC, design rule 8)."""
    return at.astimezone().strftime("%Y-%m-%d %H:%M:%S")


def record_text(entry: AuditEntry, names: AuditNames | None = None) -> str:
    entity = entity_words().get(entry.entity, entry.entity)
    entity_id = entry.entity_id
    if entry.entity == "incident" and len(entity_id) > 8:  # its number; else a short id (technical details: whole)
        number = (names or AuditNames()).incidents.get(entity_id.replace("-", "").lower())
        entity_id = number or entity_id[:8] + "…"
    return f"{entity} {entity_id}".strip()


def _short(value: Any) -> str:
    if value is None or value == "":
        return _t("(none)")
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False, default=str)
    return text if len(text) <= 60 else text[:57] + "…"


def summary(entry: AuditEntry, names: AuditNames | None = None, post_id: int | None = None) -> str:
    """One line in plain words: what changed ("Quantity of Heroin 10 kg → 12 kg"), or what was recorded."""
    text = "; ".join(describe_changes(entry.before, entry.after, names or AuditNames(), _t, skip=SAID_BY_THE_ROW))
    if not text and entry.after is not None and not isinstance(entry.after, dict):
        text = _short(entry.after)
    return text if len(text) <= SUMMARY_LIMIT else text[:SUMMARY_LIMIT - 1] + "…"


def details(entry: AuditEntry, names: AuditNames | None = None, post_id: int | None = None) -> str:
    """The entry in plain words, for the details pane: what was done, by whom, when (the post's clock), and
    each change on a line of its own. The JSON and the hashes are in technical(), behind a toggle."""
    names = names or AuditNames()
    if post_id is None and entry.entity == "post" and entry.entity_id.isdigit():
        post_id = int(entry.entity_id)  # a post's status change: told in that post's clock
    action, record = action_words().get(entry.action, entry.action), entity_words().get(entry.entity, entry.entity)
    said = record.lower() in action.lower()  # "Alert sent", "Post status changed": the record is named already
    what = action if said else _t("{0} {1}").format(action, record.lower()).strip()
    lines = [_t("{0}, {1}").format(what, by_whom_when(entry, names, post_id, _t))]
    lines += ["  " + line for line in describe_changes(entry.before, entry.after, names, _t)]
    return "\n".join(lines)


def technical(entry: AuditEntry) -> str:
    """Everything the row stores: ids, before and after as JSON, the hashes that chain it."""
    lines = [
        _t("Entry #{0} · {1} · {2}").format(entry.id, local_time(entry.at), entry.username),
        _t("{0}: {1} {2}").format(action_words().get(entry.action, entry.action),
                                  entity_words().get(entry.entity, entry.entity), entry.entity_id),
    ]
    for title, value in ((_t("Before:"), entry.before), (_t("After:"), entry.after)):
        if value is not None:
            lines += ["", title, json.dumps(value, indent=2, ensure_ascii=False, sort_keys=True, default=str)]
    lines += ["", _t("Previous hash: {0}").format(entry.prev_hash or _t("(first entry)")),
              _t("Hash: {0}").format(entry.hash)]
    return "\n".join(lines)


class AuditTableModel(ReadOnlyTableModel):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.entries: list[AuditEntry] = []
        self.names: AuditNames | None = None  # set by the view once it has read them
        self.post_id: int | None = None  # the post whose clock the times are told in (one incident's history)
        self.headers = (self.tr("#"), self.tr("When (local)"), self.tr("User"), self.tr("Action"),
                        self.tr("Record"), self.tr("Details"))

    def _row_count(self) -> int:
        return len(self.entries)

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self.entries):
            return None
        entry = self.entries[index.row()]
        if role == ENTRY_ROLE:
            return entry
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(entry, index.column())
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == COL_SUMMARY:
            return "\n".join(describe_changes(entry.before, entry.after, self.names or AuditNames(), _t))
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() == COL_ID:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def set_names(self, names: AuditNames | None, post_id: int | None = None) -> None:
        self.names, self.post_id = names, post_id
        if self.entries:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self.entries) - 1, self.columnCount() - 1))

    def _text(self, entry: AuditEntry, column: int) -> str:
        if column == COL_ID:
            return str(entry.id)
        if column == COL_AT:
            return local_time(entry.at)
        if column == COL_USER:
            return person(entry.user_id, entry.username, self.names, _t) if self.names else entry.username
        if column == COL_ACTION:
            return action_words().get(entry.action, entry.action)
        if column == COL_RECORD:
            return record_text(entry, self.names)
        return summary(entry, self.names, self.post_id)

    def set_entries(self, entries: list[AuditEntry]) -> None:
        self.beginResetModel()
        self.entries = list(entries)
        self.endResetModel()

    def append_entries(self, entries: list[AuditEntry]) -> None:
        if not entries:
            return
        first = len(self.entries)
        self.beginInsertRows(QModelIndex(), first, first + len(entries) - 1)
        self.entries.extend(entries)
        self.endInsertRows()

    def entry_at(self, row: int) -> AuditEntry | None:
        return self.entries[row] if 0 <= row < len(self.entries) else None

    def last_id(self) -> int | None:
        return self.entries[-1].id if self.entries else None
