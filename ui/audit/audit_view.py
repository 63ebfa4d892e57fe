"""View → Audit trail… (supervisors and administrators): the append-only audit log, filtered and paged, with
the full history of one record and a check of the hash chain.

Reads go through the signed-in person's desk (desk.audit), on the task runner's worker (design rule 4); the
backend checks the permission again and audits a refusal. Pages are newest first, keyed by the last id
shown (`before_id`), never an OFFSET. Dates are the days of this computer's calendar, turned into UTC bounds.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, time, timedelta

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from sitcentre.backend import Desk
from sitcentre.domain.audit import AuditEntry, AuditFilter, ChainCheck
from sitcentre.domain.audit_anchor import LastAnchor
from sitcentre.domain.audit_text import AuditNames, referenced_incidents
from ui.audit.audit_model import (
    action_words,
    entity_words,
    local_time,
)
from ui.audit.entries_widget import AuditEntriesWidget
from ui.audit.history_dialog import HistoryDialog
from ui.common.messages import message_for
from ui.common.tasks import TaskRunner

PAGE_SIZE = 200
INTACT_COLOUR, BROKEN_COLOUR = "#2e7d32", "#c62828"


class AuditView(QDialog):
    """Non-modal: the supervisor can keep it open beside the incident table."""

    loaded = Signal()  # a page arrived (or the filter gave nothing)
    chain_checked = Signal(object)  # ChainCheck
    anchor_shown = Signal()  # the last anchor's time (or "never anchored") is in anchor_label

    def __init__(self, runner: TaskRunner, desk: Desk, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("AuditView")
        self.setWindowTitle(self.tr("Audit trail"))
        self._runner, self._desk = runner, desk
        self.has_more = False
        self.names: AuditNames | None = None  # read with the first page
        self.histories: list[HistoryDialog] = []
        self.chain: ChainCheck | None = None
        layout = QVBoxLayout(self)
        layout.addLayout(self._filters())
        self.entries = AuditEntriesWidget()
        self.entries.view.doubleClicked.connect(lambda _index: self.history_of_selected())
        self.entries.view.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        layout.addWidget(self.entries, 1)
        layout.addLayout(self._footer())
        self.resize(1150, 640)
        self.reload()
        self.show_last_anchor()

    # --- building ----------------------------------------------------------------------------------

    def _filters(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.user = QComboBox()
        self.user.setEditable(True)
        self.user.addItem("")
        self.user.lineEdit().setPlaceholderText(self.tr("any user"))
        self.user.setMinimumContentsLength(12)
        self.user.activated.connect(lambda _i: self.reload())
        self.user.lineEdit().editingFinished.connect(self._user_typed)
        self.entity = self._choices({"": self.tr("any record"), **entity_words()})
        self.action = self._choices({"": self.tr("any action"), **action_words()})
        today = QDate.currentDate()
        self.since_on, self.since = QCheckBox(self.tr("&From")), QDateEdit(today.addDays(-7))
        self.until_on, self.until = QCheckBox(self.tr("&to")), QDateEdit(today)
        for check, edit in ((self.since_on, self.since), (self.until_on, self.until)):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
            edit.setEnabled(False)
            check.toggled.connect(edit.setEnabled)
            check.toggled.connect(lambda _on: self.reload())
            edit.dateChanged.connect(lambda _d: self.reload())
        user_label = QLabel(self.tr("&User:"))
        user_label.setBuddy(self.user)
        for widget in (user_label, self.user, QLabel(self.tr("Record:")), self.entity, QLabel(self.tr("Action:")),
                       self.action, self.since_on, self.since, self.until_on, self.until):
            row.addWidget(widget)
        row.addStretch(1)
        return row

    def _choices(self, labels: dict[str, str]) -> QComboBox:
        combo = QComboBox()
        for value, label in labels.items():
            combo.addItem(label, value)
        combo.currentIndexChanged.connect(lambda _i: self.reload())
        return combo

    def _footer(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.summary = QLabel()
        self.more_button = QPushButton(self.tr("Load &older entries"))
        self.more_button.clicked.connect(self.load_more)
        self.history_button = QPushButton(self.tr("&History of this record…"))
        self.history_button.clicked.connect(self.history_of_selected)
        self.verify_button = QPushButton(self.tr("&Verify chain"))
        self.verify_button.setToolTip(self.tr("Recompute every entry's hash: shows whether any entry was changed or "
                                              "removed outside sitcentre."))
        self.verify_button.clicked.connect(self.verify_chain)
        self.chain_label = QLabel()
        self.chain_label.setObjectName("ChainLabel")
        self.chain_label.setTextFormat(Qt.TextFormat.RichText)
        self.anchor_label = QLabel()
        self.anchor_label.setObjectName("AnchorLabel")
        self.anchor_label.setToolTip(self.tr("An anchor writes the trail's last entry down outside the database "
                                             "('sitcentre audit anchor'); 'sitcentre audit verify --anchor' later "
                                             "shows whether the trail was rewritten since."))
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.close)
        for widget in (self.summary, self.more_button, self.anchor_label):
            row.addWidget(widget)
        row.addStretch(1)
        for widget in (self.history_button, self.verify_button, self.chain_label, close):
            row.addWidget(widget)
        self._update_buttons()
        return row

    # --- reading -----------------------------------------------------------------------------------

    def current_filter(self) -> AuditFilter:
        return AuditFilter(
            username=self.user.currentText().strip().lower() or None,
            action=self.action.currentData() or None,
            entity=self.entity.currentData() or None,
            since=_local_midnight(self.since.date().toPython()) if self.since_on.isChecked() else None,
            until=_local_midnight(self.until.date().toPython() + timedelta(days=1)) if self.until_on.isChecked()
            else None,
        )

    def set_user(self, username: str) -> None:
        """Filter by one user (as picking or typing it does)."""
        self.user.setCurrentText(username)
        self.reload()

    def reload(self) -> None:
        """Newest entries matching the filter (a newer request supersedes one still waiting)."""
        self._fetch(None)

    def load_more(self) -> None:
        self._fetch(self.entries.model.last_id())

    def _fetch(self, before_id: int | None) -> None:
        audit, flt = self._desk.audit, self.current_filter()
        self.summary.setText(self.tr("Loading…"))
        self.more_button.setEnabled(False)
        names = self.names

        def work():  # the reference data once; the numbers of the incidents each page names
            found = audit.entries(flt, PAGE_SIZE + 1, before_id)
            wanted = referenced_incidents(found)
            if names is None:
                return before_id, found, audit.names(wanted)
            numbers = audit.incident_numbers(wanted - set(names.incidents))
            return before_id, found, replace(names, incidents={**names.incidents, **numbers})

        self._runner.submit(work, self._arrived, self._failed, key="audit-entries")

    def _arrived(self, answer: tuple[int | None, list[AuditEntry], AuditNames]) -> None:
        before_id, found, names = answer
        self.names = names
        self.entries.set_names(names)
        self.has_more = len(found) > PAGE_SIZE  # one row more than a page tells whether there are older ones
        page = found[:PAGE_SIZE]
        if before_id is None:
            self.entries.model.set_entries(page)
        else:
            self.entries.model.append_entries(page)
        self._remember_users(page)
        shown = self.entries.model.rowCount()
        text = self.tr("%n entries shown", "", shown)
        self.summary.setText(text + (self.tr(" (older ones not loaded yet)") if self.has_more else ""))
        self._update_buttons()
        self.loaded.emit()

    def _failed(self, exc: BaseException) -> None:
        self.summary.setText(message_for(exc))
        self._update_buttons()
        self.loaded.emit()

    def _remember_users(self, entries: list[AuditEntry]) -> None:
        """Offer the user names seen so far in the filter (typing any other name works too)."""
        known = {self.user.itemText(i) for i in range(self.user.count())}
        for name in sorted({e.username for e in entries} - known):
            self.user.addItem(name)

    def _user_typed(self) -> None:
        if (self.user.currentText().strip().lower() or None) != self._shown_user():
            self.reload()

    def _shown_user(self) -> str | None:
        entries = self.entries.model.entries
        names = {e.username for e in entries}
        return names.pop() if len(names) == 1 else None

    def _update_buttons(self) -> None:
        self.more_button.setEnabled(self.has_more)
        entry = self.entries.selected_entry()
        self.history_button.setEnabled(entry is not None and bool(entry.entity and entry.entity_id))

    # --- one record's history, and the chain --------------------------------------------------------

    def history_of_selected(self) -> HistoryDialog | None:
        entry = self.entries.selected_entry()
        if entry is None or not entry.entity or not entry.entity_id:
            return None
        return self.open_history(entry.entity, entry.entity_id)

    def open_history(self, entity: str, entity_id: object) -> HistoryDialog:
        dialog = HistoryDialog(self._runner, self._desk, entity, entity_id, self)
        self.histories.append(dialog)
        dialog.finished.connect(lambda _code: self.histories.remove(dialog) if dialog in self.histories else None)
        dialog.show()
        return dialog

    def verify_chain(self) -> None:
        self.verify_button.setEnabled(False)
        self.chain_label.setText(self.tr("Checking every entry…"))
        self._runner.submit(self._desk.audit.verify, self._chain_done, self._chain_failed,
                            key="audit-verify")

    def _chain_done(self, check: ChainCheck) -> None:
        self.chain = check
        self.verify_button.setEnabled(True)
        if check.intact:
            text = self.tr("Intact: %n entries checked.", "", check.rows)
            colour = INTACT_COLOUR
        else:
            text = self.tr("Broken at entry #{0}: it or the entry before it was changed or removed outside "
                           "sitcentre.").format(check.broken_at)
            colour = BROKEN_COLOUR
        self.chain_label.setText(f"<span style='color:{colour}'>\u25cf</span> {text}")
        self.chain_checked.emit(check)

    def show_last_anchor(self) -> None:
        self._runner.submit(self._desk.audit.last_anchor, self._anchor_arrived, self._anchor_failed,
                            key="audit-last-anchor")

    def _anchor_arrived(self, last: LastAnchor | None) -> None:
        if last is None:
            self.anchor_label.setText(self.tr("Never anchored"))
        else:
            how = self.tr("signed") if last.signed else self.tr("not signed")
            self.anchor_label.setText(self.tr("Last anchor: {0} (entry #{1}, {2})").format(
                local_time(last.at), last.head_id if last.head_id is not None else "?", how))
        self.anchor_shown.emit()

    def _anchor_failed(self, exc: BaseException) -> None:
        self.anchor_label.setText(message_for(exc))
        self.anchor_shown.emit()

    def _chain_failed(self, exc: BaseException) -> None:
        self.verify_button.setEnabled(True)
        self.chain_label.setText(message_for(exc))


def _local_midnight(day: date) -> datetime:
    """The start of `day` on this computer's calendar, as an aware time (the service compares in UTC)."""
    return datetime.combine(day, time()).astimezone()
