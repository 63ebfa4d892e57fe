"""The progress of a bundle export or import (a job of ui.common.jobs): what it is doing in words, a bar, Cancel.

Modal to the window (one exchange at a time), but it never blocks the GUI thread: the table keeps paging and
the live feed keeps arriving. Cancel asks the job to stop at its next progress report; the service then rolls
back, and the dialog says it is stopping until the job has ended (it closes itself then). Escape is Cancel.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QProgressBar, QPushButton, QVBoxLayout, QWidget


class TransferDialog(QDialog):
    cancel_requested = Signal()

    def __init__(self, title: str, what: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("TransferDialog")
        self.setWindowTitle(title)
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.what = QLabel(what)
        self.what.setWordWrap(True)
        self.stage = QLabel(self.tr("Starting…"))
        self.stage.setObjectName("TransferStage")
        self.bar = QProgressBar()
        self.bar.setRange(0, 0)  # busy until a total is known
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.setToolTip(self.tr("Stop: nothing of this transfer is kept."))
        self.cancel_button.clicked.connect(self.request_cancel)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.cancel_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.what)
        layout.addWidget(self.stage)
        layout.addWidget(self.bar)
        layout.addLayout(buttons)
        self.setMinimumWidth(440)
        self.cancelling = False
        self._finished = False

    def stage_text(self, stage: str, done: int, total: int) -> str:
        words = {
            "checking": self.tr("Checking the bundle's signature and contents…"),
            "applying": self.tr("Applying the records: {0} of {1}…"),
            "sealing": self.tr("Preparing the records to send…"),
            "writing": self.tr("Writing the bundle: {0} of {1} records…"),
        }
        text = words.get(stage, self.tr("Working ({0})…").format(stage))
        return text.format(f"{done:,}", f"{total:,}") if "{0}" in text else text

    def show_progress(self, stage: str, done: int, total: int) -> None:
        if self.cancelling:
            return
        self.stage.setText(self.stage_text(stage, done, total))
        if total > 0:
            self.bar.setRange(0, total)
            self.bar.setValue(min(done, total))
        else:
            self.bar.setRange(0, 0)

    def request_cancel(self) -> None:
        if self.cancelling or self._finished:
            return
        self.cancelling = True
        self.cancel_button.setEnabled(False)
        self.stage.setText(self.tr("Stopping… nothing of this transfer will be kept."))
        self.cancel_requested.emit()

    def finish(self) -> None:
        """The job has ended (whatever its outcome): close."""
        self._finished = True
        self.accept()

    def reject(self) -> None:  # Escape, the window's close button: Cancel, never a silent close
        if self._finished:
            super().reject()
        else:
            self.request_cancel()

    def closeEvent(self, event) -> None:  # Qt override
        if self._finished:
            super().closeEvent(event)
        else:
            event.ignore()
            self.request_cancel()
