"""View → Conflicts… (issue 13, item 2): every open conflict and parallel-edit flag the imports found, filtered
by post and by kind; one of them side by side, field by field; a supervisor at the centre takes one side,
picks field by field, or dismisses a parallel flag.

Reads and writes go through the signed-in person's desk (desk.conflicts) on the task runner's worker (design
rule 4); the service checks the permission again, refuses at a post and audits. A resolution is a new version
of the incident, which the runner publishes (Topic.INCIDENTS): the list reloads on it, as it does when an
import or another workstation changes incidents. A conflict whose incident changed here since it was found is
refused as stale: the service brings it up to date, and the view says so and shows it again.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from sitcentre.backend import Changes, Desk, Topic
from ui.common.messages import message_for
from ui.common.tasks import TaskRunner
from ui.exchange.conflict_detail import CENTRE, ConflictDetailWidget
from ui.exchange.conflicts_model import ConflictsTableModel, field_text, kind_words

ACTION_NAME = "ConflictsViewAction"
ERROR_STYLE = "color: #b71c1c; font-weight: bold;"


def install_conflicts_view(workstation) -> ConflictsEntry:
    """View → Conflicts… (Ctrl+Shift+K); once: a second call returns the first."""
    existing = getattr(workstation, "conflicts_entry", None)
    if isinstance(existing, ConflictsEntry):
        return existing
    entry = workstation.conflicts_entry = ConflictsEntry(workstation)
    return entry


class ConflictsEntry(QObject):
    """The menu action and the one non-modal view it opens."""

    def __init__(self, workstation):
        super().__init__(workstation.window)
        self.ws = workstation
        self.view: ConflictsView | None = None
        self.action = QAction(self.tr("&Conflicts…"), workstation.window)
        self.action.setObjectName(ACTION_NAME)
        self.action.setShortcut(QKeySequence(self.tr("Ctrl+Shift+K")))
        self.action.triggered.connect(self.open)
        menu = workstation.window.view_menu
        menu.setToolTipsVisible(True)
        menu.addAction(self.action)
        if workstation.desk.conflicts.may_resolve():
            self.action.setStatusTip(self.tr("Conflicting edits from posts: compare both versions and choose."))
        else:
            self.action.setEnabled(False)
            why = self.tr("Only a supervisor resolves conflicting edits from posts.")
            self.action.setToolTip(why)
            self.action.setStatusTip(why)

    def open(self) -> ConflictsView:
        if self.view is None:
            self.view = ConflictsView(self.ws.runner, self.ws.desk, self.ws.window,
                                      status=lambda text: self.ws.window.statusBar().showMessage(text, 10000))
        elif not self.view.isVisible():
            self.view.reload()  # closed meanwhile: it heard of no change since
        self.view.show()
        self.view.raise_()
        self.view.activateWindow()
        return self.view


class ConflictsView(QDialog):
    """Non-modal: the supervisor can keep it open beside the incident table."""

    loaded = Signal()  # the list arrived (or failed)
    detail_loaded = Signal()  # the selected conflict arrived (or failed)
    resolved = Signal(object)  # sitcentre.backend.conflicts.Resolution
    failed = Signal(str)  # a write was refused: the message shown

    def __init__(self, runner: TaskRunner, desk: Desk, parent: QWidget | None = None, status=None):
        super().__init__(parent)
        self.setObjectName("ConflictsView")
        self.setWindowTitle(self.tr("Conflicts"))
        self._runner, self._desk, self._status = runner, desk, status
        self.may_resolve = desk.conflicts.may_resolve()
        self.at_post = False
        self._selected_id: int | None = None
        layout = QVBoxLayout(self)
        layout.addLayout(self._filters())
        self.banner = QLabel()
        self.banner.setObjectName("ConflictsBanner")
        self.banner.setWordWrap(True)
        self.banner.hide()
        layout.addWidget(self.banner)
        self.model = ConflictsTableModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.verticalHeader().hide()
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._selection_changed())
        self.detail = ConflictDetailWidget()
        self.detail.set_permissions(self.may_resolve, False)
        self.detail.take.connect(self.take_side)
        self.detail.take_fields.connect(self.take_fields)
        self.detail.dismiss.connect(self.dismiss)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.table)
        splitter.addWidget(self.detail)
        splitter.setSizes([220, 420])
        layout.addWidget(splitter, 1)
        layout.addLayout(self._footer())
        self.resize(1100, 720)
        runner.changes.subscribe((Topic.INCIDENTS,), self._changes_seen, owner=self)
        self.reload()

    def _filters(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.post = QComboBox()
        self.post.addItem(self.tr("any post"), "")
        self.post.setMinimumContentsLength(10)
        self.kind = QComboBox()
        self.kind.addItem(self.tr("any kind"), "")
        for value, words in kind_words().items():
            self.kind.addItem(words, value)
        for combo in (self.post, self.kind):
            combo.currentIndexChanged.connect(lambda _i: self.reload())
        post_label, kind_label = QLabel(self.tr("&Post:")), QLabel(self.tr("&Kind:"))
        post_label.setBuddy(self.post)
        kind_label.setBuddy(self.kind)
        self.count = QLabel(self.tr("Loading…"))
        self.count.setObjectName("ConflictsCount")
        for widget in (post_label, self.post, kind_label, self.kind):
            row.addWidget(widget)
        row.addStretch(1)
        row.addWidget(self.count)
        return row

    def _footer(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.message = QLabel()
        self.message.setObjectName("ConflictsMessage")
        self.message.setWordWrap(True)
        self.refresh_button = QPushButton(self.tr("&Refresh"))
        self.refresh_button.setShortcut(QKeySequence.StandardKey.Refresh)
        self.refresh_button.setToolTip(self.tr("Read the list again (F5): a bundle imported elsewhere may have "
                                               "opened new conflicts."))
        self.refresh_button.clicked.connect(self.reload)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.close)
        row.addWidget(self.message, 1)
        row.addWidget(self.refresh_button)
        row.addWidget(close)
        return row

    # --- reading -----------------------------------------------------------------------------------

    def reload(self) -> None:
        """The open conflicts matching the filters, and every post with one (for the post filter)."""
        conflicts = self._desk.conflicts
        post, kind = self.post.currentData() or None, self.kind.currentData() or None

        def work():
            everything = conflicts.list()
            shown = everything if not (post or kind) else conflicts.list(post=post, kind=kind)
            return conflicts.at_post(), everything, shown

        self._runner.submit(work, self._arrived, self._list_failed, key="conflicts-list")

    def _arrived(self, answer) -> None:
        at_post, everything, shown = answer
        self._set_at_post(at_post)
        self._offer_posts(sorted({c.post for c in everything if c.post}))
        keep = self._selected_id
        self.model.set_conflicts(shown)
        if len(shown) == len(everything):
            self.count.setText(self.tr("%n open", "", len(everything)))
        else:
            self.count.setText(self.tr("%n shown of {0} open", "", len(shown)).format(len(everything)))
        row = self.model.row_of(keep) if keep is not None else None
        if row is not None:
            self.table.selectRow(row)
            self._load_detail(keep)
        else:
            self.table.clearSelection()
            self._selected_id = None
            self.detail.set_detail(None)
        self.loaded.emit()

    def _list_failed(self, exc: BaseException) -> None:
        self.count.setText("")
        self._show_error(message_for(exc))
        self.loaded.emit()

    def _set_at_post(self, at_post: bool) -> None:
        self.at_post = at_post
        self.detail.set_permissions(self.may_resolve, at_post)
        if at_post:
            self.banner.setText(self.tr("This installation is a post: the conflicts are listed here, but the centre "
                                        "decides. Its choice comes back with its next bundle."))
        self.banner.setVisible(at_post)

    def _offer_posts(self, codes: list[str]) -> None:
        """The posts with an open conflict; the one chosen stays offered even when it has none left."""
        chosen = self.post.currentData() or ""
        wanted = [""] + sorted(set(codes) | ({chosen} if chosen else set()))
        have = [self.post.itemData(i) for i in range(self.post.count())]
        if have == wanted:
            return
        self.post.blockSignals(True)
        self.post.clear()
        self.post.addItem(self.tr("any post"), "")
        for code in wanted[1:]:
            self.post.addItem(code, code)
        self.post.setCurrentIndex(max(0, wanted.index(chosen)))
        self.post.blockSignals(False)

    def _changes_seen(self, _changes: Changes) -> None:
        if self.isVisible():
            self.reload()

    def set_post(self, code: str) -> None:
        index = self.post.findData(code)
        if index < 0:
            self.post.addItem(code, code)
            index = self.post.count() - 1
        self.post.setCurrentIndex(index)

    def set_kind(self, kind: str) -> None:
        self.kind.setCurrentIndex(max(0, self.kind.findData(kind)))

    def select_conflict(self, conflict_id: int) -> bool:
        row = self.model.row_of(conflict_id)
        if row is None:
            return False
        self.table.selectRow(row)
        return True

    def _selection_changed(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        conflict = self.model.conflict_at(rows[0].row()) if rows else None
        if conflict is None:
            return
        if conflict.id != self._selected_id or self.detail.detail is None:
            self._selected_id = conflict.id
            self._load_detail(conflict.id)

    def _load_detail(self, conflict_id: int) -> None:
        conflicts = self._desk.conflicts
        self._runner.submit(lambda: conflicts.show(conflict_id), self._detail_arrived, self._detail_failed,
                            key="conflict-detail")

    def _detail_arrived(self, detail) -> None:
        if detail.summary.id == self._selected_id:
            self.detail.set_detail(detail)
        self.detail_loaded.emit()

    def _detail_failed(self, exc: BaseException) -> None:
        self.detail.set_detail(None)
        self._show_error(message_for(exc))
        self.detail_loaded.emit()

    # --- writing -----------------------------------------------------------------------------------

    def confirm(self, title: str, text: str) -> bool:
        """Asked before a resolution, which is final (tests replace it)."""
        answer = QMessageBox.question(self, title, text, QMessageBox.StandardButton.Yes
                                      | QMessageBox.StandardButton.Cancel, QMessageBox.StandardButton.Cancel)
        return answer == QMessageBox.StandardButton.Yes

    def take_side(self, side: str) -> None:
        summary = self._open_summary()
        if summary is None:
            return
        words = self.tr("the centre's version") if side == CENTRE else self.tr("the post's version")
        question = self.tr("Keep {0} of incident {1}? The other version is set aside. The result is saved as a new "
                           "version, audited, and goes back to the post with the next bundle.").format(words,
                                                                                                     summary.number)
        if self.confirm(self.tr("Resolve conflict"), question):
            self._resolve(summary, side, self.tr("Conflict on incident {0} resolved: {1} kept.").format(
                summary.number, words))

    def take_fields(self, choice: dict) -> None:
        summary = self._open_summary()
        if summary is None or not choice:
            return
        posts = [field_text(f) for f, side in choice.items() if side != CENTRE]
        listed = ", ".join(posts) if posts else self.tr("none")
        question = self.tr("Save incident {0} with the post's value for: {1}, and the centre's for the other "
                           "fields? This is saved as a new version, audited, and goes back to the post with the next "
                           "bundle.").format(summary.number, listed)
        if self.confirm(self.tr("Resolve conflict field by field"), question):
            self._resolve(summary, dict(choice), self.tr("Conflict on incident {0} resolved field by field (the "
                                                         "post's value for: {1}).").format(summary.number, listed))

    def dismiss(self) -> None:
        summary = self._open_summary()
        if summary is None:
            return
        conflicts = self._desk.conflicts
        done = self.tr("Parallel-edit flag on incident {0} dismissed.").format(summary.number)
        self._write(lambda: conflicts.dismiss(summary.id), done)

    def _resolve(self, summary, take, done_text: str) -> None:
        conflicts = self._desk.conflicts
        self._write(lambda: conflicts.resolve(summary.id, take), done_text)

    def _write(self, fn, done_text: str) -> None:
        self._set_busy(True)
        self._runner.submit(fn, lambda result: self._written(result, done_text), self._write_failed)

    def _written(self, resolution, done_text: str) -> None:
        self._set_busy(False)
        self.message.setStyleSheet("")
        self.message.setText(done_text)
        if self._status is not None:
            self._status(done_text)
        if resolution.conflict_id == self._selected_id:
            self._selected_id = None
        self.reload()
        self.resolved.emit(resolution)

    def _write_failed(self, exc: BaseException) -> None:
        self._set_busy(False)
        if getattr(exc, "code", None) == "stale":
            text = self.tr("The incident has been changed here since this conflict was found, so the versions you "
                           "chose from are no longer the ones compared. The conflict now compares the current "
                           "version: look at it again and choose again.")
        else:
            text = message_for(exc)
        self._show_error(text)
        self.reload()  # closed by someone else, brought up to date: show what is true now
        self.failed.emit(text)

    def _show_error(self, text: str) -> None:
        self.message.setStyleSheet(ERROR_STYLE)
        self.message.setText("\u26a0 " + text)
        if self._status is not None:
            self._status(text)

    def _set_busy(self, busy: bool) -> None:
        self.detail.setEnabled(not busy)
        if busy:
            self.message.setStyleSheet("")
            self.message.setText(self.tr("Saving…"))

    def _open_summary(self):
        detail = self.detail.detail
        return detail.summary if detail is not None and detail.summary.status == "open" else None

