"""Item model of the alerts list: the rows the alerts panel hands it (no I/O here)."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QFont

from sitcentre.domain.alerts import Alert, AlertPriority
from sitcentre.domain.records import Post, utcnow
from ui.common.table_model import ReadOnlyTableModel
from ui.incidents.incident_picker import pick_text
from ui.posts.post_style import (
    DARK_GROUNDS,
    PRIORITY_COLOURS,
    all_posts_name,
    centre_name,
    dark_theme,
    duration_text,
    priorities,
    text_colour,
)

COL_SENT, COL_PRIORITY, COL_FROM, COL_TO, COL_MESSAGE, COL_INCIDENT, COL_ACK = range(7)
ALERT_ROLE = Qt.ItemDataRole.UserRole + 1
WAITING_BACKGROUND = QColor(255, 244, 214)
WAITING_BACKGROUND_DARK = QColor(60, 47, 17)  # the same amber tint under the dark theme's light text
WAITING_COLOUR = QColor("#b35c00")


def workstation_time(moment: datetime | None) -> str:
    """Alerts travel between time zones: one list shows them all on this workstation's clock."""
    return moment.astimezone().strftime("%Y-%m-%d %H:%M") if moment else ""



def _readable(colour: str) -> str:
    """A priority's or the waiting state's colour, lightened on the dark theme until it reads on a waiting row too."""
    return text_colour(colour, dark_theme(), DARK_GROUNDS + (WAITING_BACKGROUND_DARK.name(),))

class AlertTableModel(ReadOnlyTableModel):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.alerts: list[Alert] = []
        self.incidents: dict = {}  # incident id -> IncidentListRow of the related incidents
        self.posts: dict[int, Post] = {}
        self.now = utcnow()
        self.headers = (self.tr("Sent"), self.tr("Priority"), self.tr("From"), self.tr("To"), self.tr("Message"),
                        self.tr("Incident"), self.tr("Acknowledged"))

    def set_alerts(self, alerts: list[Alert] | tuple[Alert, ...], posts: dict[int, Post],
                   now: datetime | None = None, incidents: dict | None = None) -> None:
        """incidents: the related incidents' list rows by id (AlertList.incidents), for their numbers."""
        self.beginResetModel()
        self.alerts, self.posts, self.now = list(alerts), dict(posts), now or utcnow()
        self.incidents = dict(incidents or {})
        self.endResetModel()

    def alert_at(self, row: int) -> Alert | None:
        return self.alerts[row] if 0 <= row < len(self.alerts) else None

    def row_of(self, alert_id) -> int | None:
        return next((i for i, a in enumerate(self.alerts) if a.id == alert_id), None)

    # ------------------------------------------------------------------------------- Qt interface

    def _row_count(self) -> int:
        return len(self.alerts)

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self.alerts):
            return None
        alert, column = self.alerts[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(alert, column)
        if role == ALERT_ROLE:
            return alert
        if role == Qt.ItemDataRole.ToolTipRole and column in (COL_MESSAGE, COL_INCIDENT):
            return alert.text if column == COL_MESSAGE else (self.incident_text(alert) if alert.incident_id else None)
        if role == Qt.ItemDataRole.BackgroundRole and not alert.acknowledged:
            return QBrush(WAITING_BACKGROUND_DARK if dark_theme() else WAITING_BACKGROUND)  # read at each paint
        if role == Qt.ItemDataRole.ForegroundRole:
            if column == COL_PRIORITY:
                return QBrush(QColor(_readable(PRIORITY_COLOURS[alert.priority])))
            if column == COL_ACK and not alert.acknowledged:
                return QBrush(QColor(_readable(WAITING_COLOUR.name())))
        if role == Qt.ItemDataRole.FontRole and column == COL_PRIORITY and alert.priority in (
                AlertPriority.HIGH, AlertPriority.URGENT):
            font = QFont()
            font.setBold(True)
            return font
        return None

    def _text(self, alert: Alert, column: int) -> str | None:
        if column == COL_SENT:
            return workstation_time(alert.sent_at)
        if column == COL_PRIORITY:
            return priorities()[alert.priority]
        if column == COL_FROM:
            return self.post_name(alert.from_post_id, centre_name())
        if column == COL_TO:
            return self.post_name(alert.to_post_id, all_posts_name())
        if column == COL_MESSAGE:
            return alert.text.splitlines()[0] if alert.text else ""
        if column == COL_INCIDENT:
            return self.incident_label(alert)
        if column == COL_ACK:
            return self.acknowledgement(alert)
        return None

    def incident_label(self, alert: Alert) -> str:
        """The related incident's number; the start of its id when it has none or has not arrived here yet."""
        if alert.incident_id is None:
            return ""
        row = self.incidents.get(alert.incident_id)
        return row.label if row is not None else alert.incident_id.hex[:8]

    def incident_text(self, alert: Alert) -> str:
        """Number, post, local time and substances of the related incident, for the detail and tooltip."""
        row = self.incidents.get(alert.incident_id)
        if row is None:
            return self.tr("{0} (not in this database yet)").format(alert.incident_id.hex[:8])
        return pick_text(row)

    def post_name(self, post_id: int | None, none_text: str) -> str:
        if post_id is None:
            return none_text
        post = self.posts.get(post_id)
        return post.name if post else f"#{post_id}"

    def acknowledgement(self, alert: Alert) -> str:
        if not alert.acknowledged:
            if alert.sent_at is None:
                return self.tr("Waiting")
            return self.tr("Waiting for {0}").format(duration_text((self.now - alert.sent_at).total_seconds() / 3600))
        took = alert.response_time.total_seconds() / 3600 if alert.response_time else None
        return self.tr("{0}, {1} (after {2})").format(alert.acknowledged_by or "?",
                                                      workstation_time(alert.acknowledged_at), duration_text(took))
