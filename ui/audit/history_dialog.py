"""Incident → History…: everything the audit trail holds about one record, oldest first, in words.

Reads go through the signed-in person's desk (desk.audit) on the task runner's worker; the backend checks the
permission again and audits a refusal.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget
from shiboken6 import isValid

from sitcentre.backend import Desk
from sitcentre.domain.audit import AuditEntry
from sitcentre.domain.audit_text import AuditNames, moment, referenced_incidents
from ui.audit.audit_model import _t, entity_words
from ui.audit.entries_widget import AuditEntriesWidget
from ui.common.messages import message_for
from ui.common.tasks import TaskRunner


class HistoryDialog(QDialog):
    """Everything the audit trail holds about one record, oldest first."""

    loaded = Signal()

    def __init__(self, runner: TaskRunner, desk: Desk, entity: str, entity_id: object,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("HistoryDialog")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.entity, self.entity_id = entity, str(entity_id)
        name = entity_words().get(entity, entity)
        self.setWindowTitle(self.tr("History of {0} {1}").format(name.lower(), self.entity_id))
        layout = QVBoxLayout(self)
        self.summary = QLabel(self.tr("Loading…"))
        self.entries = AuditEntriesWidget()
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.close)
        layout.addWidget(self.summary)
        layout.addWidget(self.entries, 1)
        layout.addWidget(close)
        self.resize(1000, 520)
        audit = desk.audit

        def work():
            found = audit.history(entity, entity_id)
            return found, audit.names(referenced_incidents(found))

        runner.submit(work, self._arrived, self._failed)

    def _arrived(self, answer: tuple[list[AuditEntry], AuditNames]) -> None:
        if not isValid(self):  # closed (and deleted) before the answer came
            return
        found, names = answer
        post_id = _post_of(found)
        self.entries.model.set_entries(found)
        self.entries.set_names(names, post_id)
        if self.entity == "incident":
            self.setWindowTitle(incident_title(found, names, post_id))
        self.summary.setText(self.tr("%n entries, oldest first.", "", len(found)))
        if found:
            self.entries.view.selectRow(len(found) - 1)
        self.loaded.emit()

    def _failed(self, exc: BaseException) -> None:
        if isValid(self):
            self.summary.setText(message_for(exc))
            self.loaded.emit()


def _post_of(entries: list[AuditEntry]) -> int | None:
    """The post of the record as last recorded (an incident's entries hold it in before/after)."""
    for entry in reversed(entries):
        for values in (entry.after, entry.before):
            if isinstance(values, dict) and isinstance(values.get("post_id"), int):
                return values["post_id"]
    return None


def incident_title(entries: list[AuditEntry], names: AuditNames, post_id: int | None) -> str:
    """'History of incident KOR-2026-0412', or of the incident at a post and time when it has no number."""
    latest = next((v for e in reversed(entries) for v in (e.after, e.before) if isinstance(v, dict)), {})
    number = next((v.get("number") for e in reversed(entries) for v in (e.after, e.before)
                   if isinstance(v, dict) and v.get("number")), None)
    post = names.posts.get(post_id) if post_id is not None else None
    if number:  # the number people say on the phone, and where (issue 10, item 5)
        return _t("History of incident {0}, {1}").format(number, post.name) if post else \
            _t("History of incident {0}").format(number)
    if post is None:
        return _t("History of an incident")
    when = moment(latest.get("occurred_at"), names, post_id, _t)
    return _t("History of the incident at {0}, {1}").format(post.name, when) if when else \
        _t("History of an incident at {0}").format(post.name)
