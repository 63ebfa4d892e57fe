"""The exchange in the status bar (issue 13, item 3).

At a post: what is not yet sent, what is sent but not yet confirmed, when the centre was last heard from, records
the centre changed too, entries held or in error, and reference data older than Settings.refdata_stale_days
("Reference data is 41 days old: lists may be out of date"). At a centre: the open conflicts (a click opens
View → Conflicts… when that action exists) and the entries held or in error.

Read through the desk (`desk.exchange_status.summary()`) on the task runner, when incidents or reference data
change and every minute (the age of things moves without any change). Symbols and words, never colour alone.
"""

from __future__ import annotations

import logging
from datetime import datetime

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtGui import QMouseEvent

from sitcentre.domain.changes import Topic
from sitcentre.domain.queries import ExchangeSummary
from ui.shell.screen_fit import ElidingLabel

log = logging.getLogger(__name__)
REFRESH_MS = 60_000
PAUSE_MS = 300  # a burst of changes (an import) is one reload
WARN_STYLE = "color: #8a5a00; font-weight: bold;"


def install_exchange_status_bar(workstation) -> ExchangeStatusBar:
    """Once per workstation: a second call returns the first."""
    existing = getattr(workstation, "exchange_status_bar", None)
    if isinstance(existing, ExchangeStatusBar):
        return existing
    bar = workstation.exchange_status_bar = ExchangeStatusBar(workstation)
    return bar


class ClickableLabel(ElidingLabel):
    clicked = Signal()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # Qt override
        if event.button() == Qt.MouseButton.LeftButton:
            self.clicked.emit()
        super().mouseReleaseEvent(event)


def when_text(moment: datetime | None) -> str:
    """This computer's local time, to the minute."""
    return "" if moment is None else f"{moment.astimezone():%Y-%m-%d %H:%M}"


class ExchangeStatusBar(QObject):
    def __init__(self, workstation):
        super().__init__(workstation.window)
        self.ws = workstation
        self.summary: ExchangeSummary | None = None
        self.label = ClickableLabel()
        self.label.setObjectName("ExchangeStatusLabel")
        self.refdata_label = ElidingLabel()
        self.refdata_label.setObjectName("RefdataAgeLabel")
        self.refdata_label.setStyleSheet(WARN_STYLE)
        for label in (self.label, self.refdata_label):
            label.hide()
            workstation.window.statusBar().addPermanentWidget(label)
        self.label.clicked.connect(self.open_conflicts)
        self._pause = QTimer(self, singleShot=True, interval=PAUSE_MS)
        self._pause.timeout.connect(self.reload)
        self.timer = QTimer(self, interval=REFRESH_MS)
        self.timer.timeout.connect(self.reload)
        self.timer.start()
        workstation.runner.changes.subscribe((Topic.INCIDENTS, Topic.REFERENCE), lambda _c: self._pause.start(),
                                             owner=self)
        self.reload()

    def reload(self) -> None:
        status = self.ws.desk.exchange_status
        self.ws.runner.submit(status.summary, self.show, on_error=self._failed, key="exchange-status")

    def _failed(self, exc: BaseException) -> None:
        log.info("exchange status not read: %s", exc)  # the next change or minute tries again

    # ----------------------------------------------------------------------------------- showing

    def show(self, summary: ExchangeSummary) -> None:
        self.summary = summary
        if summary.role is None:
            self.label.hide()
            self.refdata_label.hide()
            return
        if summary.role == "post":
            text, tip = self._post_texts(summary)
        else:
            text, tip = self._centre_texts(summary)
        self.label.setText(text)
        self.label.setToolTip(tip)
        self.label.show()
        refdata = self.refdata_text(summary)
        self.refdata_label.setText(refdata)
        self.refdata_label.setToolTip(self.tr("The lists of posts, substances and accounts come from the situation "
                                              "centre with each of its bundles.") if refdata else "")
        self.refdata_label.setVisible(bool(refdata))

    def _post_texts(self, s: ExchangeSummary) -> tuple[str, str]:
        parts = []
        if s.unsent:
            parts.append("↑ " + self.tr("%n record(s) not sent", "", s.unsent))
        if s.unconfirmed:
            parts.append("⧗ " + self.tr("%n not confirmed", "", s.unconfirmed))
        if not parts:
            parts.append("✔ " + self.tr("All sent and confirmed"))
        if s.open_conflicts:
            parts.append("⚠ " + self.tr("%n changed at the centre too", "", s.open_conflicts))
        parts += self._waiting(s)
        parts.append(self.tr("Centre last heard {0}").format(when_text(s.last_heard)) if s.last_heard
                     else self.tr("Centre not heard from yet"))
        tip = "\n".join([
            self.tr("Not sent: records changed here that are not yet in a bundle for the centre."),
            self.tr("Not confirmed: sent, but the centre has not acknowledged them yet."),
            self.tr("Changed at the centre too: the centre changed a record while your edit was not yet "
                    "confirmed; the centre will decide."),
            self.tr("Last heard: the last bundle received from the centre (by file or online)."),
        ])
        return " · ".join(parts), tip

    def _centre_texts(self, s: ExchangeSummary) -> tuple[str, str]:
        parts = ["⚠ " + self.tr("%n open conflict(s)", "", s.open_conflicts) if s.open_conflicts
                 else "✔ " + self.tr("No open conflicts")]
        parts += self._waiting(s)
        tip = self.tr("Conflicting edits from posts wait for a supervisor.")
        if self._conflicts_action() is not None:
            tip += "\n" + self.tr("Click to open View → Conflicts.")
        return " · ".join(parts), tip

    def _waiting(self, s: ExchangeSummary) -> list[str]:
        parts = []
        if s.held:
            parts.append("⏸ " + self.tr("%n held", "", s.held))
        if s.errors:
            parts.append("⛔ " + self.tr("%n not applied", "", s.errors))
        return parts

    def refdata_text(self, s: ExchangeSummary) -> str:
        """'' unless the post's reference data is stale."""
        if s.role != "post" or not s.refdata_stale:
            return ""
        if s.refdata_age_days is None:
            return "⚠ " + self.tr("No reference data from the centre yet: lists may be out of date")
        return "⚠ " + self.tr("Reference data is %n day(s) old: lists may be out of date", "", s.refdata_age_days)

    # ----------------------------------------------------------------------------------- clicking

    def _conflicts_action(self):
        action = getattr(self.ws, "conflicts_action", None)
        if action is None:
            action = getattr(getattr(self.ws, "conflicts_entry", None), "action", None)
        return action

    def open_conflicts(self) -> None:
        """At a centre, a click opens View → Conflicts… (if it is there and allowed)."""
        action = self._conflicts_action()
        if self.summary is not None and self.summary.role == "centre" and action is not None and action.isEnabled():
            action.trigger()
