"""View > Times in: the clock of the incident table's Occurred column, chosen by each user and remembered.

The centre's time by default (Settings.times_in, at Settings.centre_utc_offset_minutes), UTC, or each
post's own time. The choice is kept per signed-in user by sitcentre.preferences, not in QSettings (which
holds window geometry only, design rule 10), in the data folder of the backend's settings.
"""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QActionGroup

from sitcentre.domain.days import Clock, offset_text
from sitcentre.preferences import load_preference, save_preference
from sitcentre.settings import Settings


class ClockMenu(QObject):
    def __init__(self, workstation, settings: Settings) -> None:
        """`settings`: the backend's (desk.settings), built once at start-up."""
        super().__init__(workstation.window)
        self.settings, self.username, self.panel = settings, workstation.username, workstation.panel
        self.centre_offset = settings.centre_utc_offset_minutes
        menu = self.menu = workstation.window.view_menu.addMenu(self.tr("&Times in"))
        menu.setToolTipsVisible(True)
        self.group = QActionGroup(self)
        self.actions: dict[Clock, QAction] = {}
        for clock, text, tip in (
                (Clock.CENTRE, self.tr("&Centre time ({0})").format(offset_text(self.centre_offset)),
                 self.tr("One clock for every post: the list reads in order")),
                (Clock.UTC, self.tr("&UTC"), self.tr("One clock for every post: the list reads in order")),
                (Clock.POST, self.tr("&Post-local time"),
                 self.tr("Each post's own clock: posts in different time zones do not read in order"))):
            action = QAction(text, self, checkable=True)
            action.setToolTip(tip)
            action.triggered.connect(lambda _checked=False, c=clock: self.choose(c))
            self.group.addAction(action)
            menu.addAction(action)
            self.actions[clock] = action
        self.choose(Clock(load_preference(settings, self.username, "times_in")), remember=False)

    def choose(self, clock: Clock, remember: bool = True) -> None:
        self.actions[clock].setChecked(True)
        self.panel.model.set_clock(clock, self.centre_offset)
        if remember:
            save_preference(self.settings, self.username, "times_in", clock.value)
