"""A line of the wizard that shows a job's progress: what it is doing in words, a bar, and Stop.

Used by the preview (the dry run) and the import pages. The strip only shows and asks: Stop emits
`stop_requested`, the page cancels its job, and `finish()` hides the strip when the job has ended.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QPushButton, QWidget


class ProgressStrip(QWidget):
    stop_requested = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.stage = QLabel()
        self.bar = QProgressBar()
        self.bar.setRange(0, 0)
        self.stop_button = QPushButton(self.tr("Stop"))
        self.stop_button.setObjectName("ImportStopButton")
        self.stop_button.setToolTip(self.tr("Stop: nothing is imported (Esc)."))
        self.stop_button.clicked.connect(self.request_stop)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stage, 2)
        layout.addWidget(self.bar, 3)
        layout.addWidget(self.stop_button)
        self.stopping = False
        self.hide()

    def start(self, text: str) -> None:
        self.stopping = False
        self.stage.setText(text)
        self.bar.setRange(0, 0)
        self.stop_button.setEnabled(True)
        self.show()

    def show_progress(self, stage: str, done: int, total: int) -> None:
        if self.stopping:
            return
        if stage == "writing":
            text = self.tr("Writing: {0} of {1} rows…").format(f"{done:,}", f"{total:,}")
        else:
            text = self.tr("Reading the file: {0} rows…").format(f"{done:,}")
        self.stage.setText(text)
        if total > 0:
            self.bar.setRange(0, total)
            self.bar.setValue(min(done, total))
        else:
            self.bar.setRange(0, 0)

    def request_stop(self) -> None:
        if self.stopping or not self.isVisible():
            return
        self.stopping = True
        self.stop_button.setEnabled(False)
        self.stage.setText(self.tr("Stopping… nothing will be imported."))
        self.stop_requested.emit()

    def finish(self) -> None:
        self.hide()
