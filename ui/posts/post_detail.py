"""A post's detail: its record, status history, newest incidents and alert response times per pair of posts.

Non-modal, so the operator can keep one open beside the table. It shows a PostDetail loaded on the task
runner (design rule 4) and is reloaded when the post panel sees a change.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from sitcentre.backend import Desk
from sitcentre.domain.days import local_text, offset_text
from sitcentre.domain.posts import PostDetail
from ui.common.tasks import TaskRunner
from ui.common.theme import is_theme_event
from ui.incidents.incident_labels import incident_types, statuses
from ui.posts.post_card import bundle_text, waiting_text
from ui.posts.post_style import (
    REPORT_COLOURS,
    STATUS_COLOURS,
    all_posts_name,
    centre_name,
    dark_theme,
    duration_text,
    kg_text,
    last_report_text,
    muted,
    pill_style,
    post_statuses,
    text_colour,
)

PILL = "border-radius: 9px; padding: 2px 10px; font-weight: bold;"


class PostDetailDialog(QDialog):
    showIncidents = Signal(int)  # post id
    changeStatusRequested = Signal(int)
    sendAlertRequested = Signal(int)

    def __init__(self, runner: TaskRunner, desk: Desk, post_id: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("PostDetailDialog")
        self.runner, self.desk, self.post_id = runner, desk, post_id
        self.detail: PostDetail | None = None
        self.setWindowTitle(self.tr("Post detail"))
        self.title = QLabel(self.tr("Loading…"))
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        self.title.setFont(font)
        self.status = QLabel()
        self.status.setStyleSheet(PILL)
        self.subtitle = QLabel()
        self.dark = dark_theme()  # the theme the texts were coloured for
        self.subtitle.setStyleSheet(f"color: {muted(self.dark)};")
        self.record = QFormLayout()
        self.history = self._table((self.tr("Changed (local)"), self.tr("From"), self.tr("To"), self.tr("Reason"),
                                    self.tr("By")))
        self.incidents = self._table((self.tr("Occurred (local)"), self.tr("Type"), self.tr("Substances"),
                                      self.tr("kg-equivalent"), self.tr("Status")))
        self.responses = self._table((self.tr("From"), self.tr("To"), self.tr("Acknowledged"), self.tr("Waiting"),
                                      self.tr("Median"), self.tr("Average"), self.tr("Longest")))
        self.tabs = QTabWidget()
        overview = QWidget()
        overview.setLayout(self.record)
        self.tabs.addTab(overview, self.tr("Record"))
        self.tabs.addTab(self.history, self.tr("Status history"))
        self.tabs.addTab(self.incidents, self.tr("Recent incidents"))
        self.tabs.addTab(self.responses, self.tr("Alert response times"))
        self.show_button = QPushButton(self.tr("Show its incidents"))
        self.status_button = QPushButton(self.tr("Change status…"))
        self.alert_button = QPushButton(self.tr("Send alert…"))
        self.show_button.clicked.connect(lambda: self.showIncidents.emit(self.post_id))
        self.status_button.clicked.connect(lambda: self.changeStatusRequested.emit(self.post_id))
        self.alert_button.clicked.connect(lambda: self.sendAlertRequested.emit(self.post_id))
        self._lay_out()
        self.resize(760, 520)
        self.reload()

    def _table(self, headers: tuple[str, ...]) -> QTableWidget:
        table = QTableWidget(0, len(headers))
        table.setHorizontalHeaderLabels(list(headers))
        table.verticalHeader().setVisible(False)
        table.verticalHeader().setDefaultSectionSize(22)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setWordWrap(False)
        table.horizontalHeader().setStretchLastSection(True)
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        return table

    def _lay_out(self) -> None:
        head = QHBoxLayout()
        head.addWidget(self.title)
        head.addWidget(self.status)
        head.addStretch(1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.show_button)
        buttons.addStretch(1)
        buttons.addWidget(self.alert_button)
        buttons.addWidget(self.status_button)
        layout = QVBoxLayout(self)
        layout.addLayout(head)
        layout.addWidget(self.subtitle)
        layout.addWidget(self.tabs, 1)
        layout.addLayout(buttons)

    def changeEvent(self, event) -> None:  # Qt override: the theme was switched
        super().changeEvent(event)
        if is_theme_event(event) and hasattr(self, "dark") and self.dark != dark_theme():
            self.dark = dark_theme()
            self.subtitle.setStyleSheet(f"color: {muted(self.dark)};")
            if self.detail is not None:
                self._fill_record(self.detail)  # the last report's colour

    # ----------------------------------------------------------------------------------- loading

    def reload(self) -> None:
        posts, post_id = self.desk.posts, self.post_id
        self.runner.submit(lambda: posts.detail(post_id), self.show_detail, key=f"post-detail-{post_id}")

    def show_detail(self, detail: PostDetail | None) -> None:
        if detail is None:
            self.title.setText(self.tr("This post no longer exists."))
            return
        self.detail = detail
        post = detail.record.post
        self.setWindowTitle(self.tr("{0} — post detail").format(post.name))
        self.title.setText(post.name)
        self.status.setText(post_statuses()[post.status])
        self.status.setStyleSheet(PILL + pill_style(STATUS_COLOURS[post.status]))
        self.subtitle.setText(self.tr("{0} crossing  ·  {1} border  ·  {2} side, counterpart {3}  ·  {4}").format(
            post.crossing, post.border, post.country_code, post.counterpart_country_code,
            offset_text(post.utc_offset_minutes)))
        self._fill_record(detail)
        self._fill_history(detail)
        self._fill_incidents(detail)
        self._fill_responses(detail)

    def _fill_record(self, detail: PostDetail) -> None:
        while self.record.rowCount():
            self.record.removeRow(0)
        post, card, summary = detail.record.post, detail.card, detail.card.summary
        since = local_text(post.status_since, post.utc_offset_minutes)
        report = QLabel(self.tr("{0} ago ({1})").format(duration_text(card.hours_since_report),
                                                        local_text(post.last_report_at, post.utc_offset_minutes))
                        if post.last_report_at else last_report_text(None))
        report.setStyleSheet(f"color: {text_colour(REPORT_COLOURS[card.report], self.dark)};")
        rows = [
            (self.tr("Code:"), QLabel(post.code)),
            (self.tr("Status:"), QLabel(self.tr("{0} since {1}").format(post_statuses()[post.status], since)
                                        if since else post_statuses()[post.status])),
            (self.tr("Reason:"), QLabel(post.status_reason or "—")),
            (self.tr("Last report:"), report),
            (self.tr("Incidents:"), QLabel(self.tr("{0} in 24 h, {1} in 7 days, {2} in all").format(
                summary.incidents_24h, summary.incidents_7d, f"{detail.incident_count:,}"))),
            (self.tr("Drugs seized in 30 days:"), QLabel(self.tr("{0} (kg-equivalent)").format(
                kg_text(summary.kg_30d)))),
            (self.tr("Precursors seized in 30 days:"), QLabel(self.tr("{0} (counted apart from the drugs)").format(
                kg_text(summary.precursors_kg_30d)))),
            (self.tr("Alerts waiting:"), QLabel(str(card.unacknowledged_alerts))),
            *([(self.tr("Exchange:"), QLabel(" · ".join(t for t in (
                bundle_text(card.exchange, post.utc_offset_minutes), waiting_text(card.exchange)) if t)))]
              if card.exchange is not None else []),  # at a centre: what came from the post (issue 13)
            (self.tr("Coordinates:"), QLabel(f"{post.latitude:.4f}° N, {post.longitude:.4f}° E")),
            (self.tr("Staff:"), QLabel(detail.record.staff_notes or "—")),
            (self.tr("Equipment:"), QLabel(detail.record.equipment_notes or "—")),
        ]
        for label, widget in rows:
            widget.setWordWrap(True)
            widget.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.record.addRow(label, widget)

    def _fill_history(self, detail: PostDetail) -> None:
        names, offset = post_statuses(), detail.record.post.utc_offset_minutes
        rows = [(local_text(h.changed_at, offset), names[h.old_status] if h.old_status else "—", names[h.status],
                 h.reason, h.changed_by) for h in detail.history]
        self._fill(self.history, rows, self.tr("No status change recorded yet."))

    def _fill_incidents(self, detail: PostDetail) -> None:
        types, states = incident_types(), statuses()
        rows = [(local_text(r.occurred_at, r.utc_offset_minutes), types.get(r.incident_type, r.incident_type),
                 r.substances, kg_text(r.total_kg) if r.total_kg else "", states.get(r.status, r.status))
                for r in detail.incidents]
        self._fill(self.incidents, rows, self.tr("No incidents recorded at this post."))

    def _fill_responses(self, detail: PostDetail) -> None:
        def name(post_id, none_text):
            return none_text if post_id is None else detail.posts[post_id].name if post_id in detail.posts else "?"

        def hours(seconds):
            return duration_text(seconds / 3600) if seconds is not None else "—"

        rows = [(name(t.from_post_id, centre_name()), name(t.to_post_id, all_posts_name()), str(t.acknowledged),
                 str(t.waiting), hours(t.median_s), hours(t.mean_s), hours(t.longest_s))
                for t in detail.response_times]
        self._fill(self.responses, rows, self.tr("No alerts sent or received yet."))

    def _fill(self, table: QTableWidget, rows: list[tuple], empty_text: str) -> None:
        table.setRowCount(max(len(rows), 1))
        table.clearSpans()
        if not rows:
            item = QTableWidgetItem(empty_text)
            item.setForeground(Qt.GlobalColor.gray)
            table.setItem(0, 0, item)
            table.setSpan(0, 0, 1, table.columnCount())
            return
        for r, values in enumerate(rows):
            for c, value in enumerate(values):
                table.setItem(r, c, QTableWidgetItem(str(value)))
