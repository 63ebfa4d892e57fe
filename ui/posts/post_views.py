"""The post views put together: the post status panel (for the right-hand dock), the map and the alerts
tab beside the incident table, and the signals between them.

Kept out of the workstation so that its wiring stays a few lines: the workstation docks `posts`, makes
`tabs` its central widget and applies `postSelected` as an incident filter. Each panel hears of changes on
its own (runner.changes, by topic).
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QTabWidget, QWidget

from sitcentre.backend import Desk
from ui.common.tasks import TaskRunner
from ui.posts.alerts_panel import AlertsPanel
from ui.posts.map_view import MapView
from ui.posts.post_panel import PostStatusPanel


class PostViews(QObject):
    postSelected = Signal(int)  # a card or a map marker was clicked: show that post's incidents
    incidentActivated = Signal(object)  # uuid: an alert's related incident was double-clicked

    def __init__(self, runner: TaskRunner, desk: Desk, incidents: QWidget, parent: QObject | None = None):
        super().__init__(parent)
        self.posts = PostStatusPanel(runner, desk)
        self.map = MapView()
        self.alerts = AlertsPanel(runner, desk)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("CentralTabs")
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(incidents, self.tr("Incidents"))
        self.map_index = self.tabs.addTab(self.map, self.tr("Map"))
        self.alerts_index = self.tabs.addTab(self.alerts, self.tr("Alerts"))
        self.posts.boardLoaded.connect(self.map.set_board)
        self.posts.postSelected.connect(self._selected)
        self.map.postSelected.connect(self.posts.select_post)  # marks the card too, then emits postSelected
        self.map.postActivated.connect(self.posts.open_detail)
        self.alerts.unacknowledgedChanged.connect(self._alerts_waiting)
        self.alerts.incidentActivated.connect(self.incidentActivated)

    def _selected(self, post_id: int) -> None:
        self.map.select(post_id)
        self.postSelected.emit(post_id)

    def _alerts_waiting(self, count: int) -> None:
        text = self.tr("Alerts ({0} waiting)").format(count) if count else self.tr("Alerts")
        self.tabs.setTabText(self.alerts_index, text)

    def filter_changed(self, flt) -> None:
        """The incident table's filter changed (anywhere): mark its post if it shows exactly one."""
        post_id = flt.post_ids[0] if len(flt.post_ids) == 1 else None
        self.posts.set_selected(post_id)
        self.map.select(post_id)
