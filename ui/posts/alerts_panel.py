"""The alerts view: counterpart alerts sent and received, waiting ones first; acknowledge, send a new one.

The receiver acknowledges; both sides then see who acknowledged and when (the change_log trigger on
`alerts` brings it to every workstation; here, runner.changes at once). Reading and writing run on the
task runner (design rule 4).
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMainWindow,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from sitcentre.backend import Desk
from sitcentre.domain.alerts import Alert, AlertList
from sitcentre.domain.changes import Changes, Topic
from sitcentre.domain.queries import AlertQuery
from ui.common.messages import message_for
from ui.common.tasks import TaskRunner
from ui.common.theme import is_theme_event
from ui.posts.alerts_dialog import SendAlertDialog
from ui.posts.alerts_model import ALERT_ROLE, COL_MESSAGE, AlertTableModel, workstation_time
from ui.posts.post_style import dark_theme, muted, priorities

TOPICS = (Topic.ALERTS, Topic.POSTS)  # the alerts, and the posts' names they show
RELOAD_PAUSE_MS = 200


class AlertsPanel(QWidget):
    unacknowledgedChanged = Signal(int)
    loaded = Signal()
    incidentActivated = Signal(object)  # uuid of the related incident (double click)

    def __init__(self, runner: TaskRunner, desk: Desk, parent=None):
        super().__init__(parent)
        self.setObjectName("AlertsPanel")
        self.runner, self.desk = runner, desk  # the desk acts for the signed-in user: it checks what they may do
        self.query = AlertQuery()
        self.result: AlertList | None = None
        self.dialogs: list[SendAlertDialog] = []
        self.model = AlertTableModel(self)
        self.show_choice = QComboBox()
        self.show_choice.addItem(self.tr("All alerts"), False)
        self.show_choice.addItem(self.tr("Waiting for acknowledgement"), True)
        self.post_choice = QComboBox()
        self.post_choice.addItem(self.tr("Every post and the centre"), None)
        self.post_choice.setMinimumContentsLength(18)
        self.summary = QLabel()
        self.ack_button = QPushButton(self.tr("Acknowledge"))
        self.ack_button.setToolTip(self.tr("Confirm that the selected alert was received and acted upon"))
        self.ack_button.setEnabled(False)
        self.new_button = QPushButton(self.tr("New alert…"))
        self.view = self._build_view()
        self.detail = QLabel()
        self.detail.setWordWrap(True)
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.detail.setMinimumHeight(70)
        self.dark: bool | None = None
        self._restyle()
        self._lay_out()
        self.show_choice.currentIndexChanged.connect(self._query_changed)
        self.post_choice.currentIndexChanged.connect(self._query_changed)
        self.ack_button.clicked.connect(self.acknowledge_selected)
        self.new_button.clicked.connect(lambda: self.open_send_dialog())
        self._reload_timer = QTimer(self, singleShot=True, interval=RELOAD_PAUSE_MS)
        self._reload_timer.timeout.connect(self.reload)
        self._clock = QTimer(self, interval=60_000)  # "waiting for 3 h" grows without any change
        self._clock.timeout.connect(self.reload)
        self._clock.start()
        runner.changes.subscribe(TOPICS, self.apply_changes, owner=self)
        self.reload()

    def _build_view(self) -> QTableView:
        view = QTableView()
        view.setModel(self.model)
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        view.setAlternatingRowColors(False)
        view.setWordWrap(False)
        view.verticalHeader().setVisible(False)
        view.verticalHeader().setDefaultSectionSize(24)
        for column, width in enumerate((130, 70, 130, 150, 300, 80, 260)):
            view.setColumnWidth(column, width)
        view.horizontalHeader().setSectionResizeMode(COL_MESSAGE, QHeaderView.ResizeMode.Stretch)
        view.selectionModel().selectionChanged.connect(self._selection_changed)
        view.doubleClicked.connect(self._double_clicked)
        return view

    def _restyle(self) -> None:
        """The summary's grey and the detail's frame for the current theme (the table reads its colours at paint)."""
        self.dark = dark_theme()
        border = "#4a4f55" if self.dark else "#d3dae0"
        self.summary.setStyleSheet(f"color: {muted(self.dark)};")
        self.detail.setStyleSheet(f"QLabel {{ background: palette(base); border: 1px solid {border}; padding: 8px; }}")

    def changeEvent(self, event) -> None:  # Qt override: the theme was switched
        super().changeEvent(event)
        if is_theme_event(event) and hasattr(self, "detail") and self.dark != dark_theme():
            self._restyle()

    def _lay_out(self) -> None:
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Show:")))
        top.addWidget(self.show_choice)
        top.addWidget(QLabel(self.tr("Post:")))
        top.addWidget(self.post_choice)
        top.addWidget(self.summary, 1)
        top.addWidget(self.ack_button)
        top.addWidget(self.new_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(top)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.detail)

    # ----------------------------------------------------------------------------------- reading

    def _query_changed(self, *_args) -> None:
        self.query = AlertQuery(post_id=self.post_choice.currentData(),
                                unacknowledged_only=bool(self.show_choice.currentData()))
        self.reload()

    def reload(self) -> None:
        alerts, query = self.desk.alerts, self.query
        self.runner.submit(lambda: alerts.list(query), self._loaded, key="alerts")

    def apply_changes(self, changes: Changes) -> None:
        """Alerts or posts changed (here or anywhere): reload, a burst of changes costing one query."""
        self._reload_timer.start()

    def _loaded(self, result: AlertList) -> None:
        selected = self.selected_alert()
        self.result = result
        self._fill_posts(result)
        self.model.set_alerts(result.alerts, result.posts, incidents=result.incidents)  # their numbers
        if selected is not None and (row := self.model.row_of(selected.id)) is not None:
            self.view.selectRow(row)  # selecting scrolls to it: an acknowledged alert moves below the waiting
        self._selection_changed()
        waiting = sum(1 for a in result.alerts if not a.acknowledged)
        self.summary.setText(self.tr("{0} shown, {1} waiting").format(len(result.alerts), waiting))
        self.unacknowledgedChanged.emit(result.unacknowledged)
        self.loaded.emit()

    def _fill_posts(self, result: AlertList) -> None:
        if self.post_choice.count() > 1:
            return
        self.post_choice.blockSignals(True)
        for post in sorted(result.posts.values(), key=lambda p: p.name):
            self.post_choice.addItem(f"{post.name} ({post.border})", post.id)
        self.post_choice.blockSignals(False)

    def show_post(self, post_id: int | None) -> None:
        """Show the alerts one post sent or receives (None: all)."""
        index = self.post_choice.findData(post_id) if post_id is not None else 0
        self.post_choice.setCurrentIndex(max(index, 0))

    # ------------------------------------------------------------------------------- selection

    def selected_alert(self) -> Alert | None:
        rows = self.view.selectionModel().selectedRows()
        return rows[0].data(ALERT_ROLE) if rows else None

    def _selection_changed(self, *_args) -> None:
        alert = self.selected_alert()
        self.ack_button.setEnabled(alert is not None and not alert.acknowledged)
        self.detail.setText(self._describe(alert) if alert else self.tr("Select an alert to read it in full."))

    def _describe(self, alert: Alert) -> str:
        model = self.model
        head = self.tr("{0} priority · from {1} to {2} · sent {3} by {4}").format(
            priorities()[alert.priority], model.post_name(alert.from_post_id, self.tr("the situation centre")),
            model.post_name(alert.to_post_id, self.tr("all posts")), workstation_time(alert.sent_at),
            alert.sent_by or "?")
        lines = [head, "", alert.text]
        if alert.incident_id:
            lines += ["", self.tr("Related incident: {0} (double-click to open)").format(model.incident_text(alert))]
        lines += ["", model.acknowledgement(alert)]
        return "\n".join(lines)

    def _double_clicked(self, index) -> None:
        alert = index.data(ALERT_ROLE)
        if alert is not None and alert.incident_id is not None:
            self.incidentActivated.emit(alert.incident_id)

    # ----------------------------------------------------------------------------------- writing

    def acknowledge_selected(self) -> None:
        alert = self.selected_alert()
        if alert is None or alert.acknowledged:
            return
        alerts, alert_id = self.desk.alerts, alert.id
        self.ack_button.setEnabled(False)
        self.runner.submit(lambda: alerts.acknowledge(alert_id), self._acknowledged, self._failed)

    def _acknowledged(self, alert: Alert) -> None:
        window = self.window()
        if isinstance(window, QMainWindow):
            model = self.model
            window.statusBar().showMessage(self.tr("Alert acknowledged: from {0} to {1}, sent {2}").format(
                model.post_name(alert.from_post_id, self.tr("the situation centre")),
                model.post_name(alert.to_post_id, self.tr("all posts")), workstation_time(alert.sent_at)), 10000)
        if alert.acknowledged_by != self.desk.actor.username:
            self.detail.setText(self.tr("Already acknowledged by {0} at {1}.").format(
                alert.acknowledged_by, workstation_time(alert.acknowledged_at)))

    def _failed(self, error: BaseException) -> None:
        self.detail.setText(self.tr("Not acknowledged: {0}").format(message_for(error)))
        self.reload()

    def open_send_dialog(self, from_post_id: int | None = None, incident_id=None) -> SendAlertDialog | None:
        if self.result is None:
            return None
        dialog = SendAlertDialog(self.runner, self.desk, list(self.result.posts.values()),
                                 from_post_id=from_post_id, incident_id=incident_id, parent=self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.destroyed.connect(lambda: self.dialogs.remove(dialog) if dialog in self.dialogs else None)
        self.dialogs.append(dialog)
        dialog.show()
        return dialog

