"""The key trust dialog: another installation's key, its fingerprint to compare, and a supervisor's decision.

A bundle from a key this installation does not know is refused (its key noted as waiting for confirmation);
the import then calls `ask_to_trust(parent, runner, desk, bundle_path, on_trusted=import_again)`. A key file
chosen in Tools → Keys… comes the same way. The fingerprint is shown large, in groups of four, so a supervisor
can compare it with the one the other side reads out over the telephone or wrote on paper. Only a supervisor
or an administrator may trust (Action.EXCHANGE_TRUST_KEY); an operator sees the fingerprint and is told a
supervisor must confirm. Refusing leaves the key waiting (bundles signed with it stay refused).
"""

from __future__ import annotations

import html
import os
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from sitcentre.backend import Desk, Done
from sitcentre.backend.keys import KeyCandidate, KeyInfo
from sitcentre.domain.permissions import Action
from ui.common.messages import message_for
from ui.common.tasks import TaskRunner

ERROR_STYLE = "color: #c62828;"
NOTE_STYLE = "color: #8a6d00;"
MUTED = "color: palette(placeholder-text);"


def ask_to_trust(parent: QWidget | None, runner: TaskRunner, desk: Desk, info_or_path: KeyInfo | str | os.PathLike,
                 on_trusted: Callable[[], None] | None = None) -> None:
    """Read the key (a KeyInfo, a key file or a bundle file) on the worker, list it as waiting for confirmation
    if it is new here, then open the trust dialog (non-modal). A file that holds no readable key is said in
    words. `on_trusted`: offered after trusting (e.g. import the refused bundle again)."""
    keys = desk.keys

    def examine():
        candidate = keys.examine(info_or_path)
        if candidate.state == "new" and not candidate.refused:
            return Done(candidate, keys.note_pending(candidate.info).changes)
        return candidate

    def show(candidate: KeyCandidate) -> None:
        if parent is not None and not isValid(parent):
            return
        dialog = KeyTrustDialog(runner, desk, candidate, on_trusted, parent)
        dialog.show()
        dialog.raise_()
        dialog.activateWindow()

    def unreadable(error: BaseException) -> None:
        if parent is not None and not isValid(parent):
            return
        QMessageBox.warning(parent, QCoreApplication.translate("KeyTrust", "Signing key"), message_for(error))

    runner.submit(examine, show, unreadable)


def fingerprint_lines(fingerprint: str) -> str:
    """'3f9a 2c1d 77ab 9f2c 0b1e 5d4a 8c3e 6f70' on two lines of four groups: easier to read out and compare."""
    groups = fingerprint.split()
    return "\n".join(" ".join(groups[i:i + 4]) for i in range(0, len(groups), 4))


class KeyTrustDialog(QDialog):
    trusted = Signal(object)  # KeyInfo, once trusted

    def __init__(self, runner: TaskRunner, desk: Desk, candidate: KeyCandidate,
                 on_trusted: Callable[[], None] | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("KeyTrustDialog")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self._runner, self._desk, self.candidate, self._on_trusted = runner, desk, candidate, on_trusted
        self.may_trust = desk.can(Action.EXCHANGE_TRUST_KEY)
        self.setWindowTitle(self.tr("Signing key of {0}").format(candidate.origin))
        layout = QVBoxLayout(self)
        layout.addWidget(self._heading())
        layout.addLayout(self._facts())
        layout.addWidget(self._fingerprint())
        self.advice = self._note(self._advice_text(), MUTED)
        layout.addWidget(self.advice)
        self.rotation = self._note(self._rotation_text(), NOTE_STYLE)
        self.rotation.setObjectName("RotationNote")
        self.rotation.setVisible(bool(candidate.rotation_of))
        layout.addWidget(self.rotation)
        self.verdict = self._note(self._verdict_text(), ERROR_STYLE if candidate.refused else NOTE_STYLE)
        self.verdict.setObjectName("Verdict")
        self.verdict.setVisible(bool(self.verdict.text()))
        layout.addWidget(self.verdict)
        self.error = self._note("", ERROR_STYLE)
        self.error.hide()
        layout.addWidget(self.error)
        layout.addStretch(1)
        layout.addLayout(self._buttons())
        self.resize(620, self.sizeHint().height())

    # ------------------------------------------------------------------------------------- building

    def _heading(self) -> QLabel:
        c = self.candidate
        text = (self.tr("{0} asks to be trusted").format(html.escape(c.origin)) if c.state in ("new", "pending")
                else self.tr("Signing key of {0}").format(html.escape(c.origin)))
        heading = QLabel(f"<b>{text}</b>")
        font = heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.2)
        heading.setFont(font)
        return heading

    def _facts(self) -> QFormLayout:
        c = self.candidate
        roles = {"post": self.tr("a post"), "centre": self.tr("a centre")}
        states = {"new": self.tr("new: not seen here before"), "pending": self.tr("waiting for confirmation"),
                  "trusted": self.tr("trusted"), "revoked": self.tr("revoked"),
                  "own": self.tr("this installation's own key")}
        form = QFormLayout()
        self.origin_label = QLabel(c.origin)
        form.addRow(self.tr("Origin:"), self.origin_label)
        form.addRow(self.tr("Role:"), QLabel(roles.get(c.role, c.role)))
        key_id = QLabel(c.key_id)
        key_id.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        form.addRow(self.tr("Key id:"), key_id)
        self.state_label = QLabel(states.get(c.state, c.state))
        form.addRow(self.tr("State here:"), self.state_label)
        return form

    def _fingerprint(self) -> QWidget:
        box = QWidget()
        row = QVBoxLayout(box)
        row.setContentsMargins(0, 8, 0, 8)
        row.addWidget(QLabel(self.tr("Fingerprint:")))
        self.fingerprint = QLabel(fingerprint_lines(self.candidate.fingerprint))
        self.fingerprint.setObjectName("Fingerprint")
        font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        font.setStyleHint(QFont.StyleHint.Monospace)
        font.setPointSizeF(max(font.pointSizeF(), 9.0) * 2.0)
        font.setBold(True)
        self.fingerprint.setFont(font)
        self.fingerprint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.fingerprint.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.fingerprint.setStyleSheet("padding: 10px; border: 1px solid palette(mid); letter-spacing: 2px;")
        row.addWidget(self.fingerprint)
        return box

    def _note(self, text: str, style: str) -> QLabel:
        label = QLabel(text)
        label.setWordWrap(True)
        label.setStyleSheet(style)
        return label

    def _advice_text(self) -> str:
        return self.tr(
            "Call {0} by telephone (or meet in person) and ask them to read out the fingerprint of their key: "
            "they find it in Tools → Keys…, or printed by 'sitcentre keys export'. Trust this key only if every "
            "group matches. Never compare with a fingerprint that came with the bundle or the key file itself."
        ).format(self.candidate.origin)

    def _rotation_text(self) -> str:
        c = self.candidate
        return self.tr(
            "{0} already has a trusted key ({1}): trusting this one too is a key rotation (a new computer, a "
            "reinstallation). Once the old key is no longer used, revoke it in Tools → Keys…."
        ).format(c.origin, ", ".join(c.rotation_of))

    def _verdict_text(self) -> str:
        c = self.candidate
        if c.refused:
            return c.refused
        if c.state == "trusted":
            return self.tr("This key is already trusted: bundles signed with it are accepted.")
        if not self.may_trust:
            return self.tr("A supervisor must confirm this key: ask one to compare the fingerprint and trust it "
                           "(Tools → Keys…). Until then bundles signed with it are refused.")
        return ""

    def _buttons(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.import_again_button = QPushButton(self.tr("&Import the bundle again"))
        self.import_again_button.setObjectName("ImportAgainButton")
        self.import_again_button.clicked.connect(self._import_again)
        self.import_again_button.hide()
        self.trust_button = QPushButton(self.tr("&Trust this key"))
        self.trust_button.setObjectName("TrustButton")
        self.trust_button.setAutoDefault(False)  # Enter must never trust a key by accident
        self.trust_button.clicked.connect(self.trust)
        self.refuse_button = QPushButton(self.tr("&Refuse"))
        self.refuse_button.setObjectName("RefuseButton")
        self.refuse_button.setToolTip(self.tr("The key stays waiting for confirmation; bundles signed with it are "
                                              "refused until a supervisor trusts it."))
        self.refuse_button.clicked.connect(self.reject)
        self.close_button = QPushButton(self.tr("&Close"))
        self.close_button.setObjectName("CloseButton")
        self.close_button.clicked.connect(self.accept)
        decidable = self.may_trust and not self.candidate.refused and self.candidate.state in ("new", "pending")
        self.trust_button.setVisible(decidable)
        self.refuse_button.setVisible(decidable)
        self.close_button.setVisible(not decidable)
        (self.refuse_button if decidable else self.close_button).setDefault(True)
        row.addStretch(1)
        for button in (self.import_again_button, self.trust_button, self.refuse_button, self.close_button):
            row.addWidget(button)
        return row

    # ------------------------------------------------------------------------------------- deciding

    def trust(self) -> None:
        keys, info = self._desk.keys, self.candidate.info
        self.trust_button.setEnabled(False)
        self.refuse_button.setEnabled(False)
        self.error.hide()
        self._runner.submit(lambda: keys.trust(info), self._trusted, self._failed)

    def _trusted(self, info: KeyInfo) -> None:
        if not isValid(self):
            return
        self.state_label.setText(self.tr("trusted"))
        self.verdict.setStyleSheet("color: #2e7d32;")
        self.verdict.setText(self.tr("Key trusted: bundles signed with it are accepted from now on."))
        self.verdict.show()
        self.trust_button.hide()
        self.refuse_button.hide()
        self.close_button.show()
        if self._on_trusted is not None:
            self.import_again_button.show()
            self.import_again_button.setDefault(True)
            self.import_again_button.setFocus()
        else:
            self.close_button.setDefault(True)
        self.trusted.emit(info)

    def _failed(self, error: BaseException) -> None:
        if not isValid(self):
            return
        self.trust_button.setEnabled(True)
        self.refuse_button.setEnabled(True)
        self.error.setText(self.tr("Not trusted: {0}").format(message_for(error)))
        self.error.show()

    def _import_again(self) -> None:
        callback, self._on_trusted = self._on_trusted, None
        self.accept()
        if callback is not None:
            callback()
