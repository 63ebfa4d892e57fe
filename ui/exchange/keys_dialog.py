"""Tools → Keys…: the signing keys of other installations (trusted, waiting for confirmation, revoked) and
this installation's own.

A supervisor trusts a waiting key after comparing its fingerprint (the trust dialog of ui.exchange.key_trust),
revokes one with a reason after saying so, imports another installation's key file, and writes this
installation's key file for the other side. An operator sees the lists and the fingerprints. Every read and
write goes through desk.keys on the task runner; the list reloads when a key decision (or anything else) is
published on the change hub.
"""

from __future__ import annotations

import html
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QModelIndex, QStandardPaths, Qt, Signal
from PySide6.QtGui import QAction, QColor, QFontDatabase
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from sitcentre.backend import Desk, Topic
from sitcentre.backend.keys import KeyInfo, KeyRecord, OwnKey
from sitcentre.domain.permissions import Action
from ui.common.messages import message_for
from ui.common.table_model import ReadOnlyTableModel
from ui.common.tasks import TaskRunner
from ui.exchange.key_trust import ERROR_STYLE, MUTED, ask_to_trust

KEY_ROLE = Qt.ItemDataRole.UserRole + 1
STATE_COLOURS = {"trusted": "#2e7d32", "pending": "#8a6d00", "revoked": "#c62828"}
COL_STATE, COL_ORIGIN, COL_ROLE, COL_KEY, COL_FINGERPRINT, COL_SEEN, COL_DECIDED, COL_REASON = range(8)

def _t(text: str, disambiguation: str | None = None, n: int = -1) -> str:
    """tr() where no QObject of this module's own class is at hand: context "" (lupdate reads `_t` as tr)."""
    return QCoreApplication.translate("", text, disambiguation, n)


def install_keys(workstation) -> QAction:
    """Tools → Keys… on the workstation's window (once); the dialog is made when first opened."""
    existing = getattr(workstation, "keys_action", None)
    if existing is not None:
        return existing
    window = workstation.window
    action = QAction(_t("&Keys…"), window)
    action.setObjectName("KeysAction")
    action.setStatusTip(_t("Signing keys of other installations: trust, revoke, import; this one's key file"))
    holder: dict[str, KeysDialog] = {}

    def open_keys() -> KeysDialog:
        dialog = holder.get("dialog")
        if dialog is None or not isValid(dialog):
            dialog = holder["dialog"] = KeysDialog(workstation.runner, workstation.desk, window)
        dialog.show()
        dialog.raise_()
        dialog.activateWindow()
        return dialog

    action.triggered.connect(open_keys)
    window.tools_menu.addAction(action)
    workstation.keys_action = action
    workstation.open_keys = open_keys
    return action


def _when(at) -> str:
    return at.astimezone().strftime("%Y-%m-%d %H:%M") if at is not None else ""


class KeysModel(ReadOnlyTableModel):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.headers = (self.tr("State"), self.tr("Origin"), self.tr("Role"), self.tr("Key id"),
                        self.tr("Fingerprint"), self.tr("First seen"), self.tr("Decided"), self.tr("Reason"))
        self.states = {"trusted": self.tr("trusted"), "pending": self.tr("waiting for confirmation"),
                       "revoked": self.tr("revoked")}
        self.keys: list[KeyRecord] = []

    def set_keys(self, keys: list[KeyRecord]) -> None:
        self.beginResetModel()
        self.keys = list(keys)
        self.endResetModel()

    def _row_count(self) -> int:
        return len(self.keys)

    def data(self, index: QModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self.keys):
            return None
        key = self.keys[index.row()]
        if role == KEY_ROLE:
            return key
        if role == Qt.ItemDataRole.DisplayRole:
            return self._cell(key, index.column())
        if role == Qt.ItemDataRole.ForegroundRole and index.column() == COL_STATE:
            return QColor(STATE_COLOURS.get(key.state, "#000000"))
        if role == Qt.ItemDataRole.FontRole and index.column() == COL_FINGERPRINT:
            return QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        return None

    def _cell(self, key: KeyRecord, column: int) -> str:
        if column == COL_DECIDED:
            return f"{_when(key.decided_at)} {key.decided_by}".strip() if key.decided_at else ""
        values = {COL_STATE: self.states.get(key.state, key.state), COL_ORIGIN: key.origin, COL_ROLE: key.role,
                  COL_KEY: key.key_id, COL_FINGERPRINT: key.fingerprint, COL_SEEN: _when(key.first_seen_at),
                  COL_REASON: key.reason}
        return values.get(column, "")


class KeysDialog(QDialog):
    loaded = Signal()

    def __init__(self, runner: TaskRunner, desk: Desk, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("KeysDialog")
        self.setWindowTitle(self.tr("Signing keys"))
        self._runner, self._desk = runner, desk
        self.may_decide = desk.can(Action.EXCHANGE_TRUST_KEY)
        self.revoke_dialog: RevokeDialog | None = None
        self.own: OwnKey | None = None
        self.own_label = QLabel(self.tr("This installation's key: loading…"))
        self.own_label.setObjectName("OwnKeyLabel")
        self.own_label.setWordWrap(True)
        self.own_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.model = KeysModel(self)
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.verticalHeader().hide()
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.view.horizontalHeader().setStretchLastSection(True)
        self.view.selectionModel().selectionChanged.connect(self._selection_changed)
        self.view.doubleClicked.connect(lambda _index: self.trust_selected())
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setObjectName("KeysStatus")
        layout = QVBoxLayout(self)
        layout.addWidget(self.own_label)
        layout.addWidget(self.view, 1)
        if not self.may_decide:
            layout.addWidget(_muted(self.tr("Only a supervisor or an administrator may trust or revoke a key.")))
        layout.addWidget(self.status)
        layout.addLayout(self._buttons())
        self.resize(1100, 460)
        runner.changes.subscribe((Topic.AUDIT, Topic.REFERENCE), lambda _changes: self.reload(), owner=self)
        self.reload()

    def _buttons(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.trust_button = self._button(self.tr("&Trust…"), "TrustKeyButton", self.trust_selected)
        self.revoke_button = self._button(self.tr("Re&voke…"), "RevokeKeyButton", self.revoke_selected)
        self.import_button = self._button(self.tr("&Import key file…"), "ImportKeyButton", self.import_key_file)
        self.export_button = self._button(self.tr("&Export this installation's key…"), "ExportKeyButton",
                                          self.export_own)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.close)
        for button in (self.trust_button, self.revoke_button, self.import_button, self.export_button):
            row.addWidget(button)
        row.addStretch(1)
        row.addWidget(close)
        self._selection_changed()
        return row

    def _button(self, text: str, name: str, slot) -> QPushButton:
        button = QPushButton(text)
        button.setObjectName(name)
        button.setAutoDefault(False)
        button.clicked.connect(slot)
        return button

    # ------------------------------------------------------------------------------------- loading

    def reload(self) -> None:
        keys = self._desk.keys
        self._runner.submit(lambda: (keys.list(), keys.own()), self._arrived, self._failed, key="keys-dialog")

    def _arrived(self, answer: tuple[list[KeyRecord], OwnKey | None]) -> None:
        if not isValid(self):
            return
        listed, own = answer
        chosen = self.selected()
        self.model.set_keys(listed)
        if chosen is not None:
            self.select_key(chosen.key_id)
        self._show_own(own)
        self._selection_changed()
        self.loaded.emit()

    def _show_own(self, own: OwnKey | None) -> None:
        self.own = own
        if own is None:
            self.own_label.setText(self.tr("This installation has no signing key yet: run 'sitcentre install init "
                                           "--role … --origin …' once."))
            self.export_button.setEnabled(False)
            return
        self.own_label.setText(self.tr("This installation: <b>{0}</b> ({1}), key {2}<br>Fingerprint: {3}").format(
            html.escape(own.origin), html.escape(own.role), html.escape(own.key_id),
            f"<span style='font-family: monospace; font-size: large'><b>{html.escape(own.fingerprint)}</b></span>"))
        self.export_button.setEnabled(True)

    def _failed(self, error: BaseException) -> None:
        if isValid(self):
            self._say(message_for(error), error=True)

    def _say(self, text: str, error: bool = False) -> None:
        self.status.setStyleSheet(ERROR_STYLE if error else "")
        self.status.setText(text)

    # ------------------------------------------------------------------------------------- selection

    def selected(self) -> KeyRecord | None:
        rows = self.view.selectionModel().selectedRows()
        return self.model.index(rows[0].row(), 0).data(KEY_ROLE) if rows else None

    def select_key(self, key_id: str) -> bool:
        for row, key in enumerate(self.model.keys):
            if key.key_id == key_id:
                self.view.selectRow(row)
                return True
        return False

    def _selection_changed(self, *_args) -> None:
        key = self.selected()
        self.trust_button.setEnabled(self.may_decide and key is not None and key.state == "pending")
        self.revoke_button.setEnabled(self.may_decide and key is not None and key.state != "revoked")

    # ------------------------------------------------------------------------------------- actions

    def trust_selected(self) -> None:
        """The trust dialog for the chosen waiting key (an operator sees its fingerprint there too)."""
        key = self.selected()
        if key is None or key.state == "revoked":
            return
        info = KeyInfo(key.key_id, key.public_key, key.origin, key.role, key.state, key.installation_id)
        ask_to_trust(self, self._runner, self._desk, info)

    def revoke_selected(self) -> RevokeDialog | None:
        key = self.selected()
        if key is None or key.state == "revoked" or not self.may_decide:
            return None
        dialog = self.revoke_dialog = RevokeDialog(key, self)
        dialog.confirmed.connect(lambda reason: self._revoke(key, reason))
        dialog.open()
        return dialog

    def _revoke(self, key: KeyRecord, reason: str) -> None:
        keys = self._desk.keys
        self._runner.submit(lambda: keys.revoke(key.key_id, reason), self._revoked, self._failed)

    def _revoked(self, info: KeyInfo) -> None:
        if isValid(self):
            self._say(self.tr("Key {0} of {1} is revoked: bundles signed with it are refused from now on.").format(
                info.key_id, info.origin))

    def choose_key_file(self) -> str:
        """The key file to import (tests replace this)."""
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Import a key file"), _documents(),
                                              self.tr("Key files and bundles (*.key *.json *.scb *.zip);;"
                                                      "All files (*)"))
        return path

    def import_key_file(self) -> None:
        path = self.choose_key_file()
        if path:
            ask_to_trust(self, self._runner, self._desk, path)

    def choose_export_path(self, suggested: str) -> str:
        """Where to write this installation's key file (tests replace this). The save dialog itself asks
        before replacing an existing file."""
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export this installation's key"),
                                              str(Path(_documents()) / suggested),
                                              self.tr("Key files (*.key);;All files (*)"))
        return path

    def export_own(self) -> None:
        origin = self.own.origin if self.own is not None else "sitcentre"
        path = self.choose_export_path(f"{origin}.key")
        if not path:
            return
        keys = self._desk.keys
        self._runner.submit(lambda: keys.export_own(path, replace=True), self._exported, self._failed)

    def _exported(self, path: Path) -> None:
        if isValid(self):
            self._say(self.tr("Key file written: {0}. Send it to the other installation, and read the fingerprint "
                              "above to its supervisor by telephone or in person.").format(path))


class RevokeDialog(QDialog):
    """Revoking: what it means, the reason (required), and an explicit Revoke button as the confirmation."""

    confirmed = Signal(str)  # the reason

    def __init__(self, key: KeyRecord, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("RevokeDialog")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setWindowTitle(self.tr("Revoke key {0} of {1}").format(key.key_id, key.origin))
        warning = QLabel(self.tr(
            "Bundles signed with this key will be refused from now on. A revoked key cannot be trusted again: "
            "{0} will have to make a new key and send its key file.").format(key.origin))
        warning.setWordWrap(True)
        self.reason = QLineEdit()
        self.reason.setObjectName("RevokeReason")
        self.reason.setPlaceholderText(self.tr("Why: e.g. laptop stolen, post closed, key replaced"))
        form = QFormLayout()
        form.addRow(self.tr("Key:"), QLabel(f"{key.key_id}  ({key.fingerprint})"))
        form.addRow(self.tr("Reason:"), self.reason)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.revoke_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.revoke_button.setText(self.tr("Revoke key"))
        self.revoke_button.setEnabled(False)
        self.reason.textChanged.connect(lambda text: self.revoke_button.setEnabled(bool(text.strip())))
        self.buttons.accepted.connect(self._confirm)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(warning)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.resize(560, self.sizeHint().height())

    def _confirm(self) -> None:
        reason = self.reason.text().strip()
        if reason:
            self.confirmed.emit(reason)
            self.accept()


def _muted(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setStyleSheet(MUTED)
    return label


def _documents() -> str:
    return QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation) or str(Path.home())
