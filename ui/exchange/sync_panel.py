"""Tools → Online sync…: the centre's address and pinned certificate, the link switched on or off, the state of
the last rounds, and Sync now (Ctrl+Shift+S) with progress and Cancel (issue 13, item 5).

`install_sync(workstation)` (one line in ui.shell.workstation) adds the menu entries, the permanent status-bar
label and the background scheduler (ui.exchange.sync_scheduler), and starts it. Everything goes through
desk.sync: `state()` and `configure(url, cert_pem_path, enabled)` on the task runner, `round(progress)` on a
job of its own through the scheduler, so Sync now and the background never run two rounds at once.
"""

from __future__ import annotations

import hashlib
import html
import ssl
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QStandardPaths, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from sitcentre.backend import Desk
from ui.common.jobs import Job
from ui.common.tasks import TaskRunner
from ui.exchange.key_trust import ERROR_STYLE, MUTED
from ui.exchange.sync_scheduler import SyncScheduler, SyncStatusLabel, clock_text, sync_words

PEM_MAX_BYTES = 256 * 1024

def _t(text: str, disambiguation: str | None = None, n: int = -1) -> str:
    """tr() where no QObject of this module's own class is at hand: context "" (lupdate reads `_t` as tr)."""
    return QCoreApplication.translate("", text, disambiguation, n)


def install_sync(workstation) -> SyncScheduler:
    """Tools → Online sync… and Sync now, the status-bar label and the background scheduler (once)."""
    existing = getattr(workstation, "sync_scheduler", None)
    if existing is not None:
        return existing
    window = workstation.window
    scheduler = SyncScheduler(workstation.runner, workstation.jobs, workstation.desk, window)
    label = SyncStatusLabel(scheduler)
    window.statusBar().addPermanentWidget(label)
    holder: dict[str, SyncDialog] = {}

    def open_sync() -> SyncDialog:
        dialog = holder.get("dialog")
        if dialog is None or not isValid(dialog):
            dialog = holder["dialog"] = SyncDialog(workstation.runner, workstation.desk, scheduler, window)
        dialog.show()
        dialog.raise_()
        dialog.activateWindow()
        return dialog

    open_action = QAction(_t("Online &sync…"), window)
    open_action.setObjectName("OnlineSyncAction")
    open_action.setStatusTip(_t("The centre's address and certificate, and the state of the online sync"))
    open_action.triggered.connect(open_sync)
    now_action = QAction(_t("Sync &now"), window)
    now_action.setObjectName("SyncNowAction")
    now_action.setShortcut(QKeySequence(_t("Ctrl+Shift+S")))
    now_action.setStatusTip(_t("Send what is waiting to the centre and fetch what it holds for this post"))
    now_action.setEnabled(scheduler.may_sync)
    now_action.triggered.connect(lambda: _sync_now(scheduler, window))
    window.tools_menu.addSeparator()
    window.tools_menu.addActions([open_action, now_action])
    label.clicked.connect(open_sync)
    scheduler.round_finished.connect(lambda report: window.statusBar().showMessage(
        _t("Sync: {0}").format(" ".join(report.lines()[-2:])), 15000))
    scheduler.round_failed.connect(lambda words: window.statusBar().showMessage(
        _t("Sync: {0}").format(words), 15000))
    window.destroyed.connect(scheduler.stop)
    workstation.sync_scheduler, workstation.sync_label, workstation.open_sync = scheduler, label, open_sync
    workstation.sync_now_action = now_action
    scheduler.start()
    return scheduler


def _sync_now(scheduler: SyncScheduler, window) -> None:
    if scheduler.state is None or not getattr(scheduler.state, "url", None):
        window.statusBar().showMessage(_t("No centre address is set: Tools → Online sync…"), 10000)
        return
    if scheduler.run_now() is None and scheduler.running:
        window.statusBar().showMessage(_t("A sync is already running."), 5000)


def certificate_fingerprint(path: str | Path) -> str:
    """SHA-256 of the certificate in a PEM file, 'AB:CD:…' as browsers show it; ValueError in words."""
    path = Path(path).expanduser()
    try:
        if path.stat().st_size > PEM_MAX_BYTES:
            raise ValueError(f"{path} is too large to be a certificate.")
        pem = path.read_text(encoding="ascii")
        begin, end = pem.find(ssl.PEM_HEADER), pem.find(ssl.PEM_FOOTER)
        if begin < 0 or end < begin:
            raise ValueError("no certificate")
        der = ssl.PEM_cert_to_DER_cert(pem[begin:end + len(ssl.PEM_FOOTER)] + "\n")  # the first certificate
    except (OSError, UnicodeDecodeError) as exc:
        raise ValueError(f"{path} cannot be read: {getattr(exc, 'strerror', None) or exc}.") from exc
    except ValueError as exc:
        raise ValueError(f"{path} is not a certificate in PEM form (-----BEGIN CERTIFICATE-----).") from exc
    digest = hashlib.sha256(der).hexdigest().upper()
    return ":".join(digest[i:i + 2] for i in range(0, len(digest), 2))


def fingerprint_block(fingerprint: str) -> str:
    """The 32 pairs on two lines, to compare with what the centre's administrator reads out."""
    pairs = fingerprint.split(":")
    return "\n".join(":".join(pairs[i:i + 16]) for i in range(0, len(pairs), 16)) if fingerprint else ""


class SyncDialog(QDialog):
    saved = Signal(object)  # the SyncState after saving

    def __init__(self, runner: TaskRunner, desk: Desk, scheduler: SyncScheduler, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("SyncDialog")
        self.setWindowTitle(self.tr("Online sync with the centre"))
        self._runner, self._desk, self.scheduler = runner, desk, scheduler
        self.job: Job | None = None
        layout = QVBoxLayout(self)
        layout.addWidget(_muted(self.tr(
            "When the centre is reachable over the network, this post sends what is waiting and fetches what the "
            "centre holds for it, by itself, every few minutes (less often after failures). The certificate is the "
            "centre's own (ask its administrator for the file): it is the only one this post will trust.")))
        layout.addLayout(self._form())
        layout.addWidget(self._state_box())
        layout.addWidget(self._progress_row())
        self.report = QPlainTextEdit()
        self.report.setObjectName("SyncReport")
        self.report.setReadOnly(True)
        self.report.setMaximumBlockCount(200)
        self.report.setPlaceholderText(self.tr("What the last round did is shown here."))
        layout.addWidget(self.report, 1)
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.hide()
        layout.addWidget(self.error)
        layout.addLayout(self._buttons())
        scheduler.state_changed.connect(self._show_state)
        scheduler.round_started.connect(self._round_started)
        scheduler.round_finished.connect(self._round_finished)
        scheduler.round_failed.connect(self._round_failed)
        self.resize(720, 600)
        self._show_state(scheduler.state, fill=True)
        if scheduler.running:
            self._round_started(scheduler.job)
        scheduler.refresh()

    # ------------------------------------------------------------------------------------- building

    def _form(self) -> QFormLayout:
        form = QFormLayout()
        self.url = QLineEdit()
        self.url.setObjectName("SyncUrl")
        self.url.setPlaceholderText("https://centre.example.org:8443")
        form.addRow(self.tr("Centre's &address:"), self.url)
        self.cert_path = QLineEdit()
        self.cert_path.setObjectName("SyncCertificatePath")
        self.cert_path.setPlaceholderText(self.tr("Keep the pinned certificate"))
        self.cert_path.editingFinished.connect(self._certificate_chosen)
        browse = QPushButton(self.tr("&Browse…"))
        browse.setAutoDefault(False)
        browse.clicked.connect(self.browse_certificate)
        row = QHBoxLayout()
        row.addWidget(self.cert_path, 1)
        row.addWidget(browse)
        cert_label = QLabel(self.tr("&Certificate file:"))
        cert_label.setBuddy(self.cert_path)  # a row that is a layout gets no buddy by itself
        form.addRow(cert_label, row)
        self.fingerprint = QLabel()
        self.fingerprint.setObjectName("SyncCertificateFingerprint")
        self.fingerprint.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.fingerprint.setStyleSheet("font-family: monospace;")
        form.addRow(self.tr("SHA-256:"), self.fingerprint)
        self.enabled = QCheckBox(self.tr("Sync in the &background"))
        self.enabled.setObjectName("SyncEnabled")
        self.enabled.setChecked(True)
        form.addRow("", self.enabled)
        return form

    def _state_box(self) -> QLabel:
        self.state_label = QLabel(self.tr("Loading…"))
        self.state_label.setObjectName("SyncStateText")
        self.state_label.setWordWrap(True)
        self.state_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        return self.state_label

    def _progress_row(self) -> QWidget:
        box = QWidget()
        row = QHBoxLayout(box)
        row.setContentsMargins(0, 0, 0, 0)
        self.stage = QLabel()
        self.progress = QProgressBar()
        self.progress.setObjectName("SyncProgress")
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.setObjectName("SyncCancelButton")
        self.cancel_button.setAutoDefault(False)
        self.cancel_button.clicked.connect(self.scheduler.cancel)
        row.addWidget(self.stage)
        row.addWidget(self.progress, 1)
        row.addWidget(self.cancel_button)
        self.progress_row = box
        box.hide()
        return box

    def _buttons(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.save_button = QPushButton(self.tr("&Save"))
        self.save_button.setObjectName("SyncSaveButton")
        self.save_button.clicked.connect(self.save)
        self.sync_button = QPushButton(self.tr("Sync &now"))
        self.sync_button.setObjectName("SyncNowButton")
        self.sync_button.setShortcut(QKeySequence(self.tr("Ctrl+Shift+S")))
        self.sync_button.setToolTip(self.tr("Ctrl+Shift+S"))
        self.sync_button.setAutoDefault(False)
        self.sync_button.clicked.connect(self.sync_now)
        self.sync_button.setEnabled(self.scheduler.may_sync)
        self.save_button.setEnabled(self.scheduler.may_sync)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.close)
        row.addWidget(self.save_button)
        row.addWidget(self.sync_button)
        row.addStretch(1)
        row.addWidget(close)
        return row

    # ------------------------------------------------------------------------------------- the state

    def _show_state(self, state, fill: bool = False) -> None:
        if not isValid(self):
            return
        if state is None or not getattr(state, "url", None):
            self.state_label.setText(self.tr("No centre address is set yet: give it and the certificate, then "
                                             "Save."))
            return
        if fill or not self.url.text().strip():
            self.url.setText(state.url or "")
            self.enabled.setChecked(bool(state.enabled))
        if not self.cert_path.text().strip():
            self.fingerprint.setText(fingerprint_block(state.certificate))
        self.state_label.setText(self._state_text(state))

    def _state_text(self, state) -> str:
        rows = [(self.tr("Centre"), f"{state.origin} — {state.url}"),
                (self.tr("Background sync"), self.tr("on") if state.enabled else self.tr("off")),
                (self.tr("Last success"), clock_text(state.last_success_at) or self.tr("never")),
                (self.tr("Last attempt"), clock_text(state.last_attempt_at) or self.tr("never")),
                (self.tr("Centre last heard from"), clock_text(state.last_heard_at) or self.tr("never"))]
        if state.failures:
            rows.append((self.tr("Failures in a row"), str(state.failures)))
        if state.last_error:
            rows.append((self.tr("Last error"), state.last_error))
        due = self.scheduler.due_at()
        if due is not None:
            rows.append((self.tr("Next try"), clock_text(due)))
        return "<table>" + "".join(f"<tr><td style='padding-right:12px'><b>{html.escape(k)}</b></td>"
                                   f"<td>{html.escape(v)}</td></tr>" for k, v in rows) + "</table>"

    # ------------------------------------------------------------------------------------- setting the link

    def choose_certificate(self) -> str:
        """The PEM file to pin (tests replace this)."""
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        path, _ = QFileDialog.getOpenFileName(self, self.tr("The centre's certificate"), folder or str(Path.home()),
                                              self.tr("Certificates (*.pem *.crt *.cer);;All files (*)"))
        return path

    def browse_certificate(self) -> None:
        path = self.choose_certificate()
        if path:
            self.cert_path.setText(path)
            self._certificate_chosen()

    def _certificate_chosen(self) -> None:
        path = self.cert_path.text().strip()
        if not path:
            self._show_state(self.scheduler.state)
            return
        try:
            self.fingerprint.setText(fingerprint_block(certificate_fingerprint(path)))
            self._say("")
        except ValueError as exc:
            self.fingerprint.setText("")
            self._say(str(exc))

    def save(self) -> None:
        url, path, enabled = self.url.text().strip(), self.cert_path.text().strip() or None, self.enabled.isChecked()
        sync = self._desk.sync
        self.save_button.setEnabled(False)
        self._say("")
        self._runner.submit(lambda: sync.configure(url, path, enabled), self._saved, self._save_failed)

    def _saved(self, state) -> None:
        if not isValid(self):
            return
        self.save_button.setEnabled(True)
        self.cert_path.clear()
        self.report.appendPlainText(self.tr("Saved: {0}{1}").format(
            state.url, "" if state.enabled else self.tr(" (background sync off)")))
        self.saved.emit(state)
        self.scheduler.refresh()

    def _save_failed(self, error: BaseException) -> None:
        if isValid(self):
            self.save_button.setEnabled(True)
            self._say(self.tr("Not saved: {0}").format(sync_words(error)))

    def _say(self, text: str) -> None:
        self.error.setText(text)
        self.error.setVisible(bool(text))

    # ------------------------------------------------------------------------------------- rounds

    def sync_now(self) -> None:
        self._say("")
        if self.scheduler.run_now() is None and not self.scheduler.running:
            self._say(self.tr("This account may not exchange bundles."))

    def _round_started(self, job: Job) -> None:
        if not isValid(self):
            return
        self.job = job
        self.progress_row.show()
        self.progress.setRange(0, 0)
        self.stage.setText(self.tr("Starting…"))
        self.sync_button.setEnabled(False)
        job.progressed.connect(self._progressed)

    def _progressed(self, stage: str, done: int, total: int) -> None:
        if not isValid(self):
            return
        words = {"exporting": self.tr("Exporting"), "sending": self.tr("Sending"),
                 "receiving": self.tr("Receiving"), "importing": self.tr("Importing")}
        self.stage.setText(words.get(stage, stage))
        if total > 0:
            self.progress.setRange(0, 1000)
            self.progress.setValue(int(1000 * min(done, total) / total))
        else:
            self.progress.setRange(0, 0)

    def _round_ended(self) -> None:
        self.job = None
        self.progress_row.hide()
        self.sync_button.setEnabled(self.scheduler.may_sync)

    def _round_finished(self, report) -> None:
        if isValid(self):
            self._round_ended()
            self.report.appendPlainText("\n".join(report.lines()))

    def _round_failed(self, words: str) -> None:
        if isValid(self):
            self._round_ended()
            self.report.appendPlainText(words)
            self._say(words)


def _muted(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setStyleSheet(MUTED)
    return label

