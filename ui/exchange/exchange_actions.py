"""File → Export data bundle… (Ctrl+Shift+E), Import data bundle… (Ctrl+Shift+I), Exchange folder…, and a bundle
file dropped on the window (issue 13, item 1).

Both directions run on a job of their own (workstation.jobs, ui.common.jobs) with the progress dialog
(ui.exchange.transfer_dialog): the table keeps paging meanwhile, and Cancel leaves nothing (the services roll
back). An import ends with its summary (ui.exchange.import_summary); a bundle signed by a key this installation
does not know yet hands over to the key trust dialog (ui.exchange.key_trust.ask_to_trust), which offers to import
it again once trusted. The actions are greyed, with the reason as tooltip, for a role that may not exchange and
before the installation has its key (`sitcentre install init`).

Only `ask_export()` and `ask_import_path()` open file or recipient dialogs, so tests replace them; messages
after a job are non-blocking boxes (`last_message` keeps the text).
"""

from __future__ import annotations

import logging
from collections import deque
from datetime import UTC, datetime
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QStandardPaths, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QWidget,
)

from sitcentre.backend.exchange import SUFFIX, BundleRefused, ExportResult, Identity, ImportSummary, Peer
from sitcentre.domain.permissions import Action
from sitcentre.domain.progress import Cancelled
from sitcentre.output_paths import OutputExists
from ui.common.messages import message_for
from ui.exchange.exchange_folder import ExchangeFolder
from ui.exchange.import_summary import ImportSummaryDialog
from ui.exchange.transfer_dialog import TransferDialog

log = logging.getLogger(__name__)
EXPORT_ACTION, IMPORT_ACTION, FOLDER_ACTION = "ExportBundleAction", "ImportBundleAction", "ExchangeFolderAction"


def install_exchange_files(workstation) -> ExchangeFiles:
    """Add the File menu's exchange actions, the drop target and the exchange folder (once)."""
    existing = getattr(workstation, "exchange_files", None)
    if isinstance(existing, ExchangeFiles):
        return existing
    files = workstation.exchange_files = ExchangeFiles(workstation)
    return files


class ExchangeFiles(QObject):
    exported = Signal(object)  # ExportResult
    imported = Signal(object)  # ImportSummary
    ended = Signal(str)  # "exported" | "imported" | "cancelled" | "refused" | "failed": a transfer is over

    def __init__(self, workstation):
        super().__init__(workstation.window)
        self.ws = workstation
        self.desk, self.window = workstation.desk, workstation.window
        self.identity: Identity | None = None
        self.dialog: TransferDialog | None = None
        self.summary_dialog: ImportSummaryDialog | None = None
        self.last_message = ""
        self._queue: deque[Path] = deque()
        self._running = False
        menu = self.window.file_menu
        menu.setToolTipsVisible(True)
        before = self.window.quit_action
        self.export_action = self._action(self.tr("E&xport data bundle…"), "Ctrl+Shift+E", EXPORT_ACTION,
                                          self.ask_and_export)
        self.import_action = self._action(self.tr("&Import data bundle…"), "Ctrl+Shift+I", IMPORT_ACTION,
                                          self.ask_and_import)
        self.folder_action = QAction(self.tr("Exchange &folder…"), self.window)
        self.folder_action.setObjectName(FOLDER_ACTION)
        self.folder_action.setStatusTip(self.tr("A folder (a USB stick, a shared drive) where bundles are carried."))
        for action in (self.export_action, self.import_action, self.folder_action):
            menu.insertAction(before, action)
        menu.insertSeparator(before)
        self.folder = ExchangeFolder(workstation, self.import_paths, self)
        self.folder_action.triggered.connect(self.folder.choose)
        self._set_enabled()
        self.window.setAcceptDrops(True)
        self.window.installEventFilter(self)
        self.ws.runner.submit(self.desk.exchange.identity, self._identity_loaded, lambda _e: None,
                              key="exchange-identity")

    def _action(self, text: str, keys: str, name: str, slot) -> QAction:
        action = QAction(text, self.window)
        action.setObjectName(name)
        action.setShortcut(QKeySequence(keys))  # a key sequence, the same in every language
        action.triggered.connect(slot)
        return action

    # ------------------------------------------------------------------------------------------- may we

    def _identity_loaded(self, identity: Identity | None) -> None:
        self.identity = identity
        self._set_enabled()

    def _why_not(self, action: Action) -> str:
        if not self.desk.can(action):
            return (self.tr("Your role cannot export data bundles: ask an operator or a supervisor.")
                    if action == Action.EXCHANGE_EXPORT else
                    self.tr("Your role cannot import data bundles: ask an operator or a supervisor."))
        if self.identity is None:
            return self.tr("This installation has no signing key yet: run 'sitcentre install init --role post|centre "
                           "--origin CODE' on this database first.")
        return ""

    def _set_enabled(self) -> None:
        for action, what, tip in (
                (self.export_action, Action.EXCHANGE_EXPORT,
                 self.tr("Write a signed bundle of the changes the other installation has not confirmed yet.")),
                (self.import_action, Action.EXCHANGE_IMPORT,
                 self.tr("Read a bundle from another installation: its records, acknowledgements and alerts."))):
            why = self._why_not(what)
            action.setEnabled(not why and not self._running)
            action.setToolTip(why or tip)
            action.setStatusTip(why or tip)

    # ------------------------------------------------------------------------------------------- export

    def ask_and_export(self) -> None:
        exchange = self.desk.exchange
        self.ws.runner.submit(exchange.peers, self._peers_loaded, key="exchange-peers")

    def _peers_loaded(self, peers: list[Peer]) -> None:
        if not peers:
            self._tell(self.tr("Export data bundle"), self.tr(
                "There is no installation to send a bundle to yet: a post needs its centre's key, a centre its "
                "posts."), QMessageBox.Icon.Information)
            return
        chosen = self.ask_export(peers)
        if chosen is not None:
            self.export_to(*chosen)

    def ask_export(self, peers: list[Peer]) -> tuple[str, str, bool] | None:
        """(recipient, folder or file, replace agreed) or None when cancelled."""
        folder = self.folder.folder if self.folder.usable else ""
        dialog = ExportDialog(peers, folder, self.default_file_name, self.window)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        to, out = dialog.values()
        return to, out, out == dialog.confirmed_path

    def default_file_name(self, to: str) -> str:
        """For a file chosen by hand: 'KZ-KOR_to_C_<UTC time>.scb' (a folder gets the bundle's usual name)."""
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
        return f"{self.identity.origin if self.identity else 'X'}_to_{to or 'X'}_{stamp}{SUFFIX}"

    def export_to(self, to: str, out: str | Path, replace: bool = False) -> None:
        """Write the bundle for `to` into `out` (a folder or a file) on a job, with the progress dialog."""
        exchange = self.desk.exchange
        self._run(self.tr("Exporting a data bundle"), self.tr("Bundle for {0}").format(to),
                  lambda progress: exchange.export(to, out, progress=progress, replace=replace),
                  self._exported, lambda error: self._export_failed(error, to, out))

    def _exported(self, result: ExportResult) -> None:
        if result.empty:
            text = self.tr("Nothing new for {0} since its last confirmation; the bundle still carries this "
                           "installation's acknowledgements: {1}").format(result.recipient, str(result.path))
        else:
            text = self.tr("%n record(s) for {0} written to {1}", "", result.entries).format(
                result.recipient, str(result.path))
        self._status(text)
        self.exported.emit(result)
        self._over("exported")

    def _export_failed(self, error: BaseException, to: str, out) -> None:
        if isinstance(error, Cancelled):
            self._status(self.tr("Export cancelled: no file was written."))
            self._over("cancelled")
            return
        if isinstance(error, OutputExists):
            if self.confirm_replace(str(out)):
                self._over("failed")
                self.export_to(to, out, replace=True)
            else:
                self._status(self.tr("The bundle was not written: {0} was kept.").format(str(out)))
                self._over("failed")
            return
        self._tell(self.tr("Bundle not written"), message_for(error), QMessageBox.Icon.Warning)
        self._over("failed")

    def confirm_replace(self, path: str) -> bool:
        answer = QMessageBox.question(
            self.window, self.tr("Replace the file?"),
            self.tr("{0} already exists. Replace it with the new bundle?").format(path),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.No)
        return answer == QMessageBox.StandardButton.Yes

    # ------------------------------------------------------------------------------------------- import

    def ask_and_import(self) -> None:
        path = self.ask_import_path()
        if path:
            self.import_paths([Path(path)])

    def ask_import_path(self) -> str:
        start = self.folder.folder if self.folder.usable else \
            QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation) or str(Path.home())
        path, _ = QFileDialog.getOpenFileName(self.window, self.tr("Import a data bundle"), start,
                                              self.tr("Data bundles (*{0});;All files (*)").format(SUFFIX))
        return path

    def import_paths(self, paths: list[Path]) -> None:
        """Import these files one after the other (a refused one does not stop the next)."""
        self._queue.extend(Path(p) for p in paths)
        self._next()

    def import_path(self, path: str | Path) -> None:
        self.import_paths([Path(path)])

    def _next(self) -> None:
        if self._running or not self._queue:
            return
        if self.ws.jobs.busy():  # another job (a sync round): wait for it
            self._status(self.tr("Waiting for the exchange already running…"))
            return
        path = self._queue.popleft()
        exchange = self.desk.exchange
        self._run(self.tr("Importing a data bundle"), self.tr("Importing {0}").format(path.name),
                  lambda progress: exchange.import_file(path, progress=progress),
                  lambda summary: self._imported(summary, path), lambda error: self._import_failed(error, path))

    def _imported(self, summary: ImportSummary, path: Path) -> None:
        if summary.already:
            self._status(self.tr("{0} was already imported: nothing changed.").format(path.name))
            self.imported.emit(summary)
            self._over("imported")
            return
        self._status(self.tr("{0} imported from {1}.").format(path.name, summary.sender))
        entry = getattr(self.ws, "conflicts_entry", None)
        open_conflicts = entry.open if entry is not None and entry.action.isEnabled() else None
        self.summary_dialog = ImportSummaryDialog(self.ws.runner, self.desk, summary, path.name,
                                                  open_incident=self.ws.edit_incident,
                                                  open_conflicts=open_conflicts, parent=self.window)
        self.summary_dialog.show()
        self.imported.emit(summary)
        self._over("imported")

    def _import_failed(self, error: BaseException, path: Path) -> None:
        if isinstance(error, Cancelled):
            self._status(self.tr("Import cancelled: nothing was changed."))
            self._tell(self.tr("Import cancelled"), self.tr("Import cancelled: nothing was changed."),
                       QMessageBox.Icon.Information)
            self._over("cancelled")
            return
        if isinstance(error, BundleRefused):
            self._refused(error, path)
            self._over("refused")
            return
        self._tell(self.tr("Bundle not imported"), message_for(error), QMessageBox.Icon.Warning)
        self._over("failed")

    def _refused(self, error: BundleRefused, path: Path) -> None:
        if error.unknown_key:
            try:
                from ui.exchange.key_trust import ask_to_trust
            except ImportError:
                ask_to_trust = None
            if ask_to_trust is not None:
                self._status(self.tr("{0} is signed by a key this installation does not know yet.").format(path.name))
                ask_to_trust(self.window, self.ws.runner, self.desk, path,
                             on_trusted=lambda: self.import_path(path))
                return
            self._tell(self.tr("Bundle refused"), self.tr(
                "This bundle is signed by a key this installation does not know yet: a supervisor must trust it "
                "(Tools → Keys…)."), QMessageBox.Icon.Warning)
            return
        text = message_for(error)
        if error.kept_at:
            text += "\n\n" + self.tr("The file was copied aside to {0}.").format(str(error.kept_at))
        self._tell(self.tr("Bundle refused"), text, QMessageBox.Icon.Warning)

    # ------------------------------------------------------------------------------------------- the job

    def _run(self, title: str, what: str, work, on_done, on_error) -> None:
        self._running = True
        self._set_enabled()
        self.dialog = TransferDialog(title, what, self.window)
        job = self.ws.jobs.start(work, name="bundle", on_done=on_done, on_error=on_error,
                                 on_progress=self.dialog.show_progress)  # connected before the work starts
        self.dialog.cancel_requested.connect(job.cancel)
        job.ended.connect(self.dialog.finish)
        self.dialog.open()

    def _over(self, how: str) -> None:
        self._running = False
        self._set_enabled()
        self.ended.emit(how)
        self.folder.scan()
        self._next()

    def _status(self, text: str) -> None:
        self.window.statusBar().showMessage(text, 15000)

    def _tell(self, title: str, text: str, icon: QMessageBox.Icon) -> None:
        """A message that does not block (the window stays usable; tests read `last_message`)."""
        self.last_message = text
        box = QMessageBox(icon, title, text, QMessageBox.StandardButton.Ok, self.window)
        box.setObjectName("ExchangeMessage")
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.message_box = box
        box.open()

    # ------------------------------------------------------------------------------------------- drop

    def eventFilter(self, watched, event) -> bool:  # Qt override
        kind = event.type()
        if kind in (QEvent.Type.DragEnter, QEvent.Type.DragMove) and event.mimeData().hasUrls():
            if any(url.isLocalFile() for url in event.mimeData().urls()):
                event.acceptProposedAction()
                return True
        if kind == QEvent.Type.Drop and event.mimeData().hasUrls():
            event.acceptProposedAction()
            self.dropped([Path(url.toLocalFile()) for url in event.mimeData().urls() if url.isLocalFile()])
            return True
        return super().eventFilter(watched, event)

    def dropped(self, paths: list[Path]) -> None:
        """Bundle files go to the import; anything else is refused in words."""
        bundles = [p for p in paths if p.name.lower().endswith(SUFFIX) and p.is_file()]
        others = [p for p in paths if p not in bundles]
        if others:
            self._tell(self.tr("Not a data bundle"), self.tr(
                "Only data bundles (files ending in {0}) can be dropped here; not imported: {1}").format(
                SUFFIX, ", ".join(p.name for p in others)), QMessageBox.Icon.Information)
        if not bundles:
            return
        why = self._why_not(Action.EXCHANGE_IMPORT)
        if why:
            self._tell(self.tr("Bundle not imported"), why, QMessageBox.Icon.Warning)
            return
        self.import_paths(bundles)


class ExportDialog(QDialog):
    """To whom (the single peer preselected) and where: the exchange folder when there is one, else a file."""

    def __init__(self, peers: list[Peer], folder: str, default_name, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Export data bundle"))
        self.default_name, self.folder = default_name, folder
        self.confirmed_path: str | None = None  # chosen in the save dialog, which asked before an overwrite
        self.recipient = QComboBox()
        for peer in peers:
            self.recipient.addItem(peer.label, peer.origin)
        self.recipient.setCurrentIndex(0)
        start = folder or str(Path(QStandardPaths.writableLocation(
            QStandardPaths.StandardLocation.DocumentsLocation) or Path.home()) / default_name(peers[0].origin))
        self.path_edit = QLineEdit(start)
        browse = QPushButton(self.tr("Browse…"))
        browse.clicked.connect(self._browse)
        row = QHBoxLayout()
        row.addWidget(self.path_edit, 1)
        row.addWidget(browse)
        form = QFormLayout(self)
        explain = QLabel(self.tr("The bundle holds every change the recipient has not confirmed yet, signed by this "
                                 "installation. A folder gets the bundle under its usual name."))
        explain.setWordWrap(True)
        form.addRow(explain)
        form.addRow(self.tr("&Recipient:"), self.recipient)
        form.addRow(self.tr("&Where:"), row)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Export"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        form.addRow(self.buttons)
        self.recipient.currentIndexChanged.connect(self._recipient_changed)
        self.resize(560, self.sizeHint().height())

    def values(self) -> tuple[str, str]:
        return str(self.recipient.currentData()), self.path_edit.text().strip()

    def _recipient_changed(self, _index: int) -> None:
        current = Path(self.path_edit.text())
        if not self.folder and current.name.endswith(SUFFIX):
            self.path_edit.setText(str(current.with_name(self.default_name(str(self.recipient.currentData())))))

    def _browse(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Save the data bundle"), self.path_edit.text(),
                                              self.tr("Data bundles (*{0})").format(SUFFIX))
        if path:
            self.path_edit.setText(path)
            self.confirmed_path = path
