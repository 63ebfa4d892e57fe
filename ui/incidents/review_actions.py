"""The supervisor's review of the selected incident: Incident → Verify, Reject…, Reopen, Link as duplicate of…,
Unlink duplicate, and History….

The actions are greyed out when the signed-in actor may not take them or the selected row's status does
not allow them, but the services decide (design rule 3): a refusal comes back as PermissionDenied and its
message is shown as it is. Every call runs on the task runner's worker with the row's version, so a review
of an incident someone changed meanwhile is refused, not applied to content nobody looked at. A review
returns what it changed, which the runner publishes: the table refreshes in place through the change hub
(the live feed tells other workstations), and the reviewed row is selected again and scrolled into view.

Uses from the workstation: runner, desk, panel, window, reference, edit_action, and its Incident menu.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from sitcentre.backend.reviews import REASON_MAX_LENGTH
from sitcentre.domain.days import local_text, offset_text
from sitcentre.domain.enums import IncidentStatus
from sitcentre.domain.errors import ConflictError
from sitcentre.domain.lifecycle import CAN_REJECT_FROM, CAN_REOPEN_FROM, CAN_VERIFY_FROM
from sitcentre.domain.permissions import Action
from ui.audit.history_dialog import HistoryDialog
from ui.common.messages import message_for
from ui.incidents.duplicate_dialog import LinkDuplicateDialog
from ui.incidents.incident_labels import FORM_STYLE, Field

log = logging.getLogger(__name__)


def incident_name(row) -> str:
    """What a person calls a row of the table: its number (KOR-2026-0412) when it has one (rows written by other
    programs may have none), else its post and the time at the post ('BLO Dostuk, 2026-03-10 13:30 (UTC+6)')."""
    return row.number or post_and_time(row)


def post_and_time(row) -> str:
    minutes = row.utc_offset_minutes
    return f"{row.post_name}, {local_text(row.occurred_at, minutes)} ({offset_text(minutes)})"


def incident_about(row) -> str:
    """The incident in one line for a question about it: its number, post and time, what was seized."""
    parts = [row.number, post_and_time(row), row.substances]
    return " · ".join(p for p in parts if p)


class RejectDialog(QDialog):
    """Asks why the incident is rejected; a reason is required (it goes into the record and the audit trail).
    It names the incident (number, else post and time, and what was seized), so nobody rejects the wrong one."""

    def __init__(self, parent: QWidget | None = None, row=None):
        super().__init__(parent)
        self.setObjectName("RejectDialog")
        self.setWindowTitle(self.tr("Reject incident {0}").format(incident_name(row)) if row is not None
                            else self.tr("Reject incident"))
        self.setStyleSheet(FORM_STYLE)
        layout = QVBoxLayout(self)
        self.about = QLabel(incident_about(row) if row is not None else "")
        self.about.setObjectName("RejectAbout")
        self.about.setWordWrap(True)
        font = self.about.font()
        font.setBold(True)
        self.about.setFont(font)
        layout.addWidget(self.about)
        caption = QLabel(self.tr("&Why is this incident rejected? The reason is kept with the incident and shown to "
                                 "the post."))
        caption.setWordWrap(True)
        self.reason = QPlainTextEdit()
        self.reason.setTabChangesFocus(True)
        caption.setBuddy(self.reason)
        self.field = Field(self.reason)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("&Reject"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(caption)
        layout.addWidget(self.field, 1)
        layout.addWidget(self.buttons)
        self.resize(480, 260)

    def reason_text(self) -> str:
        return self.reason.toPlainText().strip()

    def accept(self) -> None:
        """Close only with a reason; otherwise say what is missing beside the box."""
        text = self.reason_text()
        if not text:
            self.field.show_problems([self.tr("Say why the incident is rejected.")])
            self.reason.setFocus()
            return
        if len(text) > REASON_MAX_LENGTH:
            self.field.show_problems([self.tr("Keep the reason under {0} characters.").format(REASON_MAX_LENGTH)])
            return
        self.field.show_problems([])
        super().accept()


class ReviewActions(QObject):
    done = Signal(str, object)  # what was done ("verify", "reject", ...), the Incident as saved
    refused = Signal(str)  # the message shown

    def __init__(self, workstation, menu):
        super().__init__(workstation.window)
        self.ws = workstation
        self.reject_dialog: RejectDialog | None = None
        self.link_dialog: LinkDuplicateDialog | None = None
        self.histories: list[HistoryDialog] = []
        self._follow = None  # the incident just reviewed: kept selected and in view when the table refreshes
        menu.addSeparator()
        self.verify_action = self._action(menu, self.tr("&Verify"), self.verify_selected,
                                          QKeySequence(self.tr("Ctrl+Shift+V")))
        self.reject_action = self._action(menu, self.tr("Re&ject…"), self.reject_selected)
        self.reopen_action = self._action(menu, self.tr("Re&open for review"), self.reopen_selected)
        self.link_action = self._action(menu, self.tr("&Link as duplicate of…"), self.link_selected)
        self.unlink_action = self._action(menu, self.tr("&Unlink duplicate"), self.unlink_selected)
        menu.addSeparator()
        self.history_action = self._action(menu, self.tr("&History…"), self.history_of_selected,
                                           QKeySequence(self.tr("Ctrl+H")))
        view = workstation.panel.view
        view.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        view.addActions([workstation.edit_action, self.verify_action, self.reject_action, self.reopen_action,
                         self.link_action, self.unlink_action, self.history_action])
        view.selectionModel().selectionChanged.connect(lambda *_: self.update_actions())
        workstation.panel.refreshed.connect(self.update_actions)
        workstation.panel.refreshed.connect(self._keep_in_view)
        workstation.panel.reloaded.connect(self.update_actions)
        self.update_actions()

    def _action(self, menu, text: str, slot, shortcut: QKeySequence | None = None) -> QAction:
        action = QAction(text, self.ws.window)
        if shortcut is not None:
            action.setShortcut(shortcut)
        action.triggered.connect(slot)
        menu.addAction(action)
        return action

    # --- what may be done now --------------------------------------------------------------------

    def _can(self, action: Action) -> bool:
        return self.ws.desk.can(action)

    def update_actions(self) -> None:
        row = self.ws.panel.selected_row()
        status = IncidentStatus(row.status) if row is not None else None
        review, link = self._can(Action.INCIDENT_VERIFY), self._can(Action.INCIDENT_LINK_DUPLICATE)
        self.verify_action.setEnabled(review and status in CAN_VERIFY_FROM)
        self.reject_action.setEnabled(review and status in CAN_REJECT_FROM)
        self.reopen_action.setEnabled(review and status in CAN_REOPEN_FROM)
        self.link_action.setEnabled(link and status is not None and status != IncidentStatus.REJECTED)
        self.unlink_action.setEnabled(link and status == IncidentStatus.DUPLICATE)
        self.history_action.setEnabled(self._can(Action.AUDIT_VIEW) and row is not None)

    def _selected(self):
        row = self.ws.panel.selected_row()
        if row is None:
            self.ws.window.statusBar().showMessage(self.tr("Select an incident in the table first."), 5000)
        return row

    # --- the actions (each checks nothing itself: the service does) --------------------------------

    def verify_selected(self) -> None:
        row = self._selected()
        if row is not None:
            reviews = self.ws.desk.reviews
            self._run("verify", lambda: reviews.verify(row.id, expected_version=row.version), row)

    def reopen_selected(self) -> None:
        row = self._selected()
        if row is not None:
            reviews = self.ws.desk.reviews
            self._run("reopen", lambda: reviews.reopen(row.id, expected_version=row.version), row)

    def reject_selected(self) -> RejectDialog | None:
        """Ask for the reason (window-modal, not blocking); rejecting happens when the dialog is accepted."""
        row = self._selected()
        if row is None or self.reject_dialog is not None:
            return self.reject_dialog
        dialog = self.reject_dialog = RejectDialog(self.ws.window, row)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.finished.connect(lambda code: self._reject_answered(dialog, code, row))
        dialog.open()
        return dialog

    def _reject_answered(self, dialog: RejectDialog, code: int, row) -> None:
        self.reject_dialog = None
        dialog.deleteLater()
        if code != QDialog.DialogCode.Accepted:
            return
        reviews, reason = self.ws.desk.reviews, dialog.reason_text()
        self._run("reject", lambda: reviews.reject(row.id, reason, expected_version=row.version), row)

    def link_selected(self) -> None:
        """Find the likely originals of the selected incident on the worker, then let the supervisor pick one."""
        row = self._selected()
        if row is None or self.ws.reference is None:
            return
        reviews = self.ws.desk.reviews
        self.ws.runner.submit(lambda: reviews.candidates(row.id), lambda found: self._pick_original(row, found),
                              self._failed, key="duplicate-candidates")

    def _pick_original(self, row, found) -> None:
        if not found:
            self._tell(self.tr("No likely duplicate of this incident was found: no other incident at the same post "
                               "within 24 hours seized the same substance in an amount within 10 %."))
            return
        dialog = self.link_dialog = LinkDuplicateDialog(found, self.ws.reference, self.ws.window)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.finished.connect(lambda code: self._link_answered(dialog, code, row))
        dialog.open()

    def _link_answered(self, dialog: LinkDuplicateDialog, code: int, row) -> None:
        self.link_dialog = None
        dialog.deleteLater()
        original = dialog.chosen()
        if code != QDialog.DialogCode.Accepted or original is None:
            return
        reviews = self.ws.desk.reviews
        self._run("link", lambda: reviews.link(row.id, original.incident_id, expected_version=row.version), row)

    def unlink_selected(self) -> None:
        row = self._selected()
        if row is not None:
            reviews = self.ws.desk.reviews
            self._run("unlink", lambda: reviews.unlink(row.id, expected_version=row.version), row)

    def history_of_selected(self) -> HistoryDialog | None:
        row = self._selected()
        if row is None:
            return None
        dialog = HistoryDialog(self.ws.runner, self.ws.desk, "incident", row.id, self.ws.window)
        self.histories.append(dialog)
        dialog.finished.connect(lambda _code: self.histories.remove(dialog) if dialog in self.histories else None)
        dialog.show()
        return dialog

    # --- results ---------------------------------------------------------------------------------

    def _run(self, what: str, work, row) -> None:
        self.ws.runner.submit(work, lambda saved: self._succeeded(what, saved, row), self._failed)

    def _succeeded(self, what: str, saved, row) -> None:
        """Say which incident got what, and keep it selected and in view when the table has refreshed (the
        review's changes, published by the runner before this call, have already asked the table to refresh)."""
        words = {"verify": self.tr("Verified {0}"), "reject": self.tr("Rejected {0}"),
                 "reopen": self.tr("Reopened for review: {0}"), "link": self.tr("Linked as a duplicate: {0}"),
                 "unlink": self.tr("Duplicate link removed, {0} counts again")}
        self.ws.window.statusBar().showMessage(words[what].format(incident_name(row)), 10000)
        self._follow = saved.id
        self.done.emit(what, saved)

    def _keep_in_view(self) -> None:
        """The reviewed row may have moved (sorted by status): select it again where it is now and scroll to it."""
        incident_id, self._follow = self._follow, None
        panel = self.ws.panel
        row = panel.model.find_row(incident_id) if incident_id is not None else None
        if row is None:
            return
        panel.view.selectRow(row)
        panel.view.scrollTo(panel.model.index(row, 0), QAbstractItemView.ScrollHint.EnsureVisible)

    def _failed(self, exc: BaseException) -> None:
        message = message_for(exc)
        if isinstance(exc, ConflictError | LookupError):
            self.ws.panel.refresh()  # nothing was written: show what the incident is now (scroll and selection kept)
        self._tell(message)
        self.refused.emit(message)

    def _tell(self, message: str) -> None:
        self.ws.window.statusBar().showMessage(message, 15000)
        QMessageBox.warning(self.ws.window, self.tr("Incident review"), message)
