"""The exchange folder (a USB stick, a shared folder): chosen per user (sitcentre.preferences "exchange_folder"),
looked at when the window opens and every 30 s while no exchange job runs and the folder is there (a stick comes
and goes), through the task runner (desk.exchange.scan_folder). Bundles for this installation that are not yet
imported are offered in a bar above the table: "2 bundles for this installation in E:/exchange  [Import]".
Exports are written there by default (ui.exchange.exchange_actions).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from sitcentre.backend.exchange import FoundBundle
from sitcentre.preferences import load_preference, save_preference

PREFERENCE = "exchange_folder"
SCAN_EVERY_MS = 30_000


class ExchangeFolder(QObject):
    scanned = Signal(list)  # every FoundBundle of the last look (offered and not)
    changed = Signal(str)  # the folder chosen ("" when none)

    def __init__(self, workstation, import_paths: Callable[[list[Path]], None], parent: QObject | None = None):
        super().__init__(parent or workstation.window)
        self.ws = workstation
        self.import_paths = import_paths
        settings, user = workstation.desk.settings, workstation.desk.actor.username
        self.folder = load_preference(settings, user, PREFERENCE)
        self.found: list[FoundBundle] = []
        self.bar = OfferBar()
        self.bar.import_button.clicked.connect(self.import_offered)
        self.toolbar = QToolBar(self.tr("Exchange folder"), workstation.window)  # a bar above the table
        self.toolbar.setObjectName("ExchangeFolderBar")
        self.toolbar.setMovable(False)
        self.toolbar.addWidget(self.bar)
        workstation.window.addToolBar(Qt.ToolBarArea.TopToolBarArea, self.toolbar)
        self.toolbar.hide()
        self.timer = QTimer(self)
        self.timer.setInterval(SCAN_EVERY_MS)
        self.timer.timeout.connect(self.scan)
        self.timer.start()
        QTimer.singleShot(0, self.scan)

    # ------------------------------------------------------------------------------------------- choosing

    def set_folder(self, folder: str | os.PathLike | None) -> None:
        """Remember the folder for this user ("" or None: no exchange folder), and look at it at once."""
        text = str(Path(folder).expanduser()) if folder else ""
        self.folder = text
        ws = self.ws
        save_preference(ws.desk.settings, ws.desk.actor.username, PREFERENCE, text)
        self.changed.emit(text)
        self.found = []
        self._offer([], text)
        self.scan()

    def choose(self) -> None:
        """File → Exchange folder…: choose another, stop using one, or keep it."""
        dialog = FolderDialog(self.folder, self.ws.window)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.set_folder(dialog.chosen)

    @property
    def usable(self) -> bool:
        return bool(self.folder) and Path(self.folder).is_dir()

    # ------------------------------------------------------------------------------------------- looking

    def scan(self) -> None:
        """Look at the folder on the task runner; skipped while an exchange job runs or the folder is absent."""
        if not self.folder or self.ws.jobs.busy():
            return
        if not Path(self.folder).is_dir():
            self._scanned(self.folder, [])  # the stick was taken out: offer nothing
            return
        folder, exchange = self.folder, self.ws.desk.exchange
        self.ws.runner.submit(lambda: exchange.scan_folder(folder), lambda found: self._scanned(folder, found),
                              lambda _error: None, key="exchange-folder-scan")

    def _scanned(self, folder: str, found: list[FoundBundle]) -> None:
        if folder != self.folder:
            return  # another folder was chosen meanwhile
        self.found = list(found)
        self._offer([f for f in self.found if f.importable], folder)
        self.scanned.emit(self.found)

    def _offer(self, bundles: list[FoundBundle], folder: str) -> None:
        self.bar.offer(bundles, folder)
        self.toolbar.setVisible(bool(bundles))

    @property
    def offered(self) -> list[FoundBundle]:
        return [f for f in self.found if f.importable]

    def import_offered(self) -> None:
        paths = [f.path for f in self.offered]
        if paths:
            self._offer([], self.folder)
            self.import_paths(paths)


class OfferBar(QFrame):
    """How many bundles for this installation wait in the folder, and Import."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("ExchangeFolderOffer")
        self.label = QLabel()
        self.import_button = QPushButton(self.tr("Import"))
        self.import_button.setObjectName("ExchangeFolderImport")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 0, 4, 0)
        layout.addWidget(self.label)
        layout.addWidget(self.import_button)

    def offer(self, bundles: list[FoundBundle], folder: str) -> None:
        """The words for these bundles (the toolbar around it is shown only when there are some)."""
        if not bundles:
            self.label.setText("")
            return
        self.label.setText(self.tr("%n bundle(s) for this installation in {0}:", "", len(bundles)).format(folder))
        self.label.setToolTip("\n".join(f"{b.name} ({b.sender})" for b in bundles))


class FolderDialog(QDialog):
    """The current exchange folder, Choose…, Do not use a folder."""

    def __init__(self, folder: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Exchange folder"))
        self.chosen = folder
        self.current = QLabel()
        self.current.setWordWrap(True)
        explain = QLabel(self.tr("A folder on a USB stick or a shared drive where data bundles are carried: "
                                 "bundles for this installation found there are offered for import, and exports "
                                 "are written there."))
        explain.setWordWrap(True)
        choose = QPushButton(self.tr("&Choose…"))
        choose.clicked.connect(self._choose)
        self.clear_button = QPushButton(self.tr("&Do not use a folder"))
        self.clear_button.clicked.connect(self._clear)
        row = QHBoxLayout()
        row.addWidget(choose)
        row.addWidget(self.clear_button)
        row.addStretch(1)
        box = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        box.accepted.connect(self.accept)
        box.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(explain)
        layout.addWidget(self.current)
        layout.addLayout(row)
        layout.addWidget(box)
        self._show()

    def _show(self) -> None:
        self.current.setText(self.tr("Folder: {0}").format(self.chosen) if self.chosen
                             else self.tr("No exchange folder is used."))
        self.clear_button.setEnabled(bool(self.chosen))

    def _choose(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Choose the exchange folder"),
                                                  self.chosen or str(Path.home()))
        if folder:
            self.chosen = folder
            self._show()

    def _clear(self) -> None:
        self.chosen = ""
        self._show()
