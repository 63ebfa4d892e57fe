"""The supervisor's dialog to change a post's operational status, with the reason kept in its history.

Saving runs on the task runner's DB worker (design rule 4); a refused change (no reason, nothing changed)
is shown in the dialog, which stays open with the input kept.
"""

from __future__ import annotations

import html

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from sitcentre.backend import Desk
from sitcentre.domain.days import local_text
from sitcentre.domain.enums import PostStatus
from sitcentre.domain.records import Post
from sitcentre.domain.validation import ValidationError
from ui.common.messages import message_for
from ui.common.tasks import TaskRunner
from ui.posts.post_style import STATUS_COLOURS, dark_theme, muted, post_statuses, text_colour


class ChangeStatusDialog(QDialog):
    changed = Signal(object)  # sitcentre.domain.posts.StatusChange

    def __init__(self, runner: TaskRunner, desk: Desk, post: Post, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("ChangeStatusDialog")
        self.setWindowTitle(self.tr("Change status — {0}").format(post.name))
        self._runner, self._desk, self.post = runner, desk, post
        self.choices = QButtonGroup(self)
        row = QHBoxLayout()
        for i, (status, text) in enumerate(post_statuses().items()):
            button = QRadioButton(text)
            colour = text_colour(STATUS_COLOURS[status], dark_theme())  # the theme when the dialog opens
            button.setStyleSheet(f"QRadioButton:checked {{ color: {colour}; font-weight: bold; }}")
            button.setProperty("status", status.value)
            self.choices.addButton(button, i)
            row.addWidget(button)
            button.setChecked(status == post.status)
        row.addStretch(1)
        self.reason = QPlainTextEdit(post.status_reason)
        self.reason.setPlaceholderText(self.tr("Why: e.g. power cut, scanner under repair, road closed by snow"))
        self.reason.setFixedHeight(80)
        self.error = QLabel()
        self.error.setStyleSheet(f"color: {text_colour('#c62828', dark_theme())};")
        self.error.setWordWrap(True)
        self.error.hide()
        since = local_text(post.status_since, post.utc_offset_minutes)
        current = QLabel(self.tr("{0} since {1}").format(post_statuses()[post.status], since) if since
                         else post_statuses()[post.status])
        form = QFormLayout()
        form.addRow(self.tr("Now:"), current)
        form.addRow(self.tr("New status:"), row)
        form.addRow(self.tr("Reason:"), self.reason)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Change status"))
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        hint = QLabel(self.tr("The change and its reason are kept in the post's status history, with your name."))
        hint.setStyleSheet("color: palette(placeholder-text);")
        hint.setWordWrap(True)
        heading = QLabel(f"<b>{html.escape(post.name)}</b>  <span style='color:{muted(dark_theme())}'>"
                         + html.escape(self.tr("{0} crossing, {1} border").format(post.crossing, post.border))
                         + "</span>")
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addLayout(form)
        layout.addWidget(hint)
        layout.addWidget(self.error)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self.resize(480, self.sizeHint().height())

    def chosen(self) -> PostStatus:
        return PostStatus(self.choices.checkedButton().property("status"))

    def save(self) -> None:
        status, reason = self.chosen(), self.reason.toPlainText()
        posts, post_id = self._desk.posts, self.post.id
        self.setEnabled(False)
        self._runner.submit(lambda: posts.set_status(post_id, status, reason), self._saved, self._failed)

    def _saved(self, change) -> None:
        self.setEnabled(True)
        self.changed.emit(change)
        self.accept()

    def _failed(self, error: BaseException) -> None:
        self.setEnabled(True)
        if isinstance(error, ValidationError):  # the problems themselves, one a line
            text = message_for(error)
        else:
            text = self.tr("Not saved: {0}").format(message_for(error))
        self.error.setText(text)
        self.error.show()
