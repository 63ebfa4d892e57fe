"""Send a counterpart alert: from a post (or the situation centre) to the BLO across the border, another
post, or all posts; with a priority, the message and optionally the incident it is about."""

from __future__ import annotations

import uuid

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from sitcentre.backend import Desk
from sitcentre.domain.alerts import Alert, AlertPriority, counterparts
from sitcentre.domain.records import Post
from sitcentre.domain.validation import ValidationError
from ui.common.messages import message_for
from ui.common.tasks import TaskRunner
from ui.incidents.incident_picker import IncidentPicker
from ui.posts.post_style import all_posts_name, centre_name, dark_theme, priorities, text_colour

ALL_POSTS = -1  # combo data for "to all posts" (None is the combo's "no data")
CENTRE = -1  # combo data for "from the situation centre"


class SendAlertDialog(QDialog):
    sent = Signal(object)  # sitcentre.domain.alerts.Alert as stored

    def __init__(self, runner: TaskRunner, desk: Desk, posts: list[Post] | tuple[Post, ...],
                 from_post_id: int | None = None, incident_id: uuid.UUID | None = None,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("SendAlertDialog")
        self.setWindowTitle(self.tr("Send an alert"))
        self._runner, self._desk = runner, desk  # the desk sends as the signed-in user
        self.posts = sorted(posts, key=lambda p: p.name)
        self.sender = QComboBox()
        self.sender.addItem(centre_name(), CENTRE)
        for post in self.posts:
            self.sender.addItem(f"{post.name} ({post.border})", post.id)
        self.receiver = QComboBox()
        self.priority = QComboBox()
        for value, text in priorities().items():
            self.priority.addItem(text, value.value)
        self.priority.setCurrentIndex(self.priority.findData(AlertPriority.NORMAL.value))
        self.text = QPlainTextEdit()
        self.text.setPlaceholderText(self.tr("What the receiver should know or do: vehicle, plates, direction, "
                                             "time window…"))
        self.incident = IncidentPicker(runner, desk, incident_id)  # by number, post or substance, not an id
        self.error = QLabel()
        self.error.setStyleSheet(f"color: {text_colour('#c62828', dark_theme())};")  # the theme when it opens
        self.error.setWordWrap(True)
        self.error.hide()
        form = QFormLayout()
        form.addRow(self.tr("From:"), self.sender)
        form.addRow(self.tr("To:"), self.receiver)
        form.addRow(self.tr("Priority:"), self.priority)
        form.addRow(self.tr("Message:"), self.text)
        form.addRow(self.tr("Related incident:"), self.incident)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Send"))
        self.buttons.accepted.connect(self.send)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.chosen_to = None  # the receiver the person picked: changing From never replaces it
        self._filling = False
        self.receiver.currentIndexChanged.connect(self._receiver_picked)
        self.sender.currentIndexChanged.connect(self._sender_changed)
        index = self.sender.findData(from_post_id) if from_post_id is not None else 0
        self.sender.setCurrentIndex(max(index, 0))
        self._sender_changed()
        self.resize(520, 380)

    def _sender_changed(self, *_args) -> None:
        """Receivers: the BLOs across the sender's border first, then all posts, then every other post."""
        sender_id = self.sender.currentData()
        sender = next((p for p in self.posts if p.id == sender_id), None)
        chosen = self.chosen_to
        self._filling = True
        self.receiver.clear()
        first = counterparts(sender, self.posts) if sender else []
        for post in first:
            self.receiver.addItem(self.tr("{0} — across the {1} border").format(post.name, post.border), post.id)
        self.receiver.addItem(all_posts_name(), ALL_POSTS)
        if first:
            self.receiver.insertSeparator(len(first))
        self.receiver.insertSeparator(self.receiver.count())
        for post in self.posts:
            if post.id != sender_id and post not in first:
                self.receiver.addItem(f"{post.name} ({post.border})", post.id)
        self.receiver.setCurrentIndex(0 if chosen is None else self.receiver.findData(chosen))
        self._filling = False
        if chosen is not None and self.receiver.currentIndex() < 0:  # it is now the sender: say so, keep no other
            name = next((p.name for p in self.posts if p.id == chosen), "")
            self._show(self.tr("{0} is now the sender and cannot alert itself. Choose who receives the alert.")
                       .format(name))
        elif chosen is not None:
            self.error.hide()

    def _receiver_picked(self, index: int) -> None:
        if not self._filling and index >= 0:
            self.chosen_to = self.receiver.itemData(index)
            self.error.hide()

    def alert(self) -> Alert:
        """The alert as entered."""
        sender, receiver = self.sender.currentData(), self.receiver.currentData()
        return Alert(
            text=self.text.toPlainText(), from_post_id=None if sender == CENTRE else sender,
            to_post_id=None if receiver == ALL_POSTS else receiver,
            priority=AlertPriority(self.priority.currentData()), incident_id=self.incident.selected_id(),
        )

    def send(self) -> None:
        if self.receiver.currentIndex() < 0:  # never "all posts" by default
            self._show(self.tr("Choose who receives the alert."))
            return
        alert = self.alert()
        alerts = self._desk.alerts
        self.setEnabled(False)
        self._runner.submit(lambda: alerts.send(alert), self._sent, self._failed)

    def _sent(self, alert: Alert) -> None:
        self.setEnabled(True)
        self.sent.emit(alert)
        self.accept()

    def _failed(self, error: BaseException) -> None:
        self.setEnabled(True)
        if isinstance(error, ValidationError):  # the problems themselves, one a line
            self._show(message_for(error))
        else:
            self._show(self.tr("Not sent: {0}").format(message_for(error)))

    def _show(self, text: str) -> None:
        self.error.setText(text)
        self.error.show()
